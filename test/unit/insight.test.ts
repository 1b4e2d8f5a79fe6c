import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from './expectClose';
import { MultiHeadAttention, TransformerEncoder } from '../../workers/kernel/layers';
import { activations, layerShapes } from '../../workers/kernel/insight/activations';
import { allAttentionMaps, attentionLayers, attentionMaps } from '../../workers/kernel/insight/attention';
import { findLayer } from '../../workers/kernel/insight/capture';
import { convLayers, gradCam } from '../../workers/kernel/insight/gradCam';
import { upsampleBilinear as upsampleHeat } from '../../src/features/insight/resample';
import { fractionInBox } from '../../workers/kernel/insight/heatmath';
import { headAverage, rollout } from '../../workers/kernel/insight/rollout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Deterministic, varied numbers: no random weights, so the references below are exact. */
const pattern = (size: number, seed: number, scale = 0.5) => Array.from({ length: size }, (_, i) => Math.sin(seed * 7.1 + i * 1.3) * scale);
const fixed = (shape: number[], seed: number, scale = 0.5) =>
  tf.tensor(
    pattern(
      shape.reduce((a, b) => a * b, 1),
      seed,
      scale,
    ),
    shape,
  );

/**
 * Input 6×6×1 → Conv2D (2 filters, 3×3, relu, valid) → Flatten → Dense 3 softmax, fixed weights
 * (chosen so every class has a channel of positive weight: no map is all zero).
 */
function tinyCnn() {
  const model = tf.sequential({
    name: 'tiny',
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: 'relu', name: 'conv' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }),
    ],
  });
  model.setWeights([fixed([3, 3, 1, 2], 1), tf.tensor1d([0.05, -0.02]), fixed([32, 3], 7), tf.tensor1d([0.1, 0, -0.1])]);
  return model;
}

/** Grad-CAM of tinyCnn with plain loops: conv, logits z, dz_c/dA analytically, alpha, ReLU, normalise. */
function tinyReference(x: number[], k: number[], b: number[], w: number[], bd: number[], cls: number | null) {
  const A = new Float64Array(4 * 4 * 2); // [i][j][f], channels last, as Flatten reads it
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++)
      for (let f = 0; f < 2; f++) {
        let s = b[f];
        for (let di = 0; di < 3; di++) for (let dj = 0; dj < 3; dj++) s += x[(i + di) * 6 + (j + dj)] * k[(di * 3 + dj) * 2 + f];
        A[(i * 4 + j) * 2 + f] = Math.max(0, s);
      }
  const z = [0, 1, 2].map((m) => A.reduce((s, a, p) => s + a * w[p * 3 + m], bd[m]));
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  const y = e.map((v) => v / e.reduce((s, t) => s + t, 0));
  const c = cls ?? y.indexOf(Math.max(...y));
  // The class score is the logit z_c (before the softmax), linear in A: dz_c/dA_p = w[p][c].
  const grad = Array.from(A, (_, p) => w[p * 3 + c]);
  const alpha = [0, 1].map((f) => Array.from({ length: 16 }, (_, q) => grad[q * 2 + f]).reduce((s, g) => s + g, 0) / 16);
  const cam = Array.from({ length: 16 }, (_, q) => Math.max(0, alpha[0] * A[q * 2] + alpha[1] * A[q * 2 + 1]));
  const max = Math.max(...cam);
  return { heat: cam.map((v) => (max > 0 ? v / max : 0)), y, c };
}

/** Input 6×6×1 → conv1 (relu) → conv2 (tanh), added back to conv1 (a skip connection) → GAP → Dense 3 softmax. */
function branchCnn(withHead = true) {
  const input = tf.input({ shape: [6, 6, 1] });
  const conv1 = tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv1' });
  // tanh, not relu: no kinks in the tail, so finite differences agree with the gradient.
  const conv2 = tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh', name: 'conv2' });
  const gap = tf.layers.globalAveragePooling2d({});
  const dense = tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' });
  const add = tf.layers.add();
  const a1 = conv1.apply(input) as tf.SymbolicTensor;
  const out = dense.apply(gap.apply(add.apply([a1, conv2.apply(a1) as tf.SymbolicTensor]))) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out, name: 'branchy' });
  model.setWeights([
    fixed([3, 3, 1, 3], 3),
    tf.tensor1d([0.1, 0, 0.05]),
    fixed([3, 3, 3, 3], 4),
    tf.tensor1d([0.03, 0.02, -0.04]),
    fixed([3, 3], 5, 2),
    tf.zeros([3]),
  ]);
  if (!withHead) return { model, head: model };
  // The part of the model after conv1 up to the class scores (logits), as its own model on conv1's output
  // and the dense layer's weights written out: its gradient is taken without any hook or activation swap.
  const a = tf.input({ shape: [6, 6, 3] });
  const features = tf.model({ inputs: a, outputs: gap.apply(add.apply([a, conv2.apply(a) as tf.SymbolicTensor])) as tf.SymbolicTensor });
  const [w, b] = dense.getWeights();
  const head = { predict: (x: tf.Tensor) => (features.predict(x) as tf.Tensor).matMul(w).add(b) };
  return { model, head };
}

