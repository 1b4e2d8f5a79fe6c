import * as tf from '@tensorflow/tfjs';
import type { FromKernel, TrainMark, TrainPoint, TrainProgress } from '../../src/protocol/messages';
import { checkLoss, type NanReport } from '../../src/training/nanGuard';

/**
 * Metrics reach the page at most this often (and at every epoch end): as often as the
 * page redraws them (CHART_REDRAW_MS). Each flush is one read from the device, and on
 * WebGL a read costs a fence and a copy; flushing every 50 ms, one read per metric of
 * every batch, cost the MNIST CNN about 4 % of its speed (measured with reads left out).
 */
const METRICS_INTERVAL_MS = 200;
/** fit yields a macrotask at least this often, so Stop and Pause arrive while it trains. */
const YIELD_INTERVAL_MS = 50;

/**
 * How far, in time, fit may run ahead of the device: it queues batches on a GPU
 * without waiting for them. Unbounded, software WebGL queued a whole epoch within a
 * second and read nothing back until its end: the first loss came 4 s after Train,
 * and Stop and the progress bar were as late. One batch ahead was 30 % slower. One
 * second ahead still cost the MNIST CNN 5–10 % against bare tfjs: each wait for a read
 * lets the device's queue run low (bench, this callback alone beside bare tfjs: 0.90 at
 * 1 s, 1.03–1.07 at 3 s; Layerbook's own ratio 0.88–0.89 at 1 s, 0.94 at 3 s). The price:
 * Stop and Pause take effect up to 3 s late on a slow device (the page says it is
 * stopping); on a real GPU the batch bound below comes first (100 batches of a few ms).
 */
const MAX_LAG_MS = 3000;
/** A bound on batches ahead, whatever they cost: each holds its metrics on the device until read. */
const MAX_BATCHES_AHEAD = 100;

export interface TrainingContext {
  post(message: FromKernel): void;
  /** True once the user pressed Stop training; read at every batch end. */
  stopRequested(): boolean;
  /** Resolves at once, or when a paused run is resumed (or stopped). */
  whilePaused(): Promise<void>;
  /** A fit began or ended: while it runs, callbacks put their marks on its charts through it. */
  fitStarted?(live: LiveMetrics): void;
  fitEnded?(live: LiveMetrics): void;
}

type Logs = Record<string, number | tf.Scalar> | undefined;
/** A point in the fit: its batch counted over all epochs (step), in its epoch, and the samples through it. */
type Position = { step: number; epoch: number; batch: number; samples: number };

/**
 * The callback every fit gets without the learner writing one: batch and
 * epoch metrics, progress, and the cooperative stop. Batch losses stay on the
 * device until a flush, so a GPU is not forced to sync after every batch.
 */
export class LiveMetrics extends tf.Callback {
  private readonly trainId = `t${Math.random().toString(36).slice(2, 10)}`;
  private pending: Array<{ step: number; epoch: number; logs: Record<string, tf.Scalar | number> }> = [];
  private step = 0;
  /** The last step whose metrics came back from the device, when, and the device's pace per batch so far. */
  private readThrough = 0;
  private readAt = 0;
  private msPerBatch = 0;
  private epoch = 0;
  private batch = 0;
  private samples = 0;
  private startedAt = 0;
  private lastFlush = 0;
  private lastYield = 0;
  private last: Record<string, number> = {};
  private stopped = false;
  private ended = false;
  /** Reads of batch metrics in flight, chained so they are posted in order. */
  private sending: Promise<void> = Promise.resolve();
  /** Each flush still being read back: its last step, and when it has been posted. */
  private inFlight: Array<{ last: number; posted: Promise<void> }> = [];
  /** Marks since the last epoch message; callbacks before this one add them during the epoch's end. */
  private marks: TrainMark[] = [];
  /**
   * Values other callbacks add to every batch's logs (the learning rate), named at the start so
   * the page lays out their charts before the first batch: a chart appearing then pushed the
   * whole notebook below it down while the kernel was at its busiest.
   */
  readonly alsoLogged: string[] = [];
  /** Set when a batch's loss was not a finite number: training stops, and fit then fails with it. */
  nan: { epoch: number; batch: number } | null = null;

  constructor(
    private readonly ctx: TrainingContext,
    private readonly runId: string,
  ) {
    super();
  }

