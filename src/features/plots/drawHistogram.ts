import type { DisplayOutput } from '../../protocol/display';
import { SERIES_COLOURS } from '../output/chartColours';
import { CHART_PAD, drawAxes, fitCanvas, niceTicks, tickLabel, type ChartTheme } from '../training/drawLineChart';

export type Histogram = Extract<DisplayOutput, { kind: 'histogram' }>;

/** The bin that holds x: counts[i] covers [edges[i], edges[i + 1]), the last bin its right edge too; -1 outside. */
export function binAt(edges: number[], x: number): number {
  const bins = edges.length - 1;
  if (bins < 1 || !(x >= edges[0]) || !(x <= edges[bins])) return -1;
  let lo = 0;
  let hi = bins - 1;
  // The last bin whose left edge is at or before x.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (edges[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Tick values for counts: whole numbers only, from 0. */
export function countTicks(max: number): number[] {
  return niceTicks(0, Math.max(1, max)).filter((t) => Number.isInteger(t));
}

/** Why a histogram from the kernel cannot be drawn, or null when it can. */
export function histogramProblem(h: Histogram): string | null {
  if (!Array.isArray(h.edges) || !Array.isArray(h.counts) || h.counts.length < 1 || h.edges.length !== h.counts.length + 1) {
    return 'its bins do not match their edges';
  }
  if (h.counts.length > 10_000) return `${h.counts.length.toLocaleString()} bins are more than a chart can show (at most 10,000)`;
  if (!h.edges.every((e, i) => Number.isFinite(e) && (i === 0 || e >= h.edges[i - 1]))) return 'its edges are not finite and in order';
  if (!h.counts.every((c) => Number.isFinite(c) && c >= 0)) return 'its counts are not all finite and at least 0';
  return null;
}

/** Draws the bars with their axes; returns the bin under a canvas point (for hover), or null without a canvas. */
export function drawHistogram(canvas: HTMLCanvasElement, h: Histogram, theme: ChartTheme): ((px: number, py: number) => number) | null {
  const fitted = fitCanvas(canvas);
  if (!fitted) return null;
  const { ctx, width, height } = fitted;
  const PAD = CHART_PAD;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  let x0 = h.edges[0];
  let x1 = h.edges[h.edges.length - 1];
  // Every value the same: one unit of room either side.
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  let top = 0;
  for (const c of h.counts) top = Math.max(top, c);
  const yMax = Math.max(1, top) * 1.05;
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number) => PAD.top + (1 - y / yMax) * plotH;
  drawAxes(
    ctx,
    { left: PAD.left, right: width - PAD.right, top: PAD.top, bottom: height - PAD.bottom },
    { ticks: countTicks(yMax), at: sy, label: (t) => (t >= 10_000 ? tickLabel(t) : t.toLocaleString()) },
    { ticks: niceTicks(x0, x1), at: sx, label: tickLabel },
    theme,
  );
  ctx.fillStyle = SERIES_COLOURS[0];
  h.counts.forEach((c, i) => {
    if (c <= 0) return;
    const left = sx(h.edges[i]);
    const w = sx(h.edges[i + 1]) - left;
    // A hairline between wide bars; narrow ones touch, or they would vanish.
    const gap = w > 4 ? 1 : 0;
    ctx.fillRect(left + gap / 2, sy(c), Math.max(0.5, w - gap), sy(0) - sy(c));
  });
  return (px, py) => (py < PAD.top || py > PAD.top + plotH ? -1 : binAt(h.edges, x0 + ((px - PAD.left) / plotW) * (x1 - x0)));
}
