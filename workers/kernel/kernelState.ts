import type * as tf from '@tensorflow/tfjs';
import type { SplitData } from '../../src/data/catalogue';
import type { TensorData } from '../../src/data/types';
import type { InsightSpec } from '../../src/protocol/insight';
import type { BackendName } from '../../src/protocol/messages';
import type { FitRecord } from './check/fitRecord';
import type { LiveMetrics } from './liveMetrics';
import type { Trained } from './testSplit';

/**
 * Everything one kernel remembers between messages, in one object made when it
 * starts and handed to what needs it: a restarted kernel is a fresh worker with a
 * fresh state, and each test builds its own. The cells' own variables live in the
 * worker's global scope, as in a Jupyter kernel; this is the kernel's bookkeeping.
 */
export interface KernelState {
  backend: BackendName;
  /** The run going now (a cell, or a graph cell's Train), or null. */
  runId: string | null;
  /** Output printed after its cell finished (timers, promises) goes to the run that last went. */
  lastRunId: string | null;
  /** Set by Stop; read at every batch end. */
  stopRequested: boolean;
  /** While the learner has paused training: batch ends wait for `resume`, and `release` lets them go. */
  pause: { resume: Promise<void>; release(): void } | null;
  /** Models replaced by a graph edit, freed once no run is going (one may be training them). */
  retired: tf.LayersModel[];
  /** Each model trained with its Train button: the test split of its last run (Evaluate, Predict, Insight). */
  trained: Map<string, Trained>;
  /** Models a Train run is fitting now: Evaluate and Predict wait for the run's end. */
  training: Set<string>;
  /**
   * Models rebuilt during their run by an edit that keeps weights (a Trainable box): at the run's end
   * the rebuilt model takes the trained weights, so a Fine-tune goes on from them.
   */
  keepAfterRun: Set<string>;
  /** Shipped datasets (MNIST) the page handed over, decoded once, by dataset name. */
  shipped: Map<string, SplitData>;
  /** Shipped datasets the running cell names (the page sends them as it runs), and who waits for each. */
  coming: { names: string[]; waiting: Map<string, Array<(failure?: Error) => void>> };
  /** The learner's own data (a CSV or image folder), by the key its cell sent it under. */
  own: Map<string, TensorData>;
  /**
   * The training split on the device, kept for the next Train on the same data: moving a
   * dataset to the GPU is most of the wait before the first batch (measured 90–800 ms for
   * 2,700 digits on software WebGL). One dataset is kept; another replaces it.
   */
  deviceData: { key: string; xTrain: tf.Tensor; yTrain: tf.Tensor } | null;
  /** The fit running now: callbacks put their marks (early stop, a learning-rate cut) on its charts. */
  activeFit: LiveMetrics | null;
  /** What Live insight recomputes at each epoch end, by model name. */
  watched: Map<string, InsightSpec>;
  /**
   * Each model's last fit, by the model object (not its name): exercise checks read it, and a model
   * rebuilt under the same name has none until it is trained. Weak, so a discarded model is freed.
   */
  fits: WeakMap<tf.LayersModel, FitRecord>;
}

/** A kernel's state as it starts: nothing run, trained or handed over yet. */
export function createKernelState(backend: BackendName = 'cpu'): KernelState {
  return {
    backend,
    runId: null,
    lastRunId: null,
    stopRequested: false,
    pause: null,
    retired: [],
    trained: new Map(),
    training: new Set(),
    keepAfterRun: new Set(),
    shipped: new Map(),
    coming: { names: [], waiting: new Map() },
    own: new Map(),
    deviceData: null,
    activeFit: null,
    watched: new Map(),
    fits: new WeakMap(),
  };
}