  private get epochs(): number {
    return Number(this.params?.epochs ?? 1);
  }

  /** Where a fit that goes on from an earlier one starts (Keras's initial_epoch; a Fine-tune). */
  private get initialEpoch(): number {
    return Number(this.params?.initialEpoch ?? 0);
  }

  private get batches(): number {
    const { samples, batchSize, steps } = (this.params ?? {}) as { samples?: number; batchSize?: number; steps?: number };
    if (steps) return steps;
    return samples && batchSize ? Math.ceil(samples / batchSize) : 0;
  }

  /** Where fit has got to: the batch it last queued (not yet done, on a GPU). */
  private position(): Position {
    return { step: this.step, epoch: this.epoch, batch: this.batch, samples: this.samples };
  }

  /**
   * Progress through `at`, a batch whose results are back now. The rate and ETA count to
   * now: taken when fit queued the batch (up to MAX_LAG_MS earlier) they ran ahead of the
   * device (with 3 s ahead, a software-WebGL run showed 785 samples/s mid-epoch and ended at 405).
   */
  private progress(at: Position = this.position()): TrainProgress {
    const elapsed = (performance.now() - this.startedAt) / 1000;
    const total = (this.epochs - this.initialEpoch) * this.batches;
    const perBatch = at.step > 0 ? elapsed / at.step : 0;
    return {
      epoch: at.epoch + 1,
      epochs: this.epochs,
      batch: at.batch,
      batches: this.batches,
      samplesPerSec: elapsed > 0 ? at.samples / elapsed : 0,
      etaSec: total > 0 ? Math.max(0, (total - at.step) * perBatch) : 0,
    };
  }

  /** Puts a mark (early stop, a learning-rate cut, the best epoch) on this fit's charts, with its epoch's values. */
  addMark(mark: TrainMark): void {
    this.marks.push(mark);
  }

  private takeMarks(): TrainMark[] | undefined {
    return this.marks.length ? this.marks.splice(0) : undefined;
  }

  async onTrainBegin(): Promise<void> {
    this.ctx.fitStarted?.(this);
    this.epoch = this.initialEpoch;
    this.startedAt = performance.now();
    this.lastFlush = this.startedAt;
    this.lastYield = this.startedAt;
    const metrics = ['loss', ...((this.params?.metrics as string[] | undefined) ?? []).filter((m) => m !== 'loss'), ...this.alsoLogged];
    this.ctx.post({ type: 'trainBegin', runId: this.runId, trainId: this.trainId, metrics, progress: this.progress() });
  }

