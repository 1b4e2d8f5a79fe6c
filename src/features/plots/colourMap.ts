// Viridis, computed rather than shipped: perceptually even and readable by the colour-blind, so a
// loss surface's valleys look as deep as they are. The polynomial fit is Matt Zucker's
// (shadertoy.com/view/WlfXRN), within about 1/255 of matplotlib's table.

const C = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];

/** Viridis at t in [0, 1] (clamped), as 0–255 RGB: dark purple at 0, yellow at 1. */
export function viridis(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const channel = (k: number) => {
    let v = C[6][k];
    for (let i = 5; i >= 0; i--) v = C[i][k] + u * v;
    return Math.round(Math.min(1, Math.max(0, v)) * 255);
  };
  return [channel(0), channel(1), channel(2)];
}

/** 256 viridis colours, RGB after RGB: a table lookup per cell instead of a polynomial. */
const TABLE = Uint8Array.from({ length: 256 * 3 }, (_, i) => viridis(Math.floor(i / 3) / 255)[i % 3]);

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
