import type * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../../src/doc/trainConfig';
import type { KernelState } from '../kernelState';
import type { FitRecord } from './fitRecord';
import { NotYet } from './notYet';

// check.model, check.trained and check.training: what a model is made of, how well its last run
// did, and how it was trained. Each finds the first thing that is not as the task asks and says
// it in a learner's words; shapes are written as Keras prints them, (None, 10).

/** An exact count, or a range (both ends included). */
type Count = number | { atLeast?: number; atMost?: number };
/** A shape with its batch dimension, null for any size (Keras's None): [null, 10]. */
type Shape = Array<number | null>;

export interface ModelSpec {
  /** Layers of each Keras class (as layer.getClassName() gives it: Dense, Conv2D …), InputLayer not counted. */
  layers?: Record<string, Count>;
  /** Layers of any class, InputLayer not counted. */
  layerCount?: Count;
  /** The output's shape, or each output's shape for a model with several. */
  outputShape?: Shape | Shape[];
  inputShape?: Shape | Shape[];
  /** The model must have fewer parameters than this. */
  maxParams?: number;
  minParams?: number;
  inputs?: number;
  outputs?: number;
  /** Some layer (or, given a number, that many) must merge a tensor with one computed from it (x → … → Add(x, …)). */
  skipConnection?: true | number;
}

export interface TrainingGoal {
  /** A metric of the last run's last epoch (accuracy, val_loss …), or the test split's after a Train (test_accuracy …). */
  metric: string;
  atLeast?: number;
  atMost?: number;
  /** Checked first, so an oversized model is told so even before it is trained. */
  maxParams?: number;
}

export interface TrainingSpec {
  /** Keras's name (adam, sgd, rmsprop …); case and underscores do not matter. */
  optimizer?: string;
  /** A graph cell's Train only: constant, exponential, polynomial or cosine. */
  schedule?: string;
  /** Class names of callbacks the run must have used (EarlyStopping, ReduceLROnPlateau …). */
  callbacks?: string[];
  minEpochs?: number;
  maxLearningRate?: number;
}

/** 101,770: thousands grouped as the page shows counts. */
const grouped = (n: number) => n.toLocaleString('en-US');
/** "no Dense layers", "1 Dense layer", "3 Dense layers". */
const counted = (n: number, noun: string) => (n === 0 ? `no ${noun}s` : `${grouped(n)} ${noun}${n === 1 ? '' : 's'}`);

/** What a count asks for in words ("3", "at least 2", "2 to 4"), or null when `n` fits it. */
function countMissed(n: number, want: Count): string | null {
  const { atLeast, atMost } = typeof want === 'number' ? { atLeast: want, atMost: want } : want;
  if ((atLeast === undefined || n >= atLeast) && (atMost === undefined || n <= atMost)) return null;
  if (atLeast !== undefined && atLeast === atMost) return grouped(atLeast);
  if (atLeast !== undefined && atMost !== undefined) return `${grouped(atLeast)} to ${grouped(atMost)}`;
  return atLeast !== undefined ? `at least ${grouped(atLeast)}` : `at most ${grouped(atMost ?? 0)}`;
}