  async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
    this.batch = 0;
  }

  async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    this.step++;
    this.batch = batch + 1;
    const kept: Record<string, tf.Scalar | number> = {};
    for (const [k, v] of Object.entries(logs ?? {})) {
      if (!isMetric(k)) continue;
      kept[k] = v instanceof tf.Tensor ? tf.keep(v.clone()) : v;
    }
    this.samples += Number((logs?.size as number | undefined) ?? 0);
    this.pending.push({ step: this.step, epoch: this.epoch, logs: kept });
    await this.ctx.whilePaused();
    if (this.ctx.stopRequested() && this.model) {
      this.model.stopTraining = true;
      this.stopped = true;
    }
    const ahead = this.batchesAhead();
    // Fast batches also flush every quarter of the run-ahead bound: met with one flush holding
    // every queued batch, waiting for its read would empty the device's queue (see below).
    const due = performance.now() - this.lastFlush >= METRICS_INTERVAL_MS || (ahead > 0 && this.pending.length >= Math.ceil(ahead / 4));
    if (due || this.step === 1) this.flush();
    if (this.step - this.readThrough > ahead) {
      // Wait for the oldest reads only, until `ahead` batches are left queued: waiting for
      // all of them (as this did) emptied the device's queue every time the bound was met,
      // and it stood idle while fit queued the next batch (measured: 3–8 % of the speed).
      this.flush();
      while (this.step - this.readThrough > ahead) {
        const oldest = this.inFlight.shift();
        if (!oldest) break;
        await oldest.posted;
      }
    }
    await this.maybeYield();
  }

  /**
   * On the cpu backend fit awaits only microtasks, so without a macrotask now and
   * then the worker would never see Stop or Pause until training ended. Its own
   * timer: with tiny epochs, every epoch end flushes, and a flush-timed yield never came.
   */
  private async maybeYield(): Promise<void> {
    if (performance.now() - this.lastYield < YIELD_INTERVAL_MS) return;
    this.lastYield = performance.now();
    await yieldToEventLoop();
  }

  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    this.flush();
    await this.sending;
    // Hand the epoch's values on as numbers and free their tensors: tfjs's History would
    // otherwise hold four scalars per epoch until fit ends (measured: +4 tensors an epoch).
    const values = await readLogs(logs, true);
    if (logs) Object.assign(logs, values);
    Object.assign(this.last, values);
    await this.maybeYield();
    this.ctx.post({
      type: 'trainEpoch',
      runId: this.runId,
      trainId: this.trainId,
      epoch,
      values,
      progress: this.progress(),
      numTensors: tf.memory().numTensors,
      marks: this.takeMarks(),
    });
  }

  /**
   * Batches fit may queue beyond the last one read back. None before the first read: the
   * first loss point shows after one batch, not after a queue of them. Then about
   * MAX_LAG_MS of work, at the pace the device has been returning results.
   */
  private batchesAhead(): number {
    if (this.readThrough === 0 || this.msPerBatch === 0) return 0;
    return Math.max(1, Math.min(MAX_BATCHES_AHEAD, Math.floor(MAX_LAG_MS / this.msPerBatch)));
  }

  private readBack(step: number): void {
    const now = performance.now();
    const since = this.readThrough === 0 ? this.startedAt : this.readAt;
    // The first read includes compiling shaders: it alone would make later batches look slow.
    const perBatch = (now - since) / Math.max(1, step - this.readThrough);
    this.msPerBatch = this.readThrough === 0 ? Math.min(perBatch, MAX_LAG_MS / 4) : 0.7 * this.msPerBatch + 0.3 * perBatch;
    this.readThrough = step;
    this.readAt = now;
  }

  /** fit failed after it began (a callback threw, memory ran out): free what is held and say it ended. */
  abort(): void {
    for (const p of this.pending) for (const v of Object.values(p.logs)) if (v instanceof tf.Tensor) v.dispose();
    this.pending = [];
    this.ctx.fitEnded?.(this);
    if (this.startedAt && !this.ended) {
      this.ended = true;
      this.ctx.post({
        type: 'trainEnd',
        runId: this.runId,
        trainId: this.trainId,
        stopped: true,
        final: this.last,
        marks: this.takeMarks(),
      });
    }
  }

  async onTrainEnd(): Promise<void> {
    this.ended = true;
    this.flush();
    await this.sending;
    this.ctx.fitEnded?.(this);
    this.ctx.post({
      type: 'trainEnd',
      runId: this.runId,
      trainId: this.trainId,
      stopped: this.stopped,
      final: this.last,
      marks: this.takeMarks(),
    });
  }

  /**
   * Sends the batches gathered since the last flush. Their scalars are read
   * without blocking fit: awaiting them here would drain the GPU's queue at
   * every flush, and training would wait on the chart.
   */
  private flush(): void {
    this.lastFlush = performance.now();
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    // A fit that goes on from an earlier one counts its batches on from that one's, as its epochs.
    const offset = this.initialEpoch * this.batches;
    const reads = readBatchLogs(batch.map((p) => p.logs)).then((values) =>
      values.map((v, i) => ({ step: batch[i].step + offset, epoch: batch[i].epoch, values: v })),
    );
    const at = this.position();
    const posted = this.sending.then(async () => {
      const points: TrainPoint[] = await reads;
      // The NaN guard, for every fit: the losses are read here anyway.
      const bad = points.find((p) => 'loss' in p.values && !Number.isFinite(p.values.loss));
      if (bad && !this.nan && this.model) {
        this.nan = { epoch: bad.epoch, batch: (bad.step - 1) % Math.max(1, this.batches) };
        this.model.stopTraining = true;
        this.stopped = true;
      }
      Object.assign(this.last, points[points.length - 1].values);
      // The device's pace counts this fit's own batches, not the offset its points are posted with.
      this.readBack(batch[batch.length - 1].step);
      this.ctx.post({ type: 'trainBatches', runId: this.runId, trainId: this.trainId, points, progress: this.progress(at) });
    });
    this.sending = posted;
    this.inFlight.push({ last: batch[batch.length - 1].step, posted });
    // Those already posted need no waiting for.
    while (this.inFlight.length && this.inFlight[0].last <= this.readThrough) this.inFlight.shift();
  }
}

