/** Examples per class: y holds class indices; values outside 0…classes-1 are not counted. */
export function classBalance(y: Float32Array, classes: number): number[] {
  const counts = Array.from({ length: Math.max(0, classes) }, () => 0);
  for (let i = 0; i < y.length; i++) {
    const c = y[i];
    // Labels arrive as floats; only whole indices in range name a class.
    if (Number.isInteger(c) && c >= 0 && c < classes) counts[c]++;
  }
  return counts;
}
