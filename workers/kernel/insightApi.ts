import * as tf from '@tensorflow/tfjs';
import type { DisplayOutput } from '../../src/protocol/display';
import type { ActivationsResult } from '../../src/protocol/insight';
import { attentionResult, gradCamResult, patchLabels, patchRollout } from './explain';
import type { SampleView } from '../../src/protocol/sampleView';
import { activations, layerShapes } from './insight/activations';
import { attentionMaps } from './insight/attention';
import { gradCam } from './insight/gradCam';
import { headAverage } from './insight/rollout';

// `insight` in code cells: the numbers behind the Insight panels, for any model
// a cell built, with the same panel drawn in the cell's output.

interface GradCamOptions {
  /** A 2-D convolution layer's name; the last one by default. */
  layer?: string;
  /** The class to explain; the predicted one by default. */
  classIndex?: number;
  /** Names of the classes, for the labels. */
  classes?: string[];
}

export interface InsightApi {
  gradCam(
    model: tf.LayersModel,
    input: tf.Tensor,
    options?: GradCamOptions,
  ): Promise<{ layer: string; heatmaps: number[][][]; classIndex: number[]; predicted: number[]; probability: number[] }>;
  attention(
    model: tf.LayersModel,
    input: tf.Tensor,
    options?: { layer?: string; tokens?: string[] },
  ): Promise<{ layer: string; heads: number; scores: number[][][]; average: number[][]; rollout?: number[][] }>;
  activations(model: tf.LayersModel, input: tf.Tensor, layer?: string): Promise<{ layer: string; shape: number[]; values: Float32Array }>;
}

/** A batch of examples for `model`: a single example gets its batch dimension added. */
function batchOf(model: tf.LayersModel, input: unknown, what: string, single = false): tf.Tensor {
  if (!(model instanceof tf.LayersModel))
    throw new TypeError(`insight.${what}(model, input): the first argument must be a tf model (tf.sequential or tf.model).`);
  if (!(input instanceof tf.Tensor))
    throw new TypeError(
      `insight.${what}(model, input): the input must be a tensor shaped like the model's input, with or without the batch dimension.`,
    );
  const rank = model.inputs[0].shape.length;
  if (input.rank === rank - 1) return input.expandDims(0);
  // Attention maps and activations are of one example: the first of a batch.
  if (input.rank === rank) return single ? input.slice(0, 1) : input.clone();
  throw new Error(
    `insight.${what}: the input is [${input.shape.join(',')}] ` +
      `but the model takes [${model.inputs[0].shape.map((d) => d ?? 'batch').join(',')}].`,
  );
}

/** Example k of a batch's values, drawn as an image when it is one ([h, w, 1 or 3], values 0–1). */
function imageView(values: Float32Array, shape: number[], k: number): SampleView | undefined {
  const [, h, w, c] = shape;
  if (shape.length !== 4 || (c !== 1 && c !== 3)) return undefined;
  const size = h * w * c;
  const pixels = values.slice(k * size, (k + 1) * size);
  let max = 0;
  for (const v of pixels) max = Math.max(max, v);
  // Images scaled 0–255 are shown as 0–1.
  if (max > 1.5) for (let i = 0; i < pixels.length; i++) pixels[i] /= 255;
  return { kind: 'image', height: h, width: w, channels: c, pixels };
}

const nest = (values: Float32Array, rows: number, columns: number): number[][] =>
  Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * columns, (r + 1) * columns)));

/** The `insight` global; `show` puts a panel in the output of the cell running now. */
export function makeInsightApi(show: (output: DisplayOutput) => void): InsightApi {
  return {
    async gradCam(model, input, options = {}) {
      const x = batchOf(model, input, 'gradCam');
      try {
        const maps = await gradCam(model, x, { layer: options.layer, classIndex: options.classIndex ?? null });
        const classes = options.classes ?? Array.from({ length: maps.outputs }, (_, i) => String(i));
        // The inputs are read once, for every example's picture.
        const values = (await x.data()) as Float32Array;
        const result = gradCamResult(model.name, model, maps, classes, x.shape[0], (k) => ({ sample: imageView(values, x.shape, k) }));
        const { items } = result;
        // Numbers first: showing the panel hands its buffers over to the page.
        const answer = {
          layer: maps.layer,
          heatmaps: items.map((i) => nest(i.heat, maps.height, maps.width)),
          classIndex: Array.from(maps.classIndex),
          predicted: Array.from(maps.predicted),
          probability: items.map((i) => i.probability),
        };
        show({ kind: 'insight', result });
        return answer;
      } finally {
        x.dispose();
      }
    },

    async attention(model, input, options = {}) {
      const x = batchOf(model, input, 'attention', true);
      try {
        const maps = await attentionMaps(model, x, { layer: options.layer });
        // As the panel labels them: the tokens given, else a ViT's patch positions (with the rollout over the image), else 1, 2, …
        const patches = options.tokens ? undefined : patchLabels(model, x.shape.slice(1), maps.queries);
        const label = (count: number) =>
          patches && count === maps.queries
            ? patches.labels
            : Array.from({ length: count }, (_, i) => options.tokens?.[i] ?? String(i + 1));
        const result = attentionResult(model.name, model, maps, label(maps.queries), label(maps.keys));
        const rolled = patches && maps.queries === maps.keys ? await patchRollout(model, x, patches.grid) : undefined;
        const sample = imageView((await x.data()) as Float32Array, x.shape, 0);
        const per = maps.queries * maps.keys;
        // Numbers first: showing the panel hands its buffers over to the page.
        const answer = {
          layer: maps.layer,
          heads: maps.heads,
          scores: Array.from({ length: maps.heads }, (_, h) => nest(maps.scores.subarray(h * per, (h + 1) * per), maps.queries, maps.keys)),
          average: nest(headAverage(maps.scores, maps.heads, maps.queries, maps.keys), maps.queries, maps.keys),
          ...(rolled ? { rollout: nest(rolled.values, rolled.rows, rolled.columns) } : {}),
        };
        show({ kind: 'insight', result: { ...result, rollout: rolled, sample } });
        return answer;
      } finally {
        x.dispose();
      }
    },

    async activations(model, input, layer) {
      const x = batchOf(model, input, 'activations', true);
      try {
        const layers = layerShapes(model);
        const a = await activations(model, x, layer ?? layers[0]?.name ?? '');
        const result: ActivationsResult = {
          kind: 'activations',
          model: model.name,
          layer: a.layer,
          layers,
          shape: a.shape,
          values: a.values.slice(),
          sample: imageView((await x.data()) as Float32Array, x.shape, 0),
        };
        show({ kind: 'insight', result });
        return a;
      } finally {
        x.dispose();
      }
    },
  };
}
