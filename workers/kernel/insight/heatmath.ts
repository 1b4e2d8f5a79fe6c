// Arithmetic on heatmaps that needs no tfjs: shown over the image, and
// checked against where the object is.

/**
 * Bilinear resize of one h × w map to H × W. Cells are taken as squares and
 * sampled at their centres (tf.image.resizeBilinear with halfPixelCenters),
 * so a grid that covers the image covers it in the same place after resizing;
 * outside the outer centres the edge value is held.
 */
export function upsampleHeat(heat: Float32Array, h: number, w: number, H: number, W: number): Float32Array {
  const out = new Float32Array(H * W);
  const source = (dst: number, from: number, to: number) => {
    const s = Math.min(from - 1, Math.max(0, ((dst + 0.5) * from) / to - 0.5));
    const lo = Math.floor(s);
    const hi = Math.min(from - 1, lo + 1);
    return { lo, hi, t: s - lo };
  };
  for (let Y = 0; Y < H; Y++) {
    const { lo: y0, hi: y1, t: ty } = source(Y, h, H);
    for (let X = 0; X < W; X++) {
      const { lo: x0, hi: x1, t: tx } = source(X, w, W);
      const top = heat[y0 * w + x0] * (1 - tx) + heat[y0 * w + x1] * tx;
      const bottom = heat[y1 * w + x0] * (1 - tx) + heat[y1 * w + x1] * tx;
      out[Y * W + X] = top * (1 - ty) + bottom * ty;
    }
  }
  return out;
}

/** The share of a W-wide map's total that lies in the box x0..x1, y0..y1 (inclusive); 0 for an empty map. */
export function fractionInBox(heat: Float32Array, W: number, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let inside = 0;
  let total = 0;
  for (let i = 0; i < heat.length; i++) {
    const x = i % W;
    const y = Math.floor(i / W);
    total += heat[i];
    if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) inside += heat[i];
  }
  return total > 0 ? inside / total : 0;
}
