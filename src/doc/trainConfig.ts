import { z } from 'zod';
import { DATASET_NAMES, datasetSpec } from '../data/catalogue';
import type { ScheduleConfig } from '../training/schedules';

// A graph cell's training settings: saved with the document, so a shared
// notebook trains the same way. Field names follow Keras's compile and fit.

export const METRICS = ['accuracy', 'precision', 'recall', 'mae'] as const;
export type MetricName = (typeof METRICS)[number];
export const MONITORS = ['val_loss', 'loss', 'val_accuracy', 'accuracy'] as const;

/** One setting: its name in the panel, its schema, and its rule in a learner's words. */
interface Field<S extends z.ZodType> {
  label: string;
  schema: S;
  rule: string;
}

/** A number setting's range; `above` refuses `min` itself. */
interface Range {
  min: number;
  max: number;
  int?: boolean;
  above?: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

function ranged(label: string, { min, max, int, above }: Range): Field<z.ZodNumber> {
  let schema = int ? z.number().int() : z.number();
  schema = above ? schema.gt(min) : schema.min(min);
  const kind = int ? 'a whole number' : 'a number';
  return {
    label,
    schema: schema.max(max),
    rule: above ? `${kind} above ${count(min)}, at most ${count(max)}` : `${kind} from ${count(min)} to ${count(max)}`,
  };
}

const choice = <const T extends readonly [string, ...string[]]>(label: string, options: T) => ({
  label,
  schema: z.enum(options),
  rule: `one of ${options.join(', ')}`,
});
const flag = (label: string): Field<z.ZodBoolean> => ({ label, schema: z.boolean(), rule: 'on or off' });

/**
 * Every training setting, checked on its own: a field the learner is still typing (or one an
 * old document got wrong) costs that field only, never the others. Names follow Keras's compile and
 * fit; the order is the panel's, which problems are listed in.
 */
export const TRAIN_FIELDS = {
  dataset: choice('Dataset', DATASET_NAMES),
  loss: choice('Loss', [
    'sparse_categorical_crossentropy',
    'categorical_crossentropy',
    'binary_crossentropy',
    'mse',
    'mae',
    'huber',
    'hinge',
  ]),
  /**
   * What the model learns to output: the dataset's labels, or its own input (Keras's fit(x, x): an
   * autoencoder, which learns numbers, so its loss is mse, mae or huber).
   */
  target: choice('Target', ['labels', 'input']),
  optimizer: choice('Optimizer', ['adam', 'adamw', 'sgd', 'rmsprop', 'adagrad']),
  momentum: ranged('Momentum', { min: 0, max: 1 }),
  /** AdamW's decoupled weight decay (Keras's weight_decay). */
  weight_decay: ranged('Weight decay', { min: 0, max: 1 }),
  learning_rate: ranged('Learning rate', { min: 0, max: 10, above: true }),
  /** How the learning rate changes over the run (Keras's schedules, decaying over the whole run). */
  schedule: choice('Schedule', ['constant', 'exponential', 'polynomial', 'cosine']),
  epochs: ranged('Epochs', { min: 1, max: 1000, int: true }),
  batch_size: ranged('Batch size', { min: 1, max: 4096, int: true }),
  validation_split: ranged('Validation split', { min: 0, max: 0.9 }),
  samples: ranged('Samples', { min: 10, max: 100_000, int: true }),
  noise: ranged('Noise', { min: 0, max: 1 }),
  seed: { label: 'Seed', schema: z.number().int(), rule: 'a whole number' },
  patience: ranged('Patience', { min: 1, max: 100, int: true }),
  /** What EarlyStopping, ReduceLROnPlateau and keep-best watch (without validation, the training value). */
  monitor: choice('Monitor', MONITORS),
  /** Metrics compiled into the model besides the loss; those that do not fit the task (accuracy for regression) are left out. */
  metrics: { label: 'Metrics', schema: z.array(z.enum(METRICS)).max(METRICS.length), rule: `a list of ${METRICS.join(', ')}` },
  /** Keras's EarlyStopping on the monitored value (val_loss by default). */
  early_stopping: flag('EarlyStopping'),
  /** Keras's EarlyStopping(restore_best_weights): on a stop, put back the best epoch's weights. */
  restore_best_weights: flag('Restore best weights'),
  /** Keras's ReduceLROnPlateau: halve the learning rate after `patience` epochs without improvement. */
  reduce_lr_on_plateau: flag('ReduceLROnPlateau'),
  /** Put back the best epoch's weights when the run ends, even without EarlyStopping. */
  keep_best: flag('Keep best weights'),
};

export type TrainField = keyof typeof TRAIN_FIELDS;
/** A graph cell's settings as stored: known fields only, each as the learner typed it (checked on its own). */
export type TrainingSettings = Partial<Record<TrainField, unknown>>;
const FIELD_NAMES = Object.keys(TRAIN_FIELDS) as TrainField[];

/** The whole settings, every field valid: what a run takes. */
const trainConfigSchema = z.strictObject(
  Object.fromEntries(FIELD_NAMES.map((f) => [f, TRAIN_FIELDS[f].schema])) as { [F in TrainField]: (typeof TRAIN_FIELDS)[F]['schema'] },
);

export type TrainConfig = z.infer<typeof trainConfigSchema>;

/** Settings a new graph cell starts with: the spiral's preset (a small, quick run) and the rest. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  dataset: 'spiral',
  // Its loss, samples, epochs, batch size, rate, split and schedule: the catalogue holds them once.
  ...datasetSpec('spiral').preset,
  noise: 0.05,
  seed: 1,
  target: 'labels',
  optimizer: 'adam',
  momentum: 0.9,
  weight_decay: 0.004,
  early_stopping: false,
  // Keras's default is False; Layerbook restored them before the option existed, and a learner
  // who stops early nearly always wants the best epoch, not the last.
  restore_best_weights: true,
  patience: 5,
  reduce_lr_on_plateau: false,
  metrics: ['accuracy'],
  monitor: 'val_loss',
  keep_best: false,
};

/** A setting that cannot be used as it is, and what to write instead. */
export interface SettingProblem {
  field: TrainField;
  label: string;
  message: string;
}

const isField = (key: string): key is TrainField => Object.hasOwn(TRAIN_FIELDS, key);
/** Whether a stored value passes its own field's check. */
const isValid = (field: TrainField, value: unknown): boolean => TRAIN_FIELDS[field].schema.safeParse(value).success;

/**
 * Whether a run uses this setting: momentum is SGD's, weight decay AdamW's, noise a generated
 * set's. The panel shows a field only while it is in use, and only fields in use can stop a run:
 * a momentum left half typed before switching to Adam must not hold Train back from a field the
 * learner can no longer see.
 */
export function fieldInUse(field: TrainField, config: TrainConfig): boolean {
  if (field === 'momentum') return config.optimizer === 'sgd';
  if (field === 'weight_decay') return config.optimizer === 'adamw';
  if (field === 'noise') return datasetSpec(config.dataset).noisy;
  return true;
}

/**
 * The stored settings' problems, field by field, for the fields a run uses (absent ones take their
 * default). `config` is what trainConfigOf makes of them, for a caller that has it already.
 */
export function settingProblems(
  stored: Record<string, unknown> | undefined,
  config: TrainConfig = trainConfigOf(stored),
): SettingProblem[] {
  const problems: SettingProblem[] = [];
  // In the fields' order, whatever order the document has them in.
  for (const field of FIELD_NAMES) {
    const value = stored?.[field];
    if (value === undefined || !fieldInUse(field, config)) continue;
    const { label, rule } = TRAIN_FIELDS[field];
    if (!isValid(field, value)) problems.push({ field, label, message: `${label} must be ${rule}.` });
  }
  return problems;
}

/** The stored settings where each is valid; a missing or invalid one takes its own default, and the others are kept. */
export function trainConfigOf(stored: Record<string, unknown> | undefined): TrainConfig {
  const config: Record<string, unknown> = { ...DEFAULT_TRAIN_CONFIG };
  for (const [key, value] of Object.entries(stored ?? {})) if (isField(key) && isValid(key, value)) config[key] = value;
  return config as TrainConfig;
}

/** The settings a run takes, or every field that must be fixed first: a run never trains on settings the learner did not choose. */
export function runnableTrainConfig(
  stored: Record<string, unknown> | undefined,
): { ok: true; config: TrainConfig } | { ok: false; problems: SettingProblem[] } {
  const config = trainConfigOf(stored);
  const problems = settingProblems(stored, config);
  return problems.length ? { ok: false, problems } : { ok: true, config };
}

/** The settings a run takes; throws, naming every field to fix, when one is not valid (the page's and the kernel's one check). */
export function requireTrainConfig(stored: Record<string, unknown> | undefined): TrainConfig {
  const checked = runnableTrainConfig(stored);
  if (!checked.ok) throw new Error(describeProblems(checked.problems));
  return checked.config;
}

/** One sentence naming what to fix before a run, for Train's message. */
export function describeProblems(problems: SettingProblem[]): string {
  return `Fix ${problems.map((p) => p.label).join(', ')} first: ${problems.map((p) => p.message).join(' ')}`;
}

/**
 * Only the valid, known settings, for a document written before settings were checked one
 * by one: its bad fields were shown as defaults then (with all the others), and now take their
 * own defaults alone.
 */
export function validSettingsOnly(stored: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stored).filter(([key, value]) => isField(key) && isValid(key, value)));
}

/** The schedule a config names, decaying over `steps` batches: to a tenth (exponential), to 1 % (polynomial) or to 0 (cosine). */
export function scheduleOf(config: TrainConfig, steps: number): ScheduleConfig {
  const decaySteps = Math.max(1, steps);
  switch (config.schedule) {
    case 'constant':
      return { kind: 'constant' };
    case 'exponential':
      return { kind: 'exponential', decaySteps, decayRate: 0.1 };
    case 'polynomial':
      return { kind: 'polynomial', decaySteps, endLearningRate: config.learning_rate / 100, power: 1 };
    case 'cosine':
      return { kind: 'cosine', decaySteps, alpha: 0 };
  }
}

/** Batches a run takes over `trainExamples` (the examples left after the test split): what schedules decay over. */
export function trainingSteps(config: TrainConfig, trainExamples: number): number {
  const train = Math.round(trainExamples * (1 - config.validation_split));
  return Math.ceil(train / config.batch_size) * config.epochs;
}
