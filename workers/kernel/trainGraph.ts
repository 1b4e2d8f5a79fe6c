import * as tf from '@tensorflow/tfjs';
import type { ModelGraph } from '../../src/doc/types';
import { requireTrainConfig, scheduleOf, trainingSteps, type TrainConfig } from '../../src/doc/trainConfig';
import { lossNeedsClasses } from '../../src/training/compileSpec';
import { makeOptimizer } from './optimizers';
import { precision, recall } from '../../src/training/metrics';
import { buildModel, disposeModel } from './buildModel';
import type { RunData } from '../../src/data/catalogue';
import { datasetFor } from './datasets';
import { declareGlobals } from './evaluate';
import type { InsightResult, LiveStopped } from '../../src/protocol/insight';
import type { Boundary } from '../../src/protocol/boundary';
import { BoundaryWatch, boundarySource } from './decisionBoundary';
import { InsightWatch } from './explain';
import { beginTraining, endTraining, evaluate, isClassifier, labelsFor, lossFunction, rememberTraining } from './lab';
import { exampleWidth, testSplitOf } from './testSplit';
import { EarlyStopping, LearningRateLog, ReduceLROnPlateau, ScheduleCallback, type MarkSink } from './trainingCallbacks';
import type { Display } from './displayApi';
import type { KernelState } from './kernelState';
import { withSeededRandom } from './seededRandom';
import { loadBackbones } from './backbones';
import type { ModelFiles } from '../../src/protocol/lab';
import type { FineTune } from '../../src/training/fineTune';
import { copyWeights } from './copyWeights';
import { lastTrained, takeTrainedWeights } from './defineModel';
import { paramCounts } from './serialize';
import { PhaseMark } from './trainingCallbacks';

/** The chosen metrics that make sense for the task: accuracy, precision and recall only when classifying. */
function metricsFor(config: TrainConfig, classify: boolean): Array<string | ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor)> {
  const chosen = config.metrics.filter((m) => classify || m === 'mae');
  if (!chosen.length) chosen.push(classify ? 'accuracy' : 'mae');
  return chosen.map((m) => (m === 'precision' ? precision : m === 'recall' ? recall : m));
}

/** What callbacks watch: a validation metric needs a validation split, accuracy needs a classifier. */
function monitorFor(config: TrainConfig, classify: boolean): string {
  let monitor: string = config.monitor;
  // tfjs logs the accuracy metric as acc; without it compiled, the loss is watched instead.
  const hasAccuracy = classify && metricsFor(config, classify).includes('accuracy');
  monitor = hasAccuracy ? monitor.replace('accuracy', 'acc') : monitor.replace('accuracy', 'loss');
  if (config.validation_split === 0) monitor = monitor.replace('val_', '');
  return monitor;
}

/** The training split on the device: the one kept from the last Train when it is the same data, else uploaded (and kept). */
function trainingTensors(
  kernel: KernelState,
  config: TrainConfig,
  data: RunData,
  trainCount: number,
  classes: number,
): { xTrain: tf.Tensor; yTrain: tf.Tensor } {
  // The learner's own data can change under the same key: it is uploaded afresh each time.
  const key =
    config.dataset === 'user'
      ? ''
      : JSON.stringify([config.dataset, config.samples, config.noise, config.seed, config.loss, config.target, tf.getBackend()]);
  const kept = kernel.deviceData;
  if (key && kept?.key === key && !kept.xTrain.isDisposed) return kept;
  if (kept) tf.dispose([kept.xTrain, kept.yTrain]);
  const width = exampleWidth(data);
  const xTrain = tf.keep(tf.tensor(data.x.subarray(0, trainCount * width), [trainCount, ...data.xShape]));
  // An autoencoder learns to output its input (Keras's fit(x, x)): the same tensor, not a copy.
  const yTrain = config.target === 'input' ? xTrain : tf.keep(labelsFor(data.y.subarray(0, trainCount), config.loss, classes));
  kernel.deviceData = { key, xTrain, yTrain };
  return kernel.deviceData;
}

export interface TrainGraphOptions {
  /** Where the learner's own data for this cell is kept in the kernel. */
  userKey?: string;
  /** Sends Live insight (Grad-CAM at each epoch end) to the page. */
  sendInsight?: (result: InsightResult) => void;
  /** Tells the page that Live stopped during the run, and why, so its switch goes off. */
  liveStopped?: (stopped: LiveStopped) => void;
  /** Sends the decision boundary (a model on 2-D points only): at the start, at epoch ends (throttled) and at the end. */
  sendBoundary?: (boundary: Boundary) => void;
  /** The pretrained weights of the graph's backbones (model blocks), by their source's id. */
  backbones?: Readonly<Record<string, ModelFiles>>;
  /**
   * Fine-tune (the second phase of transfer learning): go on from the weights the last run of this
   * model ended with, its layers' Trainable as the graph has them now, for `epochs` more epochs at
   * `learningRate` (constant, as Keras tutorials recompile with a lower rate), counting epochs on
   * from where that run stopped (Keras's initial_epoch).
   */
  fineTune?: FineTune;
}

