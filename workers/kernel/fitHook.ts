import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../src/protocol/messages';
import { backendWithKernels, MissingKernelError, missingTrainingKernels } from './gradientCheck';
import { LiveMetrics, nanMessage, type TrainingContext } from './liveMetrics';
import { LearningRateLog } from './trainingCallbacks';
import { FitRecorder, startFitRecord, type FitRecord } from './check/fitRecord';

export interface FitHookContext extends TrainingContext {
  /** The run that called fit, or null outside a cell. */
  currentRunId(): string | null;
  backend(): BackendName;
  /** Keeps what each fit of a model did (in a cell or not) for exercise checks; the record fills in at each epoch end. */
  recordFit?(model: tf.LayersModel, record: FitRecord): void;
}

type AnyCallbacks = tf.CustomCallbackArgs | tf.CustomCallbackArgs[] | tf.Callback | tf.Callback[] | undefined;

/** The learner's callbacks as a list, in whatever form they were given. */
const listOf = (callbacks: AnyCallbacks): unknown[] => (callbacks == null ? [] : Array.isArray(callbacks) ? callbacks : [callbacks]);

/** Learner callbacks, whatever their form, as Callback objects, with ours added (the recorder last: it reads the live metrics' numbers). */
function withOurs(callbacks: AnyCallbacks, live: LiveMetrics | null, recorder: FitRecorder | null): tf.Callback[] {
  const list = listOf(callbacks);
  // tfjs converts a list only if it holds no Callback objects; so convert it here, one by one.
  // tf.CustomCallback and tf.Callback share a base class tfjs does not export: a callback object is
  // one with setParams. Wrapping a CustomCallback again made each hook call itself until the tab crashed.
  const isCallback = (c: unknown) => typeof (c as { setParams?: unknown }).setParams === 'function';
  const objects = list.map((c) =>
    isCallback(c) ? (c as tf.Callback) : (new tf.CustomCallback(c as tf.CustomCallbackArgs) as unknown as tf.Callback),
  );
  if (live && objects.some((c) => c instanceof LearningRateLog)) live.alsoLogged.push('lr');
  return [...objects, ...(live ? [live] : []), ...(recorder ? [recorder] : [])];
}

/**
 * Wraps LayersModel.fit and fitDataset so every training run in a cell checks
 * its gradient kernels first and streams live metrics, with no callback written.
 */
export function installFitHook(ctx: FitHookContext): void {
  const proto = tf.LayersModel.prototype;
  const fit = proto.fit;
  const fitDataset = proto.fitDataset;

  const prepare = (model: tf.LayersModel): LiveMetrics | null => {
    const backend = ctx.backend();
    const missing = missingTrainingKernels(model, backend);
    if (missing.length) throw new MissingKernelError(missing, backend, backendWithKernels(model, backend));
    const runId = ctx.currentRunId();
    return runId ? new LiveMetrics(ctx, runId) : null;
  };

  // A Sequential's fit hands the work to a functional model inside it, which is what the hooks
  // below see; its record belongs to the Sequential the learner holds. The inner call is made
  // before Sequential.fit first awaits, so the Sequential is known for exactly that call.
  const calling: { sequential: tf.Sequential | null } = { sequential: null };
  const seqProto = tf.Sequential.prototype;
  const seqFit = seqProto.fit;
  const seqFitDataset = seqProto.fitDataset;
  seqProto.fit = function (this: tf.Sequential, ...args) {
    calling.sequential = this;
    try {
      return seqFit.apply(this, args);
    } finally {
      calling.sequential = null;
    }
  };
  seqProto.fitDataset = function (this: tf.Sequential, ...args) {
    calling.sequential = this;
    try {
      return seqFitDataset.apply(this, args);
    } finally {
      calling.sequential = null;
    }
  };

  // Every fit is recorded, in a run or not: a check reads the model's last one.
  const record = (model: tf.LayersModel, args: Parameters<typeof startFitRecord>[1], callbacks: AnyCallbacks): FitRecorder | null => {
    if (!ctx.recordFit) return null;
    const owner = calling.sequential ?? model;
    const started = startFitRecord(owner, args, listOf(callbacks));
    ctx.recordFit(owner, started);
    return new FitRecorder(started);
  };

  // A fit that throws after it began still ends its live view, and frees the metrics it held;
  // one the NaN guard stopped fails with the guard's message, naming the likely cause.
  const endOnFailure = <T>(live: LiveMetrics, model: tf.LayersModel, x: unknown, training: Promise<T>): Promise<T> =>
    training.then(
      (result) => {
        if (!live.nan) return result;
        const inputMax = x instanceof tf.Tensor ? tf.tidy(() => x.abs().max().dataSync()[0]) : undefined;
        throw new Error(nanMessage(model, live.nan, inputMax).message);
      },
      (e) => {
        live.abort();
        throw e;
      },
    );

  proto.fit = function (this: tf.LayersModel, x, y, args = {}) {
    const live = prepare(this);
    const recorder = record(this, args, args.callbacks);
    if (!live && !recorder) return fit.call(this, x, y, args);
    const training = fit.call(this, x, y, { ...args, callbacks: withOurs(args.callbacks, live, recorder) });
    return live ? endOnFailure(live, this, x, training) : training;
  };
  proto.fitDataset = function (this: tf.LayersModel, dataset, args) {
    const live = prepare(this);
    const recorder = record(this, { epochs: args.epochs }, args.callbacks);
    if (!live && !recorder) return fitDataset.call(this, dataset, args);
    const training = fitDataset.call(this, dataset, { ...args, callbacks: withOurs(args.callbacks, live, recorder) });
    return live ? endOnFailure(live, this, undefined, training) : training;
  };
}