describe('Grad-CAM', () => {
  it('equals a plain-loop Grad-CAM on a fixed-weight Conv2D → Flatten → Dense softmax model', async () => {
    const model = tinyCnn();
    const x = fixed([2, 6, 6, 1], 6, 1);
    const [k, b, w, bd] = model.getWeights().map((t) => Array.from(t.dataSync()));
    const images = [0, 1].map((i) => Array.from(x.dataSync().slice(i * 36, (i + 1) * 36)));
    for (const cls of [null, 2]) {
      const result = await gradCam(model, x, { classIndex: cls });
      expect([result.layer, result.height, result.width, result.outputs]).toEqual(['conv', 4, 4, 3]);
      images.forEach((img, i) => {
        const ref = tinyReference(img, k, b, w, bd, cls);
        expect(ref.heat.some((v) => v > 0)).toBe(true);
        expectClose(result.heat.slice(i * 16, (i + 1) * 16), ref.heat);
        expectClose(result.probabilities.slice(i * 3, i * 3 + 3), ref.y);
        expect(result.classIndex[i]).toBe(ref.c);
        expect(result.predicted[i]).toBe(ref.y.indexOf(Math.max(...ref.y)));
      });
    }
    expect(Object.prototype.hasOwnProperty.call(findLayer(model, 'conv'), 'call')).toBe(false);
  });

  it(
    'reads one sigmoid output as two classes: class 1 explains its logit z (as a two-unit softmax over [0, z] does), ' +
      'class 0 explains -z',
    async () => {
      const sigmoidCnn = (sign: number) => {
        const m = tf.sequential({
          layers: [
            tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: 'relu', name: 'conv' }),
            tf.layers.flatten(),
            tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }),
          ],
        });
        // Channel 0 speaks for class 1 and channel 1 against it, so each class has evidence somewhere.
        const dense = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 0.3 : -0.3) + 0.1 * Math.sin(i * 1.3));
        m.setWeights([
          fixed([3, 3, 1, 2], 1),
          tf.tensor1d([0.05, -0.02]),
          tf.tensor2d(dense, [32, 1]).mul(sign),
          tf.tensor1d([0.1 * sign]),
        ]);
        return m;
      };
      const model = sigmoidCnn(1);
      const x = fixed([2, 6, 6, 1], 6, 1);
      const p = Array.from((model.predict(x) as tf.Tensor).dataSync());
      const [k, b, w, bd] = model.getWeights();
      // The same network with a softmax over two logits, the first always 0: its class 1 is the sigmoid's.
      const softmax2 = tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: 'relu', name: 'conv' }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 2, activation: 'softmax', name: 'out' }),
        ],
      });
      softmax2.setWeights([k, b, tf.concat([tf.zerosLike(w), w], 1), tf.concat([tf.zeros([1]), bd])]);

      const one = await gradCam(model, x, { classIndex: 1 });
      const reference = await gradCam(softmax2, x, { classIndex: 1 });
      expect(one.outputs).toBe(2);
      expect(one.heat.some((v) => v > 0)).toBe(true);
      expectClose(one.heat, reference.heat);
      expectClose(one.probabilities, reference.probabilities);
      expectClose(one.probabilities, [1 - p[0], p[0], 1 - p[1], p[1]]);
      expect(Array.from(one.predicted)).toEqual(p.map((v) => (v > 0.5 ? 1 : 0)));

      // Class 0's score is -z: the class-1 map of the network whose last layer is negated.
      const zero = await gradCam(model, x, { classIndex: 0 });
      const mirrored = await gradCam(sigmoidCnn(-1), x, { classIndex: 1 });
      expect(zero.heat.some((v) => v > 0)).toBe(true);
      expectClose(zero.heat, mirrored.heat);
      expect(zero.heat.some((v, i) => Math.abs(v - one.heat[i]) > 0.1)).toBe(true);
      // By default each example's predicted class is explained.
      const predicted = await gradCam(model, x);
      expect(Array.from(predicted.classIndex)).toEqual(Array.from(one.predicted));
      await expect(gradCam(model, x, { classIndex: 2 })).rejects.toThrow(/one sigmoid output: classes 0 and 1/);
    },
  );

  it(
    'follows both paths of a skip connection: equals Grad-CAM from the gradient of the model’s tail, ' +
      'itself checked by finite differences',
    async () => {
      const { model, head } = branchCnn();
      const x = fixed([2, 6, 6, 1], 7, 1);
      expect(convLayers(model)).toEqual(['conv1', 'conv2']);
      const result = await gradCam(model, x, { layer: 'conv1' });
      const A = tf.model({ inputs: model.inputs, outputs: findLayer(model, 'conv1').output }).predict(x) as tf.Tensor;
      const mask = tf.oneHot(tf.tensor1d(result.classIndex, 'int32'), 3).toFloat();
      const score = (a: tf.Tensor) => (head.predict(a) as tf.Tensor).mul(mask).sum();
      const grad = tf.grad(score)(A);
      // The gradient along a fixed direction v by central differences.
      const v = fixed(A.shape, 8, 1);
      const eps = 1e-3;
      const fd = (score(A.add(v.mul(eps))).dataSync()[0] - score(A.sub(v.mul(eps))).dataSync()[0]) / (2 * eps);
      expect(fd).toBeCloseTo(grad.mul(v).sum().dataSync()[0], 3);
      const cam = tf.relu(A.mul(grad.mean([1, 2], true)).sum(-1));
      const want = cam.div(cam.max([1, 2], true)).dataSync();
      expectClose(result.heat, want);
      expect(result.heat.some((h) => h > 0)).toBe(true);
    },
  );

  it(
    'explains the score before the softmax wherever the softmax sits ' +
      '(Dense activation, Activation layer, Softmax layer, a nested head), and leaves the model as it was',
    async () => {
      const dense = tinyCnn();
      const weights = dense.getWeights();
      const tail = (...last: tf.layers.Layer[]) => {
        const model = tf.sequential({
          layers: [
            tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: 'relu', name: 'conv' }),
            tf.layers.flatten(),
            tf.layers.dense({ units: 3, name: 'out' }),
            ...last,
          ],
        });
        model.setWeights(weights);
        return model;
      };
      const x = fixed([2, 6, 6, 1], 6, 1);
      const want = await gradCam(dense, x, { classIndex: 1 });
      // A classifier head built as its own Sequential, ending the model.
      const nested = tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: 'relu', name: 'conv' }),
          tf.layers.flatten(),
          tf.sequential({ layers: [tf.layers.dense({ inputShape: [32], units: 3, activation: 'softmax' })] }),
        ],
      });
      nested.setWeights(weights);
      for (const model of [tail(tf.layers.activation({ activation: 'softmax' })), tail(tf.layers.softmax()), tail(), nested]) {
        const got = await gradCam(model, x, { classIndex: 1 });
        expectClose(got.heat, want.heat);
        expect(got.heat.some((h) => h > 0)).toBe(true);
      }
      // The swapped activation is back: the model still outputs probabilities.
      const p = (dense.predict(x) as tf.Tensor).sum(-1).dataSync();
      expectClose(p, [1, 1], 1e-5);
      expect((findLayer(dense, 'out') as unknown as { activation: { getClassName(): string } }).activation.getClassName()).toBe('softmax');
    },
  );

  it('says clearly when the model has no 2-D convolution, the layer is not one, or the model has several outputs', async () => {
    const mlp = tf.sequential({ name: 'mlp', layers: [tf.layers.dense({ inputShape: [4], units: 2, activation: 'softmax' })] });
    await expect(gradCam(mlp, tf.zeros([1, 4]))).rejects.toThrow('Grad-CAM needs a 2-D convolution layer (Conv2D); mlp has none');
    await expect(gradCam(tinyCnn(), tf.zeros([1, 6, 6, 1]), { layer: 'out' })).rejects.toThrow(/"out" is a Dense\. Choose one of: conv/);
    await expect(gradCam(tinyCnn(), tf.zeros([1, 6, 6, 1]), { layer: 'nope' })).rejects.toThrow(
      /has no layer called "nope"\. Its layers are: "conv", .*"out"/,
    );
    const input = tf.input({ shape: [6, 6, 1] });
    const c = tf.layers.conv2d({ filters: 1, kernelSize: 3 }).apply(input) as tf.SymbolicTensor;
    const flat = tf.layers.flatten().apply(c) as tf.SymbolicTensor;
    const two = tf.model({
      inputs: input,
      outputs: [tf.layers.dense({ units: 2 }).apply(flat), tf.layers.dense({ units: 2 }).apply(flat)] as tf.SymbolicTensor[],
      name: 'twoHeads',
    });
    await expect(gradCam(two, tf.zeros([1, 6, 6, 1]))).rejects.toThrow('twoHeads has 2');
  });
});

