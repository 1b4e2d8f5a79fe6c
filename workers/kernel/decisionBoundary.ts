import * as tf from '@tensorflow/tfjs';
import type { RunData } from '../../src/data/catalogue';
import {
  BOUNDARY_SIZE,
  boundaryExtent,
  fieldOf,
  gridPoints,
  POINT_ROLES,
  type Boundary,
  type BoundaryExtent,
  type BoundaryPoints,
} from '../../src/protocol/boundary';

// The decision boundary of a Train run on 2-D points (the toy sets, a CSV of two features):
// the model's prediction over a grid of the plane, sent with the run's points at its start,
// after epochs (throttled, so it never costs the run more than a few per cent) and at its end.

/**
 * Fields go out at most this often, as the metrics do (METRICS_INTERVAL_MS, the charts' pace):
 * a spiral epoch takes a few milliseconds and a field about as long, and each field also costs
 * the page a render and a frame, on cores the kernel shares.
 */
const MIN_INTERVAL_MS = 200;
/** And never more often than this many times what the last one cost, so a slow model on a slow backend keeps its pace. */
const COST_FACTOR = 30;
/** Points drawn at most: past it every n-th is sent (a learner's CSV can hold 100,000). */
const MAX_POINTS = 5000;

/** What a run's boundary is drawn from: its points, with their classes and roles, and how to read the model. */
export interface BoundarySource {
  extent: BoundaryExtent;
  classes: string[];
  points: BoundaryPoints;
  /** A hinge model's one output is a score in [-1, 1] with its threshold at 0. */
  hinge: boolean;
}

/**
 * The run's points and the plane they span, when a boundary can be drawn: two features
 * (input shape [2]), classes to predict, and one output of one unit (two classes) or one per class.
 * `trainCount` examples come first (tfjs's validation split takes the last `validationSplit` of
 * them), then the test split.
 */
export function boundarySource(
  model: tf.LayersModel,
  data: RunData,
  trainCount: number,
  validationSplit: number,
  options: { classify: boolean; hinge: boolean },
): BoundarySource | null {
  const classes = data.classes ?? [];
  if (!options.classify || classes.length < 2 || classes.length > 255) return null;
  if (data.xShape.length !== 1 || data.xShape[0] !== 2 || model.outputs.length !== 1) return null;
  const units = model.outputs[0].shape[model.outputs[0].shape.length - 1];
  if (model.outputs[0].shape.length !== 2 || !(units === classes.length || (units === 1 && classes.length === 2))) return null;
  const splitAt = validationSplit > 0 ? Math.floor(trainCount * (1 - validationSplit)) : trainCount;
  const stride = Math.ceil(data.count / MAX_POINTS);
  const count = Math.ceil(data.count / stride);
  const points: BoundaryPoints = { xy: new Float32Array(count * 2), label: new Uint8Array(count), role: new Uint8Array(count) };
  for (let n = 0; n < count; n++) {
    const i = n * stride;
    points.xy[2 * n] = data.x[2 * i];
    points.xy[2 * n + 1] = data.x[2 * i + 1];
    points.label[n] = data.y[i];
    points.role[n] = POINT_ROLES.indexOf(i < splitAt ? 'train' : i < trainCount ? 'validation' : 'test');
  }
  return { extent: boundaryExtent(data.x.subarray(0, data.count * 2)), classes: [...classes], points, hinge: options.hinge };
}

/** The model's prediction at each cell of `grid` (its centres, [cells, 2]): one predict in one tidy, one read. */
export async function predictField(model: tf.LayersModel, grid: tf.Tensor, hinge: boolean): Promise<Pick<Boundary, 'grid' | 'argmax'>> {
  const cells = grid.shape[0];
  const out = tf.tidy(() => (model.predict(grid, { batchSize: cells }) as tf.Tensor).reshape([cells, -1]));
  try {
    return fieldOf(await out.data(), cells, hinge);
  } finally {
    out.dispose();
  }
}

/**
 * Sends the boundary of the model being fitted: with the points when training begins (the
 * fresh weights' field), after an epoch when MIN_INTERVAL_MS (or COST_FACTOR times the last
 * field's cost) has passed, and when training ends, whether it ran its epochs or stopped, after
 * callbacks before it in the list have put back the best weights.
 */
export class BoundaryWatch extends tf.Callback {
  /** What each field cost, in ms (predict and read): the throttle reads the last, a benchmark all. */
  readonly costs: number[] = [];
  private grid: tf.Tensor | null = null;
  private lastSent = -Infinity;
  private epochsDone = 0;
  private readonly size: number;
  private readonly intervalMs: number;
  private readonly costFactor: number;

  constructor(
    private readonly source: BoundarySource,
    private readonly send: (boundary: Boundary) => void,
    options: { size?: number; intervalMs?: number; costFactor?: number } = {},
  ) {
    super();
    this.size = options.size ?? BOUNDARY_SIZE;
    this.intervalMs = options.intervalMs ?? MIN_INTERVAL_MS;
    this.costFactor = options.costFactor ?? COST_FACTOR;
  }

  async onTrainBegin(): Promise<void> {
    this.grid = tf.keep(tf.tensor2d(gridPoints(this.source.extent, this.size), [this.size * this.size, 2]));
    await this.post(this.source.points);
  }

  async onEpochEnd(epoch: number): Promise<void> {
    this.epochsDone = epoch + 1;
    // The last epoch's field goes out at the end of training, once.
    if (this.epochsDone >= Number(this.params?.epochs ?? Infinity)) return;
    const cost = this.costs[this.costs.length - 1] ?? 0;
    if (performance.now() - this.lastSent < Math.max(this.intervalMs, this.costFactor * cost)) return;
    await this.post();
  }

  async onTrainEnd(): Promise<void> {
    try {
      await this.post(undefined, true);
    } finally {
      this.dispose();
    }
  }

  private async post(points?: BoundaryPoints, final = false): Promise<void> {
    if (!this.grid || !this.model) return;
    const started = performance.now();
    const field = await predictField(this.model, this.grid, this.source.hinge);
    this.lastSent = performance.now();
    this.costs.push(this.lastSent - started);
    const { extent, classes } = this.source;
    this.send({
      epoch: this.epochsDone,
      size: this.size,
      extent,
      classes,
      ...field,
      ...(points ? { points } : {}),
      ...(final ? { final } : {}),
    });
  }

  /** Frees the grid's tensor; tfjs skips onTrainEnd when fit throws, so the caller calls this too. */
  dispose(): void {
    this.grid?.dispose();
    this.grid = null;
  }
}
