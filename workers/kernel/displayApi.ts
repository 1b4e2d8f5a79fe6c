import * as tf from '@tensorflow/tfjs';
import type { DisplayOutput, DisplayValue, PlotSeries } from '../../src/protocol/display';
import { toDisplayValue } from './serialize';

// The `display` object cells see: display(value), display.markdown(text),
// display.table(rows), display.image(tensor), display.plot(series, options).

interface PlotOptions {
  type?: 'line' | 'scatter';
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

export type Display = ((value: unknown) => void) & {
  markdown(text: string): void;
  table(rows: Array<Record<string, unknown>> | unknown[][], columns?: string[]): void;
  image(image: tf.Tensor): void;
  plot(series: PlotInput, options?: PlotOptions): void;
  /** A confusion matrix: counts[true class][predicted class]. */
  confusion(classes: string[], counts: number[][]): void;
};

/** Series as a learner writes them: y values, named y values, or full series. */
export type PlotInput = number[] | Record<string, number[]> | Array<{ name?: string; x?: number[]; y: number[] }>;

const TABLE_MAX_ROWS = 1000;

/** Makes the display API for one run; `emit` sends each output to that run's cell. */
export function makeDisplay(emit: (output: DisplayOutput) => void): Display {
  const display = ((value: unknown) => emit({ kind: 'value', value: toDisplayValue(value) })) as Display;
  display.markdown = (text) => emit({ kind: 'markdown', text: String(text) });
  display.table = (rows, columns) => emit(tableOutput(rows, columns));
  display.image = (image) => emit(imageOutput(image));
  display.confusion = (classes, counts) =>
    emit({ kind: 'confusion', classes: classes.map(String), counts: counts.map((r) => r.map(Number)) });
  display.plot = (series, options = {}) =>
    emit({
      kind: 'plot',
      type: options.type ?? 'line',
      series: normaliseSeries(series),
      title: options.title,
      xLabel: options.xLabel,
      yLabel: options.yLabel,
    });
  return display;
}

/** Rows of objects (columns from their keys) or of arrays. */
export function tableOutput(rows: Array<Record<string, unknown>> | unknown[][], columns?: string[]): DisplayOutput {
  if (!Array.isArray(rows)) throw new TypeError('display.table(rows) takes an array of rows (objects or arrays)');
  const shown = rows.slice(0, TABLE_MAX_ROWS);
  const cols =
    columns ??
    (shown.every(Array.isArray)
      ? Array.from({ length: Math.max(0, ...shown.map((r) => r.length)) }, (_, i) => String(i))
      : [...new Set(shown.flatMap((r) => Object.keys(r as object)))]);
  const cell = (row: unknown, col: string, i: number): DisplayValue =>
    toDisplayValue(Array.isArray(row) ? row[columns ? i : Number(col)] : (row as Record<string, unknown>)[col], 5);
  return {
    kind: 'table',
    columns: cols,
    rows: shown.map((row) => cols.map((c, i) => cell(row, c, i))),
    more: rows.length - shown.length,
  };
}

/** A [h, w], [h, w, 1|3|4] tensor as RGBA; floats are read as 0–1, integers as 0–255. */
export function imageOutput(image: tf.Tensor): DisplayOutput {
  if (!(image instanceof tf.Tensor) || image.rank < 2 || image.rank > 3) {
    throw new TypeError('display.image(t) takes a tensor of shape [height, width] or [height, width, channels]');
  }
  const [height, width, channels = 1] = image.shape;
  if (![1, 3, 4].includes(channels)) throw new TypeError(`display.image: ${channels} channels; use 1 (grey), 3 (RGB) or 4 (RGBA)`);
  const data = image.dataSync();
  const scale = image.dtype === 'float32' ? 255 : 1;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const v = (c: number) => data[p * channels + c] * scale;
    rgba[p * 4] = v(0);
    rgba[p * 4 + 1] = channels >= 3 ? v(1) : v(0);
    rgba[p * 4 + 2] = channels >= 3 ? v(2) : v(0);
    rgba[p * 4 + 3] = channels === 4 ? v(3) : 255;
  }
  return { kind: 'image', width, height, rgba };
}

/** Turns every accepted series shape into named x/y series. */
export function normaliseSeries(input: PlotInput): PlotSeries[] {
  const index = (y: number[]) => y.map((_, i) => i);
  if (Array.isArray(input) && input.every((v) => typeof v === 'number')) {
    const y = input;
    return [{ name: 'y', x: index(y), y }];
  }
  if (Array.isArray(input)) {
    return (input as Array<{ name?: string; x?: number[]; y: number[] }>).map((s, i) => {
      if (!s || !Array.isArray(s.y)) throw new TypeError('display.plot: each series needs a y array');
      return { name: s.name ?? `series ${i + 1}`, x: s.x ?? index(s.y), y: s.y.map(Number) };
    });
  }
  if (input && typeof input === 'object') {
    return Object.entries(input).map(([name, y]) => ({ name, x: index(y), y: y.map(Number) }));
  }
  throw new TypeError('display.plot takes an array of numbers, an object of named arrays, or [{ name, x, y }] series');
}
