import { z } from 'zod';

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
};

/** The stored settings, completed with defaults for what an older notebook lacks. */
export function trainConfigOf(stored: Record<string, unknown> | undefined): TrainConfig {
  const merged = { ...DEFAULT_TRAIN_CONFIG, ...(stored ?? {}) };
  const parsed = trainConfigSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_TRAIN_CONFIG;
}
