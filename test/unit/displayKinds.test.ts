import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DisplayOutput } from '../../src/protocol/display';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { capture, values } from './displayCapture';
import { displayTransferables } from '../../workers/kernel/display/transfer';

// What each display kind sends to the page, from each input form it takes, with the real tfjs cpu backend.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The one output `show` sends, of the kind expected. */
function only<K extends DisplayOutput['kind']>(kind: K, show: (d: ReturnType<typeof makeDisplay>) => unknown) {
  const { out, display } = capture();
  show(display);
  expect(out).toHaveLength(1);
  const [o] = out;
  if (o.kind !== kind) throw new Error(`expected ${kind}, got ${o.kind}`);
  // Plain data: it crosses postMessage unchanged.
  expect(structuredClone(o)).toEqual(o);
  return o as Extract<DisplayOutput, { kind: K }>;
}

describe('display.plot', () => {
  it('takes numbers, named arrays, series with x, typed arrays and tensors, with the look options', () => {
    const numbers = only('plot', (d) => d.plot([1, 4, 9], { title: 'squares', logY: true, smoothing: 0.6, yLabel: 'y²' }));
    expect(numbers).toMatchObject({ type: 'line', title: 'squares', logY: true, smoothing: 0.6, yLabel: 'y²' });
    expect(numbers.series.map(values)).toEqual([{ name: 'y', x: [0, 1, 2], y: [1, 4, 9] }]);
    expect(numbers.id).toMatch(/^plot-\d+$/);
    const named = only('plot', (d) => d.plot({ loss: [3, 2], acc: new Float32Array([0.5, 0.75]) }));
    expect(named.series.map(values)).toEqual([
      { name: 'loss', x: [0, 1], y: [3, 2] },
      { name: 'acc', x: [0, 1], y: [0.5, 0.75] },
    ]);
    const full = only('plot', (d) => d.plot([{ name: 'fit', x: [0, 10], y: tf.tensor1d([1, 2]) }, { y: [5] }], { type: 'scatter' }));
    expect(full.type).toBe('scatter');
    expect(full.series.map(values)).toEqual([
      { name: 'fit', x: [0, 10], y: [1, 2] },
      { name: 'series 2', x: [0], y: [5] },
    ]);
    expect(only('plot', (d) => d.plot(tf.tensor1d([7, 8]))).series.map(values)).toEqual([{ name: 'y', x: [0, 1], y: [7, 8] }]);
    // An empty plot, to be filled live.
    expect(only('plot', (d) => d.plot()).series).toEqual([]);
    expect(only('plot', (d) => d.plot({ loss: [] })).series.map(values)).toEqual([{ name: 'loss', x: [], y: [] }]);
  });

  it('sends NaN and Infinity as they are (the page leaves them out and says so)', () => {
    const p = only('plot', (d) => d.plot([1, NaN, Infinity, -Infinity]));
    expect(Array.from(p.series[0].y)).toEqual([1, NaN, Infinity, -Infinity]);
  });

  it('gives each plot its own id', () => {
    const { out, display } = capture();
    display.plot([1]);
    display.plot([2]);
    const ids = out.map((o) => (o.kind === 'plot' ? o.id : undefined));
    expect(new Set(ids).size).toBe(2);
  });
});

