// A minimal line chart on a 2-D canvas for live training curves and display.plot. A recharts
// redraw held the main thread for 150–200 ms on the test machines while a model trained;
// drawing a few thousand points here takes about a millisecond. Callers hand it few points
// (the training charts average buckets, plots keep each pixel column's extremes).

import { stampMarks, type MarkLayer } from '../plots/stampMarks';

export interface ChartSeries {
  name: string;
  colour: string;
  points: Array<{ x: number; y: number }>;
  /** Epoch values are few: mark each one. */
  dots?: boolean;
  /** Drawn pale behind its smoothed line, as TensorBoard shows raw values. */
  faint?: boolean;
  /** Marks only, no line (a scatter plot). */
  scatter?: boolean;
}

/** A vertical line at x with a short label: early stopping, a learning-rate cut, the best epoch. */
export interface ChartMark {
  x: number;
  label: string;
  colour: string;
}

export interface ChartOptions {
  /** A log10 y axis (values ≤ 0 are left out). */
  logY?: boolean;
  marks?: ChartMark[];
  /** 'steps' (the default): from 0, integer ticks, as training counts batches. 'data': from the data's min to its max. */
  xAxis?: 'steps' | 'data';
}

export interface ChartTheme {
  text: string;
  grid: string;
}

/** Where the drawing went, in CSS pixels: for hover, which maps the mouse back to points. */
export interface ChartLayout {
  /** A data point's position (y as given, before any log). */
  toPixel(x: number, y: number): { px: number; py: number };
}

/** Points per stroked piece of a line. */
const STROKE_CHUNK = 2000;

/** The room around the plotting area, for the tick labels. */
export const CHART_PAD = { left: 52, right: 10, top: 8, bottom: 22 };

/** Round, readable tick values spanning [min, max]. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  // A span lost in rounding (0.01 against 0.010000000000000002) would never step past min.
  if (!(raw > Math.abs(max) * 1e-12)) return [min];
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** A tick or tooltip number, short: 0.25, 1230, 50000, 1.2e+5, 3.0e-3. */
export const tickLabel = (v: number) =>
  Math.abs(v) >= 1e5 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3)));

/** Sizes the canvas's backing store to its CSS size × devicePixelRatio and clears it; null without a 2-D context. */
export function fitCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; width: number; height: number } | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  return { ctx, width, height };
}

/** Horizontal grid lines with labels on the left, and tick labels under the x axis. */
export function drawAxes(
  ctx: CanvasRenderingContext2D,
  box: { left: number; right: number; top: number; bottom: number },
  y: { ticks: number[]; at: (v: number) => number; label: (v: number) => string },
  x: { ticks: number[]; at: (v: number) => number; label: (v: number) => string },
  theme: ChartTheme,
): void {
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of y.ticks) {
    ctx.beginPath();
    ctx.moveTo(box.left, Math.round(y.at(t)) + 0.5);
    ctx.lineTo(box.right, Math.round(y.at(t)) + 0.5);
    ctx.stroke();
    ctx.fillText(y.label(t), box.left - 6, y.at(t));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.ticks) ctx.fillText(x.label(t), x.at(t), box.bottom + 6);
}

