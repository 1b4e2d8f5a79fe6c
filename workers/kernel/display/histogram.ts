import * as tf from '@tensorflow/tfjs';
import type { DisplayOutput } from '../../../src/protocol/display';
import { describe, options, readTensor, text } from './validate';

// display.histogram(values): how weights or activations spread. The kernel bins them, so 10 million
// values cross to the page as a few dozen counts; bins are numpy's: equal widths from the smallest
// value to the largest, each [left, right) but the last, which includes its right edge.

const MAX_BINS = 1000;

export interface HistogramOptions {
  bins?: number;
  title?: string;
  xLabel?: string;
}

/** The values: any tensor (flattened), an array of numbers (nested arrays flattened) or a typed array. */
function valuesOf(values: unknown): ArrayLike<number> {
  if (values instanceof tf.Tensor) {
    if (values.dtype === 'string' || values.dtype === 'complex64')
      throw new TypeError(`display.histogram: a ${values.dtype} tensor has no numbers to bin`);
    return readTensor('histogram', values);
  }
  if (ArrayBuffer.isView(values) && !(values instanceof DataView)) return values as unknown as ArrayLike<number>;
  if (!Array.isArray(values)) throw new TypeError(`display.histogram takes an array of numbers or a tensor, not ${describe(values)}`);
  const flat: unknown[] = values.some(Array.isArray) ? values.flat(Infinity) : values;
  flat.forEach((v, i) => {
    if (typeof v !== 'number') throw new TypeError(`display.histogram: value ${i} is ${describe(v)}, not a number`);
  });
  return flat as number[];
}

/** Counts of `values` in `bins` equal bins; NaN and ±Infinity are counted in `skipped`. */
export function histogramOutput(values: unknown, given: HistogramOptions | undefined): DisplayOutput {
  const o = options('histogram', given);
  const bins = o.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new TypeError(`display.histogram: bins is a whole number from 1 to ${MAX_BINS}, not ${String(bins)}`);
  }
  const data = valuesOf(values);
  let lo = Infinity;
  let hi = -Infinity;
  let skipped = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) skipped++;
    else {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  // numpy's choices: no values span 0–1; one value v spans v − 0.5 to v + 0.5.
  if (lo > hi) [lo, hi] = [0, 1];
  else if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = Array.from({ length: bins }, () => 0);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    let bin = Math.min(bins - 1, Math.floor((v - lo) / width));
    // Rounding can put a value on an edge into the bin beside it; the edges decide.
    if (bin < bins - 1 && v >= edges[bin + 1]) bin++;
    else if (bin > 0 && v < edges[bin]) bin--;
    counts[bin]++;
  }
  return { kind: 'histogram', edges, counts, title: text(o.title), xLabel: text(o.xLabel), skipped };
}
