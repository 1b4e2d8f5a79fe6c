import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../src/protocol/messages';
import { backendWithKernels, MissingKernelError, missingTrainingKernels } from './gradientCheck';
import { LiveMetrics, nanMessage, type TrainingContext } from './liveMetrics';
import { LearningRateLog } from './trainingCallbacks';

export interface FitHookContext extends TrainingContext {
  /** The run that called fit, or null outside a cell. */
  currentRunId(): string | null;
  backend(): BackendName;
}

type AnyCallbacks = tf.CustomCallbackArgs | tf.CustomCallbackArgs[] | tf.Callback | tf.Callback[] | undefined;

/** Learner callbacks, whatever their form, as Callback objects, with ours added. */
function withLiveMetrics(callbacks: AnyCallbacks, live: LiveMetrics): tf.Callback[] {
  const list = callbacks == null ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
  // tfjs converts a list only if it holds no Callback objects; so convert it here, one by one.
  // tf.CustomCallback and tf.Callback share a base class tfjs does not export: a callback object is
  // one with setParams. Wrapping a CustomCallback again made each hook call itself until the tab crashed.
  const isCallback = (c: unknown) => typeof (c as { setParams?: unknown }).setParams === 'function';
  const objects = list.map((c) =>
    isCallback(c) ? (c as tf.Callback) : (new tf.CustomCallback(c as tf.CustomCallbackArgs) as unknown as tf.Callback),
  );
  if (objects.some((c) => c instanceof LearningRateLog)) live.alsoLogged.push('lr');
  return [...objects, live];
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
    if (!live) return fit.call(this, x, y, args);
    return endOnFailure(live, this, x, fit.call(this, x, y, { ...args, callbacks: withLiveMetrics(args.callbacks, live) }));
  };
  proto.fitDataset = function (this: tf.LayersModel, dataset, args) {
    const live = prepare(this);
    if (!live) return fitDataset.call(this, dataset, args);
    return endOnFailure(
      live,
      this,
      undefined,
      fitDataset.call(this, dataset, { ...args, callbacks: withLiveMetrics(args.callbacks, live) }),
    );
  };
}