/** tfjs puts the batch's index and size in its logs beside the metrics. */
const isMetric = (key: string) => key !== 'batch' && key !== 'size';

/** A batch's or epoch's logs as numbers; `dispose` frees the tensors once read. */
export async function readLogs(logs: Logs, dispose = false): Promise<Record<string, number>> {
  // Every read starts now, before any is awaited. On WebGL a read waits for all the work
  // queued before it: one started after the previous read came back (as this did) waited
  // for every batch fit had queued meanwhile, not for the batch it belongs to.
  const entries = Object.entries(logs ?? {})
    .filter(([k]) => isMetric(k))
    .map(([k, v]) => [k, v, v instanceof tf.Tensor ? v.data() : null] as const);
  const out: Record<string, number> = {};
  for (const [k, v, read] of entries) {
    if (read) {
      out[k] = (await read)[0];
      if (dispose) (v as tf.Tensor).dispose();
    } else out[k] = Number(v);
  }
  return out;
}

/** The lengths a packed read is padded to: on WebGL each is one concat shader, compiled once, not one per count. */
const PACKED = [8, 32, 128];
const MOST = PACKED[PACKED.length - 1];

/**
 * Several batches' logs as numbers, read from the device in one piece per 128 scalars rather
 * than one read per scalar; frees their tensors. The scalars are packed into one padded vector
 * first: packing exactly as many as there are compiled a new shader for every count on WebGL.
 */
export async function readBatchLogs(list: Array<Record<string, tf.Scalar | number>>): Promise<Array<Record<string, number>>> {
  const out = list.map((): Record<string, number> => ({}));
  const places: Array<[number, string]> = [];
  const scalars: tf.Tensor[] = [];
  list.forEach((logs, i) => {
    for (const [k, v] of Object.entries(logs)) {
      if (v instanceof tf.Tensor) {
        places.push([i, k]);
        scalars.push(v);
      } else out[i][k] = Number(v);
    }
  });
  const reads: Array<Promise<ArrayLike<number>>> = [];
  try {
    for (let at = 0; at < scalars.length; at += MOST) {
      const chunk = scalars.slice(at, at + MOST);
      // A chunk holds at most MOST scalars, so a length is always found.
      const size = PACKED.find((n) => n >= chunk.length) ?? MOST;
      const packed = tf.tidy(() => {
        const parts = chunk.map((t) => t.toFloat().reshape([-1]).slice(0, 1));
        const zero = tf.zeros([1]);
        while (parts.length < size) parts.push(zero);
        return tf.concat(parts);
      });
      reads.push(packed.data().finally(() => packed.dispose()));
    }
  } finally {
    // Once packed (or if packing failed), the batches' own scalars are not needed.
    scalars.forEach((t) => t.dispose());
  }
  const chunks = await Promise.all(reads);
  places.forEach(([i, k], n) => {
    out[i][k] = chunks[Math.floor(n / MOST)][n % MOST];
  });
  return out;
}

/** The NaN guard's message for a fit that the guard stopped. */
export function nanMessage(model: tf.LayersModel, at: { epoch: number; batch: number }, inputMax: number | undefined): NanReport {
  const optimizer = (model as unknown as { optimizer_?: { learningRate?: number } }).optimizer_;
  const report = checkLoss(NaN, { ...at, learningRate: optimizer?.learningRate ?? 0.001, inputMax, loss: lossText(model.loss) });
  if (!report) throw new Error('checkLoss gave no report for a NaN loss');
  return report;
}

/**
 * The loss compile was given, as text for the NaN guard's hints: its name, a function's source,
 * or for one loss per output (an array or an object by output name) each of those, comma-separated.
 */
function lossText(loss: tf.LayersModel['loss'] | undefined): string {
  if (loss === undefined || loss === null) return '';
  if (typeof loss === 'string' || typeof loss === 'function') return loss.toString();
  return Object.values(loss).map(lossText).join(',');
}

/** Lets queued messages in: a macrotask, without setTimeout's 4 ms clamp. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