/** A shape as Keras prints it: (None, 10), and (None,) for one dimension. */
function kerasShape(shape: ReadonlyArray<number | null | undefined>): string {
  const dims = shape.map((d) => (d == null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** The model's input or output shapes against the task's; throws NotYet when they differ. */
function checkShapes(name: string, kind: 'input' | 'output', actual: Shape[], wanted: Shape | Shape[]): void {
  const many = wanted.length > 0 && Array.isArray(wanted[0]);
  const list = (many ? wanted : [wanted]) as Shape[];
  const same = list.length === actual.length && list.every((s, i) => kerasShape(s) === kerasShape(actual[i]));
  if (same) return;
  const shapes = (l: Shape[]) => `[${l.map(kerasShape).join(', ')}]`;
  const shown = actual.length === 1 ? `shape of ${name} is ${kerasShape(actual[0])}` : `shapes of ${name} are ${shapes(actual)}`;
  throw new NotYet(`the ${kind} ${shown}; the task needs ${many ? shapes(list) : kerasShape(list[0])}`);
}

type Layer = tf.layers.Layer;

/**
 * How many layers merge a tensor with one computed from it: one of its inputs comes from a
 * layer that is a strict ancestor of another of its inputs' layers. Two branches from one input,
 * merged, are not a skip: neither is computed from the other.
 */
function skipConnections(model: tf.LayersModel): number {
  const inModel = new Set<Layer>(model.layers);
  const ancestors = new Map<Layer, Set<Layer>>();
  const ancestorsOf = (layer: Layer): Set<Layer> => {
    const known = ancestors.get(layer);
    if (known) return known;
    const found = new Set<Layer>();
    ancestors.set(layer, found);
    for (const node of layer.inboundNodes)
      for (const parent of node.inboundLayers) {
        if (!inModel.has(parent)) continue;
        found.add(parent);
        for (const a of ancestorsOf(parent)) found.add(a);
      }
    return found;
  };
  return model.layers.filter((layer) =>
    layer.inboundNodes.some((node) => {
      const inputs = [...new Set(node.inboundLayers)].filter((l) => inModel.has(l));
      return inputs.length >= 2 && inputs.some((a) => inputs.some((b) => a !== b && ancestorsOf(b).has(a)));
    }),
  ).length;
}

/** Fewer parameters than `max`, or NotYet. */
function checkMaxParams(name: string, model: tf.LayersModel, max: number): void {
  const params = model.countParams();
  if (params >= max) throw new NotYet(`${name} has ${counted(params, 'parameter')}; the task allows fewer than ${grouped(max)}`);
}

/** Checks a model's structure against the task's spec; throws NotYet at the first difference. */
export function checkModel(name: string, model: tf.LayersModel, spec: ModelSpec): void {
  if (!model.outputs.length) throw new NotYet(`${name} has no layers yet: add its layers, then run the cell again.`);
  for (const [kind, n, want] of [
    ['input', model.inputs.length, spec.inputs],
    ['output', model.outputs.length, spec.outputs],
  ] as const) {
    const missed = want === undefined ? null : countMissed(n, want);
    if (missed) throw new NotYet(`${name} has ${counted(n, kind)}; the task asks for ${missed}`);
  }
  const shapesOf = (tensors: tf.SymbolicTensor[]) => tensors.map((t) => t.shape);
  if (spec.inputShape) checkShapes(name, 'input', shapesOf(model.inputs), spec.inputShape);
  if (spec.outputShape) checkShapes(name, 'output', shapesOf(model.outputs), spec.outputShape);
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  for (const [className, want] of Object.entries(spec.layers ?? {})) {
    // Case is forgiven (dense for Dense); the message uses the task's spelling.
    const n = layers.filter((l) => l.getClassName().toLowerCase() === className.toLowerCase()).length;
    const missed = countMissed(n, want);
    if (missed) throw new NotYet(`${name} has ${counted(n, `${className} layer`)}; the task asks for ${missed}`);
  }
  const layerCountMissed = spec.layerCount === undefined ? null : countMissed(layers.length, spec.layerCount);
  if (layerCountMissed) throw new NotYet(`${name} has ${counted(layers.length, 'layer')}; the task asks for ${layerCountMissed}`);
  if (spec.maxParams !== undefined) checkMaxParams(name, model, spec.maxParams);
  const params = model.countParams();
  if (spec.minParams !== undefined && params < spec.minParams) {
    throw new NotYet(`${name} has ${counted(params, 'parameter')}; the task asks for at least ${grouped(spec.minParams)}`);
  }
  if (spec.skipConnection) {
    // A number asks for that many merges that are skips: two sibling branches added together are not one.
    const wanted = spec.skipConnection === true ? 1 : spec.skipConnection;
    const found = skipConnections(model);
    if (found === 0) {
      throw new NotYet(`${name} has no skip connection: add a layer's input to a later layer's output with Add (or Concatenate)`);
    }
    if (found < wanted) throw new NotYet(`${name} has ${counted(found, 'skip connection')}; the task asks for ${wanted}`);
  }
}

/** The model's last fit, once at least one epoch of it ended; NotYet before that or while it trains. */
function lastRun(kernel: KernelState, name: string, model: tf.LayersModel): FitRecord {
  if (kernel.training.has(name)) throw new NotYet(`${name} is still training: wait for the run to end, then Check.`);
  const record = kernel.fits.get(model);
  if (!record?.epochsRun) throw new NotYet(`${name} has not been trained yet: press Train (or run ${name}.fit) first, then Check.`);
  return record;
}

/** tfjs logs accuracy as acc; tasks may use either name. */
const ALIASES: Record<string, string> = { acc: 'accuracy', accuracy: 'acc', val_acc: 'val_accuracy', val_accuracy: 'val_acc' };
/** A logged name in Keras's spelling, as a learner reads it. */
const kerasName = (key: string) => (key === 'acc' ? 'accuracy' : key === 'val_acc' ? 'val_accuracy' : key);

/** The value `metric` had at the end of the model's last run (or on its test split after a Train). */
function metricValue(kernel: KernelState, name: string, record: FitRecord, metric: string): number {
  if (metric.startsWith('test_')) {
    const evaluation = kernel.trained.get(name)?.evaluation;
    if (!evaluation || !record.settings) {
      throw new NotYet(
        evaluation
          ? `${metric} is measured at the end of a Train, and ${name} has been trained in code since: press Train again, then Check.`
          : `${metric} is measured on the test split when ${name} is trained with its graph cell's Train button: press Train, then Check.`,
      );
    }
    const logged: Record<string, number | undefined> = {
      test_loss: evaluation.loss,
      test_accuracy: evaluation.accuracy,
      test_mae: evaluation.mae,
    };
    const value = logged[metric];
    if (value !== undefined) return value;
    const names = Object.keys(logged).filter((k) => logged[k] !== undefined);
    throw new NotYet(`${name}'s test report has no ${metric}; it has ${names.join(', ')}.`);
  }
  const value = record.final[metric] ?? record.final[ALIASES[metric] ?? metric];
  if (value !== undefined) return value;
  // Training metrics before validation ones, as Keras prints them.
  const names = Object.keys(record.final)
    .map(kerasName)
    .sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
  const hint = metric.startsWith('val_')
    ? ' Validation metrics need a validationSplit (or validationData) in fit.'
    : /acc/.test(metric)
      ? " Accuracy needs metrics: ['accuracy'] in compile."
      : '';
  throw new NotYet(`${name}'s last run did not log ${metric}; it logged ${names.join(', ') || 'nothing'}.${hint}`);
}

/**
 * A value at 3 significant digits, or more when 3 would round it onto the goal it missed
 * (0.9499 against at least 0.95 shows as 0.9499, not 0.95).
 */
function shownAgainst(value: number, misses: (shown: number) => boolean): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 3; digits < 17; digits++) {
    const shown = Number(value.toPrecision(digits));
    if (misses(shown)) return String(shown);
  }
  return String(value);
}

/**
 * Checks how well the model's last run did against the task's goal; throws NotYet when it missed.
 * Every metric is shown as a decimal, accuracy too (val_accuracy 0.912, not 91.2 %): the name the task
 * gives and the number beside it read the same way as the run's logs and Keras's.
 */
export function checkTrained(kernel: KernelState, name: string, model: tf.LayersModel, goal: TrainingGoal): void {
  if (goal.maxParams !== undefined) checkMaxParams(name, model, goal.maxParams);
  const value = metricValue(kernel, name, lastRun(kernel, name, model), goal.metric);
  const { atLeast, atMost } = goal;
  if (atLeast !== undefined && !(value >= atLeast)) {
    throw new NotYet(`${goal.metric} ${shownAgainst(value, (v) => !(v >= atLeast))}; the goal is at least ${atLeast}`);
  }
  if (atMost !== undefined && !(value <= atMost)) {
    throw new NotYet(`${goal.metric} ${shownAgainst(value, (v) => !(v <= atMost))}; the goal is at most ${atMost}`);
  }
}

/** Names compared as Keras users write them: case and underscores do not matter (adam, Adam; reduce_lr_on_plateau). */
const plain = (name: string) => name.toLowerCase().replaceAll('_', '');

/** The callbacks a Train run used, named as Keras's: its settings say which, as its callbacks are Layerbook's own. */
function trainCallbacks(settings: TrainConfig): string[] {
  const used: string[] = [];
  if (settings.early_stopping) used.push('EarlyStopping');
  // Train leaves plateau reductions out under a schedule (the schedule sets the rate at every batch).
  if (settings.reduce_lr_on_plateau && settings.schedule === 'constant') used.push('ReduceLROnPlateau');
  // Keep best weights is Keras's ModelCheckpoint(save_best_only=True), kept in memory.
  if (settings.keep_best) used.push('ModelCheckpoint');
  return used;
}

/** Checks how the model's last run was trained (optimizer, epochs, rate, schedule, callbacks); throws NotYet at the first difference. */
export function checkTraining(kernel: KernelState, name: string, model: tf.LayersModel, spec: TrainingSpec): void {
  const record = lastRun(kernel, name, model);
  const settings = record.settings;
  if (spec.optimizer !== undefined) {
    const used = plain(settings ? settings.optimizer : record.optimizer);
    // tfjs's Momentum optimizer is Keras's SGD with momentum.
    if (used !== plain(spec.optimizer) && !(used === 'momentum' && plain(spec.optimizer) === 'sgd')) {
      const shown = used === 'momentum' ? 'sgd with momentum' : used;
      throw new NotYet(`${name} was trained with ${shown}; the task asks for ${spec.optimizer}`);
    }
  }
  if (spec.minEpochs !== undefined && record.epochsRun < spec.minEpochs) {
    throw new NotYet(`${name} was trained for ${counted(record.epochsRun, 'epoch')}; the task asks for at least ${spec.minEpochs}`);
  }
  if (spec.maxLearningRate !== undefined) {
    const rate = settings?.learning_rate ?? record.learningRate;
    if (rate === undefined) throw new Error(`the learning rate of ${name}'s optimizer cannot be read`);
    if (rate > spec.maxLearningRate) {
      throw new NotYet(`${name} was trained with a learning rate of ${rate}; the task allows at most ${spec.maxLearningRate}`);
    }
  }
  if (spec.schedule !== undefined) {
    if (!settings) {
      throw new NotYet(
        `${name} was trained in code, where its learning-rate schedule cannot be read: ` +
          `train it with its graph cell's Train button, Schedule ${spec.schedule}.`,
      );
    }
    if (settings.schedule !== spec.schedule) {
      throw new NotYet(`${name} was trained with the ${settings.schedule} schedule; the task asks for ${spec.schedule}`);
    }
  }
  const used = (settings ? trainCallbacks(settings) : record.callbacks).map(plain);
  const missing = (spec.callbacks ?? []).filter((c) => !used.includes(plain(c)));
  if (missing.length) {
    throw new NotYet(`${name} was trained without ${missing.join(' and ')}; the task asks for ${missing.length === 1 ? 'it' : 'them'}`);
  }
}
