import * as tf from '@tensorflow/tfjs';
import type { PlotOutput, PlotSeries } from '../../../src/protocol/display';
import { checkPointCount, count, describe, plural, options, text, toNumbers } from './validate';

// display.plot's input: the forms a learner writes series in, made into named x/y series.

/** Values a plot takes where it takes y (or x) values: an array, a typed array or a tensor. */
type PlotValues = number[] | Float32Array | Int32Array | Float64Array | tf.Tensor;

/** Series as a learner writes them: y values, named y values, or full series. */
export type PlotInput = PlotValues | Record<string, PlotValues> | Array<{ name?: string; x?: PlotValues; y: PlotValues }>;

export interface PlotOptions {
  type?: 'line' | 'scatter';
  title?: string;
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  smoothing?: number;
}

/** More lines than a legend can name are data in the wrong shape (rows of a table, one series each). */
const MAX_SERIES = 1000;

const isValues = (v: unknown) => v instanceof tf.Tensor || (ArrayBuffer.isView(v) && !(v instanceof DataView));

/** One named series, its x defaulting to 0, 1, 2 …; x and y of different lengths are refused, naming the series. */
function series(fn: string, name: string, x: unknown, y: unknown): PlotSeries {
  const ys = toNumbers(fn, `series "${name}" y`, y);
  const xs = x == null ? ys.map((_, i) => i) : toNumbers(fn, `series "${name}" x`, x);
  if (xs.length !== ys.length) {
    throw new TypeError(
      `display.${fn}: series "${name}" has ${plural(xs.length, 'x value')} and ${plural(ys.length, 'y value')}; ` +
        'give x and y the same length',
    );
  }
  return { name, x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

/** Turns every accepted series shape into named x/y series; nothing (or []) is a plot with no series yet. */
export function normaliseSeries(input: unknown, fn = 'plot'): PlotSeries[] {
  let result: PlotSeries[];
  if (input == null) result = [];
  else if (isValues(input)) result = [series(fn, 'y', undefined, input)];
  else if (Array.isArray(input) && input.length === 0) result = [];
  // An array with numbers in it is values: a stray string or null there is named by its index.
  else if (Array.isArray(input) && input.some((v) => typeof v === 'number')) result = [series(fn, 'y', undefined, input)];
  else if (Array.isArray(input)) {
    checkSeriesCount(fn, input.length);
    result = input.map((s: unknown, i) => {
      if (Array.isArray(s)) {
        throw new TypeError(
          `display.${fn}: item ${i} is an array; for [x, y] points use display.scatter(points), ` +
            'and for several lines give { name, x, y } series or { name: values }',
        );
      }
      const entry = s as { name?: unknown; x?: unknown; y?: unknown } | null;
      if (!entry || typeof entry !== 'object' || entry.y == null) {
        throw new TypeError(`display.${fn}: each series needs a y array; item ${i} is ${describe(s)}${entry ? ' without y' : ''}`);
      }
      return series(fn, text(entry.name) ?? `series ${i + 1}`, entry.x, entry.y);
    });
  } else if (typeof input === 'object') {
    checkSeriesCount(fn, Object.keys(input).length);
    result = Object.entries(input).map(([name, y]) => series(fn, name, undefined, y));
  } else {
    throw new TypeError(
      `display.${fn} takes an array of numbers, an object of named arrays ({ loss: [...] }), or [{ name, x, y }] series, ` +
        `not ${describe(input)}`,
    );
  }
  checkPointCount(
    fn,
    result.reduce((n, s) => n + s.y.length, 0),
  );
  return result;
}

function checkSeriesCount(fn: string, n: number): void {
  if (n > MAX_SERIES) {
    throw new TypeError(`display.${fn}: ${count(n)} series is more than the ${count(MAX_SERIES)} lines one plot can name; plot fewer`);
  }
}

/** The options every plot shares, checked: a bad smoothing or type is a message, not a strange drawing. */
export function plotLook(fn: string, given: PlotOptions | undefined): Omit<PlotOutput, 'kind' | 'series' | 'id'> {
  const o = options(fn, given);
  const type = o.type ?? 'line';
  if (type !== 'line' && type !== 'scatter') throw new TypeError(`display.${fn}: type is 'line' or 'scatter', not ${describe(type)}`);
  const { smoothing } = o;
  if (smoothing != null && !(typeof smoothing === 'number' && smoothing >= 0 && smoothing < 1)) {
    throw new TypeError(`display.${fn}: smoothing is a number from 0 (none) to below 1 (TensorBoard's slider), not ${String(smoothing)}`);
  }
  const look: Omit<PlotOutput, 'kind' | 'series' | 'id'> = { type, title: text(o.title), xLabel: text(o.xLabel), yLabel: text(o.yLabel) };
  if (o.logY) look.logY = true;
  if (smoothing) look.smoothing = smoothing;
  return look;
}
