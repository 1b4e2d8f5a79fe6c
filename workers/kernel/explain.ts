import * as tf from '@tensorflow/tfjs';
import type {
  ActivationsResult,
  AttentionResult,
  GradCamItem,
  GradCamResult,
  InsightResult,
  InsightSpec,
  LiveStopped,
} from '../../src/protocol/insight';
import { activations, layerShapes } from './insight/activations';
import { allAttentionMaps, attentionLayers, attentionMaps, type AttentionMaps } from './insight/attention';
import { convLayers, gradCam, type GradCamMaps } from './insight/gradCam';
import { headAverage, rollout } from './insight/rollout';
import { exampleWidth, viewOf, type Trained } from './testSplit';

// The Insight panels' questions, answered on examples of a model's test split:
// Grad-CAM for a grid of them, the attention map and the activations of one.
// The maths is in ./insight; this file picks the examples and labels the answers.

/** The most examples one Grad-CAM grid explains at once. */
const MAX_GRID = 32;

/** Test examples by index (wrapping past the end, as Predict does), as one batch. */
function examples(t: Trained, indices: number[]): { x: tf.Tensor; indices: number[] } {
  const w = exampleWidth(t);
  const wrapped = indices.map((i) => ((Math.floor(i) % t.testCount) + t.testCount) % t.testCount);
  const values = new Float32Array(wrapped.length * w);
  wrapped.forEach((index, k) => values.set(t.testX.subarray(index * w, (index + 1) * w), k * w));
  return { x: tf.tensor(values, [wrapped.length, ...t.xShape]), indices: wrapped };
}

/** Answers one Insight question about `model` (named `name`) on its test split `t`. */
export async function explain(name: string, model: tf.LayersModel, t: Trained, spec: InsightSpec): Promise<InsightResult> {
  if (t.testCount === 0) throw new Error(`${name} has no test examples to explain: give its dataset more samples.`);
  switch (spec.kind) {
    case 'gradCam':
      return explainGradCam(name, model, t, spec);
    case 'attention':
      return explainAttention(name, model, t, spec);
    case 'activations':
      return explainActivations(name, model, t, spec);
  }
}

/** A Grad-CAM result as the page shows it, one item per example; `about(k)` adds what is known of example k. */
export function gradCamResult(
  name: string,
  model: tf.LayersModel,
  maps: GradCamMaps,
  classes: string[],
  count: number,
  about: (k: number) => Partial<GradCamItem>,
): GradCamResult {
  const cells = maps.height * maps.width;
  const items = Array.from({ length: count }, (_, k) => ({
    ...about(k),
    heat: maps.heat.slice(k * cells, (k + 1) * cells),
    classIndex: maps.classIndex[k],
    predicted: maps.predicted[k],
    probability: maps.probabilities[k * maps.outputs + maps.classIndex[k]],
  }));
  return {
    kind: 'gradCam',
    model: name,
    layer: maps.layer,
    layers: convLayers(model),
    classes,
    height: maps.height,
    width: maps.width,
    items,
  };
}

async function explainGradCam(
  name: string,
  model: tf.LayersModel,
  t: Trained,
  spec: Extract<InsightSpec, { kind: 'gradCam' }>,
): Promise<GradCamResult> {
  if (!t.classify)
    throw new Error(
      `${name} predicts a number, not classes: Grad-CAM explains a class score. Train it as a classifier to see where it looks.`,
    );
  const { x, indices } = examples(t, spec.indices.slice(0, MAX_GRID));
  try {
    const maps = await gradCam(model, x, { layer: spec.layer || undefined, classIndex: spec.classIndex ?? null });
    return gradCamResult(name, model, maps, t.classes, indices.length, (k) => ({
      index: indices[k],
      sample: viewOf(t, indices[k]),
      truth: t.testY[indices[k]],
    }));
  } finally {
    x.dispose();
  }
}

