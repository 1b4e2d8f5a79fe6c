import type { PlotOutput } from '../../protocol/display';
import { SERIES_COLOURS } from '../output/chartColours';
import { smoothValues } from '../training/decimate';
import type { ChartLayout, ChartSeries } from '../training/drawLineChart';
import { decimateExtremes, scatterGrid, thinScatter, type Point } from './decimateExtremes';

/** What a plot draws, cut to its size, and what it had to leave out. */
export interface PreparedPlot {
  series: ChartSeries[];
  /** Every point the series hold, drawn or not. */
  total: number;
  /** Points with NaN or ±Infinity in x or y. */
  notFinite: number;
  /** Points at or below 0 on a log axis. */
  notPositive: number;
  /** Points of lines left undrawn because the lines cross the plot back and forth too often to draw in a frame. */
  tangled: number;
  /** Points with an x and no y or a y and no x (the kernel refuses such series; this is for anything else). */
  unpaired: number;
}

/**
 * The points of a line that fit in `budget` CSS pixels of length. A line in x order, cut to four
 * points a pixel column, is at most about four heights a column; one that jumps back and forth
 * (x not in order) can be thousands of widths long, took seconds to stroke, and draws a solid block.
 */
function withinLength(points: Point[], budget: number, sx: number, sy: number): Point[] {
  let used = 0;
  for (let i = 1; i < points.length; i++) {
    used += Math.hypot((points[i].x - points[i - 1].x) * sx, (points[i].y - points[i - 1].y) * sy);
    if (used > budget) return points.slice(0, i);
  }
  return points;
}

/** One series' finite points, as typed arrays; log axes leave out values ≤ 0. */
function clean(x: ArrayLike<unknown>, y: ArrayLike<unknown>, logY: boolean) {
  const n = Math.min(x.length, y.length);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let kept = 0;
  let notFinite = 0;
  let notPositive = 0;
  // Float64Arrays (what the kernel sends) hold only numbers; anything else is checked value by value.
  const typed = x instanceof Float64Array && y instanceof Float64Array;
  for (let i = 0; i < n; i++) {
    const rawX = x[i];
    const rawY = y[i];
    // typeof: a stray string or null from hostile input is not a point, however it coerces.
    if (!typed && (typeof rawX !== 'number' || typeof rawY !== 'number')) {
      notFinite++;
      continue;
    }
    const xi = rawX as number;
    const yi = rawY as number;
    // v - v is 0 exactly when v is finite (NaN and ±Infinity give NaN): no call per point.
    if (xi - xi !== 0 || yi - yi !== 0) notFinite++;
    else if (logY && yi <= 0) notPositive++;
    else {
      xs[kept] = xi;
      ys[kept] = yi;
      kept++;
    }
  }
  return { x: xs.subarray(0, kept), y: ys.subarray(0, kept), notFinite, notPositive, unpaired: Math.abs(x.length - y.length) };
}

/** A series' values as sent (Float64Array), or nothing for anything else a hostile cell could send. */
function valuesOf(v: unknown): ArrayLike<unknown> {
  return v instanceof Float64Array || Array.isArray(v) ? v : [];
}

function range(values: Float64Array[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    for (let i = 0; i < v.length; i++) {
      if (v[i] < min) min = v[i];
      if (v[i] > max) max = v[i];
    }
  }
  return [min, max];
}

/** A plot's finite values and their ranges: the part of preparing it that reads every point. */
export interface CleanedPlot {
  plot: PlotOutput;
  list: PlotOutput['series'];
  cleaned: Array<ReturnType<typeof clean>>;
  /** y as drawn: log10 on a log axis. */
  drawnY: Float64Array[];
  x: [number, number];
  y: [number, number];
}

/** Reads every point of a plot once: what is finite (and positive, on a log axis), and the ranges. */
export function cleanPlot(plot: PlotOutput): CleanedPlot {
  const logY = plot.logY === true;
  const list = Array.isArray(plot.series) ? plot.series : [];
  const cleaned = list.map((s) => clean(valuesOf(s.x), valuesOf(s.y), logY));
  // The scatter's grid is over the values as drawn: log10 of y on a log axis.
  const drawnY = cleaned.map((c) => (logY ? c.y.map(Math.log10) : c.y));
  return { plot, list, cleaned, drawnY, x: range(cleaned.map((c) => c.x)), y: range(drawnY) };
}

