import * as tf from '@tensorflow/tfjs';
import { learningRateAt, type ScheduleConfig } from '../../src/training/schedules';

type Logs = Record<string, number | tf.Scalar> | undefined;

/** An epoch's metric as a number, whether tfjs passed it on as a tensor or not. */
async function metric(logs: Logs, name: string): Promise<number | undefined> {
  const v = logs?.[name];
  if (v === undefined) return undefined;
  return v instanceof tf.Tensor ? (await v.data())[0] : Number(v);
}

/**
 * Keras's EarlyStopping, with restore_best_weights (tfjs 4.22's lacks it):
 * stops when `monitor` has not improved for `patience` epochs, and can put
 * back the weights of the best epoch.
 */
export class EarlyStopping extends tf.Callback {
  best = Infinity;
  bestEpoch = -1;
  stoppedEpoch: number | null = null;
  private wait = 0;
  private bestWeights: tf.Tensor[] | null = null;

  constructor(
    private readonly monitor: string,
    private readonly patience: number,
    private readonly restoreBest: boolean,
  ) {
    super();
  }

  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const value = await metric(logs, this.monitor);
    if (value === undefined || !this.model) return;
    if (value < this.best) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBest) {
        tf.dispose(this.bestWeights ?? []);
        this.bestWeights = this.model.getWeights().map((w) => tf.keep(w.clone()));
      }
    } else if (++this.wait >= this.patience) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  async onTrainEnd(): Promise<void> {
    if (this.bestWeights && this.stoppedEpoch !== null && this.model) this.model.setWeights(this.bestWeights);
    tf.dispose(this.bestWeights ?? []);
    this.bestWeights = null;
  }
}

/**
 * Sets an optimizer's learning rate. SGD (and momentum) keep the rate in a
 * tensor that setLearningRate renews; the others read their learningRate field
 * at every step (it is protected only in their types).
 */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const opt = optimizer as unknown as { setLearningRate?: (r: number) => void; learningRate: number };
  if (typeof opt.setLearningRate === 'function') opt.setLearningRate(rate);
  else opt.learningRate = rate;
}

/** The current rate of an optimizer. */
const learningRateOf = (optimizer: tf.Optimizer) => (optimizer as unknown as { learningRate: number }).learningRate;

/** Sets the optimizer's learning rate before each batch, following a schedule. */
export class ScheduleCallback extends tf.Callback {
  private step = 0;
  constructor(
    private readonly optimizer: tf.Optimizer,
    private readonly schedule: ScheduleConfig,
    private readonly initial: number,
  ) {
    super();
  }

  async onBatchBegin(): Promise<void> {
    setLearningRate(this.optimizer, learningRateAt(this.schedule, this.initial, this.step++));
  }
}

/** Keras's ReduceLROnPlateau: halves (by `factor`) the learning rate after `patience` epochs without improvement. */
export class ReduceLROnPlateau extends tf.Callback {
  reductions: Array<{ epoch: number; rate: number }> = [];
  private best = Infinity;
  private wait = 0;

  constructor(
    private readonly optimizer: tf.Optimizer,
    private readonly monitor: string,
    private readonly patience: number,
    private readonly factor = 0.5,
    private readonly minRate = 1e-6,
  ) {
    super();
  }

  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const value = await metric(logs, this.monitor);
    if (value === undefined) return;
    if (value < this.best) {
      this.best = value;
      this.wait = 0;
      return;
    }
    if (++this.wait < this.patience) return;
    this.wait = 0;
    const rate = Math.max(this.minRate, learningRateOf(this.optimizer) * this.factor);
    setLearningRate(this.optimizer, rate);
    this.reductions.push({ epoch, rate });
  }
}
