import type { TensorData } from '../../data/types';

// The numbers the dataset preview shows, kept apart from React so Node tests
// can check them. Nothing here looks at more than a few examples' features.

export interface SplitCounts {
  train: number;
  validation: number;
  test: number;
}

/** Test from the end of the data, then validation from the end of the rest, as Keras's validation_split takes it. */
export function splitCounts(count: number, testCount: number, validationSplit: number): SplitCounts {
  const test = Math.min(count, Math.max(0, Math.round(testCount)));
  const rest = count - test;
  const fraction = Math.min(1, Math.max(0, validationSplit || 0));
  // The same rounding as tfjs's fit: the training part is floor(n × (1 − split)).
  const train = Math.floor(rest * (1 - fraction));
  return { train, validation: rest - train, test };
}

export type SampleKind = 'images' | 'points' | 'text' | 'table';

/** How to show a few examples: as pictures, a scatter, lines of text, or a table. */
export function sampleKind(data: TensorData, hasDescribe: boolean): SampleKind {
  if (hasDescribe) return 'text';
  const s = data.xShape;
  if (s.length === 3 && (s[2] === 1 || s[2] === 3)) return 'images';
  if (s.length === 1 && s[0] === 2) return 'points';
  return looksLikeWordIds(data) ? 'text' : 'table';
}

/** Padded sequences of word ids: whole numbers from 0, with some rows ending in padding (0). */
export function looksLikeWordIds(data: TensorData): boolean {
  if (data.xShape.length !== 1 || data.xShape[0] < 4 || !data.count) return false;
  const length = data.xShape[0];
  const rows = Math.min(data.count, 50);
  let padded = false;
  for (let r = 0; r < rows; r++) {
    for (let i = r * length; i < (r + 1) * length; i++) if (!Number.isInteger(data.x[i]) || data.x[i] < 0) return false;
    if (data.x[(r + 1) * length - 1] === 0) padded = true;
  }
  return padded;
}

/** Example i's word ids without the padding at the end. */
export function wordIds(data: TensorData, i: number): number[] {
  const length = data.xShape[0];
  const ids = Array.from(data.x.subarray(i * length, (i + 1) * length));
  while (ids.length && ids[ids.length - 1] === 0) ids.pop();
  return ids;
}

/** The target's range and mean, for regression data. */
export function targetSummary(y: Float32Array): { min: number; mean: number; max: number } | null {
  if (!y.length) return null;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, mean: sum / y.length, max };
}

/**
 * Example i of image data as RGBA bytes for putImageData. Values are 0–1, or
 * 0–255 when the caller says so (a learner's tensors may not be scaled).
 */
export function imagePixels(data: TensorData, i: number, max255: boolean): Uint8ClampedArray<ArrayBuffer> {
  const [h, w, c] = data.xShape;
  const size = h * w * c;
  const x = data.x.subarray(i * size, (i + 1) * size);
  const out = new Uint8ClampedArray(h * w * 4);
  const scale = max255 ? 1 : 255;
  for (let p = 0; p < h * w; p++) {
    const r = x[p * c] * scale;
    out[p * 4] = r;
    out[p * 4 + 1] = c === 3 ? x[p * c + 1] * scale : r;
    out[p * 4 + 2] = c === 3 ? x[p * c + 2] * scale : r;
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** A label as text: its class name, or the target's value. */
export function labelText(data: TensorData, i: number): string {
  const y = data.y[i];
  return data.classes ? (data.classes[y] ?? `class ${y}`) : shortNumber(y);
}

/** A number in at most about four significant figures. */
export function shortNumber(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(4)));
}
