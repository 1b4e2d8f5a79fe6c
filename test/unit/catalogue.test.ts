import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinDataset } from '../../src/data/builtin';
import {
  classCountOf,
  DATASET_NAMES,
  DATASET_SPECS,
  datasetSpec,
  predictModeOf,
  testCountOf,
  trainExamplesOf,
} from '../../src/data/catalogue';
import { TRAIN_FIELDS, trainConfigOf } from '../../src/doc/trainConfig';
import { datasetFor, putDataset } from '../../workers/kernel/datasets';
import { createKernelState } from '../../workers/kernel/kernelState';

// The dataset catalogue (issue 22): each dataset declared once, and every record checked here
// against what its generator, its file or the kernel really gives. A new dataset is tested by
// these as soon as it is in the catalogue.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const shape = (s: readonly number[]) => s.join(', ');

describe('the dataset catalogue', () => {
  it('names each dataset once, and the settings’ Dataset field takes exactly these names', () => {
    expect(new Set(DATASET_NAMES).size).toBe(DATASET_SPECS.length);
    expect(TRAIN_FIELDS.dataset.schema.options).toEqual(DATASET_NAMES);
    expect(DATASET_NAMES).toEqual(['spiral', 'xor', 'circles', 'gaussian', 'shapes', 'sine', 'sentiment', 'mnist', 'mnist-5-9', 'user']);
  });

  for (const spec of DATASET_SPECS.filter((d) => d.source.kind === 'generated')) {
    it(`${spec.name}: its generator gives the declared input shape and classes, and its help says the shape`, () => {
      const data = builtinDataset(spec.name, 60, 0.1, 3);
      expect(data.xShape).toEqual(spec.inputShape);
      expect(data.count).toBe(60);
      expect(data.classes ?? null).toEqual(spec.classes === null ? null : [...(spec.classes ?? [])]);
      if (spec.classes) expect(Math.max(...data.y)).toBeLessThan(spec.classes.length);
      expect(spec.help).toContain(`input shape ${shape(spec.inputShape!)}`);
      // Noisy exactly when the generator takes the noise level.
      expect(builtinDataset(spec.name, 60, 0.6, 3).x, spec.name).not.toEqual(spec.noisy ? data.x : new Float32Array(0));
      if (!spec.noisy) expect(builtinDataset(spec.name, 60, 0.6, 3).x).toEqual(data.x);
    });
  }

  it('a drawing for Predict is as large as the images the model was trained on', () => {
    for (const spec of DATASET_SPECS) {
      const mode = spec.predict;
      if (mode?.kind !== 'draw') continue;
      expect([mode.size, mode.size, mode.channels], spec.name).toEqual(spec.inputShape);
    }
    const user = datasetSpec('user');
    expect(predictModeOf(user, { xShape: [48, 48, 3], count: 10, classes: ['a', 'b'] })).toEqual({
      kind: 'draw',
      size: 48,
      channels: 3,
      style: 'fill',
    });
    expect(predictModeOf(user, { xShape: [4], count: 10 })).toEqual({ kind: 'samples' });
    expect(classCountOf(user, undefined)).toBeUndefined();
    expect(classCountOf(user, { xShape: [4], count: 10 })).toBeNull();
    expect(classCountOf(datasetSpec('sine'), undefined)).toBeNull();
    expect(classCountOf(datasetSpec('shapes'), undefined)).toBe(3);
  });

  it('MNIST comes from its shipped file, and the kernel trains on what the page hands over', () => {
    const spec = datasetSpec('mnist');
    if (spec.source.kind !== 'shipped') throw new Error('MNIST is shipped');
    const bytes = new Uint8Array(readFileSync(`public/${spec.source.file}`));
    const kernel = createKernelState();
    const config = trainConfigOf({ dataset: 'mnist', samples: 500 });
    expect(() => datasetFor(kernel, config, '')).toThrow(/MNIST digits has not reached the kernel/);
    expect(putDataset(kernel, 'mnist', { kind: 'shipped', dataset: 'mnist', compressed: bytes })).toBe(22_000);
    const data = datasetFor(kernel, config, '');
    expect(data.xShape).toEqual(spec.inputShape);
    expect(data.classes).toEqual(spec.classes);
    expect([data.count, data.testCount]).toEqual([2500, 2000]);
    expect(trainExamplesOf(spec, 500, undefined)).toBe(500);
    expect(trainExamplesOf(spec, 50_000, undefined)).toBe(20_000);
    // Another kernel has nothing handed over: each kernel keeps its own data.
    expect(() => datasetFor(createKernelState(), config, '')).toThrow(/has not reached the kernel/);
  });

  it('the kernel makes generated data itself and finds the learner’s own by its key', () => {
    const kernel = createKernelState();
    const spiral = datasetFor(kernel, trainConfigOf({ dataset: 'spiral', samples: 100 }), '');
    expect([spiral.count, spiral.testCount]).toEqual([100, testCountOf(100)]);
    expect(trainExamplesOf(datasetSpec('spiral'), 100, undefined)).toBe(100 - testCountOf(100));
    const own = {
      kind: 'tensors' as const,
      name: 'mine.csv',
      x: new Float32Array(30),
      xShape: [3],
      y: new Float32Array(10),
      count: 10,
      classes: ['a', 'b'],
    };
    expect(() => datasetFor(kernel, trainConfigOf({ dataset: 'user' }), 'user:c1')).toThrow(/no data of your own/);
    putDataset(kernel, 'user:c1', own);
    expect(datasetFor(kernel, trainConfigOf({ dataset: 'user' }), 'user:c1')).toMatchObject({
      count: 10,
      testCount: testCountOf(10),
      classes: ['a', 'b'],
    });
    expect(trainExamplesOf(datasetSpec('user'), 400, own)).toBe(10 - testCountOf(10));
  });
});
