import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedDatasetsIn } from '../../src/data/datasetRefs';
import { putDataset } from '../../workers/kernel/datasets';
import { makeDatasetsApi } from '../../workers/kernel/datasetsApi';
import { createKernelState } from '../../workers/kernel/kernelState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('lb.datasets in a code cell', () => {
  it('finds the shipped sets a cell loads by a literal name, once each', () => {
    const source =
      "const a = await lb.datasets.load('mnist');\n" +
      'const b = await lb . datasets.load("mnist", { samples: 100 });\n' +
      "lb.datasets.load('spiral');";
    expect(shippedDatasetsIn(source)).toEqual(['mnist']);
    expect(shippedDatasetsIn('lb.datasets.load(name)')).toEqual([]);
    expect(shippedDatasetsIn("// datasets.load('mnist') without lb.")).toEqual([]);
  });

  it('makes a generated set with its test split at the end, as tensors shaped like the graph cell’s', async () => {
    const api = makeDatasetsApi(createKernelState());
    const d = await api.load('spiral', { samples: 200, seed: 4 });
    expect(d.xTrain.shape).toEqual([160, 2]);
    expect(d.xTest.shape).toEqual([40, 2]);
    expect(d.yTrain.dtype).toBe('int32');
    expect(d.classes).toHaveLength(2);
    const again = await api.load('spiral', { samples: 200, seed: 4 });
    expect(await again.xTest.data()).toEqual(await d.xTest.data());
  });

  it('gives a text set its vocabulary, so a cell can read the ids and encode its own sentences', async () => {
    const api = makeDatasetsApi(createKernelState());
    const d = await api.load('sentiment', { samples: 100 });
    expect(d.xTrain.shape).toEqual([80, 16]);
    expect(d.vocabulary?.not).toBeGreaterThan(1);
    const ids = new Set(await d.xTrain.data());
    expect(Math.max(...ids)).toBeLessThan(2 + Object.keys(d.vocabulary ?? {}).length);
    expect((await api.load('spiral')).vocabulary).toBeUndefined();
  });

  it('waits for MNIST the page is sending with the run, and says so when the page is not', async () => {
    const kernel = createKernelState();
    const api = makeDatasetsApi(kernel);
    await expect(api.load('mnist')).rejects.toThrow(/has not reached the kernel.*lb\.datasets\.load\('mnist'\)/);
    kernel.coming.names = ['mnist'];
    const loading = api.load('mnist', { samples: 1000 });
    const compressed = new Uint8Array(readFileSync('public/data/mnist.lbd'));
    putDataset(kernel, 'mnist', { kind: 'shipped', dataset: 'mnist', compressed });
    const d = await loading;
    expect(d.xTrain.shape).toEqual([1000, 28, 28, 1]);
    expect(d.xTest.shape[0]).toBe(2000);
    expect(d.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const max = d.xTrain.max().dataSync()[0];
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.9);
  });

  it('tells a waiting cell at once when the set the page sent is damaged', async () => {
    const kernel = createKernelState();
    kernel.coming.names = ['mnist'];
    const loading = makeDatasetsApi(kernel).load('mnist');
    expect(() => putDataset(kernel, 'mnist', { kind: 'shipped', dataset: 'mnist', compressed: new Uint8Array([1, 2, 3]) })).toThrow();
    await expect(loading).rejects.toThrow(/lb\.datasets\.load: MNIST digits arrived damaged/);
    expect(kernel.coming.waiting.size).toBe(0);
  });

  it('names the datasets there are when asked for one that is not', async () => {
    await expect(makeDatasetsApi(createKernelState()).load('cifar10')).rejects.toThrow(/no dataset "cifar10".*mnist/);
  });
});
