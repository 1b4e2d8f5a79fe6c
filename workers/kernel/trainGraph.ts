import * as tf from '@tensorflow/tfjs';
import { builtinDataset, TEST_FRACTION } from '../../src/data/builtin';
import type { ModelGraph } from '../../src/doc/types';
import { scheduleOf, trainConfigOf, trainingSteps, type TrainConfig } from '../../src/doc/trainConfig';
import { LOSSES, optimizerCall } from '../../src/training/compileSpec';
import { buildModel, disposeModel } from './buildModel';
import { declareGlobals } from './evaluate';
import { EarlyStopping, ReduceLROnPlateau, ScheduleCallback } from './trainingCallbacks';
import type { Display } from './displayApi';

/** Labels shaped for the loss: indices for sparse, one-hot for categorical, a column otherwise. */
function labels(y: Float32Array, config: TrainConfig, classes: number): tf.Tensor {
  if (config.loss === 'sparse_categorical_crossentropy') return tf.tensor1d(y);
  if (config.loss === 'categorical_crossentropy') return tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), classes).toFloat());
  if (config.loss === 'hinge') return tf.tensor2d(y.map((v) => (v > 0.5 ? 1 : -1)), [y.length, 1]);
  return tf.tensor2d(y, [y.length, 1]);
}

function lossFunction(config: TrainConfig): string | ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor) {
  const spec = LOSSES[config.loss];
  if ('viaLosses' in spec) return (yTrue, yPred) => tf.losses.huberLoss(yTrue, yPred);
  return spec.tfjs;
}

/** Class indices predicted: argmax of several outputs, or one output past 0.5 (0 for hinge). */
function predictedClasses(p: tf.Tensor, config: TrainConfig): tf.Tensor {
  if (p.shape[p.shape.length - 1] > 1) return p.argMax(-1);
  return p.reshape([-1]).greater(config.loss === 'hinge' ? 0 : 0.5).toInt();
}

/**
 * Trains a graph cell's model on its dataset with its settings, as the Train
 * button asks: fresh weights, live charts (the fit hook), a NaN guard, then the
 * test split's accuracy and confusion matrix. The trained model is left under
 * its name for code cells.
 */
export async function trainGraph(display: Display, name: string, graph: ModelGraph, stored: Record<string, unknown>): Promise<void> {
  const config = trainConfigOf(stored);
  const data = builtinDataset(config.dataset, config.samples, config.noise, config.seed);
  const classes = data.classes?.length ?? 0;
  const model = buildModel(graph, name);
  // Train starts from fresh weights: the model trained before under this name, and
  // its optimizer (which model.dispose() leaves alone), are freed.
  const previous = (globalThis as Record<string, unknown>)[name];
  // Train runs one at a time in the kernel, so no fit is using the previous model now.
  if (previous instanceof tf.LayersModel) disposeModel(previous);
  declareGlobals([name]);
  (globalThis as Record<string, unknown>)[name] = model;

  const testCount = Math.max(1, Math.round(data.count * TEST_FRACTION));
  const trainCount = data.count - testCount;
  const all = tf.tensor(data.x, [data.count, ...data.xShape]);
  const y = labels(data.y, config, classes);
  const [xTrain, xTest] = tf.split(all, [trainCount, testCount]);
  const [yTrain, yTest] = tf.split(y, [trainCount, testCount]);
  const { factory, args } = optimizerCall({ name: config.optimizer, learningRate: config.learning_rate, momentum: config.momentum });
  const optimizer = (tf.train as unknown as Record<string, (...a: number[]) => tf.Optimizer>)[factory](...args);
  const classify = classes > 0 && config.loss !== 'mse' && config.loss !== 'mae' && config.loss !== 'huber';
  model.compile({ optimizer, loss: lossFunction(config), metrics: classify ? ['accuracy'] : ['mae'] });

  try {
    const monitor = config.validation_split > 0 ? 'val_loss' : 'loss';
    const early = config.early_stopping ? new EarlyStopping(monitor, config.patience, true) : null;
    // A schedule already sets the rate at every batch; plateau reductions would be overwritten.
    const plateau = config.reduce_lr_on_plateau && config.schedule === 'constant' ? new ReduceLROnPlateau(optimizer, monitor, config.patience) : null;
    // The fit hook streams the charts and stops on a non-finite loss with the NaN guard's message.
    await model.fit(xTrain, yTrain, {
      epochs: config.epochs,
      batchSize: config.batch_size,
      validationSplit: config.validation_split,
      shuffle: true,
      callbacks: [
        ...(config.schedule === 'constant' ? [] : [new ScheduleCallback(optimizer, scheduleOf(config, trainingSteps(config, TEST_FRACTION)), config.learning_rate)]),
        ...(early ? [early] : []),
        ...(plateau ? [plateau] : []),
      ],
    });
    if (early?.stoppedEpoch != null) {
      display.markdown(
        `**Early stopping** at epoch ${early.stoppedEpoch + 1}: ${monitor} had not improved for ${config.patience} epochs. The weights of the best epoch (${early.bestEpoch + 1}, ${monitor} ${early.best.toPrecision(4)}) were restored.`,
      );
    }
    for (const r of plateau?.reductions ?? []) display.markdown(`Learning rate reduced to ${r.rate.toPrecision(3)} after epoch ${r.epoch + 1} (${monitor} on a plateau).`);

    const predicted = tf.tidy(() => predictedClasses(model.predict(xTest) as tf.Tensor, config));
    const result = model.evaluate(xTest, yTest) as tf.Scalar[];
    const [testLoss, testMetric] = await Promise.all(result.map((t) => t.data()));
    display.markdown(
      `**Test split** (${testCount} examples held out): loss ${testLoss[0].toPrecision(4)}, ${classify ? `accuracy **${(testMetric[0] * 100).toFixed(1)} %**` : `mean absolute error ${testMetric[0].toPrecision(4)}`}. The trained model is \`${name}\` in code cells.`,
    );
    if (classify) {
      const truth = data.y.subarray(trainCount);
      const guess = await predicted.data();
      const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
      truth.forEach((t, i) => matrix[t][guess[i]]++);
      display.confusion(data.classes!, matrix);
    }
    tf.dispose([predicted, ...result]);
  } finally {
    tf.dispose([all, y, xTrain, xTest, yTrain, yTest]);
  }
}
