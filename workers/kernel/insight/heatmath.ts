// Arithmetic on heatmaps that needs no tfjs: how much of a map lies where the
// object is. (Resizing a map to the image is the page's upsampleBilinear.)

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
