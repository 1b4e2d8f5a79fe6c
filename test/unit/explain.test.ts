import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from './expectClose';
import { CELL_GLOBALS_DTS, INSIGHT_MEMBERS } from '../../src/features/code-cell/cellGlobals';
import type { DisplayOutput } from '../../src/protocol/display';
import type { InsightResult, InsightSpec, LiveStopped } from '../../src/protocol/insight';
import { explain, InsightWatch, watchInsight } from '../../workers/kernel/explain';
import { makeInsightApi } from '../../workers/kernel/insightApi';
import type { Trained } from '../../workers/kernel/testSplit';
import { MultiHeadAttention, PatchEmbedding, PositionalEmbedding } from '../../workers/kernel/layers';

// The kernel's side of Insight around the maths: which test examples, what they
// are labelled with, Live at each epoch end, and `insight.*` for code cells.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function cnn() {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', name: 'features' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  return model;
}

/** A test split of `count` random 8×8 images, labelled 0 and 1 in turn. */
function imageSplit(count: number): Trained {
  return {
    config: {} as Trained['config'],
    classify: true,
    classes: ['dark', 'light'],
    xShape: [8, 8, 1],
    testX: Float32Array.from({ length: count * 64 }, (_, i) => (Math.sin(i * 1.7) + 1) / 2),
    testY: Float32Array.from({ length: count }, (_, i) => i % 2),
    testCount: count,
  };
}

