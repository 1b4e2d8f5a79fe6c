import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { attentionWeights } from '../../src/graph/layers/attention';
import { MultiHeadAttention, TransformerEncoder } from '../../workers/kernel/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** softmax(QKᵀ/√d)V per head, with plain loops: the reference the layer must match. */
function reference(x: number[][], w: { q: number[][][]; k: number[][][]; v: number[][][]; o: number[][][] }, heads: number, d: number) {
  const project = (m: number[][][], h: number) =>
    x.map((row) => Array.from({ length: d }, (_, j) => row.reduce((s, xi, i) => s + xi * m[i][h][j], 0)));
  const scores: number[][][] = [];
  const outHeads: number[][][] = [];
  for (let h = 0; h < heads; h++) {
    const q = project(w.q, h);
    const k = project(w.k, h);
    const v = project(w.v, h);
    const s = q.map((qi) => {
      const logits = k.map((kj) => qi.reduce((acc, a, t) => acc + a * kj[t], 0) / Math.sqrt(d));
      const max = Math.max(...logits);
      const e = logits.map((l) => Math.exp(l - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    });
    scores.push(s);
    outHeads.push(s.map((row) => Array.from({ length: d }, (_, j) => row.reduce((acc, p, t) => acc + p * v[t][j], 0))));
  }
  const dim = x[0].length;
  const output = x.map((_, t) =>
    Array.from({ length: dim }, (_, c) => outHeads.reduce((acc, oh, h) => acc + oh[t].reduce((a, val, j) => a + val * w.o[h][j][c], 0), 0)),
  );
  return { output, scores };
}

const fixed = (shape: number[], seed: number) => {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Array.from({ length: size }, (_, i) => Math.sin(seed * 7.1 + i * 1.3) * 0.5),
    shape,
  );
};

describe('MultiHeadAttention', () => {
  it('equals softmax(QKᵀ/√d)V on fixed weights, scores included', async () => {
    const heads = 2;
    const d = 3;
    const dim = 4;
    const layer = new MultiHeadAttention({ numHeads: heads, keyDim: d, useBias: false });
    const x = fixed([1, 5, dim], 1);
    layer.apply(x); // builds the weights
    const weights = [fixed([dim, heads, d], 2), fixed([dim, heads, d], 3), fixed([dim, heads, d], 4), fixed([heads, d, dim], 5)];
    layer.setWeights(weights);
    const { output, scores } = layer.attend(x);
    const [q, k, v, o] = (await Promise.all(weights.map((w) => w.array()))) as number[][][][];
    const expected = reference(((await x.array()) as number[][][])[0], { q, k, v, o }, heads, d);
    const got = (await output.array()) as number[][][];
    const gotScores = (await scores.array()) as number[][][][];
    expected.output.forEach((row, t) => row.forEach((val, c) => expect(got[0][t][c]).toBeCloseTo(val, 5)));
    expected.scores.forEach((head, h) => head.forEach((row, i) => row.forEach((p, j) => expect(gotScores[0][h][i][j]).toBeCloseTo(p, 5))));
    // Each query's attention sums to 1.
    gotScores[0][0].forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5));
  });

  it('has Keras’s parameter count (num_heads=2, key_dim=16 on 32 features: 4,224)', () => {
    const input = tf.input({ shape: [10, 32] });
    const model = tf.model({
      inputs: input,
      outputs: new MultiHeadAttention({ numHeads: 2, keyDim: 16 }).apply(input) as tf.SymbolicTensor,
    });
    expect(model.countParams()).toBe(4224);
    expect(attentionWeights(32, 32, 32, 2, 16, 16, true)).toBe(4224);
  });

  it('serialises, reloads with its weights, and trains (the loss falls)', async () => {
    const input = tf.input({ shape: [6, 8] });
    const attended = new MultiHeadAttention({ numHeads: 2, keyDim: 4 }).apply(input) as tf.SymbolicTensor;
    const encoded = new TransformerEncoder({ numHeads: 2, keyDim: 4, ffDim: 16, dropout: 0 }).apply(attended) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling1d().apply(encoded) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(pooled) as tf.SymbolicTensor });
    const x = fixed([32, 6, 8], 9);
    // Targets that differ from example to example (the plain sum of these sines is near 0 for all).
    const y = x.slice([0, 0, 0], [32, 6, 1]).sum([1, 2]).reshape([32, 1]).mul(4);

    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })),
    );
    const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const before = (await (model.predict(x) as tf.Tensor).data()) as Float32Array;
    const after = (await (reloaded.predict(x) as tf.Tensor).data()) as Float32Array;
    before.forEach((v, i) => expect(after[i]).toBeCloseTo(v, 5));
    expect(reloaded.countParams()).toBe(model.countParams());

    // Fixed starting weights: with random ones (MultiHeadAttention's initializers take no seed) the
    // loss sometimes started so low that halving it in 30 epochs failed by chance.
    // Each weight's values follow from its name, not its place in the list (which follows Keras's order).
    const names = model.weights.map((w) => w.originalName).sort();
    model.setWeights(model.weights.map((w) => fixed(w.shape as number[], 20 + names.indexOf(w.originalName)).mul(0.3)));
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const history = await model.fit(x, y, { epochs: 30, batchSize: 32, verbose: 0, shuffle: false });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.5);
  });
});
