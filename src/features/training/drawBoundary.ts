import { cellClass, POINT_ROLES, type BoundaryPoints } from '../../protocol/boundary';
import type { BoundaryView } from '../../store/boundarySlice';
import { hexRgb, type Rgb } from '../insight/heatColours';
import { SERIES_COLOURS } from '../output/chartColours';
import { fitCanvas, niceTicks, tickLabel, type ChartTheme } from './drawLineChart';

// A decision boundary as TensorFlow Playground draws its output: each cell of the field in
// the colour of the class the model predicts there, pale where it is unsure and strong where
// it is sure, so the boundary is the pale seam between colours; the points on top in their
// true class's colour (the dataset preview's), test points as rings.

/** How far a sure cell goes from the neutral colour to its class's: the points stay visible on it. */
const STRENGTH = 0.7;
const RADIUS = 3.5;

/** The colour of class k: the one the dataset preview and the charts give it. */
export const classColour = (k: number) => SERIES_COLOURS[k % SERIES_COLOURS.length];

type FieldOf = Pick<BoundaryView, 'grid' | 'argmax' | 'classes' | 'size'>;

/** The field as RGBA pixels, a cell each, row 0 at the top: each mixed from `neutral` toward its class's colour by the confidence. */
export function fieldPixels(b: FieldOf, neutral: Rgb): Uint8ClampedArray<ArrayBuffer> {
  const colours = SERIES_COLOURS.map((c) => hexRgb(c) ?? neutral);
  const cells = b.size * b.size;
  const out = new Uint8ClampedArray(cells * 4);
  for (let i = 0; i < cells; i++) {
    const { k, confidence } = cellClass(b, i);
    const c = colours[k % colours.length];
    const t = STRENGTH * confidence;
    for (let j = 0; j < 3; j++) out[i * 4 + j] = neutral[j] + (c[j] - neutral[j]) * t;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The theme's colours for the field: the chart's, and the surface the field fades to. */
export function boundaryTheme(element: Element): ChartTheme & { surface: Rgb } {
  const style = getComputedStyle(element);
  return {
    text: style.getPropertyValue('--muted') || '#666',
    grid: style.getPropertyValue('--border') || '#ddd',
    surface: hexRgb(style.getPropertyValue('--surface')) ?? [255, 255, 255],
  };
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  points: BoundaryPoints,
  at: (x: number, y: number) => [number, number],
  surface: string,
) {
  const count = points.label.length;
  // Training points first, the test points last, on top.
  for (const role of [POINT_ROLES.indexOf('train'), POINT_ROLES.indexOf('validation'), POINT_ROLES.indexOf('test')]) {
    for (let i = 0; i < count; i++) {
      if (points.role[i] !== role) continue;
      const [px, py] = at(points.xy[2 * i], points.xy[2 * i + 1]);
      const colour = classColour(points.label[i]);
      ctx.beginPath();
      if (POINT_ROLES[role] === 'validation') ctx.rect(px - RADIUS, py - RADIUS, 2 * RADIUS, 2 * RADIUS);
      else ctx.arc(px, py, RADIUS, 0, Math.PI * 2);
      if (POINT_ROLES[role] === 'test') {
        // A ring: a halo in the surface colour under the class's colour, hollow so the field shows through.
        ctx.strokeStyle = surface;
        ctx.lineWidth = 3.5;
        ctx.stroke();
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1.75;
        ctx.stroke();
      } else {
        ctx.fillStyle = colour;
        ctx.fill();
        ctx.strokeStyle = surface;
        ctx.lineWidth = 1;
        ctx.stroke();
      }
    }
  }
}

/** Where the plot sits in the figure, in CSS pixels: the field's canvas is placed there, under the overlay. */
export const BOUNDARY_PLOT = { left: 40, top: 6, side: 280, right: 8, bottom: 22 };

/**
 * The field on its own canvas, one pixel per cell: the page scales it up (smoothly) to the plot's
 * size, so a new field costs one putImageData of 2,500 pixels, not a redraw of the figure. Drawn
 * in full on a canvas as large as the plot, a field took the page 10–20 ms at each epoch end
 * (headless Chromium at device pixel ratio 2), and the run lost a fifth of its speed.
 */
export function drawField(canvas: HTMLCanvasElement, b: FieldOf, surface: Rgb): void {
  if (canvas.width !== b.size) canvas.width = b.size;
  if (canvas.height !== b.size) canvas.height = b.size;
  canvas.getContext('2d')?.putImageData(new ImageData(fieldPixels(b, surface), b.size, b.size), 0, 0);
}

/** The axes' labels, the plot's frame and the run's points, over the field: drawn once a run (and on a resize or a new theme). */
export function drawOverlay(canvas: HTMLCanvasElement, b: BoundaryView, theme: ChartTheme & { surface: Rgb }): void {
  const fitted = fitCanvas(canvas);
  if (!fitted) return;
  const { ctx } = fitted;
  const { left, top, side } = BOUNDARY_PLOT;
  const { x0, x1, y0, y1 } = b.extent;
  const sx = (x: number) => left + ((x - x0) / (x1 - x0 || 1)) * side;
  const sy = (y: number) => top + ((y1 - y) / (y1 - y0 || 1)) * side;
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of niceTicks(y0, y1)) ctx.fillText(tickLabel(t), left - 6, sy(t));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of niceTicks(x0, x1)) ctx.fillText(tickLabel(t), sx(t), top + side + 6);
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(left - 0.5, top - 0.5, side + 1, side + 1);

  if (!b.points) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, side, side);
  ctx.clip();
  drawPoints(ctx, b.points, (x, y) => [sx(x), sy(y)], `rgb(${theme.surface.join(',')})`);
  ctx.restore();
}
