import { TRAIN_FIELDS, type TrainConfig } from '../doc/trainConfig';

/** The second phase of transfer learning: go on from a run's weights, at this (lower) rate, for these epochs. */
export interface FineTune {
  learningRate: number;
  epochs: number;
}

/**
 * What the Fine-tune panel suggests: a tenth of the cell's learning rate (Keras tutorials fine-tune
 * at 10 to 100 times less, so the unfrozen layers adapt without forgetting) for as many epochs again.
 */
export function suggestedFineTune(config: TrainConfig): FineTune {
  return { learningRate: Number((config.learning_rate / 10).toPrecision(3)), epochs: config.epochs };
}

/** Settings that make the data a run trains and is tested on: a Fine-tune keeps the first phase's. */
const DATA_FIELDS = ['dataset', 'samples', 'noise', 'seed', 'validation_split', 'target', 'loss'] as const satisfies ReadonlyArray<
  keyof TrainConfig
>;

/**
 * Why a Fine-tune cannot go on from a run trained with `before` under the settings `now`, or null: it
 * must train and be tested on the same data (a generated set is remade from Samples, Noise and Seed),
 * and its charts and epochs must line up with the first phase's.
 */
export function fineTuneProblem(before: TrainConfig, now: TrainConfig, run: number): string | null {
  const changed = DATA_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(now[f]));
  if (!changed.length) return null;
  return (
    `Fine-tune goes on with run ${run}'s data and loss, and ${changed.join(', ')} changed since: ` +
    'set them back, or press Train for a new run.'
  );
}

/** Each field of a Fine-tune with what it is called and the cell's own setting whose rule it follows. */
const FIELDS = {
  learningRate: { label: 'The fine-tune learning rate', setting: TRAIN_FIELDS.learning_rate },
  epochs: { label: 'Fine-tune epochs', setting: TRAIN_FIELDS.epochs },
} as const;

/**
 * What is wrong with each field of a Fine-tune, by the rules the cell's own Learning rate and Epochs
 * follow (TRAIN_FIELDS): the panel reads what was typed with it, and the kernel's message check too.
 * Empty when both are fine.
 */
export function fineTuneProblems(fineTune: Record<keyof FineTune, unknown>): Partial<Record<keyof FineTune, string>> {
  const problems: Partial<Record<keyof FineTune, string>> = {};
  for (const key of Object.keys(FIELDS) as Array<keyof FineTune>) {
    const { label, setting } = FIELDS[key];
    if (!setting.schema.safeParse(fineTune[key]).success) problems[key] = `${label} is ${setting.rule}`;
  }
  return problems;
}
