import { z } from 'zod';
import type { ScheduleConfig } from '../training/schedules';

// A graph cell's training settings: saved with the document, so a shared
// notebook trains the same way. Field names follow Keras's compile and fit.

export const BUILTIN_DATASETS = ['spiral', 'xor', 'circles', 'gaussian', 'shapes', 'sine', 'sentiment'] as const;
export type BuiltinDataset = (typeof BUILTIN_DATASETS)[number];

export const trainConfigSchema = z.strictObject({
  dataset: z.enum(BUILTIN_DATASETS),
  samples: z.number().int().min(10).max(100_000),
  noise: z.number().min(0).max(1),
  seed: z.number().int(),
  loss: z.enum(['sparse_categorical_crossentropy', 'categorical_crossentropy', 'binary_crossentropy', 'mse', 'mae', 'huber', 'hinge']),
  optimizer: z.enum(['adam', 'sgd', 'rmsprop', 'adagrad']),
  learning_rate: z.number().positive().max(10),
  momentum: z.number().min(0).max(1),
  epochs: z.number().int().min(1).max(1000),
  batch_size: z.number().int().min(1).max(4096),
  validation_split: z.number().min(0).max(0.9),
  /** How the learning rate changes over the run (Keras's schedules, decaying over the whole run). */
  schedule: z.enum(['constant', 'exponential', 'polynomial', 'cosine']),
  /** Keras's EarlyStopping on val_loss (loss without validation), restoring the best epoch's weights. */
  early_stopping: z.boolean(),
  patience: z.number().int().min(1).max(100),
  /** Keras's ReduceLROnPlateau: halve the learning rate after `patience` epochs without improvement. */
  reduce_lr_on_plateau: z.boolean(),
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
  epochs: 50,
  batch_size: 32,
  validation_split: 0.2,
  schedule: 'constant',
  early_stopping: false,
  patience: 5,
  reduce_lr_on_plateau: false,
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

/** Batches a run takes: what schedules decay over. */
export function trainingSteps(config: TrainConfig, testFraction: number): number {
  const train = Math.round(config.samples * (1 - testFraction) * (1 - config.validation_split));
  return Math.ceil(train / config.batch_size) * config.epochs;
}