/** The smallest and largest of values (loops: spreading 100,000 arguments overflows the stack). */
function extent(values: Iterable<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** Draws the series, with axes and grid, filling the canvas (in CSS pixels × devicePixelRatio). */
export function drawLineChart(
  canvas: HTMLCanvasElement,
  series: ChartSeries[],
  theme: ChartTheme,
  options: ChartOptions = {},
): ChartLayout | null {
  const fitted = fitCanvas(canvas);
  if (!fitted) return null;
  const { ctx, width, height } = fitted;

  // On a log axis values are drawn as their log10, and the ticks say 10^t.
  const ty = (y: number) => (options.logY ? (y > 0 ? Math.log10(y) : NaN) : y);
  series = series.map((s) => ({ ...s, points: s.points.map((p) => ({ x: p.x, y: ty(p.y) })) }));
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
  if (!all.length) return null;
  const marks = options.marks ?? [];
  const [dataXMin, dataXMax] = extent([...all.map((p) => p.x), ...marks.map((m) => m.x)]);
  const byData = options.xAxis === 'data';
  let xMin = byData ? dataXMin : 0;
  let xMax = byData ? dataXMax : Math.max(1, dataXMax);
  // One x value (a single point): a unit of room either side, so it sits in the middle.
  if (xMax === xMin) [xMin, xMax] = [xMin - 1, xMax + 1];
  let [yMin, yMax] = extent(all.map((p) => p.y));
  // A flat line (a constant learning rate) gets a band around it, not a range lost in rounding.
  if (yMax - yMin <= Math.abs(yMax) * 1e-9) {
    const pad = yMax !== 0 ? Math.abs(yMax) * 0.5 : 1;
    [yMin, yMax] = [yMin - pad, yMax + pad];
  }
  const span = yMax - yMin;
  yMin -= span * 0.05;
  yMax += span * 0.05;
  const PAD = CHART_PAD;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number) => PAD.top + (1 - (y - yMin) / (yMax - yMin)) * plotH;

  // Plots are often wide: a tick per 100 pixels or so, where training's narrow charts take 4.
  const xTicks = niceTicks(xMin, xMax, byData ? Math.max(3, Math.round(plotW / 100)) : 4);
  drawAxes(
    ctx,
    { left: PAD.left, right: width - PAD.right, top: PAD.top, bottom: height - PAD.bottom },
    { ticks: niceTicks(yMin, yMax), at: sy, label: (t) => (options.logY ? tickLabel(10 ** t) : tickLabel(t)) },
    { ticks: byData ? xTicks : xTicks.filter((t) => Number.isInteger(t)), at: sx, label: byData ? tickLabel : String },
    theme,
  );

  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.setLineDash([4, 3]);
  for (const [i, m] of marks.entries()) {
    const x = Math.round(sx(m.x)) + 0.5;
    ctx.strokeStyle = m.colour;
    ctx.fillStyle = m.colour;
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, PAD.top + plotH);
    ctx.stroke();
    // Labels step down so marks close together stay readable; near the right edge they go left.
    const text = m.label;
    const w = ctx.measureText(text).width;
    ctx.fillText(text, x + 3 + w > width - PAD.right ? x - 3 - w : x + 3, PAD.top + 2 + (i % 3) * 13);
  }
  ctx.setLineDash([]);

  const scatters: MarkLayer[] = [];
  for (const s of series) {
    const pts = s.points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
    if (!pts.length) continue;
    if (s.scatter) {
      scatters.push({ colour: s.colour, points: pts.map((p) => ({ px: sx(p.x), py: sy(p.y) })) });
      continue;
    }
    ctx.strokeStyle = s.colour;
    ctx.fillStyle = s.colour;
    ctx.globalAlpha = s.faint ? 0.3 : 1;
    // A hairline for thousands of points: a software canvas strokes it ten times faster than 1.5 px.
    ctx.lineWidth = s.dots ? 2 : pts.length > 1000 ? 1 : 1.5;
    // Stroked in pieces: one path of 100,000 segments that cross each other took seconds to stroke.
    for (let start = 0; start < pts.length - 1; start += STROKE_CHUNK) {
      ctx.beginPath();
      ctx.moveTo(sx(pts[start].x), sy(pts[start].y));
      const end = Math.min(pts.length, start + STROKE_CHUNK + 1);
      for (let i = start + 1; i < end; i++) ctx.lineTo(sx(pts[i].x), sy(pts[i].y));
      ctx.stroke();
    }
    // A line of one point (a live plot's first) is a dot, or nothing would show.
    if (s.dots || pts.length === 1) {
      ctx.beginPath();
      for (const p of pts) {
        ctx.moveTo(sx(p.x) + 3, sy(p.y));
        ctx.arc(sx(p.x), sy(p.y), 3, 0, Math.PI * 2);
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }
  if (scatters.length && !stampMarks(ctx, window.devicePixelRatio || 1, scatters)) {
    for (const layer of scatters) {
      ctx.fillStyle = layer.colour;
      ctx.beginPath();
      for (const { px, py } of layer.points) ctx.rect(px - 1.5, py - 1.5, 3, 3);
      ctx.fill();
    }
  }
  return { toPixel: (x, y) => ({ px: sx(x), py: sy(ty(y)) }) };
}