/**
 * A plot's series as the chart draws them in a plotting area of `width` × `height` CSS pixels:
 * lines keep each pixel column's extremes (smoothed ones drawn over their faint raw line), scatters
 * one mark per 2 × 2 pixels, the topmost series'. Linear in the points: 100,000 take a few
 * milliseconds. `read` is the plot's cleanPlot, when it was done in an earlier frame.
 */
export function preparePlot(plot: PlotOutput, width: number, height: number, read: CleanedPlot = cleanPlot(plot)): PreparedPlot {
  const logY = plot.logY === true;
  const { list, cleaned, drawnY } = read;
  const [xMin, xMax] = read.x;
  const [yMin, yMax] = read.y;
  const columns = Math.max(1, Math.round(width));
  const weight = typeof plot.smoothing === 'number' && plot.smoothing > 0 && plot.smoothing < 1 ? plot.smoothing : 0;
  const series: ChartSeries[] = [];
  // Pixels per unit along each axis, for the lines' length (y as drawn: log10 on a log axis).
  const perX = xMax > xMin ? width / (xMax - xMin) : 0;
  const perY = yMax > yMin ? height / (yMax - yMin) : 0;
  // Four heights a pixel column, and some room: about 3 ms of stroking on a software canvas.
  const budget = 4 * columns * Math.max(1, height) + 10 * (columns + Math.max(1, height));
  let tangled = 0;
  const line = (name: string, colour: string, points: Point[], faint: boolean) => {
    const drawnPoints = logY ? points.map((p) => ({ x: p.x, y: Math.log10(p.y) })) : points;
    const kept = withinLength(drawnPoints, budget, perX, perY);
    if (!faint) tangled += points.length - kept.length;
    series.push({ name, colour, faint: faint || undefined, points: kept.length === points.length ? points : points.slice(0, kept.length) });
  };
  const colourOf = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length];
  if (plot.type === 'scatter') {
    // One grid for all the series, claimed from the last: a later series is drawn on top, so
    // where two overlap only its mark would show. Ten classes of 10,000 points need 36,000 marks, not 100,000.
    const grid = scatterGrid(width, height);
    const thinned: Point[][] = [];
    for (let i = cleaned.length - 1; i >= 0; i--) thinned[i] = thinScatter(cleaned[i].x, drawnY[i], grid, [xMin, xMax], [yMin, yMax]);
    thinned.forEach((points, i) => {
      const asGiven = logY ? points.map((p) => ({ x: p.x, y: 10 ** p.y })) : points;
      series.push({ name: String(list[i].name), colour: colourOf(i), scatter: true, points: asGiven });
    });
  } else {
    cleaned.forEach((c, i) => {
      const name = String(list[i].name);
      const shown = weight > 0 ? smoothValues(c.y, weight) : c.y;
      line(name, colourOf(i), decimateExtremes(c.x, shown, columns, xMin, xMax), false);
      if (weight > 0) line(`${name} (raw)`, colourOf(i), decimateExtremes(c.x, c.y, columns, xMin, xMax), true);
    });
  }
  // Raw lines go under their smoothed ones.
  series.sort((a, b) => Number(b.faint === true) - Number(a.faint === true));
  return {
    series,
    total: list.reduce((sum, s) => sum + valuesOf(s.y).length, 0),
    notFinite: cleaned.reduce((sum, c) => sum + c.notFinite, 0),
    notPositive: cleaned.reduce((sum, c) => sum + c.notPositive, 0),
    tangled,
    unpaired: cleaned.reduce((sum, c) => sum + c.unpaired, 0),
  };
}

/** The drawn point nearest the mouse, within `reach` CSS pixels: searches the cut series only, so it is cheap. */
export function nearestPoint(
  series: ChartSeries[],
  layout: ChartLayout,
  mouse: { x: number; y: number },
  reach = 24,
): { name: string; colour: string; x: number; y: number; px: number; py: number } | null {
  let best = null;
  let bestDistance = reach * reach;
  for (const s of series) {
    if (s.faint) continue;
    for (const p of s.points) {
      const { px, py } = layout.toPixel(p.x, p.y);
      const d = (px - mouse.x) ** 2 + (py - mouse.y) ** 2;
      if (d <= bestDistance) {
        bestDistance = d;
        best = { name: s.name, colour: s.colour, x: p.x, y: p.y, px, py };
      }
    }
  }
  return best;
}
