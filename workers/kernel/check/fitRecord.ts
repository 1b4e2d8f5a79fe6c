import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../../src/doc/trainConfig';

/**
 * What the last fit of one model did, kept for exercise checks (check.trained, check.training):
 * a check reads the run the learner made, it never trains again.
 */
export interface FitRecord {
  /** Epochs asked for. */
  epochs: number;
  /** Epochs that ended: fewer when the run was stopped (Stop, an early stop, an error). */
  epochsRun: number;
  batchSize?: number;
  validationSplit?: number;
  /** The class names of the learner's callbacks (EarlyStopping, CustomCallback …); Layerbook's own are left out. */
  callbacks: string[];
  /** The optimizer's class name as tfjs gives it (Adam, SGD, Momentum, RMSProp, AdamW …). */
  optimizer: string;
  /** The optimizer's rate when the run began (a schedule lowers it from there). */
  learningRate?: number;
  /** The last ended epoch's logs, as tfjs names them (loss, acc, val_loss, val_acc …). */
  final: Record<string, number>;
  /** A graph cell's Train only: the settings it ran with (its schedule and callbacks are read from these). */
  settings?: TrainConfig;
}

type Logs = Record<string, unknown> | undefined;

/** A callback's class name: tfjs's own are told by class, as a minified build renames them. */
function callbackName(c: unknown): string {
  if (c instanceof tf.EarlyStopping) return 'EarlyStopping';
  if (c instanceof tf.CustomCallback) return 'CustomCallback';
  // A plain { onEpochEnd … } object becomes a tf.CustomCallback inside fit.
  if (typeof (c as { setParams?: unknown }).setParams !== 'function') return 'CustomCallback';
  const name = (c as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name ? name : 'Callback';
}

/** A fresh record for a fit that starts now: nothing run yet. */
export function startFitRecord(
  model: tf.LayersModel,
  args: { epochs?: number; batchSize?: number; validationSplit?: number },
  learnerCallbacks: unknown[],
): FitRecord {
  const optimizer = model.optimizer as (tf.Optimizer & { learningRate?: unknown }) | undefined;
  const rate = optimizer?.learningRate;
  return {
    epochs: args.epochs ?? 1,
    epochsRun: 0,
    batchSize: args.batchSize,
    validationSplit: args.validationSplit,
    callbacks: learnerCallbacks.map(callbackName),
    optimizer: optimizer ? optimizer.getClassName() : '',
    learningRate: typeof rate === 'number' ? rate : undefined,
    final: {},
  };
}

/**
 * Keeps a fit's record up to date at each epoch end, so a run stopped early still says what it
 * ran. It goes after Layerbook's live metrics, which have turned the logs into numbers by then;
 * without them (outside a run) the logs are tensors that tfjs's History frees later.
 */
export class FitRecorder extends tf.Callback {
  constructor(private readonly record: FitRecord) {
    super();
  }

  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const final: Record<string, number> = {};
    for (const [key, v] of Object.entries(logs ?? {})) {
      if (v instanceof tf.Tensor) final[key] = (await v.data())[0];
      else if (typeof v === 'number') final[key] = v;
    }
    this.record.final = final;
    this.record.epochsRun = epoch + 1;
  }
}
