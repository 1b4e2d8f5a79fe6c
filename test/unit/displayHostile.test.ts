import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlotOutput } from '../../src/protocol/display';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { capture, values } from './displayCapture';

// Hostile or broken input to every display function: a clear message naming what came and where,
// at once (10 million values are refused by their count, before one is read), and nothing sent.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The message `call` throws; the call must send nothing and take no noticeable time. */
function refusal(call: (d: ReturnType<typeof makeDisplay>) => unknown): string {
  const { out, display } = capture();
  const started = performance.now();
  try {
    call(display);
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect(out).toEqual([]);
    // Generous for two shared cores: the point is "not seconds", not a benchmark.
    expect(performance.now() - started).toBeLessThan(500);
    return (e as Error).message;
  }
  throw new Error('expected the call to be refused');
}

const disposed = (t: tf.Tensor) => {
  t.dispose();
  return t;
};

describe('wrong types', () => {
  it('plot', () => {
    expect(refusal((d) => d.plot(42 as never))).toMatch(/^display.plot takes an array of numbers.*not a number$/);
    expect(refusal((d) => d.plot('loss' as never))).toMatch(/not a string$/);
    expect(refusal((d) => d.plot({ loss: 'abc' } as never))).toBe(
      'display.plot: series "loss" y should be an array of numbers, not a string',
    );
    expect(refusal((d) => d.plot([1, 'a', 3] as never))).toBe('display.plot: series "y" y[1] is a string ("a"), not a number');
    expect(refusal((d) => d.plot([1, null, 3] as never))).toMatch(/y\[1\] is null, not a number/);
    expect(refusal((d) => d.plot([{ name: 'a' }] as never))).toMatch(/each series needs a y array; item 0 is an object without y/);
    expect(refusal((d) => d.plot([[0, 1]] as never))).toMatch(/item 0 is an array; for \[x, y\] points use display.scatter/);
    expect(refusal((d) => d.plot([1], 'title' as never))).toMatch(/options should be an object like \{ title: '…' \}, not a string/);
    expect(refusal((d) => d.plot([1], { type: 'bar' as never }))).toMatch(/type is 'line' or 'scatter'/);
    expect(refusal((d) => d.plot([1], { smoothing: 1 }))).toMatch(/smoothing is a number from 0 \(none\) to below 1/);
  });

  it('plot handles', () => {
    const { display } = capture();
    const plot = display.plot();
    expect(() => plot.append('abc' as never)).toThrow(/append takes \{ name: value \} like \{ loss: 0.25 \}, not a string/);
    expect(() => plot.append({ loss: 'abc' } as never)).toThrow(/"loss" is a string, not a number/);
    expect(() => plot.append({ loss: null } as never)).toThrow(/"loss" is null, not a number/);
    expect(() => plot.append({})).toThrow(/no values to add/);
    expect(() => plot.append({ x: 3 })).toThrow(/no values to add/);
    expect(() => plot.append({ loss: tf.ones([2]) })).toThrow(/"loss" is a tensor of shape \[2\]; append takes one value per series/);
    expect(() => plot.update('x' as never)).toThrow(/display.plot update takes an array of numbers/);
    // Nothing half-added: a refused call leaves the plot as it was.
    plot.append({ loss: 1 });
  });

  it('progress', () => {
    expect(refusal((d) => d.progress('10' as never))).toMatch(/display.progress\(total\) takes .* not a string/);
    expect(refusal((d) => d.progress(0))).toMatch(/a number above 0/);
    expect(refusal((d) => d.progress(Infinity))).toMatch(/a number above 0/);
    const { display } = capture();
    const bar = display.progress(10);
    expect(() => bar.update('x' as never)).toThrow(/update\(current\) takes a number of steps, not a string/);
    expect(() => bar.update(NaN)).toThrow(/takes a number of steps/);
    expect(() => bar.add('2' as never)).toThrow(/add\(n\) takes a number of steps, not a string/);
  });

  it('images', () => {
    expect(refusal((d) => d.images(42 as never))).toMatch(/takes a tensor \[n, h, w, c\] or an array of image tensors, not a number/);
    expect(refusal((d) => d.images([tf.zeros([2, 2]), [[1]]] as never))).toMatch(/image 1 is an array, not a tensor/);
    expect(refusal((d) => d.images(tf.zeros([2, 2, 2, 2])))).toMatch(/has 2 channels; use 1 \(grey\), 3 \(RGB\) or 4 \(RGBA\)/);
    expect(refusal((d) => d.images(tf.zeros([2, 2, 2, 1, 1])))).toMatch(/has shape \[2, 2, 2, 1, 1\]/);
    expect(refusal((d) => d.images([]))).toMatch(/no images/);
    expect(refusal((d) => d.images(tf.zeros([3, 2, 2]), { labels: ['a'] }))).toBe(
      'display.images: 1 label for 3 images; give one label per image',
    );
    expect(refusal((d) => d.images(tf.zeros([3, 2, 2]), { labels: 'abc' as never }))).toMatch(/labels should be an array/);
    expect(refusal((d) => d.images(tf.zeros([3, 2, 2]), { columns: 0 }))).toMatch(/columns is a whole number above 0, not 0/);
    expect(refusal((d) => d.images(tf.tensor([['a']]) as never))).toMatch(/a string tensor is not an image/);
  });

  it('heatmap', () => {
    expect(refusal((d) => d.heatmap('x' as never))).toMatch(/takes rows of numbers \(number\[\]\[\]\) or a 2-D tensor, not a string/);
    expect(refusal((d) => d.heatmap([1, 2] as never))).toMatch(/rows of numbers/);
    expect(refusal((d) => d.heatmap(tf.zeros([2, 2, 2])))).toMatch(/2-D tensor \[rows, columns\], not shape \[2, 2, 2\]/);
    expect(refusal((d) => d.heatmap([[1, 'a']] as never))).toMatch(/row 0: z\[0\]\[1\] is a string \("a"\), not a number/);
    expect(refusal((d) => d.heatmap([]))).toMatch(/no cells/);
    expect(refusal((d) => d.heatmap([[1]], { x: [0] as never }))).toMatch(/x is the range \[min, max\]/);
    expect(refusal((d) => d.heatmap([[1]], { y: [0, NaN] }))).toMatch(/y is the range \[min, max\] .* two finite numbers/);
    expect(refusal((d) => d.heatmap([[1]], { paths: [{ x: [1] }] as never }))).toMatch(
      /path 0 should be \{ name, x: \[...\], y: \[...\] \}/,
    );
    expect(refusal((d) => d.heatmap([[1]], { paths: 'p' as never }))).toMatch(/paths should be an array/);
  });

  it('scatter', () => {
    expect(refusal((d) => d.scatter(42 as never))).toMatch(/takes \[x, y\] rows \(number\[\]\[\]\) or an \[n, 2\] tensor, not a number/);
    expect(refusal((d) => d.scatter(tf.zeros([4, 3])))).toMatch(/\[n, 2\] tensor of points, not shape \[4, 3\]/);
    expect(refusal((d) => d.scatter([[1, 2], 5] as never))).toMatch(/point 1 is a number; each point is an \[x, y\] pair/);
    expect(refusal((d) => d.scatter([[1, 'b']] as never))).toMatch(/point 0\[1\] is a string/);
    expect(refusal((d) => d.scatter([[1, 2]], { labels: [{}] as never }))).toMatch(/labels\[0\] is an object/);
    expect(refusal((d) => d.scatter([[1, 2]], { labels: 3 as never }))).toMatch(/labels should be an array/);
    expect(refusal((d) => d.scatter([[1, 2]], { labels: [0], classes: 'ab' as never }))).toMatch(/classes should be an array of names/);
    const scores = Array.from({ length: 500 }, (_, i) => i / 500);
    expect(
      refusal((d) =>
        d.scatter(
          scores.map((s) => [s, s]),
          { labels: scores },
        ),
      ),
    ).toMatch(/500 different labels.*argMax/);
  });

  it('histogram', () => {
    expect(refusal((d) => d.histogram('abc' as never))).toMatch(/takes an array of numbers or a tensor, not a string/);
    expect(refusal((d) => d.histogram([1, 'a'] as never))).toMatch(/value 1 is a string, not a number/);
    expect(refusal((d) => d.histogram([1], { bins: 0 }))).toMatch(/bins is a whole number from 1 to 1000, not 0/);
    expect(refusal((d) => d.histogram([1], { bins: 2.5 }))).toMatch(/not 2.5/);
  });
});

