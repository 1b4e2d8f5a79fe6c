import type { BuiltinDataset } from '../doc/trainConfig';
import { seededRandom } from './random';
import { sentiment } from './sentiment';
import { shapes } from './shapes';
import { sineWindows } from './timeSeries';
import { toy2d } from './toy2d';
import type { TensorData } from './types';

/**
 * Examples in a random order (seeded): generators make them in order (a
 * spiral from its centre out), and a test split taken from the end must be a
 * fair sample, not the spiral's outer arm. Per-example extras (boxes) move too.
 */
export function shuffled<T extends TensorData>(data: T, seed: number): T {
  const rand = seededRandom(seed ^ 0x5eed);
  const order = Array.from({ length: data.count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rand.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const width = data.x.length / data.count;
  const x = new Float32Array(data.x.length);
  const y = new Float32Array(data.count);
  order.forEach((from, to) => {
    x.set(data.x.subarray(from * width, (from + 1) * width), to * width);
    y[to] = data.y[from];
  });
  const out = { ...data, x, y };
  const boxes = (data as { boxes?: Int32Array }).boxes;
  if (boxes) {
    const moved = new Int32Array(boxes.length);
    order.forEach((from, to) => moved.set(boxes.subarray(from * 4, from * 4 + 4), to * 4));
    (out as { boxes?: Int32Array }).boxes = moved;
  }
  const texts = (data as { texts?: string[] }).texts;
  if (texts) (out as { texts?: string[] }).texts = order.map((from) => texts[from]);
  return out;
}

/** A built-in dataset, generated (the same for the same seed) where it is used, in a shuffled order. */
export function builtinDataset(name: BuiltinDataset, samples: number, noise: number, seed: number): TensorData {
  return shuffled(generate(name, samples, noise, seed), seed);
}

function generate(name: BuiltinDataset, samples: number, noise: number, seed: number): TensorData {
  const options = { samples, noise, seed };
  switch (name) {
    case 'spiral':
    case 'xor':
    case 'circles':
    case 'gaussian':
      return toy2d(name, options);
    case 'shapes':
      return shapes(options);
    case 'sine':
      return sineWindows(options);
    case 'sentiment':
      return sentiment(options);
  }
}

/** The fraction of every built-in dataset held back for Evaluate. */
export const TEST_FRACTION = 0.2;

/** Examples held back for Evaluate out of `count`, when a dataset brings no test split of its own. */
export const testCountOf = (count: number): number => Math.max(1, Math.round(count * TEST_FRACTION));
