import { hexRgb } from '../insight/heatColours';

// Scatter marks written straight into pixels. On the test machines' software canvas an arc per
// point cost 100 ms for 30,000 points (a rectangle per point still 15–35 ms); writing the same
// marks into an ImageData and drawing it once costs a few milliseconds for 100,000.

/** Whether a pixel's bytes R, G, B, A read as one 32-bit word with R lowest (every browser's CPU). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** A layer of marks in one colour: a scatter series, as CSS-pixel positions. */
export interface MarkLayer {
  colour: string;
  points: Array<{ px: number; py: number }>;
}

/** The pixels of a disc of `radius` around 0, with how much of each it covers (edges anti-aliased). */
function discOffsets(radius: number): Array<{ dx: number; dy: number; cover: number }> {
  const out = [];
  const reach = Math.ceil(radius + 0.5);
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const cover = Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(dx, dy)));
      if (cover > 0) out.push({ dx, dy, cover });
    }
  }
  return out;
}

/**
 * Paints the layers in order over what the canvas already shows (later layers on top), as discs
 * of `radius` CSS pixels at `alpha`. False when a colour is not '#rrggbb': the caller draws those itself.
 */
export function stampMarks(ctx: CanvasRenderingContext2D, ratio: number, layers: MarkLayer[], radius = 2, alpha = 1): boolean {
  const colours = layers.map((l) => hexRgb(l.colour));
  if (colours.some((c) => c === null) || !LITTLE_ENDIAN) return false;
  const width = ctx.canvas.width;
  const height = ctx.canvas.height;
  if (width < 1 || height < 1) return true;
  const image = new ImageData(width, height);
  // Whole pixels as 32-bit words (RGBA bytes read as one little-endian number): a mark's
  // pixels are written in a third of the time bytes take.
  const pixels = new Uint32Array(image.data.buffer);
  const disc = discOffsets(radius * ratio);
  const reach = Math.ceil(radius * ratio + 0.5);
  const steps = Int32Array.from(disc, (d) => d.dy * width + d.dx);
  const covers = Int32Array.from(disc, (d) => Math.round(d.cover * alpha * 256));
  layers.forEach((layer, k) => {
    const [r, g, b] = colours[k] ?? [0, 0, 0];
    const solid = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
    for (const p of layer.points) {
      const cx = Math.round(p.px * ratio);
      const cy = Math.round(p.py * ratio);
      // Marks at the edge are cut off rather than checked pixel by pixel.
      if (!(cx >= reach && cy >= reach && cx < width - reach && cy < height - reach)) continue;
      const centre = cy * width + cx;
      for (let j = 0; j < steps.length; j++) {
        const q = centre + steps[j];
        const a = covers[j];
        const below = pixels[q];
        if (a >= 256) pixels[q] = solid;
        else if (below === 0) pixels[q] = ((((a * 255) >> 8) << 24) | (b << 16) | (g << 8) | r) >>> 0;
        else {
          // An anti-aliased edge over a mark already there: mixed by its cover, as "source over" would.
          const keep = 256 - a;
          const mix = (shift: number, value: number) => ((((below >>> shift) & 255) * keep + value * a) >> 8) << shift;
          pixels[q] = (mix(24, 255) | mix(16, b) | mix(8, g) | mix(0, r)) >>> 0;
        }
      }
    }
  });
  const layer = document.createElement('canvas');
  layer.width = width;
  layer.height = height;
  layer.getContext('2d')?.putImageData(image, 0, 0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(layer, 0, 0);
  ctx.restore();
  return true;
}