describe('ragged input', () => {
  it('names the series, row or path whose lengths differ', () => {
    expect(refusal((d) => d.plot([{ name: 'val', x: [0, 1, 2], y: [1, 2] }]))).toBe(
      'display.plot: series "val" has 3 x values and 2 y values; give x and y the same length',
    );
    expect(
      refusal((d) =>
        d.heatmap([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8],
        ]),
      ),
    ).toBe('display.heatmap: row 2 has 2 values and row 0 has 3; every row needs the same length');
    expect(refusal((d) => d.heatmap([[1]], { paths: [{ name: 'Adam', x: [0, 1], y: [0] }] }))).toMatch(
      /path "Adam" has 2 x values and 1 y value;/,
    );
    expect(refusal((d) => d.scatter([[1, 2], [3]]))).toBe('display.scatter: point 1 has 1 value; each point is an [x, y] pair');
    expect(refusal((d) => d.scatter([[1, 2]], { labels: [0, 1] }))).toBe('display.scatter: 2 labels for 1 point; give one label per point');
  });
});

describe('10 million points', () => {
  const tenMillion = 10_000_000;

  it('a plot refuses them by their count, naming it and the ways around it', () => {
    const values = Array.from({ length: tenMillion }, () => 0);
    const message = refusal((d) => d.plot(values));
    expect(message).toContain('10,000,000 points is more than the 1,000,000 one plot can hold');
    expect(message).toContain('every k-th point (k = 10');
    expect(message).toContain('display.histogram(values)');
    expect(refusal((d) => d.plot({ a: new Float32Array(600_000), b: new Float32Array(600_000) }))).toMatch(/1,200,000 points/);
    const point = [0, 0];
    const points = Array.from({ length: tenMillion }, () => point);
    expect(refusal((d) => d.scatter(points))).toMatch(/10,000,000 points/);
    const manySeries = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`s${i}`, [i]]));
    expect(refusal((d) => d.plot(manySeries))).toMatch(/2,000 series is more than the 1,000/);
  });

  it('a live plot stops taking points at a million', () => {
    const { display } = capture();
    const plot = display.plot(new Float32Array(1_000_000));
    expect(() => plot.append(1)).toThrow(/this plot holds 1,000,000 points and 1,000,000 is the most one plot can/);
  });

  it('heatmaps and image grids refuse more than they can show', () => {
    const row = Array.from({ length: 4000 }, () => 0);
    expect(refusal((d) => d.heatmap(Array.from({ length: 4000 }, () => row)))).toMatch(/16,000,000 cells is more than 4,194,304/);
    expect(refusal((d) => d.images(tf.zeros([2000, 1, 1])))).toMatch(/2,000 images is more than 1,000; show a slice/);
    expect(refusal((d) => d.images(tf.zeros([2, 3000, 3000])))).toMatch(/18,000,000 pixels in all is more than 16,777,216/);
  });

  it('a histogram bins them, which is what it is for', () => {
    const { out, display } = capture();
    const values = new Float32Array(tenMillion);
    for (let i = 0; i < tenMillion; i++) values[i] = i % 1000;
    values[5] = NaN;
    display.histogram(values, { bins: 10 });
    const h = out[0];
    if (h.kind !== 'histogram') throw new Error(h.kind);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(tenMillion - 1);
    expect(h.skipped).toBe(1);
    expect(h.edges[0]).toBe(0);
    expect(h.edges[10]).toBe(999);
  });
});