/**
 * Trains a graph cell's model on its dataset with its settings, as the Train
 * button asks: fresh weights, live charts (the fit hook), a NaN guard, then the
 * test split's loss and accuracy. The trained model is left under its name for
 * code cells, and its test split is kept for Evaluate and Predict. The settings'
 * Seed seeds the starting weights, the shuffling and Dropout: the same settings
 * train the same model.
 */
export async function trainGraph(
  kernel: KernelState,
  display: Display,
  name: string,
  graph: ModelGraph,
  settings: Record<string, unknown>,
  options: TrainGraphOptions = {},
): Promise<void> {
  // The page checks the settings before it sends them; a run never falls back on defaults the learner did not choose.
  const config = requireTrainConfig(settings);
  await withSeededRandom(config.seed, () => train(kernel, display, name, graph, config, options));
}

async function train(
  kernel: KernelState,
  display: Display,
  name: string,
  graph: ModelGraph,
  config: TrainConfig,
  options: TrainGraphOptions,
): Promise<void> {
  const data = datasetFor(kernel, config, options.userKey ?? '');
  const classes = data.classes?.length ?? 0;
  if (config.target === 'input' && lossNeedsClasses(config.loss)) {
    throw new Error(
      `${config.loss} needs classes, but a model that reconstructs its input outputs numbers: choose mse, mae or huber as the Loss.`,
    );
  }
  if (classes === 0 && lossNeedsClasses(config.loss)) {
    throw new Error(`${config.loss} needs classes, but this dataset has a number to predict: choose mse, mae or huber as the Loss.`);
  }
  const { fineTune } = options;
  const previous = (globalThis as Record<string, unknown>)[name];
  const last = fineTune ? lastTrained(kernel, name) : undefined;
  if (fineTune && !last) {
    throw new Error(
      `Fine-tune goes on from the weights ${name}'s last Train left, and this kernel holds none ` +
        '(a restart, or a change to its layers, starts afresh): press Train first.',
    );
  }
  const model = buildModel(graph, name);
  try {
    if (last) {
      // A Fine-tune: the same layers as the run it continues, with only their Trainable changed (the page checks the layers too).
      const changed = copyWeights(last.model, model);
      if (changed)
        throw new Error(`Fine-tune goes on with the layers ${name} was trained with, but ${changed}: press Train to start afresh.`);
    } else {
      // Fresh weights for the graph's own layers; a backbone starts from what it learned.
      loadBackbones(model, graph, options.backbones ?? {});
    }
  } catch (e) {
    disposeModel(model);
    throw e;
  }
  const outputShape = model.outputs[0].shape.slice(1);
  if (config.target === 'input' && outputShape.join() !== data.xShape.join()) {
    disposeModel(model);
    throw new Error(
      `To reconstruct its input, ${name} must output the input's shape (${data.xShape.join(', ')}), ` +
        `but it outputs (${outputShape.join(', ')}): end it with a Reshape to ${data.xShape.join(', ')}.`,
    );
  }
  // Train starts from fresh weights (Fine-tune from a copy of them): the model trained before under
  // this name, and its optimizer (which model.dispose() leaves alone), are freed.
  // Train runs one at a time in the kernel, so no fit is using the previous model now.
  if (previous instanceof tf.LayersModel) disposeModel(previous);
  declareGlobals([name]);
  (globalThis as Record<string, unknown>)[name] = model;
  // Until this run ends, Evaluate and Predict refuse this model: its test split is not yet the right one.
  beginTraining(kernel, name);

  const testCount = data.testCount;
  const trainCount = data.count - testCount;
  let early: EarlyStopping | null = null;
  let boundary: BoundaryWatch | null = null;
  try {
    // Only the training part goes to the device (the test split stays in arrays for Evaluate),
    // and it stays there for the next Train on the same data.
    const { xTrain, yTrain } = trainingTensors(kernel, config, data, trainCount, classes);
    // Epochs count on from the run a Fine-tune continues; its rate is its own, held constant.
    const initialEpoch = last?.trained.epochs ?? 0;
    const phase: TrainConfig = fineTune
      ? { ...config, learning_rate: fineTune.learningRate, epochs: fineTune.epochs, schedule: 'constant' }
      : config;
    const optimizer = makeOptimizer({
      name: config.optimizer,
      learningRate: phase.learning_rate,
      momentum: config.momentum,
      weightDecay: config.weight_decay,
    });
    const classify = isClassifier(config, classes);
    // One copy of the test split for the run: Live insight reads it during training, Evaluate and Predict after.
    const split = testSplitOf(config, classify, data);
    model.compile({ optimizer, loss: lossFunction(config), metrics: metricsFor(config, classify) });

    const monitor = monitorFor(config, classify);
    // Keep best weights puts them back whenever the run ends off its best, early stop or not.
    const restore = config.keep_best ? 'always' : config.restore_best_weights;
    const mark: MarkSink = (m) => kernel.activeFit?.addMark(m);
    early = config.early_stopping
      ? new EarlyStopping(monitor, config.patience, restore, mark)
      : config.keep_best
        ? new EarlyStopping(monitor, Infinity, 'always', mark)
        : null;
    // A schedule already sets the rate at every batch; plateau reductions would be overwritten.
    const plateau =
      config.reduce_lr_on_plateau && phase.schedule === 'constant'
        ? new ReduceLROnPlateau(optimizer, monitor, config.patience, mark)
        : null;
    const drawable = options.sendBoundary
      ? boundarySource(model, data, trainCount, config.validation_split, { classify, hinge: config.loss === 'hinge' })
      : null;
    boundary = drawable && options.sendBoundary ? new BoundaryWatch(drawable, options.sendBoundary) : null;
    // The fit hook streams the charts and stops on a non-finite loss with the NaN guard's message.
    const fitting = model.fit(xTrain, yTrain, {
      epochs: initialEpoch + phase.epochs,
      initialEpoch,
      batchSize: config.batch_size,
      validationSplit: config.validation_split,
      shuffle: true,
      callbacks: [
        ...(phase.schedule === 'constant'
          ? []
          : [new ScheduleCallback(optimizer, scheduleOf(config, trainingSteps(config, trainCount)), config.learning_rate)]),
        ...(fineTune ? [new PhaseMark(initialEpoch, fineTuneText(model, fineTune), mark)] : []),
        ...(early ? [early] : []),
        ...(plateau ? [plateau] : []),
        new LearningRateLog(optimizer),
        // After EarlyStopping: the last field is drawn with the weights the run keeps.
        ...(boundary ? [boundary] : []),
        ...(options.sendInsight
          ? [
              new InsightWatch(
                kernel.watched,
                name,
                model,
                split,
                options.sendInsight,
                (text, stopped) => (display.markdown(text), options.liveStopped?.(stopped)),
              ),
            ]
          : []),
      ],
    });
    // A check reads a Train run's schedule and callbacks from its settings (its callbacks are Layerbook's
    // own): set as the fit starts, so a run the NaN guard stops is still known as this Train's.
    const fitRecord = kernel.fits.get(model);
    if (fitRecord) fitRecord.settings = phase;
    const history = await fitting;
    if (early?.stoppedEpoch != null) {
      display.markdown(
        `**Early stopping** at epoch ${early.stoppedEpoch + 1}: ${monitor} had not improved for ${config.patience} epochs. ` +
          (early.restored
            ? `The weights of the best epoch (${early.bestEpoch + 1}, ${monitor} ${early.best.toPrecision(4)}) were restored.`
            : `The model keeps the last epoch's weights; ` +
              `the best was epoch ${early.bestEpoch + 1} (${monitor} ${early.best.toPrecision(4)}). ` +
              'Tick "Restore best weights" to get those back.'),
      );
    } else if (early?.restored) {
      display.markdown(
        `**Best weights kept**: epoch ${early.bestEpoch + 1} had the best ${monitor} (${early.best.toPrecision(4)}); ` +
          'its weights were put back.',
      );
    }
    for (const r of plateau?.reductions ?? [])
      display.markdown(`Learning rate reduced to ${r.rate.toPrecision(3)} after epoch ${r.epoch + 1} (${monitor} on a plateau).`);

    // A Trainable box ticked while this ran rebuilt the model under the name: it takes the trained weights now.
    const now = (globalThis as Record<string, unknown>)[name];
    let trained = model;
    if (now !== model && kernel.keepAfterRun.has(name) && now instanceof tf.LayersModel && takeTrainedWeights(model, now, config)) {
      trained = now;
    }
    rememberTraining(kernel, name, { ...split, epochs: initialEpoch + history.epoch.length, model: trained });
    endTraining(kernel, name);
    // This run's model, even if a graph edit has since put a fresh one under its name.
    const report = await evaluate(kernel, name, model);
    let shown: string;
    if (report.accuracy !== undefined) shown = `accuracy **${(report.accuracy * 100).toFixed(1)} %**`;
    else if (report.mae !== undefined) shown = `mean absolute error ${report.mae.toPrecision(4)}`;
    else throw new Error(`The test report of ${name} has neither an accuracy nor a mean absolute error`);
    display.markdown(
      `**Test split** (${testCount.toLocaleString('en-US')} examples held out): loss ${report.loss.toPrecision(4)}, ${shown}. ` +
        `The trained model is \`${name}\` in code cells; Evaluate shows the full report.`,
    );
  } finally {
    kernel.keepAfterRun.delete(name);
    endTraining(kernel, name);
    early?.dispose();
    boundary?.dispose();
  }
}

/** What the charts say where a Fine-tune begins: its rate, and how much of the model now learns. */
function fineTuneText(model: tf.LayersModel, fineTune: FineTune): string {
  const { trainable, nonTrainable } = paramCounts(model);
  const all = trainable + nonTrainable;
  return (
    `fine-tune from here: learning rate ${fineTune.learningRate}, ` +
    `${trainable.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} params trainable`
  );
}