/** Plain softmax((xWq + bq)(xWk + bk)ᵀ/√d) per head, for [steps][dim] inputs. */
function attentionReference(x: number[][], w: Record<string, number[]>, heads: number, d: number, _dim: number): number[][][] {
  const project = (kind: 'query' | 'key', h: number) =>
    x.map((row) =>
      Array.from({ length: d }, (_, j) =>
        row.reduce((s, xi, i) => s + xi * w[`${kind}_kernel`][(i * heads + h) * d + j], w[`${kind}_bias`]?.[h * d + j] ?? 0),
      ),
    );
  return Array.from({ length: heads }, (_, h) => {
    const q = project('query', h);
    const k = project('key', h);
    return q.map((qi) => {
      const logits = k.map((kj) => qi.reduce((s, a, t) => s + a * kj[t], 0) / Math.sqrt(d));
      const e = logits.map((l) => Math.exp(l - Math.max(...logits)));
      return e.map((v) => v / e.reduce((s, t) => s + t, 0));
    });
  });
}

const weightsByName = (layer: tf.layers.Layer) =>
  Object.fromEntries(layer.weights.map((v) => [v.originalName.split('/').pop()!, Array.from(v.read().dataSync())]));

function checkScores(maps: { heads: number; queries: number; keys: number; scores: Float32Array }, want: number[][][]) {
  const { heads, queries, keys, scores } = maps;
  expect([heads, queries, keys]).toEqual([want.length, want[0].length, want[0][0].length]);
  for (let r = 0; r < heads * queries; r++) expect(scores.slice(r * keys, (r + 1) * keys).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  expectClose(scores, want.flat(2), 1e-5);
}

describe('attention maps', () => {
  it('are softmax(QKᵀ/√d) of a bare MultiHeadAttention’s weights, rows summing to 1', async () => {
    const input = tf.input({ shape: [5, 4] });
    const mha = new MultiHeadAttention({ numHeads: 2, keyDim: 3, name: 'mha' });
    const model = tf.model({ inputs: input, outputs: mha.apply(input) as tf.SymbolicTensor });
    mha.setWeights(mha.getWeights().map((t, i) => fixed(t.shape, 10 + i)));
    const x = fixed([1, 5, 4], 9, 1);
    const maps = await attentionMaps(model, x);
    expect(maps.layer).toBe('mha');
    checkScores(maps, attentionReference((x.arraySync() as number[][][])[0], weightsByName(mha), 2, 3, 4));
  });

  it('inside a TransformerEncoder are its inner attention’s, on what reaches the block', async () => {
    const input = tf.input({ shape: [6, 4] });
    const dense = tf.layers.dense({ units: 4, name: 'embed' });
    const first = new MultiHeadAttention({ numHeads: 1, keyDim: 2, name: 'first' });
    const encoder = new TransformerEncoder({ numHeads: 2, keyDim: 3, ffDim: 8, dropout: 0, name: 'enc' });
    const h = dense.apply(input) as tf.SymbolicTensor;
    const out = encoder.apply(first.apply(h)) as tf.SymbolicTensor;
    const model = tf.model({
      inputs: input,
      outputs: tf.layers.dense({ units: 2 }).apply(tf.layers.globalAveragePooling1d().apply(out)) as tf.SymbolicTensor,
    });
    model.setWeights(model.getWeights().map((t, i) => fixed(t.shape, 20 + i)));
    expect(attentionLayers(model)).toEqual(['first', 'enc']);
    const x = fixed([1, 6, 4], 11, 1);
    const reaching = tf.model({ inputs: input, outputs: first.output }).predict(x) as tf.Tensor;
    const inner = findLayer(model, 'enc_attention');
    const maps = await attentionMaps(model, x);
    expect(maps.layer).toBe('enc');
    checkScores(maps, attentionReference((reaching.arraySync() as number[][][])[0], weightsByName(inner), 2, 3, 4));
    const all = await allAttentionMaps(model, x);
    expect(all.map((m) => [m.layer, m.heads])).toEqual([
      ['first', 1],
      ['enc', 2],
    ]);
    expectClose(all[1].scores, maps.scores, 1e-9);
    await expect(attentionMaps(tinyCnn(), tf.zeros([1, 6, 6, 1]))).rejects.toThrow('tiny has none');
  });
});

describe('attention rollout', () => {
  it('averages heads', () => {
    expectClose(headAverage(Float32Array.from([1, 0, 0, 1, 0, 1, 1, 0]), 2, 2, 2), [0.5, 0.5, 0.5, 0.5], 1e-7);
  });

  it('is Ā₂·Ā₁ with Ā = ½I + ½A on a worked 3×3 example', () => {
    // A₁ sends each position to the next one; A₂ sends every position to position 0.
    const a1 = Float32Array.from([0, 1, 0, 0, 0, 1, 1, 0, 0]);
    const a2 = Float32Array.from([1, 0, 0, 1, 0, 0, 1, 0, 0]);
    // Ā₁ = [[.5,.5,0],[0,.5,.5],[.5,0,.5]], Ā₂ = [[1,0,0],[.5,.5,0],[.5,0,.5]].
    // Ā₂·Ā₁: row 0 = Ā₁ row 0; row 1 = ½(Ā₁ row 0 + Ā₁ row 1); row 2 = ½(Ā₁ row 0 + Ā₁ row 2).
    expectClose(rollout([a1, a2], 3), [0.5, 0.5, 0, 0.25, 0.5, 0.25, 0.5, 0.25, 0.25], 1e-7);
    // The other order (Ā₁·Ā₂) would give row 0 = [.75, .25, 0]: the order matters.
    expectClose(rollout([a1], 3, 0), a1, 1e-9);
    expect(() => rollout([], 3)).toThrow('at least one');
  });
});

describe('heat arithmetic', () => {
  it('upsamples bilinearly from cell centres, holding the edges', () => {
    // Columns 0 and 1 of a 2×2 map sit at x = 0.25 and 0.75 of the width: 4 pixels get 0, .25, .75, 1.
    expectClose(
      upsampleHeat(Float32Array.from([0, 1, 0, 1]), 2, 2, 4, 4),
      [0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1],
      1e-7,
    );
    expectClose(
      upsampleHeat(Float32Array.from([3, 3, 3, 3]), 2, 2, 5, 3),
      Array.from({ length: 15 }, () => 3),
      1e-6,
    );
    const same = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expectClose(upsampleHeat(same, 2, 3, 2, 3), same, 1e-7);
  });

  it('measures the share of heat inside a box', () => {
    const heat = Float32Array.from([1, 1, 0, 2]);
    expect(fractionInBox(heat, 2, { x0: 1, y0: 0, x1: 1, y1: 1 })).toBeCloseTo(0.75);
    expect(fractionInBox(new Float32Array(4), 2, { x0: 0, y0: 0, x1: 1, y1: 1 })).toBe(0);
  });
});

describe('activations', () => {
  it('equal the output of a sub-model ending at the layer, and every layer has a shape', async () => {
    const { model } = branchCnn(false);
    const x = fixed([1, 6, 6, 1], 12, 1);
    for (const name of ['conv1', 'conv2', 'out']) {
      const layer = findLayer(model, name);
      const want = tf.model({ inputs: model.inputs, outputs: layer.output }).predict(x) as tf.Tensor;
      const got = await activations(model, x, name);
      expect(got.shape).toEqual(want.shape.slice(1));
      expectClose(got.values, want.dataSync(), 1e-6);
    }
    expect(layerShapes(model).map((l) => `${l.name}:${l.shape.join(',')}`)).toEqual([
      'conv1:6,6,3',
      'conv2:6,6,3',
      expect.stringMatching(/^add.*:6,6,3$/),
      expect.stringMatching(/^global.*:3$/),
      'out:3',
    ]);
  });
});

describe('memory', () => {
  it('Grad-CAM, attention maps and activations leave no tensors behind', async () => {
    const cnn = tinyCnn();
    const x = fixed([3, 6, 6, 1], 13, 1);
    const input = tf.input({ shape: [5, 4] });
    const seq = tf.model({
      inputs: input,
      outputs: new TransformerEncoder({ numHeads: 2, keyDim: 2, ffDim: 4, name: 'enc' }).apply(input) as tf.SymbolicTensor,
    });
    const s = fixed([1, 5, 4], 14);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await gradCam(cnn, x);
      await gradCam(cnn, x, { classIndex: 1 });
      await attentionMaps(seq, s);
      await allAttentionMaps(seq, s);
      await activations(cnn, x, 'conv');
      await activations(seq, s, 'enc');
      await gradCam(cnn, x, { layer: 'out' }).catch(() => undefined);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
