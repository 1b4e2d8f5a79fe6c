import { builtinDataset } from '../../src/data/builtin';
import { datasetSpec, testCountOf, type RunData, type SplitData } from '../../src/data/catalogue';
import type { TrainConfig } from '../../src/doc/trainConfig';
import type { DatasetPayload } from '../../src/protocol/lab';
import type { KernelState } from './kernelState';
import { exampleWidth } from './testSplit';

// Data the page handed over: shipped files (inflated here, off the page's thread)
// and the learner's own. The kernel has no storage and no network of its own.

/** Keeps data the page sent; returns how many examples it holds. */
export function putDataset(kernel: KernelState, key: string, payload: DatasetPayload): number {
  if (payload.kind === 'shipped') {
    const spec = datasetSpec(payload.dataset);
    if (spec.source.kind !== 'shipped') throw new Error(`${spec.label} is not a shipped file.`);
    // A cell awaiting lb.datasets.load of this set goes on, or hears why it cannot.
    const waiting = kernel.coming.waiting.get(spec.name) ?? [];
    kernel.coming.waiting.delete(spec.name);
    let data: SplitData;
    try {
      data = spec.source.decode(payload.compressed);
    } catch (e) {
      for (const arrived of waiting) arrived(e as Error);
      throw e;
    }
    kernel.shipped.set(spec.name, data);
    for (const arrived of waiting) arrived();
    return data.count;
  }
  const { x, xShape, y, count, classes, testCount } = payload;
  const width = exampleWidth(payload);
  if (x.length !== count * width || y.length !== count)
    throw new Error(`The data for ${payload.name} does not fit its shape [${xShape.join(',')}] × ${count}.`);
  kernel.own.set(key, { x, xShape, y, count, classes, testCount });
  return count;
}

/** The dataset a graph cell's settings name; `userKey` finds the learner's own data. */
export function datasetFor(kernel: KernelState, config: TrainConfig, userKey: string): RunData {
  const spec = datasetSpec(config.dataset);
  const { source } = spec;
  switch (source.kind) {
    case 'shipped': {
      const data = kernel.shipped.get(spec.name);
      if (!data) throw new Error(`${spec.label} has not reached the kernel: press Train again (the page sends it first).`);
      return source.take(data, config.samples);
    }
    case 'own': {
      const data = kernel.own.get(userKey);
      if (!data)
        throw new Error(
          'This cell has no data of your own loaded in this session: choose a CSV file or an image folder under Dataset, then press Train.',
        );
      return { ...data, testCount: data.testCount ?? testCountOf(data.count) };
    }
    case 'generated': {
      const data = builtinDataset(spec.name, config.samples, config.noise, config.seed);
      return { ...data, testCount: testCountOf(data.count) };
    }
  }
}
