import { viridisColour } from '../insight/heatColours';

// Viridis, as Insight's activation maps draw it: perceptually even and readable by the
// colour-blind, so a loss surface's valleys look as deep as they are.

/** 256 viridis colours, RGB after RGB: a table lookup per cell instead of interpolating stops. */
const TABLE = Uint8Array.from({ length: 256 * 3 }, (_, i) => viridisColour(Math.floor(i / 3) / 255)[i % 3]);

/** Where a value falls in [min, max], as a 0–255 table index; NaN when it is not finite. A flat range maps to the middle. */
export function colourIndex(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return NaN;
  if (!(max > min)) return 128;
  return Math.min(255, Math.max(0, Math.round(((value - min) / (max - min)) * 255)));
}

/**
 * A heatmap's cells as RGBA pixels, one per cell, `columns` wide. Row 0 of z is the bottom (y[0]),
 * so it becomes the last row of pixels. Cells that are not finite stay transparent.
 */
export function heatmapPixels(
  z: ArrayLike<number>,
  rows: number,
  columns: number,
  min: number,
  max: number,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rows * columns * 4);
  for (let r = 0; r < rows; r++) {
    const to = (rows - 1 - r) * columns * 4;
    for (let c = 0; c < columns; c++) {
      const k = colourIndex(z[r * columns + c], min, max);
      if (Number.isNaN(k)) continue;
      const o = to + c * 4;
      out[o] = TABLE[k * 3];
      out[o + 1] = TABLE[k * 3 + 1];
      out[o + 2] = TABLE[k * 3 + 2];
      out[o + 3] = 255;
    }
  }
  return out;
}