describe('explaining test examples', () => {
  it('Grad-CAM for a grid: each example with its image, truth, class explained and a map over the layer grid; indices wrap', async () => {
    const model = cnn();
    const before = tf.memory().numTensors;
    const r = (await explain('net', model, imageSplit(5), { kind: 'gradCam', indices: [0, 1, 7] })) as Extract<
      InsightResult,
      { kind: 'gradCam' }
    >;
    expect(tf.memory().numTensors).toBe(before);
    expect(r).toMatchObject({ layer: 'features', layers: ['features'], height: 8, width: 8, classes: ['dark', 'light'] });
    expect(r.items.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(r.items.map((i) => i.truth)).toEqual([0, 1, 0]);
    for (const item of r.items) {
      expect(item.heat).toHaveLength(64);
      expect(item.sample?.kind).toBe('image');
      expect(item.classIndex).toBe(item.predicted);
      expect(item.probability).toBeGreaterThan(0.5);
    }
    const other = (await explain('net', model, imageSplit(5), {
      kind: 'gradCam',
      indices: [0],
      classIndex: 1 - r.items[0].predicted,
    })) as typeof r;
    expect(other.items[0].classIndex).toBe(1 - r.items[0].predicted);
    expect(other.items[0].probability).toBeLessThan(0.5);
  });

  it('refuses Grad-CAM for a model that predicts a number, saying why', async () => {
    await expect(explain('net', cnn(), { ...imageSplit(3), classify: false }, { kind: 'gradCam', indices: [0] })).rejects.toThrow(
      /predicts a number/,
    );
  });

  it('an attention map of a text model is labelled with the sentence’s words, padding as ·n', async () => {
    const input = tf.input({ shape: [6] });
    let x = tf.layers.embedding({ inputDim: 10, outputDim: 8 }).apply(input) as tf.SymbolicTensor;
    x = new PositionalEmbedding({ sequenceLength: 6 }).apply(x) as tf.SymbolicTensor;
    x = new MultiHeadAttention({ numHeads: 2, keyDim: 4, name: 'attend' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.globalAveragePooling1d().apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, activation: 'softmax' }).apply(x) as tf.SymbolicTensor });
    const split: Trained = {
      ...imageSplit(1),
      xShape: [6],
      testX: Float32Array.from([2, 3, 4, 0, 0, 0]),
      testY: Float32Array.from([1]),
      vocabulary: { the: 2, film: 3, rocks: 4 },
      maxLength: 6,
    };
    const r = (await explain('net', model, split, { kind: 'attention', index: 0 })) as Extract<InsightResult, { kind: 'attention' }>;
    expect(r).toMatchObject({ layer: 'attend', heads: 2, queries: 6, keys: 6, truth: 'light' });
    expect(r.queryLabels).toEqual(['the', 'film', 'rocks', '·4', '·5', '·6']);
    expect(r.rollout).toBeUndefined();
    for (let row = 0; row < 12; row++) expect(r.scores.subarray(row * 6, row * 6 + 6).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('a ViT-style model gets attention rollout over its image patches (it sums to 1 over the patches)', async () => {
    const input = tf.input({ shape: [8, 8, 1] });
    let x = new PatchEmbedding({ patchSize: 4, embedDim: 8 }).apply(input) as tf.SymbolicTensor;
    x = new MultiHeadAttention({ numHeads: 2, keyDim: 4 }).apply(x) as tf.SymbolicTensor;
    x = new MultiHeadAttention({ numHeads: 2, keyDim: 4 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.globalAveragePooling1d().apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, activation: 'softmax' }).apply(x) as tf.SymbolicTensor });
    const r = (await explain('vit', model, imageSplit(2), { kind: 'attention', index: 1 })) as Extract<
      InsightResult,
      { kind: 'attention' }
    >;
    expect(r.queryLabels).toEqual(['(1, 1)', '(1, 2)', '(2, 1)', '(2, 2)']);
    expect(r.rollout).toMatchObject({ rows: 2, columns: 2 });
    expect(r.rollout!.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('activations of a layer come with every layer’s output shape to choose from', async () => {
    const r = (await explain('net', cnn(), imageSplit(2), { kind: 'activations', index: 0, layer: 'features' })) as Extract<
      InsightResult,
      { kind: 'activations' }
    >;
    expect(r.shape).toEqual([8, 8, 3]);
    expect(r.values).toHaveLength(192);
    expect(r.layers.map((l) => l.name)[0]).toBe('features');
  });
});

describe('Live', () => {
  it('answers the watched question after every epoch with that epoch’s weights, and stops when unwatched', async () => {
    const model = cnn();
    const split = imageSplit(4);
    const sent: InsightResult[] = [];
    const x = tf.tensor(split.testX, [4, 8, 8, 1]);
    const y = tf.tensor1d(split.testY);
    // Each test watches through a map of its own, as each kernel has its own.
    const watched = new Map<string, InsightSpec>();
    watchInsight(watched, 'live_net', { kind: 'gradCam', indices: [0, 1] });
    await model.fit(x, y, { epochs: 3, callbacks: [new InsightWatch(watched, 'live_net', model, split, (r) => sent.push(r))] });
    expect(sent.map((r) => r.kind === 'gradCam' && r.epoch)).toEqual([1, 2, 3]);
    // Weights change between epochs, and each answer is computed with that epoch's: the explained
    // class's probability moves. (Not the heat alone: with small random weights a map can be all
    // zero at every epoch, and this failed in 1 of many runs when it compared heat.)
    const probabilities = (r: InsightResult) => (r.kind === 'gradCam' ? r.items.map((i) => i.probability) : []);
    expect(probabilities(sent[0])).toHaveLength(2);
    expect(probabilities(sent[0])).not.toEqual(probabilities(sent[2]));
    watchInsight(watched, 'live_net', null);
    await model.fit(x, y, { epochs: 1, callbacks: [new InsightWatch(watched, 'live_net', model, split, (r) => sent.push(r))] });
    expect(sent).toHaveLength(3);
    tf.dispose([x, y]);
  });
});

describe('Live that cannot be answered', () => {
  it('is refused when switched on, with the reason, if the model has no such layer', async () => {
    const watched = new Map<string, InsightSpec>();
    const dense = tf.sequential({ name: 'flat', layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })] });
    expect(() => watchInsight(watched, 'flat', { kind: 'gradCam', indices: [0] }, dense)).toThrow(
      'flat has no 2-D convolution layer (Conv2D), so Live Grad-CAM has nothing to show.',
    );
    expect(() => watchInsight(watched, 'net', { kind: 'activations', index: 0, layer: 'nope' }, cnn())).toThrow(
      /^net has no layer "nope" for Live activations\. Choose one of: features, /,
    );
    // Refused questions are not watched: a fit answers nothing.
    const sent: InsightResult[] = [];
    const model = cnn();
    const split = imageSplit(2);
    const x = tf.tensor(split.testX, [2, 8, 8, 1]);
    const y = tf.tensor1d(split.testY);
    await model.fit(x, y, { epochs: 1, callbacks: [new InsightWatch(watched, 'net', model, split, (r) => sent.push(r))] });
    expect(sent).toHaveLength(0);
    tf.dispose([x, y]);
  });

  it('stops after the first failing epoch and says why, in the run’s output and to the panel', async () => {
    const model = cnn();
    const split = imageSplit(4);
    const sent: InsightResult[] = [];
    const said: string[] = [];
    const stops: LiveStopped[] = [];
    const x = tf.tensor(split.testX, [4, 8, 8, 1]);
    const y = tf.tensor1d(split.testY);
    const watched = new Map<string, InsightSpec>();
    watchInsight(watched, 'live_net', { kind: 'activations', index: 0, layer: 'no_such_layer' });
    await model.fit(x, y, {
      epochs: 2,
      callbacks: [
        new InsightWatch(
          watched,
          'live_net',
          model,
          split,
          (r) => sent.push(r),
          (m, stop) => (said.push(m), stops.push(stop)),
        ),
      ],
    });
    expect(sent).toHaveLength(0);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^\*\*Live activations stopped\*\* after epoch 1: .*no_such_layer/);
    expect(stops).toEqual([{ kind: 'activations', error: expect.stringMatching(/no_such_layer/) }]);
    expect(said[0]).toContain(stops[0].error);
    tf.dispose([x, y]);
  });
});

