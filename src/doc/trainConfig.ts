import { z } from 'zod';
import type { ScheduleConfig } from '../training/schedules';

// A graph cell's training settings: saved with the document, so a shared
// notebook trains the same way. Field names follow Keras's compile and fit.

export const BUILTIN_DATASETS = ['spiral', 'xor', 'circles', 'gaussian', 'shapes', 'sine', 'sentiment'] as const;
export type BuiltinDataset = (typeof BUILTIN_DATASETS)[number];
/** Generated where they are used (built in), shipped as a file (mnist), or brought by the learner (user: a CSV or image folder). */
export const DATASETS = [...BUILTIN_DATASETS, 'mnist', 'user'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const METRICS = ['accuracy', 'precision', 'recall', 'mae'] as const;
export type MetricName = (typeof METRICS)[number];
export const MONITORS = ['val_loss', 'loss', 'val_accuracy', 'accuracy'] as const;

export const trainConfigSchema = z.strictObject({
  dataset: z.enum(DATASETS),
  samples: z.number().int().min(10).max(100_000),
  noise: z.number().min(0).max(1),
  seed: z.number().int(),
  loss: z.enum(['sparse_categorical_crossentropy', 'categorical_crossentropy', 'binary_crossentropy', 'mse', 'mae', 'huber', 'hinge']),
  optimizer: z.enum(['adam', 'adamw', 'sgd', 'rmsprop', 'adagrad']),
  learning_rate: z.number().positive().max(10),
  momentum: z.number().min(0).max(1),
  /** AdamW's decoupled weight decay (Keras's weight_decay). */
  weight_decay: z.number().min(0).max(1),
  epochs: z.number().int().min(1).max(1000),
  batch_size: z.number().int().min(1).max(4096),
  validation_split: z.number().min(0).max(0.9),
  /** How the learning rate changes over the run (Keras's schedules, decaying over the whole run). */
  schedule: z.enum(['constant', 'exponential', 'polynomial', 'cosine']),
  /** Keras's EarlyStopping on the monitored value (val_loss by default). */
  early_stopping: z.boolean(),
  /** Keras's EarlyStopping(restore_best_weights): on a stop, put back the best epoch's weights. */
  restore_best_weights: z.boolean(),
  patience: z.number().int().min(1).max(100),
  /** Keras's ReduceLROnPlateau: halve the learning rate after `patience` epochs without improvement. */
  reduce_lr_on_plateau: z.boolean(),
  /** Metrics compiled into the model besides the loss; those that do not fit the task (accuracy for regression) are left out. */
  metrics: z.array(z.enum(METRICS)).max(METRICS.length),
  /** What EarlyStopping, ReduceLROnPlateau and keep-best watch (without validation, the training value). */
  monitor: z.enum(MONITORS),
  /** Put back the best epoch's weights when the run ends, even without EarlyStopping. */
  keep_best: z.boolean(),
});

export type TrainConfig = z.infer<typeof trainConfigSchema>;

/** Settings a new graph cell starts with: a small, quick run on the spiral. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  dataset: 'spiral',
  samples: 400,
  noise: 0.05,
  seed: 1,
  loss: 'binary_crossentropy',
  optimizer: 'adam',
  learning_rate: 0.01,
  momentum: 0.9,
  weight_decay: 0.004,
  epochs: 50,
  batch_size: 32,
  validation_split: 0.2,
  schedule: 'constant',
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

/** The stored settings, completed with defaults for what an older notebook lacks. */
export function trainConfigOf(stored: Record<string, unknown> | undefined): TrainConfig {
  const merged = { ...DEFAULT_TRAIN_CONFIG, ...(stored ?? {}) };
  const parsed = trainConfigSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_TRAIN_CONFIG;
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
