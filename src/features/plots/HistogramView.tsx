import { useRef, useState, type MouseEvent } from 'react';
import { tickLabel } from '../training/drawLineChart';
import { drawHistogram, histogramProblem, type Histogram } from './drawHistogram';
import { chartTheme, useFrameDraw } from './useFrameDraw';
import { tooltipStyle } from './tooltipStyle';

/** display.histogram: how weights or activations are spread, binned in the kernel. */
export function HistogramView({ histogram }: { histogram: Histogram }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const probe = useRef<((px: number, py: number) => number) | null>(null);
  const [hover, setHover] = useState<{ px: number; py: number; bin: number } | null>(null);
  const problem = histogramProblem(histogram);

  useFrameDraw(
    canvas,
    () => {
      if (canvas.current && !problem) probe.current = drawHistogram(canvas.current, histogram, chartTheme(canvas.current));
    },
    histogram,
  );

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    const py = e.clientY - box.top;
    const bin = probe.current?.(px, py) ?? -1;
    setHover((h) => (bin < 0 ? null : h && h.bin === bin ? h : { px, py, bin }));
  };

  const title = histogram.title || 'Histogram';
  const skipped = Number.isFinite(histogram.skipped) ? histogram.skipped : 0;
  const note = skipped > 0 && <div className="plot-note">{skipped.toLocaleString()} values not counted: NaN or Infinity</div>;
  if (problem) {
    return (
      <figure role="region" aria-label={title} className="plot">
        <div className="plot-note">This histogram could not be drawn: {problem}.</div>
        {note}
      </figure>
    );
  }
  const { edges, counts } = histogram;
  const total = counts.reduce((a, b) => a + b, 0);
  const span = `from ${tickLabel(edges[0])} to ${tickLabel(edges[edges.length - 1])}`;
  const description = `Histogram of ${total.toLocaleString()} values in ${counts.length} bins ${span}`;
  return (
    <figure role="region" aria-label={title} className="plot">
      {histogram.title && <figcaption>{histogram.title}</figcaption>}
      <div className="plot-canvas-wrap">
        <canvas
          ref={canvas}
          role="img"
          aria-label={description}
          className="plot-canvas"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        {hover && (
          <div className="plot-tooltip" style={tooltipStyle(hover.px, hover.py, canvas.current?.clientWidth ?? 0)} aria-hidden="true">
            {tickLabel(edges[hover.bin])} to {tickLabel(edges[hover.bin + 1])}: {counts[hover.bin].toLocaleString()}
          </div>
        )}
      </div>
      {histogram.xLabel && <div className="plot-xlabel">{histogram.xLabel}</div>}
      {note}
    </figure>
  );
}
