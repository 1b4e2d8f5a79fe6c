import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FromKernel } from '../../src/protocol/messages';
import { LiveMetrics } from '../../workers/kernel/liveMetrics';
import { EarlyStopping, ReduceLROnPlateau } from '../../workers/kernel/trainingCallbacks';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tinyModel = () => {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1, useBias: false })] });
  m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' }); // stopTraining exists only once compiled
  return m;
};
const setW = (m: tf.LayersModel, v: number) => tf.tidy(() => m.setWeights([tf.tensor2d([[v]])]));
const getW = (m: tf.LayersModel) => (m.getWeights()[0].dataSync() as Float32Array)[0];

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement and restores the best epoch’s weights, leaking nothing', async () => {
    const model = tinyModel();
    const before = tf.memory().numTensors;
    const early = new EarlyStopping('val_loss', 2, true);
    early.setModel(model);
    const losses = [1.0, 0.5, 0.6, 0.7, 0.4];
    for (const [epoch, loss] of losses.entries()) {
      setW(model, epoch * 10); // the weights each epoch ends with
      // tfjs passes some logs as tensors, some as numbers: both must work.
      const value = epoch % 2 ? tf.scalar(loss) : loss;
      await early.onEpochEnd(epoch, { val_loss: value });
      tf.dispose(value);
      if (model.stopTraining) break;
    }
    expect(early.stoppedEpoch).toBe(3);
    expect(early.bestEpoch).toBe(1);
    expect(early.best).toBeCloseTo(0.5);
    await early.onTrainEnd();
    expect(getW(model)).toBe(10);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('does not stop while the metric keeps improving', async () => {
    const model = tinyModel();
    const early = new EarlyStopping('loss', 1, false);
    early.setModel(model);
    for (const [epoch, loss] of [3, 2, 1, 0.5].entries()) await early.onEpochEnd(epoch, { loss });
    expect(early.stoppedEpoch).toBeNull();
    expect(model.stopTraining).toBeFalsy();
  });
});

describe('ReduceLROnPlateau', () => {
  it('halves the rate after `patience` epochs on a plateau, for Adam and SGD', async () => {
    for (const optimizer of [tf.train.adam(0.1), tf.train.sgd(0.1)]) {
      const plateau = new ReduceLROnPlateau(optimizer, 'val_loss', 2);
      for (const [epoch, loss] of [1, 0.9, 0.95, 0.92, 0.93, 0.91].entries()) await plateau.onEpochEnd(epoch, { val_loss: loss });
      expect(plateau.reductions.map((r) => [r.epoch, r.rate])).toEqual([
        [3, 0.05],
        [5, 0.025],
      ]);
      expect((optimizer as unknown as { learningRate: number }).learningRate).toBeCloseTo(0.025);
    }
  });
});

describe('marks on the charts', () => {
  it('each learning-rate cut reaches the page with its epoch’s metrics, for the chart to mark', async () => {
    const model = tinyModel();
    const optimizer = model.optimizer;
    const sent: FromKernel[] = [];
    const live = new LiveMetrics({ post: (m) => sent.push(m), stopRequested: () => false, whilePaused: async () => {} }, 'run');
    // A plateau made sure: the monitored loss is the same at every epoch end.
    const flat = new tf.CustomCallback({ onEpochEnd: async (_e, logs) => void (logs!.loss = 1) });
    const x = tf.tensor2d([[1], [2]]);
    const y = tf.tensor2d([[2], [4]]);
    await model.fit(x, y, { epochs: 4, callbacks: [flat, new ReduceLROnPlateau(optimizer, 'loss', 1, (m) => live.addMark(m)), live] });
    const marks = sent.flatMap((m) => (m.type === 'trainEpoch' ? (m.marks ?? []).map((k) => [m.epoch, k.kind, k.text]) : []));
    expect(marks).toEqual([
      [1, 'lr_reduced', 'learning rate → 0.005'],
      [2, 'lr_reduced', 'learning rate → 0.0025'],
      [3, 'lr_reduced', 'learning rate → 0.00125'],
    ]);
    tf.dispose([x, y]);
  });
});
