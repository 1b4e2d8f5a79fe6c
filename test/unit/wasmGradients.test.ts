import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingTrainingKernels } from '../../workers/kernel/gradientCheck';
import { registerWasmGradients } from '../../workers/kernel/wasmGradients';
import { expectClose } from './expectClose';

// The convolution gradients Layerbook adds to tfjs's wasm backend, checked against the cpu
// backend's own kernels on the same numbers (Node runs wasm from node_modules).

type Shape4 = [number, number, number, number];
const values = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

/** d(sum(y²))/dx and /dfilter for y = conv(x, filter), as plain arrays. */
function convGrads(xShape: Shape4, fShape: Shape4, stride: number, pad: 'same' | 'valid', depthwise: boolean): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor4d(
      values(tf.util.sizeFromShape(xShape), (i) => Math.sin(i * 1.7)),
      xShape,
    );
    const f = tf.tensor4d(
      values(tf.util.sizeFromShape(fShape), (i) => Math.cos(i * 0.3)),
      fShape,
    );
    const conv = depthwise ? tf.depthwiseConv2d : tf.conv2d;
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      conv(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad)
        .square()
        .sum(),
    )([x, f]);
    return grads.map((g) => Array.from(g.dataSync()));
  });
}

async function on<T>(backend: string, f: () => T): Promise<T> {
  await tf.setBackend(backend);
  return f();
}

/** Trains a fresh model on x, y on cpu and on wasm: it must learn, and the losses must agree. */
async function expectSameTraining(model: () => tf.LayersModel, x: () => tf.Tensor, y: () => tf.Tensor, epochs: number): Promise<void> {
  const train = async () => {
    const m = model();
    expect(missingTrainingKernels(m, tf.getBackend())).toEqual([]);
    const [xs, ys] = [x(), y()];
    const history = await m.fit(xs, ys, { epochs, batchSize: xs.shape[0], shuffle: false, verbose: 0 });
    tf.dispose([xs, ys]);
    m.dispose();
    return history.history.loss as number[];
  };
  const onCpu = await on('cpu', train);
  const onWasm = await on('wasm', train);
  expect(onWasm.at(-1)!).toBeLessThan(onWasm[0] * 0.5);
  expectClose(onWasm, onCpu, 1e-4, true);
}

describe('the gradient kernels Layerbook adds to wasm', () => {
  beforeAll(async () => {
    registerWasmGradients();
    await tf.setBackend('wasm');
  });
  afterAll(() => tf.setBackend('cpu'));

  const cases: [string, Shape4, Shape4, number, 'same' | 'valid'][] = [
    ['3×3, stride 1, same', [3, 9, 9, 2], [3, 3, 2, 5], 1, 'same'],
    ['3×3, stride 2, same, odd width (padding on one side)', [2, 10, 11, 3], [3, 3, 3, 4], 2, 'same'],
    ['5×5, stride 2, valid, rows left over', [2, 10, 11, 3], [5, 5, 3, 4], 2, 'valid'],
    ['MNIST first layer: 28×28×1 → 8', [2, 28, 28, 1], [3, 3, 1, 8], 1, 'valid'],
  ];
  for (const [name, xShape, fShape, stride, pad] of cases) {
    it(`Conv2D: ${name}, as cpu computes them`, async () => {
      const want = await on('cpu', () => convGrads(xShape, fShape, stride, pad, false));
      // Twice: the second run gets memory that earlier tensors used, so stale sums would show.
      for (const _ of [1, 2]) {
        const [dx, dw] = await on('wasm', () => convGrads(xShape, fShape, stride, pad, false));
        expectClose(dx, want[0], 1e-4, true);
        expectClose(dw, want[1], 1e-4, true);
      }
    });
    for (const multiplier of [1, 2]) {
      it(`DepthwiseConv2D ×${multiplier}: ${name}, as cpu computes them`, async () => {
        const dShape: Shape4 = [fShape[0], fShape[1], xShape[3], multiplier];
        const want = await on('cpu', () => convGrads(xShape, dShape, stride, pad, true));
        for (const _ of [1, 2]) {
          const [dx, dw] = await on('wasm', () => convGrads(xShape, dShape, stride, pad, true));
          expectClose(dx, want[0], 1e-4, true);
          expectClose(dw, want[1], 1e-4, true);
        }
      });
    }
  }

  it('UnsortedSegmentSum adds rows by segment, drops ids out of range, as cpu does', async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor2d(
          values(5 * 3, (i) => i + 1),
          [5, 3],
        );
        const sums = tf.unsortedSegmentSum(x, tf.tensor1d([2, 0, 2, 7, 0], 'int32'), 4);
        return [sums.shape, Array.from(sums.dataSync())];
      });
    const want = await on('cpu', run);
    expect(want).toEqual([
      [4, 3],
      [4 + 13, 5 + 14, 6 + 15, 0, 0, 0, 1 + 7, 2 + 8, 3 + 9, 0, 0, 0],
    ]);
    for (const _ of [1, 2]) expect(await on('wasm', run)).toEqual(want);
  });

  it('leaves no buffers behind', async () => {
    const backend = tf.backend();
    const x = tf.randomNormal<tf.Rank.R4>([4, 12, 12, 3]);
    const f = tf.randomNormal<tf.Rank.R4>([3, 3, 3, 6]);
    const grad = tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 2, 'same').sum());
    tf.dispose(grad(f));
    const before = backend.numDataIds();
    for (let i = 0; i < 20; i++) tf.dispose(grad(f));
    expect(backend.numDataIds()).toBe(before);
    tf.dispose([x, f]);
  });

  it('lets a CNN with Conv2D and SeparableConv2D train on wasm as it does on cpu', async () => {
    const model = () => {
      const m = tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [10, 10, 1],
            filters: 4,
            kernelSize: 3,
            strides: 2,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
          }),
          tf.layers.separableConv2d({
            filters: 4,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            depthwiseInitializer: tf.initializers.glorotUniform({ seed: 2 }),
            pointwiseInitializer: tf.initializers.glorotUniform({ seed: 3 }),
          }),
          tf.layers.globalAveragePooling2d({}),
          tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
        ],
      });
      m.compile({ optimizer: tf.train.adam(0.05), loss: 'sparseCategoricalCrossentropy' });
      return m;
    };
    // Bright top half against bright bottom half.
    await expectSameTraining(
      model,
      () =>
        tf.tensor4d(
          values(16 * 100, (i) => ((Math.floor(i / 100) % 2 === 0) === i % 100 < 50 ? 1 : 0)),
          [16, 10, 10, 1],
        ),
      () =>
        tf.tensor1d(
          values(16, (i) => i % 2),
          'float32',
        ),
      20,
    );
  });

  it('lets an Embedding train on wasm as it does on cpu', async () => {
    const model = () => {
      const m = tf.sequential({
        layers: [
          tf.layers.embedding({
            inputDim: 10,
            outputDim: 4,
            inputLength: 3,
            embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 5 }),
          }),
          tf.layers.globalAveragePooling1d({}),
          tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }),
        ],
      });
      m.compile({ optimizer: tf.train.adam(0.1), loss: 'binaryCrossentropy' });
      return m;
    };
    // Label 1 when token 1 is in the sequence: only its row of the table decides.
    const seqs = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 1, 8],
      [9, 2, 4],
      [1, 1, 5],
      [3, 6, 8],
    ];
    await expectSameTraining(
      model,
      () => tf.tensor2d(seqs, [6, 3]),
      () =>
        tf.tensor2d(
          seqs.map((q) => [q.includes(1) ? 1 : 0]),
          [6, 1],
        ),
      15,
    );
  });
});
