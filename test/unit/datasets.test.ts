import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encode, sentiment, tokenize, UNKNOWN } from '../../src/data/sentiment';
import { SHAPE_CLASSES, shapes } from '../../src/data/shapes';
import { sineWindows } from '../../src/data/timeSeries';
import { TOY_SETS, toy2d } from '../../src/data/toy2d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TensorFlow Playground sets', () => {
  for (const kind of TOY_SETS) {
    it(`${kind}: balanced 0/1 labels, points in range, the same for the same seed`, () => {
      const a = toy2d(kind, { samples: 200, noise: 0.1, seed: 7 });
      expect(a.count).toBe(200);
      expect(a.x).toHaveLength(400);
      const ones = [...a.y].filter((v) => v === 1).length;
      // xor's label is the quadrant, so it is balanced only roughly; the others alternate.
      if (kind === 'xor') expect(Math.abs(ones - 100)).toBeLessThan(30);
      else expect(ones).toBe(100);
      expect(Math.max(...a.x.map(Math.abs))).toBeLessThan(kind === 'gaussian' ? 3 : 1.6);
      expect(toy2d(kind, { samples: 200, noise: 0.1, seed: 7 }).x).toEqual(a.x);
      expect(toy2d(kind, { samples: 200, noise: 0.1, seed: 8 }).x).not.toEqual(a.x);
    });
  }

  it('xor labels follow the quadrant', () => {
    const d = toy2d('xor', { samples: 300, noise: 0, seed: 1 });
    for (let i = 0; i < d.count; i++) expect(d.y[i]).toBe(d.x[2 * i] * d.x[2 * i + 1] >= 0 ? 1 : 0);
  });

  it('the spiral is learnable: a small MLP reaches 98 % accuracy', async () => {
    const d = toy2d('spiral', { samples: 400, noise: 0.05, seed: 3 });
    // Seeded weights and the set's own order, so every run trains the same model. Unseeded, a
    // 32-unit net at rate 0.02 ended at 88.5 % in one CI run; this one ended at 99.3-99.8 % for
    // each of 16 weight seeds tried (at rate 0.01 one of them blew up late), so the seed below is
    // not a lucky one.
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 64, activation: 'relu', kernelInitializer: init(11) }),
        tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(12) }),
        tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(13) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.005), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const x = tf.tensor2d(d.x, [d.count, 2]);
    const y = tf.tensor2d(d.y, [d.count, 1]);
    await model.fit(x, y, { epochs: 250, batchSize: 32, shuffle: false, verbose: 0 });
    const [, accuracy] = model.evaluate(x, y) as tf.Scalar[];
    expect(accuracy.dataSync()[0]).toBeGreaterThanOrEqual(0.98);
  }, 60_000);
});