describe('insight.* in code cells', () => {
  it('is declared for the editor with exactly the members the kernel provides', () => {
    const api = makeInsightApi(() => undefined);
    expect([...INSIGHT_MEMBERS].sort()).toEqual(Object.keys(api).sort());
    for (const member of INSIGHT_MEMBERS) expect(CELL_GLOBALS_DTS).toContain(`  ${member}(`);
  });

  it('returns nested numbers and shows the same panel; a single example gets its batch dimension', async () => {
    const shown: DisplayOutput[] = [];
    const api = makeInsightApi((o) => shown.push(o));
    const model = cnn();
    const before = tf.memory().numTensors;
    const one = tf.randomUniform([8, 8, 1]);
    const cam = await api.gradCam(model, one, { classes: ['dark', 'light'] });
    expect(cam.layer).toBe('features');
    expect([cam.heatmaps.length, cam.heatmaps[0].length, cam.heatmaps[0][0].length]).toEqual([1, 8, 8]);
    expect(Math.max(...cam.heatmaps[0].flat())).toBeLessThanOrEqual(1);
    const act = await api.activations(model, one, 'features');
    expect(act.shape).toEqual([8, 8, 3]);
    one.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(shown.map((o) => o.kind === 'insight' && o.result.kind)).toEqual(['gradCam', 'activations']);
    const panel = shown[0].kind === 'insight' && shown[0].result.kind === 'gradCam' ? shown[0].result : null;
    expect(panel?.classes).toEqual(['dark', 'light']);
    expect(panel?.items[0].sample?.kind).toBe('image');
  });

  it(
    'insight.attention returns each head’s rows and their average, labels tokens, ' +
      'and gives a ViT its patches and rollout, as the panel does',
    async () => {
      const shown: DisplayOutput[] = [];
      const api = makeInsightApi((o) => shown.push(o));
      const before = tf.memory().numTensors;

      const seqIn = tf.input({ shape: [3, 4] });
      const attended = new MultiHeadAttention({ numHeads: 2, keyDim: 4, name: 'attend' }).apply(seqIn) as tf.SymbolicTensor;
      const seq = tf.model({
        inputs: seqIn,
        outputs: tf.layers
          .dense({ units: 2, activation: 'softmax' })
          .apply(tf.layers.globalAveragePooling1d().apply(attended)) as tf.SymbolicTensor,
      });
      const sentence = tf.randomNormal([3, 4]);
      const att = await api.attention(seq, sentence, { tokens: ['the', 'film', 'rocks'] });
      expect([att.layer, att.heads, att.scores.length, att.scores[0].length, att.scores[0][0].length]).toEqual(['attend', 2, 2, 3, 3]);
      att.scores.flat().forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5));
      att.average.forEach((row, q) => row.forEach((v, k) => expect(v).toBeCloseTo((att.scores[0][q][k] + att.scores[1][q][k]) / 2, 6)));
      expect(att.rollout).toBeUndefined();
      const textPanel = shown[0].kind === 'insight' && shown[0].result.kind === 'attention' ? shown[0].result : null;
      expect(textPanel?.queryLabels).toEqual(['the', 'film', 'rocks']);

      const imageIn = tf.input({ shape: [8, 8, 1] });
      let v = new PatchEmbedding({ patchSize: 4, embedDim: 8 }).apply(imageIn) as tf.SymbolicTensor;
      v = new MultiHeadAttention({ numHeads: 2, keyDim: 4 }).apply(v) as tf.SymbolicTensor;
      v = new MultiHeadAttention({ numHeads: 2, keyDim: 4 }).apply(v) as tf.SymbolicTensor;
      const vit = tf.model({
        inputs: imageIn,
        outputs: tf.layers
          .dense({ units: 2, activation: 'softmax' })
          .apply(tf.layers.globalAveragePooling1d().apply(v)) as tf.SymbolicTensor,
      });
      const image = tf.randomUniform([8, 8, 1]);
      const vAtt = await api.attention(vit, image);
      expect(vAtt.rollout?.map((r) => r.length)).toEqual([2, 2]);
      expect(vAtt.rollout!.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const vitPanel = shown[1].kind === 'insight' && shown[1].result.kind === 'attention' ? shown[1].result : null;
      expect(vitPanel?.queryLabels).toEqual(['(1, 1)', '(1, 2)', '(2, 1)', '(2, 2)']);
      expect(vitPanel?.rollout).toMatchObject({ rows: 2, columns: 2 });
      expect(vitPanel?.sample?.kind).toBe('image');
      // The same rollout as the graph cell's panel computes.
      const fromPanel = (await explain(
        'vit',
        vit,
        { ...imageSplit(1), testX: (await image.data()) as Float32Array },
        { kind: 'attention', index: 0 },
      )) as Extract<InsightResult, { kind: 'attention' }>;
      expectClose(vAtt.rollout!.flat(), fromPanel.rollout!.values, 1e-5);
      tf.dispose([sentence, image]);
      seq.dispose();
      vit.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('says what is wrong with the arguments in a learner’s terms', async () => {
    const api = makeInsightApi(() => undefined);
    await expect(api.gradCam({} as tf.LayersModel, tf.zeros([1]))).rejects.toThrow(/first argument must be a tf model/);
    await expect(api.gradCam(cnn(), tf.zeros([2, 2]))).rejects.toThrow(/the input is \[2,2\] but the model takes \[batch,8,8,1\]/);
    const dense = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })] });
    await expect(api.gradCam(dense, tf.zeros([3]))).rejects.toThrow(/Conv2D/);
  });
});
