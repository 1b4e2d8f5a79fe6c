// A minimal line chart on a 2-D canvas for live training curves. A recharts
// redraw held the main thread for 150–200 ms on the test machines while a
// model trained; drawing a few hundred points here takes about a millisecond.

export interface ChartSeries {
  name: string;
  colour: string;
  points: Array<{ x: number; y: number }>;
  /** Epoch values are few: mark each one. */
  dots?: boolean;
  /** Drawn pale behind its smoothed line, as TensorBoard shows raw values. */
  faint?: boolean;
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
}

export interface ChartTheme {
  text: string;
  grid: string;
}

const PAD = { left: 52, right: 10, top: 8, bottom: 22 };

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

const label = (v: number) =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3)));

/** Draws the series, with axes and grid, filling the canvas (in CSS pixels × devicePixelRatio). */
export function drawLineChart(canvas: HTMLCanvasElement, series: ChartSeries[], theme: ChartTheme, options: ChartOptions = {}): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);

  // On a log axis values are drawn as their log10, and the ticks say 10^t.
  const ty = (y: number) => (options.logY ? (y > 0 ? Math.log10(y) : NaN) : y);
  series = series.map((s) => ({ ...s, points: s.points.map((p) => ({ x: p.x, y: ty(p.y) })) }));
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y));
  if (!all.length) return;
  const xMax = Math.max(1, ...all.map((p) => p.x), ...(options.marks ?? []).map((m) => m.x));
  let yMin = Math.min(...all.map((p) => p.y));
  let yMax = Math.max(...all.map((p) => p.y));
  // A flat line (a constant learning rate) gets a band around it, not a range lost in rounding.
  if (yMax - yMin <= Math.abs(yMax) * 1e-9) {
    const pad = yMax !== 0 ? Math.abs(yMax) * 0.5 : 1;
    [yMin, yMax] = [yMin - pad, yMax + pad];
  }
  const span = yMax - yMin;
  yMin -= span * 0.05;
  yMax += span * 0.05;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + (x / xMax) * plotW;
  const sy = (y: number) => PAD.top + (1 - (y - yMin) / (yMax - yMin)) * plotH;

  ctx.font = '11px system-ui, sans-serif';
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of niceTicks(yMin, yMax)) {
    ctx.beginPath();
    ctx.moveTo(PAD.left, Math.round(sy(t)) + 0.5);
    ctx.lineTo(width - PAD.right, Math.round(sy(t)) + 0.5);
    ctx.stroke();
    ctx.fillText(options.logY ? label(10 ** t) : label(t), PAD.left - 6, sy(t));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of niceTicks(0, xMax).filter((t) => Number.isInteger(t))) ctx.fillText(String(t), sx(t), height - PAD.bottom + 6);

  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.setLineDash([4, 3]);
  for (const [i, m] of (options.marks ?? []).entries()) {
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

  for (const s of series) {
    const pts = s.points.filter((p) => Number.isFinite(p.y));
    if (!pts.length) continue;
    ctx.strokeStyle = s.colour;
    ctx.fillStyle = s.colour;
    ctx.globalAlpha = s.faint ? 0.3 : 1;
    ctx.lineWidth = s.dots ? 2 : 1.5;
    ctx.beginPath();
    pts.forEach((p, i) => (i ? ctx.lineTo(sx(p.x), sy(p.y)) : ctx.moveTo(sx(p.x), sy(p.y))));
    ctx.stroke();
    if (s.dots) {
      for (const p of pts) {
        ctx.beginPath();
        ctx.arc(sx(p.x), sy(p.y), 3, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;
  }
}