/** Labels for the positions an attention layer sees: the words of a text, or the patches of an image. */
function positionLabels(
  model: tf.LayersModel,
  t: Trained,
  index: number,
  count: number,
): { labels: string[]; grid?: { rows: number; columns: number } } {
  if (t.vocabulary) {
    const words = new Map(Object.entries(t.vocabulary).map(([w, id]) => [id, w]));
    const ids = t.testX.subarray(index * exampleWidth(t), (index + 1) * exampleWidth(t));
    if (ids.length === count) return { labels: Array.from(ids, (id, i) => (id === 0 ? `·${i + 1}` : (words.get(id) ?? '?'))) };
  }
  return patchLabels(model, t.xShape, count) ?? { labels: Array.from({ length: count }, (_, i) => String(i + 1)) };
}

/** A ViT-style model's positions (PatchEmbedding on an image [h, w, c]): "(row, column)" of each patch, and the grid. */
export function patchLabels(
  model: tf.LayersModel,
  xShape: number[],
  count: number,
): { labels: string[]; grid: { rows: number; columns: number } } | undefined {
  const patch: (tf.layers.Layer & { patchSize?: number }) | undefined = model.layers.find((l) => l.getClassName() === 'PatchEmbedding');
  if (!patch?.patchSize || xShape.length !== 3) return undefined;
  const rows = Math.floor(xShape[0] / patch.patchSize);
  const columns = Math.floor(xShape[1] / patch.patchSize);
  if (rows * columns !== count) return undefined;
  return {
    labels: Array.from({ length: count }, (_, i) => `(${Math.floor(i / columns) + 1}, ${(i % columns) + 1})`),
    grid: { rows, columns },
  };
}

/** Attention rollout over every attention layer of `x` (one example): how much attention each patch gets, on average over positions. */
export async function patchRollout(
  model: tf.LayersModel,
  x: tf.Tensor,
  grid: { rows: number; columns: number },
): Promise<NonNullable<AttentionResult['rollout']>> {
  const n = grid.rows * grid.columns;
  const all = await allAttentionMaps(model, x);
  const r = rollout(
    all.map((m) => headAverage(m.scores, m.heads, m.queries, m.keys)),
    n,
  );
  const values = new Float32Array(n);
  for (let q = 0; q < n; q++) for (let k = 0; k < n; k++) values[k] += r[q * n + k] / n;
  return { rows: grid.rows, columns: grid.columns, values };
}

async function predictedOf(model: tf.LayersModel, t: Trained, x: tf.Tensor): Promise<string | undefined> {
  if (!t.classify) return undefined;
  const out = tf.tidy(() => (model.predict(x) as tf.Tensor).reshape([-1]));
  const row = await out.data();
  out.dispose();
  // One sigmoid output: the class is which side of 0.5 it is on.
  const k = row.length === 1 ? (row[0] > 0.5 ? 1 : 0) : row.indexOf(Math.max(...row));
  return t.classes[k];
}

async function explainAttention(
  name: string,
  model: tf.LayersModel,
  t: Trained,
  spec: Extract<InsightSpec, { kind: 'attention' }>,
): Promise<AttentionResult> {
  const { x, indices } = examples(t, [spec.index]);
  const index = indices[0];
  try {
    const maps = await attentionMaps(model, x, { layer: spec.layer || undefined });
    const queries = positionLabels(model, t, index, maps.queries);
    const keys = maps.keys === maps.queries ? queries : positionLabels(model, t, index, maps.keys);
    // Attention rollout over every layer; a patch's value is the attention all positions pay it, on average.
    const rolled = queries.grid && maps.queries === maps.keys ? await patchRollout(model, x, queries.grid) : undefined;
    return {
      ...attentionResult(name, model, maps, queries.labels, keys.labels),
      index,
      sample: viewOf(t, index),
      rollout: rolled,
      predicted: await predictedOf(model, t, x),
      truth: t.classify ? t.classes[t.testY[index]] : String(t.testY[index]),
    };
  } finally {
    x.dispose();
  }
}

