import type * as tf from '@tensorflow/tfjs';
import type { DisplayOutput, DisplayValue } from '../../src/protocol/display';
import { heatmapOutput, type HeatmapOptions } from './display/heatmap';
import { histogramOutput, type HistogramOptions } from './display/histogram';
import { imageOutput, imagesOutput, type ImagesOptions } from './display/images';
import { createLiveChannel, type LiveChannel } from './display/liveChannel';
import { normaliseSeries, plotLook, type PlotInput, type PlotOptions } from './display/plot';
import { plotHandle, type PlotHandle } from './display/plotHandle';
import { progressHandle, progressOutput, type ProgressHandle } from './display/progress';
import { scatterOutput, type ScatterOptions } from './display/scatter';
import { toDisplayValue } from './serialize';

// The `display` object cells see: display(value), display.markdown(text), display.table(rows),
// display.image(tensor), display.plot(series, options) and its live handle, display.progress(total),
// and the kinds tutorials draw: images, heatmap, scatter, histogram. Each kind is a file in display/.

export type Display = ((value: unknown) => void) & {
  markdown(text: string): void;
  table(rows: Array<Record<string, unknown>> | unknown[][], columns?: string[]): void;
  image(image: tf.Tensor): void;
  plot(series?: PlotInput, options?: PlotOptions): PlotHandle;
  /** A confusion matrix: counts[true class][predicted class]. */
  confusion(classes: string[], counts: number[][]): void;
  progress(total: number, options?: { label?: string }): ProgressHandle;
  images(images: tf.Tensor | tf.Tensor[], options?: ImagesOptions): void;
  heatmap(z: number[][] | tf.Tensor, options?: HeatmapOptions): void;
  scatter(points: number[][] | tf.Tensor, options?: ScatterOptions): void;
  histogram(values: number[] | number[][] | Float32Array | tf.Tensor, options?: HistogramOptions): void;
};

/** Where a run's live outputs send their updates: the kernel's channel, and the run that made them. */
export interface LiveRun {
  channel: LiveChannel;
  runId: string;
}

/** A channel that sends nowhere, for displays made without a live run (the unit tests). */
const quietRun = (): LiveRun => ({
  channel: createLiveChannel({ send: () => undefined, stopRequested: () => false, running: () => true }),
  runId: '',
});

const TABLE_MAX_ROWS = 1000;

/** Makes the display API for one run; `emit` sends each output to that run's cell, `live` carries handles' updates. */
export function makeDisplay(emit: (output: DisplayOutput) => void, live: LiveRun = quietRun()): Display {
  const { channel, runId } = live;
  let made = 0;
  /** Live outputs' ids, unique in the kernel: the run's id is. */
  const nextId = (kind: string) => `${runId ? `${runId}:` : ''}${kind}-${++made}`;
  const display = ((value: unknown) => emit({ kind: 'value', value: toDisplayValue(value) })) as Display;
  display.markdown = (text) => emit({ kind: 'markdown', text: String(text) });
  display.table = (rows, columns) => emit(tableOutput(rows, columns));
  display.image = (image) => emit(imageOutput(image));
  display.confusion = (classes, counts) =>
    emit({ kind: 'confusion', classes: classes.map(String), counts: counts.map((r) => r.map(Number)) });
  display.plot = (input, options) => {
    const look = plotLook('plot', options);
    const series = normaliseSeries(input);
    const id = nextId('plot');
    // The handle reads the series' lengths before emit transfers (and so empties) their buffers.
    const handle = plotHandle(channel, runId, id, series);
    emit({ kind: 'plot', ...look, series, id });
    return handle;
  };
  display.progress = (total, options) => {
    const output = progressOutput(nextId('progress'), total, options);
    emit(output);
    return progressHandle(channel, runId, output);
  };
  display.images = (images, options) => emit(imagesOutput(images, options));
  display.heatmap = (z, options) => emit(heatmapOutput(z, options));
  display.scatter = (points, options) => emit(scatterOutput(points, options));
  display.histogram = (values, options) => emit(histogramOutput(values, options));
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