describe('display.scatter', () => {
  it('without labels: one series of the points', () => {
    const s = only('plot', (d) =>
      d.scatter(
        [
          [0, 1],
          [2, 3],
        ],
        { title: 'data', xLabel: 'a', yLabel: 'b' },
      ),
    );
    expect(s).toMatchObject({ type: 'scatter', title: 'data', xLabel: 'a', yLabel: 'b' });
    expect(s.series.map(values)).toEqual([{ name: 'points', x: [0, 2], y: [1, 3] }]);
  });

  it('one series per class, numbers ascending, named by classes; names as they first appear', () => {
    const points = tf.tensor2d([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const byNumber = only('plot', (d) => d.scatter(points, { labels: [2, 0, 2, 1], classes: ['cat', 'dog'] }));
    expect(byNumber.series.map(values)).toEqual([
      { name: 'cat', x: [1], y: [1] },
      { name: 'dog', x: [3], y: [3] },
      { name: '2', x: [0, 2], y: [0, 2] },
    ]);
    const byName = only('plot', (d) => d.scatter(points, { labels: ['b', 'a', 'b', 'a'] }));
    expect(byName.series.map((s) => s.name)).toEqual(['b', 'a']);
    const fromTensor = only('plot', (d) => d.scatter(points, { labels: tf.tensor1d([1, 0, 1, 0], 'int32') }));
    expect(fromTensor.series.map((s) => [s.name, Array.from(s.x)])).toEqual([
      ['0', [1, 3]],
      ['1', [0, 2]],
    ]);
    const oneHot = tf.tensor2d([
      [0, 1],
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(only('plot', (d) => d.scatter(points, { labels: oneHot })).series.map((s) => Array.from(s.x))).toEqual([[1], [0, 2, 3]]);
  });
});

describe('display.images', () => {
  it('a [n, h, w, c] batch: one RGBA picture each, with labels as text and a default of √n columns', () => {
    const batch = tf.tensor4d([0, 0.5, 1, 2, -1, 0.25, 0.75, 1], [2, 2, 2, 1]);
    const g = only('images', (d) => d.images(batch, { labels: [7, 3], title: 'digits' }));
    expect(g).toMatchObject({ columns: 2, title: 'digits' });
    expect(g.images.map((i) => [i.width, i.height, i.label])).toEqual([
      [2, 2, '7'],
      [2, 2, '3'],
    ]);
    // Floats are 0–1: 2 and -1 are clipped.
    expect([...g.images[0].rgba].filter((_, i) => i % 4 === 0)).toEqual([0, 128, 255, 255]);
    expect([...g.images[1].rgba].filter((_, i) => i % 4 === 0)).toEqual([0, 64, 191, 255]);
    expect(g.images[0].rgba.slice(0, 4)).toEqual(new Uint8ClampedArray([0, 0, 0, 255]));
  });

  it('[n, h, w] grey batches, RGB integers 0–255, arrays of pictures of their own sizes, and columns', () => {
    const grey = only('images', (d) => d.images(tf.zeros([9, 8, 8]), { columns: 3 }));
    expect(grey.images).toHaveLength(9);
    expect(grey).toMatchObject({ columns: 3 });
    const rgb = tf.tensor3d([[[255, 0, 300]]], [1, 1, 3], 'int32');
    const list = only('images', (d) => d.images([rgb, tf.ones([3, 2])], { labels: ['red', 'white'] }));
    expect(list.images.map((i) => [i.width, i.height, i.label])).toEqual([
      [1, 1, 'red'],
      [2, 3, 'white'],
    ]);
    expect([...list.images[0].rgba]).toEqual([255, 0, 255, 255]);
    // One [h, w, c] picture is one picture, not h pictures w wide.
    expect(only('images', (d) => d.images(tf.zeros([28, 28, 1]))).images).toHaveLength(1);
    const rgba = only('images', (d) => d.images(tf.tensor4d([0, 1, 0, 0.5], [1, 1, 1, 4])));
    expect([...rgba.images[0].rgba]).toEqual([0, 255, 0, 128]);
  });

  it('each picture has a buffer of its own, to hand over', () => {
    const g = only('images', (d) => d.images(tf.zeros([3, 2, 2, 1])));
    const buffers = displayTransferables(g);
    expect(buffers).toHaveLength(3);
    expect(new Set(buffers).size).toBe(3);
    expect(buffers.every((b) => b.byteLength === 2 * 2 * 4)).toBe(true);
  });
});

describe('display.heatmap', () => {
  it('from rows: row-major cells, default ranges, paths, and min/max over the finite cells', () => {
    const h = only('heatmap', (d) =>
      d.heatmap(
        [
          [1, 2, NaN],
          [4, -5, 6],
        ],
        {
          paths: [
            { x: [0, 1], y: [1, 0] },
            { name: 'Adam', x: tf.tensor1d([2]), y: [1] },
          ],
          title: 'surface',
        },
      ),
    );
    expect(h).toMatchObject({ rows: 2, columns: 3, x: [0, 2], y: [0, 1], min: -5, max: 6, title: 'surface' });
    expect([...h.z]).toEqual([1, 2, NaN, 4, -5, 6]);
    expect(h.paths).toEqual([
      { name: 'path 1', x: [0, 1], y: [1, 0] },
      { name: 'Adam', x: [2], y: [1] },
    ]);
  });

  it('from a tensor, with axis ranges; its cells in a buffer of their own', () => {
    const t = tf.tensor2d([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    const h = only('heatmap', (d) => d.heatmap(t, { x: [-2, 2], y: [-1, 3] }));
    expect(h).toMatchObject({ rows: 3, columns: 2, x: [-2, 2], y: [-1, 3], min: 0, max: 5, paths: [] });
    expect(h.z).toBeInstanceOf(Float32Array);
    expect([...h.z]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(displayTransferables(h)).toEqual([h.z.buffer]);
    // Handing the cells over leaves the tensor whole.
    expect(h.z.buffer).not.toBe(t.dataSync().buffer);
  });

  it('all NaN cells span 0 to 0; Infinity is left in the cells but out of the range', () => {
    expect(only('heatmap', (d) => d.heatmap([[NaN, NaN]]))).toMatchObject({ min: 0, max: 0 });
    expect(only('heatmap', (d) => d.heatmap([[1, Infinity, 3]]))).toMatchObject({ min: 1, max: 3 });
  });
});

describe('display.histogram', () => {
  it('equal bins from the smallest value to the largest, the last one closed, non-finite values skipped', () => {
    const h = only('histogram', (d) => d.histogram([0, 1, 2, 3, 4, 4, NaN, Infinity], { bins: 4, title: 'w', xLabel: 'value' }));
    expect(h).toMatchObject({ edges: [0, 1, 2, 3, 4], counts: [1, 1, 1, 3], skipped: 2, title: 'w', xLabel: 'value' });
  });

  it('counts each value in the bin whose edges hold it, even where arithmetic rounds across an edge', () => {
    // Tenths cannot be exact in binary: the edges, not (v − min) / width, decide.
    const values = Array.from({ length: 101 }, (_, i) => i / 10 - 3.3);
    const h = only('histogram', (d) => d.histogram(values, { bins: 7 }));
    const last = h.counts.length - 1;
    const expected = h.counts.map(
      (_, i) => values.filter((v) => v >= h.edges[i] && (v < h.edges[i + 1] || (i === last && v <= h.edges[i + 1]))).length,
    );
    expect(h.counts).toEqual(expected);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
  });

  it('flattens any tensor, defaults to 30 bins, and spans v ± 0.5 for one value, 0–1 for none', () => {
    const t = tf.randomNormal([10, 10, 10]);
    const h = only('histogram', (d) => d.histogram(t));
    expect(h.counts).toHaveLength(30);
    expect(h.edges).toHaveLength(31);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(h.edges[0]).toBe(t.min().dataSync()[0]);
    expect(h.edges[30]).toBe(t.max().dataSync()[0]);
    expect(only('histogram', (d) => d.histogram([5, 5], { bins: 2 }))).toMatchObject({ edges: [4.5, 5, 5.5], counts: [0, 2] });
    expect(only('histogram', (d) => d.histogram([NaN], { bins: 2 }))).toMatchObject({ edges: [0, 0.5, 1], counts: [0, 0], skipped: 1 });
    expect(only('histogram', (d) => d.histogram([[1, 2], [3]], { bins: 2 })).counts).toEqual([1, 2]);
  });
});

describe('display.progress', () => {
  it('starts at step 0 of its total, with its label and an id', () => {
    const p = only('progress', (d) => d.progress(120, { label: 'epochs' }));
    expect(p).toMatchObject({ kind: 'progress', total: 120, step: 0, rate: 0, etaSec: 0, label: 'epochs' });
    expect(p.id).toMatch(/^progress-\d+$/);
  });
});