describe('Shapes', () => {
  it('draws each class in turn, with its box inside the image and around the shape', () => {
    const size = 32;
    const d = shapes({ samples: 30, noise: 0, seed: 11 }, size);
    expect(d.xShape).toEqual([size, size, 1]);
    expect(d.classes).toEqual([...SHAPE_CLASSES]);
    expect(Array.from(d.y.slice(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    for (let i = 0; i < d.count; i++) {
      const [x0, y0, x1, y1] = d.boxes.subarray(i * 4, i * 4 + 4);
      expect(x0).toBeGreaterThanOrEqual(0);
      expect(y0).toBeGreaterThanOrEqual(0);
      expect(x1).toBeLessThan(size);
      expect(y1).toBeLessThan(size);
      expect(x1 - x0).toBeGreaterThanOrEqual(4);
      const image = d.x.subarray(i * size * size, (i + 1) * size * size);
      // With no noise, every lit pixel lies in the box, and the box's corners touch lit pixels.
      for (let p = 0; p < image.length; p++) {
        if (image[p] > 0.5) {
          const px = p % size;
          const py = Math.floor(p / size);
          expect(px >= x0 && px <= x1 && py >= y0 && py <= y1).toBe(true);
        }
      }
      expect(image[y0 * size + Math.round((x0 + x1) / 2)] + image[y1 * size + Math.round((x0 + x1) / 2)]).toBeGreaterThan(0);
    }
  });

  it('is the same for the same seed, and noise stays within 0–1', () => {
    expect(shapes({ samples: 9, noise: 0.5, seed: 4 }).x).toEqual(shapes({ samples: 9, noise: 0.5, seed: 4 }).x);
    const noisy = shapes({ samples: 9, noise: 1, seed: 4 });
    expect(Math.min(...noisy.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...noisy.x)).toBeLessThanOrEqual(1);
  });

  it('a triangle has about half the pixels of its square box, a circle about π/4', () => {
    const size = 32;
    const d = shapes({ samples: 60, noise: 0, seed: 5 }, size);
    const fill = (i: number) => {
      const [x0, y0, x1, y1] = d.boxes.subarray(i * 4, i * 4 + 4);
      const lit = d.x.subarray(i * size * size, (i + 1) * size * size).reduce((a, b) => a + b, 0);
      return lit / ((x1 - x0 + 1) * (y1 - y0 + 1));
    };
    const mean = (label: number) => {
      const f = [...Array(d.count).keys()].filter((i) => d.y[i] === label).map(fill);
      return f.reduce((a, b) => a + b, 0) / f.length;
    };
    expect(mean(0)).toBeCloseTo(Math.PI / 4, 1);
    expect(mean(1)).toBeCloseTo(1, 1);
    expect(mean(2)).toBeCloseTo(0.5, 1);
  });
});

describe('sine windows', () => {
  it('each window is followed by its target in the series', () => {
    const d = sineWindows({ samples: 50, noise: 0.1, seed: 2 }, 10);
    expect(d.xShape).toEqual([10, 1]);
    for (let i = 0; i < d.count; i++) {
      expect([...d.x.subarray(i * 10, i * 10 + 10)]).toEqual([...d.series.subarray(i, i + 10)]);
      expect(d.y[i]).toBe(d.series[i + 10]);
    }
  });
});

describe('sentiment', () => {
  it('has balanced labels, a vocabulary from index 2, padded sequences, and negations', () => {
    const d = sentiment({ samples: 400, seed: 9 }, 12);
    expect([...d.y].filter((v) => v === 1)).toHaveLength(200);
    expect(Math.min(...Object.values(d.vocabulary))).toBe(2);
    expect(d.x).toHaveLength(400 * 12);
    expect(d.texts.some((t) => / not /.test(t))).toBe(true);
    const first = [...d.x.subarray(0, 12)];
    expect(first.slice(tokenize(d.texts[0]).length).every((v) => v === 0)).toBe(true);
    expect([...encode('the movie was zzzz', d.vocabulary, 6)]).toEqual([
      d.vocabulary.the,
      d.vocabulary.movie,
      d.vocabulary.was,
      UNKNOWN,
      0,
      0,
    ]);
    expect(sentiment({ samples: 400, seed: 9 }, 12).texts).toEqual(d.texts);
  });
});

describe('built-in datasets for training', () => {
  it('are shuffled (seeded), keeping each example with its label and box', async () => {
    const { builtinDataset, shuffled } = await import('../../src/data/builtin');
    // A little noise, so no two points coincide (both arms start at the centre).
    const ordered = toy2d('spiral', { samples: 100, noise: 0.05, seed: 2 });
    const d = builtinDataset('spiral', 100, 0.05, 2);
    expect(d.x).not.toEqual(ordered.x);
    expect(builtinDataset('spiral', 100, 0.05, 2).x).toEqual(d.x);
    // Every shuffled point is an original point with the same label.
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const labels = new Map([...Array(100).keys()].map((i) => [key(ordered.x, i), ordered.y[i]]));
    for (let i = 0; i < 100; i++) expect(labels.get(key(d.x, i))).toBe(d.y[i]);
    // The last fifth (the test split) holds points from all over, not only the outer arm.
    const radius = (i: number) => Math.hypot(d.x[2 * i], d.x[2 * i + 1]);
    const tail = [...Array(20).keys()].map((i) => radius(80 + i));
    expect(Math.min(...tail)).toBeLessThan(0.5);
    // Shapes keep their boxes: every lit pixel of every shuffled image lies in its box.
    const s = shuffled(shapes({ samples: 12, noise: 0, seed: 1 }), 1);
    for (let i = 0; i < 12; i++) {
      const [x0, y0, x1, y1] = s.boxes.subarray(i * 4, i * 4 + 4);
      s.x.subarray(i * 1024, (i + 1) * 1024).forEach((v, p) => {
        if (v > 0.5) expect(p % 32 >= x0 && p % 32 <= x1 && Math.floor(p / 32) >= y0 && Math.floor(p / 32) <= y1).toBe(true);
      });
    }
  });
});