/** An attention map as the page shows it, labelled; the same from the panel and from code. */
export function attentionResult(
  name: string,
  model: tf.LayersModel,
  maps: AttentionMaps,
  queryLabels: string[],
  keyLabels: string[],
): AttentionResult {
  return {
    kind: 'attention',
    model: name,
    layer: maps.layer,
    layers: attentionLayers(model),
    heads: maps.heads,
    queries: maps.queries,
    keys: maps.keys,
    scores: maps.scores,
    queryLabels,
    keyLabels,
  };
}

async function explainActivations(
  name: string,
  model: tf.LayersModel,
  t: Trained,
  spec: Extract<InsightSpec, { kind: 'activations' }>,
): Promise<ActivationsResult> {
  const layers = layerShapes(model);
  if (!layers.length) throw new Error(`${name} has no layers to look inside.`);
  const layer = spec.layer || layers[0].name;
  const { x, indices } = examples(t, [spec.index]);
  try {
    const a = await activations(model, x, layer);
    return {
      kind: 'activations',
      model: name,
      layer: a.layer,
      layers,
      shape: a.shape,
      values: a.values,
      index: indices[0],
      sample: viewOf(t, indices[0]),
    };
  } finally {
    x.dispose();
  }
}

const LIVE_NAMES: Record<InsightSpec['kind'], string> = { gradCam: 'Grad-CAM', attention: 'attention map', activations: 'activations' };

/**
 * Watches `spec` for the model named `model` (or stops, for null). With `target`, a question the
 * model cannot answer (no such layer, no layer of that kind) is refused now, with the reason,
 * rather than after the first epoch.
 */
export function watchInsight(watched: Map<string, InsightSpec>, model: string, spec: InsightSpec | null, target?: tf.LayersModel): void {
  if (spec && target) checkAnswerable(model, target, spec);
  if (spec) watched.set(model, spec);
  else watched.delete(model);
}

const LAYER_KINDS: Record<InsightSpec['kind'], string> = {
  gradCam: '2-D convolution layer (Conv2D)',
  attention: 'MultiHeadAttention layer (or TransformerEncoder)',
  activations: 'layers',
};

function checkAnswerable(name: string, model: tf.LayersModel, spec: InsightSpec): void {
  const names =
    spec.kind === 'gradCam'
      ? convLayers(model)
      : spec.kind === 'attention'
        ? attentionLayers(model)
        : layerShapes(model).map((l) => l.name);
  if (!names.length) throw new Error(`${name} has no ${LAYER_KINDS[spec.kind]}, so Live ${LIVE_NAMES[spec.kind]} has nothing to show.`);
  if (spec.layer && !names.includes(spec.layer))
    throw new Error(`${name} has no layer "${spec.layer}" for Live ${LIVE_NAMES[spec.kind]}. Choose one of: ${names.join(', ')}.`);
}

/**
 * Live insight for a Train run: after each epoch, the watched question is answered
 * on this run's own test split, with the weights as they are then.
 */
export class InsightWatch extends tf.Callback {
  constructor(
    /** What Live recomputes, by model name (the kernel's): read at every epoch end, so a change during the run applies at the next one. */
    private readonly watched: Map<string, InsightSpec>,
    private readonly name: string,
    private readonly target: tf.LayersModel,
    private readonly split: Trained,
    private readonly send: (result: InsightResult) => void,
    /** Tells the learner why Live stopped: in the run's output (markdown), and the panel (kind and reason). */
    private readonly say: (markdown: string, stopped: LiveStopped) => void = () => {},
  ) {
    super();
  }

  async onEpochEnd(epoch: number): Promise<void> {
    const spec = this.watched.get(this.name);
    if (!spec) return;
    try {
      const result = await explain(this.name, this.target, this.split, spec);
      this.send(result.kind === 'gradCam' ? { ...result, epoch: epoch + 1 } : result);
    } catch (e) {
      // A question that fails during the run (a model trained to predict numbers, say; `watch` has
      // only checked its layers) stops being asked, and the learner is told why.
      this.watched.delete(this.name);
      const error = (e as Error).message;
      this.say(`**Live ${LIVE_NAMES[spec.kind]} stopped** after epoch ${epoch + 1}: ${error}`, { kind: spec.kind, error });
    }
  }
}