describe('NaN and Infinity', () => {
  it('pictures turn NaN into black and clip Infinity', () => {
    const { out, display } = capture();
    display.images(tf.tensor4d([NaN, Infinity, -Infinity, 0.5], [1, 2, 2, 1]));
    const g = out[0];
    if (g.kind !== 'images') throw new Error(g.kind);
    expect([...g.images[0].rgba].filter((_, i) => i % 4 === 0)).toEqual([0, 255, 0, 128]);
  });

  it('scatter sends them as they are, for the page to leave out and count', () => {
    const { out, display } = capture();
    display.scatter([
      [NaN, 1],
      [2, Infinity],
    ]);
    expect({ ...out[0], series: (out[0] as PlotOutput).series.map(values) }).toMatchObject({ series: [{ x: [NaN, 2], y: [1, Infinity] }] });
  });
});

describe('a disposed tensor', () => {
  const message = (fn: string) => `display.${fn}: this tensor was disposed (tf.dispose or tf.tidy freed it)`;

  it('gets the same clear message from every display function', () => {
    expect(refusal((d) => d.image(disposed(tf.zeros([2, 2]))))).toContain(message('image'));
    expect(refusal((d) => d.images(disposed(tf.zeros([2, 2, 2]))))).toContain(message('images'));
    expect(refusal((d) => d.images(tf.zeros([2, 2, 2]), { labels: disposed(tf.tensor1d([1, 2])) }))).toContain(message('images'));
    expect(refusal((d) => d.heatmap(disposed(tf.zeros([2, 2]))))).toContain(message('heatmap'));
    expect(refusal((d) => d.scatter(disposed(tf.zeros([2, 2]))))).toContain(message('scatter'));
    expect(refusal((d) => d.scatter([[1, 2]], { labels: disposed(tf.tensor1d([1])) }))).toContain(message('scatter'));
    expect(refusal((d) => d.histogram(disposed(tf.zeros([2]))))).toContain(message('histogram'));
    expect(refusal((d) => d.plot(disposed(tf.zeros([2]))))).toContain(message('plot'));
    expect(refusal((d) => d.plot({ loss: disposed(tf.zeros([2])) }))).toContain(message('plot'));
    const { display } = capture();
    const plot = display.plot();
    expect(() => plot.append({ loss: disposed(tf.scalar(1)) })).toThrow(message('plot append'));
  });

  it('says what to do about it, as for a tensor made inside tf.tidy and used after', () => {
    let weights = tf.scalar(0);
    tf.tidy(() => {
      weights = tf.ones([3]).mul(2);
    });
    expect(refusal((d) => d.histogram(weights))).toMatch(
      /call display.histogram inside the tf.tidy, or keep the tensor .* until it is shown/,
    );
  });
});
