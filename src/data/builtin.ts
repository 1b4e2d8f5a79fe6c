import { datasetSpec, type DatasetName } from './catalogue';
import { seededRandom } from './random';
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

/**
 * A generated dataset (the same for the same seed), in a shuffled order. Only
 * generated datasets can be made here; MNIST comes from its file, and the
 * learner's own data from the page.
 */
export function builtinDataset(name: DatasetName, samples: number, noise: number, seed: number): TensorData {
  const { source } = datasetSpec(name);
  if (source.kind !== 'generated')
    throw new Error(`${name} is not generated: it comes from ${source.kind === 'shipped' ? source.file : 'the learner'}.`);
  return shuffled(source.generate({ samples, noise, seed }), seed);
}
