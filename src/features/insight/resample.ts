// Pure helpers that turn the kernel's small arrays into something to draw.

/**
 * Bilinear resize of one [h × w] map (row after row) to [H × W], with pixel
 * centres aligned: the same numbers as tf.image.resizeBilinear(x, [H, W],
 * alignCorners = false, halfPixelCenters = true). Aligned centres keep a
 * coarse Grad-CAM cell over the part of the image it was computed from,
 * rather than drifting towards the top left.
 */
export function upsampleBilinear(values: Float32Array, h: number, w: number, H: number, W: number): Float32Array {
  const out = new Float32Array(H * W);
  if (h <= 0 || w <= 0) return out;
  const rowRatio = h / H;
  const colRatio = w / W;
  // Source positions of each output column, worked out once rather than per row.
  const left = new Int32Array(W);
  const right = new Int32Array(W);
  const colFrac = new Float32Array(W);
  for (let x = 0; x < W; x++) {
    const src = Math.min(w - 1, Math.max(0, colRatio * (x + 0.5) - 0.5));
    left[x] = Math.floor(src);
    right[x] = Math.min(w - 1, left[x] + 1);
    colFrac[x] = src - left[x];
  }
  for (let y = 0; y < H; y++) {
    // Clamping to the edge rows is what tfjs's kernel amounts to past the outer centres.
    const src = Math.min(h - 1, Math.max(0, rowRatio * (y + 0.5) - 0.5));
    const top = Math.floor(src);
    const bottom = Math.min(h - 1, top + 1);
    const rowFrac = src - top;
    for (let x = 0; x < W; x++) {
      const tl = values[top * w + left[x]];
      const tr = values[top * w + right[x]];
      const bl = values[bottom * w + left[x]];
      const br = values[bottom * w + right[x]];
      const t = tl + (tr - tl) * colFrac[x];
      const b = bl + (br - bl) * colFrac[x];
      out[y * W + x] = t + (b - t) * rowFrac;
    }
  }
  return out;
}

export type FeatureGrid = { kind: 'maps'; height: number; width: number; channels: number } | { kind: 'vector'; length: number };

/**
 * How a layer's output (without the batch) is drawn. [h, w, c]: c maps of
 * h × w (channels last, as tfjs lays them out). [steps, units]: one
 * steps × units map, since a sequence's units are read along time. One
 * dimension: a strip of bars. Leading dimensions beyond three (3-D
 * convolutions) are stacked into the map's height so every value is shown.
 */
export function featureGrid(shape: number[]): FeatureGrid {
  const dims = shape.map((d) => Math.max(0, Math.floor(d ?? 0)));
  if (dims.length <= 1) return { kind: 'vector', length: dims[0] ?? 1 };
  if (dims.length === 2) return { kind: 'maps', height: dims[0], width: dims[1], channels: 1 };
  const height = dims.slice(0, -2).reduce((a, b) => a * b, 1);
  return { kind: 'maps', height, width: dims[dims.length - 2], channels: dims[dims.length - 1] };
}

/** One channel of channels-last values, as its own [height × width] map. */
export function channelOf(values: Float32Array, grid: { height: number; width: number; channels: number }, k: number): Float32Array {
  const n = grid.height * grid.width;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i * grid.channels + k];
  return out;
}

/** The finite minimum and maximum of some values ([0, 0] when there are none). */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** Values mapped to 0..1 by their own range; a flat map (every value equal) becomes all 0. */
export function normalise(values: Float32Array): Float32Array {
  const [lo, hi] = extent(values);
  const span = hi - lo;
  return values.map((v) => (span > 0 ? (v - lo) / span : 0));
}

/** The average of the heads of [heads × queries × keys] scores, or one head (0-based). */
export function headScores(scores: Float32Array, heads: number, queries: number, keys: number, head: number | 'mean'): Float32Array {
  const n = queries * keys;
  if (head !== 'mean') return scores.slice(head * n, (head + 1) * n);
  const out = new Float32Array(n);
  for (let h = 0; h < heads; h++) for (let i = 0; i < n; i++) out[i] += scores[h * n + i] / heads;
  return out;
}
