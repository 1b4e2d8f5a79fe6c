import type { DisplayOutput } from '../../protocol/display';
import { drawAxes, fitCanvas, niceTicks, tickLabel, type ChartTheme } from '../training/drawLineChart';
import { viridisColour } from '../insight/heatColours';
import { heatmapPixels } from './colourMap';

export type Heatmap = Extract<DisplayOutput, { kind: 'heatmap' }>;

/** Room for the tick labels, and on the right for the colour bar and its labels. */
const PAD = { left: 52, right: 70, top: 8, bottom: 22 };
const BAR = { gap: 10, width: 12 };
/** Colours that stand out on viridis's purples, greens and yellows (each path also gets a pale halo). */
const PATH_COLOURS = ['#e11d48', '#f97316', '#0ea5e9', '#db2777', '#111827', '#a3e635'];

/** The colour of the i-th path, on the map and in its legend. */
export const pathColour = (i: number) => PATH_COLOURS[i % PATH_COLOURS.length];

/** A path with more points than this is drawn as a line with its two ends marked, not a dot per point. */
const MAX_DOTS = 200;

/** The value under a point of the canvas, for hover; null outside the map. */
export type HeatmapProbe = (px: number, py: number) => { x: number; y: number; value: number } | null;

/**
 * A cell's value at data coordinates (x, y). z[i][j] is the value at the i-th y and j-th x, spaced
 * evenly from the range's first value to its last (row 0 at y[0]): the nearest sample's value.
 */
export function cellAt(h: Heatmap, x: number, y: number): number {
  const [x0, x1] = h.x;
  const [y0, y1] = h.y;
  const column = Math.min(h.columns - 1, Math.max(0, Math.round(((x - x0) / (x1 - x0 || 1)) * (h.columns - 1))));
  const row = Math.min(h.rows - 1, Math.max(0, Math.round(((y - y0) / (y1 - y0 || 1)) * (h.rows - 1))));
  return h.z[row * h.columns + column];
}

/** The edges of the cells around samples from `first` to `last`: half a step beyond each. */
function cellEdges(first: number, last: number, count: number): [number, number] {
  const step = count > 1 ? (last - first) / (count - 1) : last - first || 1;
  return [first - step / 2, last + step / 2];
}

function drawColourBar(ctx: CanvasRenderingContext2D, h: Heatmap, left: number, top: number, height: number, theme: ChartTheme) {
  const gradient = ctx.createLinearGradient(0, top + height, 0, top);
  for (let i = 0; i <= 8; i++) gradient.addColorStop(i / 8, `rgb(${viridisColour(i / 8).join(',')})`);
  ctx.fillStyle = gradient;
  ctx.fillRect(left, top, BAR.width, height);
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const at = (v: number) => top + (1 - (v - h.min) / (h.max - h.min || 1)) * height;
  // The ends are labelled with the exact range; the round values between only where they do not crowd them.
  const inner = niceTicks(h.min, h.max).filter((t) => Math.abs(at(t) - top) > 12 && Math.abs(at(t) - top - height) > 12);
  for (const t of [h.min, ...inner, h.max])
    ctx.fillText(tickLabel(t), left + BAR.width + 4, Math.min(top + height - 5, Math.max(top + 5, at(t))));
}

function drawPaths(ctx: CanvasRenderingContext2D, h: Heatmap, sx: (x: number) => number, sy: (y: number) => number) {
  const paths = Array.isArray(h.paths) ? h.paths : [];
  paths.forEach((path, i) => {
    const xs = Array.isArray(path.x) ? path.x : [];
    const ys = Array.isArray(path.y) ? path.y : [];
    const points: Array<[number, number] | null> = [];
    for (let k = 0; k < Math.min(xs.length, ys.length); k++) {
      points.push(Number.isFinite(xs[k]) && Number.isFinite(ys[k]) ? [sx(xs[k]), sy(ys[k])] : null);
    }
    const trace = () => {
      ctx.beginPath();
      let pen = false;
      // A point that is not finite breaks the line rather than joining its neighbours.
      for (const p of points) {
        if (p && pen) ctx.lineTo(p[0], p[1]);
        else if (p) ctx.moveTo(p[0], p[1]);
        pen = p !== null;
      }
    };
    const colour = pathColour(i);
    // A pale halo under each line keeps it visible on both the dark and the bright end of the map.
    ctx.lineJoin = 'round';
    trace();
    ctx.strokeStyle = 'rgba(255,255,255,0.8)';
    ctx.lineWidth = 4;
    ctx.stroke();
    trace();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.stroke();
    const finite = points.filter((p) => p !== null);
    const dots = finite.length <= MAX_DOTS ? finite : [finite[0], finite[finite.length - 1]];
    ctx.fillStyle = colour;
    ctx.strokeStyle = 'white';
    ctx.lineWidth = 1;
    for (const [px, py] of dots) {
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
  });
}

/** Draws the map in viridis with its axes, colour bar and paths; returns the hover probe, or null without a canvas. */
export function drawHeatmap(canvas: HTMLCanvasElement, h: Heatmap, theme: ChartTheme): HeatmapProbe | null {
  const fitted = fitCanvas(canvas);
  if (!fitted) return null;
  const { ctx, width, height } = fitted;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  // Each cell is centred on its sample, so paths over the map land on the values they pass.
  const [x0, x1] = cellEdges(h.x[0], h.x[1], h.columns);
  const [y0, y1] = cellEdges(h.y[0], h.y[1], h.rows);
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * plotW;
  const sy = (y: number) => PAD.top + (1 - (y - y0) / (y1 - y0 || 1)) * plotH;
  drawAxes(
    ctx,
    { left: PAD.left, right: PAD.left + plotW, top: PAD.top, bottom: PAD.top + plotH },
    { ticks: niceTicks(Math.min(y0, y1), Math.max(y0, y1)), at: sy, label: tickLabel },
    { ticks: niceTicks(Math.min(x0, x1), Math.max(x0, x1)), at: sx, label: tickLabel },
    theme,
  );

  // One pixel per cell on a canvas of its own, stretched over the plotting area by the GPU.
  const cells = document.createElement('canvas');
  cells.width = h.columns;
  cells.height = h.rows;
  cells.getContext('2d')?.putImageData(new ImageData(heatmapPixels(h.z, h.rows, h.columns, h.min, h.max), h.columns, h.rows), 0, 0);
  // A small matrix shows its cells as squares; a sampled surface is smoothed between samples.
  ctx.imageSmoothingEnabled = h.rows * h.columns > 64 * 64;
  ctx.drawImage(cells, PAD.left, PAD.top, plotW, plotH);

  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, plotW, plotH);
  ctx.clip();
  drawPaths(ctx, h, sx, sy);
  ctx.restore();
  drawColourBar(ctx, h, PAD.left + plotW + BAR.gap, PAD.top, plotH, theme);

  return (px, py) => {
    if (px < PAD.left || px > PAD.left + plotW || py < PAD.top || py > PAD.top + plotH) return null;
    const x = x0 + ((px - PAD.left) / plotW) * (x1 - x0);
    const y = y0 + (1 - (py - PAD.top) / plotH) * (y1 - y0);
    return { x, y, value: cellAt(h, x, y) };
  };
}
