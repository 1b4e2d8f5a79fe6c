import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { tickLabel } from '../training/drawLineChart';
import { drawHeatmap, pathColour, type Heatmap, type HeatmapProbe } from './drawHeatmap';
import { chartTheme, useFrameDraw } from './useFrameDraw';
import { tooltipStyle } from './tooltipStyle';

/** Wider or taller than this, a canvas of one pixel per cell fails in some browsers. */
const MAX_SIDE = 8192;

/** Why a heatmap from the kernel cannot be drawn, or null when it can. */
function problemWith(h: Heatmap): string | null {
  const sized = (n: number) => Number.isInteger(n) && n > 0 && n <= MAX_SIDE;
  if (!sized(h.rows) || !sized(h.columns)) return `a heatmap needs 1 to ${MAX_SIDE} rows and columns, not ${h.rows} × ${h.columns}`;
  if (!(h.z instanceof Float32Array) || h.z.length !== h.rows * h.columns) return `its values do not fill ${h.rows} × ${h.columns} cells`;
  const range = (r: unknown) => Array.isArray(r) && r.length === 2 && r.every(Number.isFinite);
  if (!range(h.x) || !range(h.y)) return 'its x and y ranges must be two finite numbers each';
  if (!Number.isFinite(h.min) || !Number.isFinite(h.max)) return 'it has no finite values to colour';
  return null;
}

/** display.heatmap: a matrix or a 2-D function in viridis, with paths over it (optimizers crossing a loss surface). */
export function HeatmapView({ heatmap }: { heatmap: Heatmap }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const probe = useRef<HeatmapProbe | null>(null);
  const [hover, setHover] = useState<{ px: number; py: number; text: string } | null>(null);
  const problem = problemWith(heatmap);
  const blank = useMemo(() => (problem ? 0 : heatmap.z.reduce((n, v) => (Number.isFinite(v) ? n : n + 1), 0)), [heatmap, problem]);

  useFrameDraw(
    canvas,
    () => {
      if (canvas.current && !problem) probe.current = drawHeatmap(canvas.current, heatmap, chartTheme(canvas.current));
    },
    heatmap,
  );

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    const py = e.clientY - box.top;
    const found = probe.current?.(px, py);
    setHover(
      found
        ? {
            px,
            py,
            text: `x ${tickLabel(found.x)}, y ${tickLabel(found.y)}: ${Number.isFinite(found.value) ? tickLabel(found.value) : 'blank'}`,
          }
        : null,
    );
  };

  const title = heatmap.title || 'Heatmap';
  const paths = Array.isArray(heatmap.paths) ? heatmap.paths : [];
  if (problem) {
    return (
      <figure role="region" aria-label={title} className="plot">
        <div className="plot-note">This heatmap could not be drawn: {problem}.</div>
      </figure>
    );
  }
  const description =
    `Heatmap of ${heatmap.rows} × ${heatmap.columns} values from ${tickLabel(heatmap.min)} to ${tickLabel(heatmap.max)}` +
    (paths.length ? `, with ${paths.map((p) => String(p.name)).join(', ')}` : '');
  return (
    <figure role="region" aria-label={title} className="plot">
      {heatmap.title && <figcaption>{heatmap.title}</figcaption>}
      <div className="plot-canvas-wrap">
        <canvas
          ref={canvas}
          role="img"
          aria-label={description}
          className="plot-canvas heatmap-canvas"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        {hover && (
          <div className="plot-tooltip" style={tooltipStyle(hover.px, hover.py, canvas.current?.clientWidth ?? 0)} aria-hidden="true">
            {hover.text}
          </div>
        )}
      </div>
      {paths.length > 0 && (
        <div className="chart-legend">
          {paths.map((p, i) => (
            <span key={`${i}:${p.name}`}>
              <i style={{ background: pathColour(i) }} /> {String(p.name)}
            </span>
          ))}
        </div>
      )}
      {blank > 0 && (
        <div className="plot-note">
          {blank.toLocaleString()} {blank === 1 ? 'cell' : 'cells'} left blank: NaN or Infinity
        </div>
      )}
    </figure>
  );
}
