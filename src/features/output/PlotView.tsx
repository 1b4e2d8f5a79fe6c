import { useRef, useState, type MouseEvent } from 'react';
import type { PlotOutput } from '../../protocol/display';
import { CHART_PAD, drawLineChart, tickLabel, type ChartLayout, type ChartSeries } from '../training/drawLineChart';
import { cleanPlot, nearestPoint, preparePlot, type CleanedPlot, type PreparedPlot } from '../plots/preparePlot';
import { StopLoopButton } from '../plots/StopLoopButton';
import { tooltipStyle } from '../plots/tooltipStyle';
import { chartTheme, useFrameDraw } from '../plots/useFrameDraw';
import { SERIES_COLOURS } from './chartColours';

type Hover = NonNullable<ReturnType<typeof nearestPoint>>;

/** Above this many points, a plot is read in one frame and drawn in the next. */
const SPLIT_POINTS = 20_000;

/** A hovered value as it was sent, to five significant digits. */
const exact = (v: number) => String(Number(v.toPrecision(5)));

const plural = (n: number, one: string) => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`;

/** Says under the plot what it could not draw, so a NaN loss is seen rather than silently missing. */
function noteFor(p: PreparedPlot): string {
  if (p.total === 0) return 'No points to draw yet';
  const parts = [];
  if (p.notFinite > 0) parts.push(`${plural(p.notFinite, 'point')} not drawn: NaN or Infinity`);
  if (p.notPositive > 0) parts.push(`${plural(p.notPositive, 'point')} not drawn: at or below 0 on a log scale`);
  if (p.unpaired > 0) parts.push(`${plural(p.unpaired, 'point')} not drawn: x and y of different lengths`);
  if (p.tangled > 0) {
    parts.push(`${plural(p.tangled, 'point')} not drawn: the line goes back and forth too often (sort by x, or use type: 'scatter')`);
  }
  return parts.join('; ');
}

/** The plot in words, for screen readers: each series' size and latest value. */
function describe(plot: PlotOutput): string {
  const series = Array.isArray(plot.series) ? plot.series : [];
  const parts = series.map((s) => {
    const n = s.y instanceof Float64Array || Array.isArray(s.y) ? s.y.length : 0;
    const last = n ? s.y[n - 1] : undefined;
    return `${String(s.name)} (${plural(n, 'point')}${typeof last === 'number' ? `, last ${tickLabel(last)}` : ''})`;
  });
  return `${plot.type === 'scatter' ? 'Scatter' : 'Line'} plot of ${parts.join(', ') || 'no points'}`;
}

/**
 * display.plot: lines or a scatter on a canvas, redrawn at most once a frame as a live plot grows.
 * The canvas says how many points it drew from (data-points) and how often it drew (data-draws).
 */
export function PlotView({ plot, running }: { plot: PlotOutput; running: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<{ series: ChartSeries[]; layout: ChartLayout | null }>({ series: [], layout: null });
  const draws = useRef(0);
  const [note, setNote] = useState('');
  const [hover, setHover] = useState<Hover | null>(null);
  /** Where the mouse is over the canvas: a live plot that redraws under it moves its tooltip to the new nearest point. */
  const mouse = useRef<{ x: number; y: number } | null>(null);
  const pointAt = () => {
    const { layout, series } = drawn.current;
    const found = layout && mouse.current ? nearestPoint(series, layout, mouse.current) : null;
    setHover((h) => (h && found && h.name === found.name && h.x === found.x && h.y === found.y && h.px === found.px ? h : found));
  };

  /** The plot's points read once (cleanPlot), kept for the frames that draw it. */
  const read = useRef<CleanedPlot | null>(null);
  /** Whether the last frame only read the plot, leaving the drawing to this one. */
  const deferred = useRef(false);
  const redraw = useFrameDraw(
    canvas,
    () => {
      const c = canvas.current;
      if (!c) return;
      if (read.current?.plot !== plot) {
        read.current = cleanPlot(plot);
        // A big plot reads its points in one frame and draws in the next: both at once took a
        // first plot of 100,000 points (its code not yet optimised by the JIT) 50–67 ms. A live
        // plot that changes every frame draws every other frame, not never.
        const big = read.current.cleaned.reduce((n, c) => n + c.x.length, 0) > SPLIT_POINTS;
        if (big && !deferred.current) {
          deferred.current = true;
          return redraw();
        }
      }
      deferred.current = false;
      const width = c.clientWidth - CHART_PAD.left - CHART_PAD.right;
      const height = c.clientHeight - CHART_PAD.top - CHART_PAD.bottom;
      const prepared = preparePlot(plot, width, height, read.current);
      const layout = drawLineChart(c, prepared.series, chartTheme(c), { logY: plot.logY, xAxis: 'data' });
      drawn.current = { series: prepared.series, layout };
      draws.current++;
      c.dataset.points = String(prepared.total);
      c.dataset.draws = String(draws.current);
      // A string: React skips the render when the note is what it was.
      setNote(noteFor(prepared));
      pointAt();
    },
    plot,
  );

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    mouse.current = { x: e.clientX - box.left, y: e.clientY - box.top };
    pointAt();
  };
  const onLeave = () => {
    mouse.current = null;
    setHover(null);
  };

  const series = Array.isArray(plot.series) ? plot.series : [];
  return (
    <figure role="region" aria-label={plot.title || 'Plot'} className="plot">
      {plot.title && <figcaption>{plot.title}</figcaption>}
      <div className="plot-body">
        {plot.yLabel && <div className="plot-ylabel">{plot.yLabel}</div>}
        <div className="plot-canvas-wrap">
          <canvas ref={canvas} role="img" aria-label={describe(plot)} className="plot-canvas" onMouseMove={onMove} onMouseLeave={onLeave} />
          {hover && (
            <div className="plot-tooltip" style={tooltipStyle(hover.px, hover.py, canvas.current?.clientWidth ?? 0)} aria-hidden="true">
              <i style={{ background: hover.colour }} /> {hover.name}: x {exact(hover.x)}, y {exact(hover.y)}
            </div>
          )}
        </div>
      </div>
      {plot.xLabel && <div className="plot-xlabel">{plot.xLabel}</div>}
      {series.length > 1 && (
        <div className="chart-legend">
          {series.map((s, i) => (
            <span key={`${i}:${String(s.name)}`}>
              <i style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} /> {String(s.name)}
            </span>
          ))}
        </div>
      )}
      {(note || (running && plot.id)) && (
        <div className="plot-foot">
          {note && <span className="plot-note">{note}</span>}
          {running && plot.id && <StopLoopButton />}
        </div>
      )}
    </figure>
  );
}
