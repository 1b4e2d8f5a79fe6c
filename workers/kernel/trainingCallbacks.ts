import * as tf from '@tensorflow/tfjs';
import type { TrainMark } from '../../src/protocol/messages';
import { learningRateAt, type ScheduleConfig } from '../../src/training/schedules';

/** Where a callback puts a mark for the charts: the running fit's live metrics, or nowhere. */
export type MarkSink = (mark: TrainMark) => void;
const nowhere: MarkSink = () => undefined;

type Logs = Record<string, number | tf.Scalar> | undefined;

/** An epoch's metric as a number, whether tfjs passed it on as a tensor or not. */
async function metric(logs: Logs, name: string): Promise<number | undefined> {
  const v = logs?.[name];
  if (v === undefined) return undefined;
  return v instanceof tf.Tensor ? (await v.data())[0] : Number(v);
}

/** Keras's mode 'auto': accuracy-like metrics should rise, losses and errors fall. */
const improves = (monitor: string) =>
  /acc|precision|recall/.test(monitor) ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;

/**
 * Keras's EarlyStopping, with restore_best_weights (tfjs 4.22's lacks it):
 * stops when `monitor` has not improved for `patience` epochs, and can put
 * back the weights of the best epoch. With patience Infinity it never stops
 * and only keeps the best weights (Keras's ModelCheckpoint(save_best_only)).
 */
export class EarlyStopping extends tf.Callback {
  best: number;
  bestEpoch = -1;
  stoppedEpoch: number | null = null;
  /** Whether the best epoch's weights were put back at the end. */
  restored = false;
  private wait = 0;
  private bestWeights: tf.Tensor[] | null = null;
  private readonly better: (a: number, b: number) => boolean;
  private lastEpoch = -1;

  constructor(
    private readonly monitor: string,
    private readonly patience: number,
    /** true: Keras's restore_best_weights, on a stop; 'always': also when the run ends on a worse epoch. */
    private readonly restoreBest: boolean | 'always',
    private readonly mark: MarkSink = nowhere,
  ) {
    super();
    this.better = improves(monitor);
    this.best = this.better(1, 0) ? -Infinity : Infinity;
  }

  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    this.lastEpoch = epoch;
    const value = await metric(logs, this.monitor);
    if (value === undefined || !this.model) return;
    if (this.better(value, this.best)) {
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
      this.mark({ kind: 'early_stop', epoch, text: `early stop: ${this.monitor} no better for ${this.patience} epochs` });
    }
  }

  async onTrainEnd(): Promise<void> {
    const restore = this.restoreBest === 'always' ? this.bestEpoch !== this.lastEpoch : this.stoppedEpoch !== null;
    if (this.bestWeights && this.model && this.bestEpoch >= 0 && restore) {
      this.model.setWeights(this.bestWeights);
      this.restored = true;
    }
    if (this.bestEpoch >= 0) {
      this.mark({
        kind: 'best_epoch',
        epoch: this.bestEpoch,
        text: `best ${this.monitor} ${Number(this.best.toPrecision(4))}${this.restored ? ' (weights restored)' : ''}`,
      });
    }
    this.dispose();
  }

  /** Frees the kept weights; tfjs skips onTrainEnd when fit throws, so the caller calls this too. */
  dispose(): void {
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

/** Adds the learning rate to each batch's and epoch's logs, as Keras's callbacks do, so the charts can draw it. */
export class LearningRateLog extends tf.Callback {
  constructor(private readonly optimizer: tf.Optimizer) {
    super();
  }

  async onBatchEnd(_batch: number, logs?: Logs): Promise<void> {
    if (logs) logs.lr = learningRateOf(this.optimizer);
  }

  async onEpochEnd(_epoch: number, logs?: Logs): Promise<void> {
    if (logs) logs.lr = learningRateOf(this.optimizer);
  }
}

/** Keras's ReduceLROnPlateau: halves (by `factor`) the learning rate after `patience` epochs without improvement. */
export class ReduceLROnPlateau extends tf.Callback {
  reductions: Array<{ epoch: number; rate: number }> = [];
  private best: number;
  private wait = 0;
  private readonly better: (a: number, b: number) => boolean;

  constructor(
    private readonly optimizer: tf.Optimizer,
    private readonly monitor: string,
    private readonly patience: number,
    private readonly mark: MarkSink = nowhere,
    private readonly factor = 0.5,
    private readonly minRate = 1e-6,
  ) {
    super();
    this.better = improves(monitor);
    this.best = this.better(1, 0) ? -Infinity : Infinity;
  }

  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const value = await metric(logs, this.monitor);
    if (value === undefined) return;
    if (this.better(value, this.best)) {
      this.best = value;
      this.wait = 0;
      return;
    }
    if (++this.wait < this.patience) return;
    this.wait = 0;
    const rate = Math.max(this.minRate, learningRateOf(this.optimizer) * this.factor);
    setLearningRate(this.optimizer, rate);
    this.reductions.push({ epoch, rate });
    this.mark({ kind: 'lr_reduced', epoch, text: `learning rate → ${Number(rate.toPrecision(3))}` });
  }
}

/**
 * Marks where a Fine-tune begins (after the last epoch of the run it continues), so the charts,
 * the learning rate's above all, show the switch. Put at its first epoch's end: the charts take
 * marks with an epoch's values.
 */
export class PhaseMark extends tf.Callback {
  private marked = false;

  constructor(
    private readonly initialEpoch: number,
    private readonly text: string,
    private readonly mark: MarkSink,
  ) {
    super();
  }

  async onEpochEnd(): Promise<void> {
    if (this.marked) return;
    this.marked = true;
    this.mark({ kind: 'fine_tune', epoch: this.initialEpoch - 1, text: this.text });
  }
}
