import * as tf from '@tensorflow/tfjs';
import { classProbabilities, predictedClasses } from '../../../src/training/evaluation';
import { allLayers, captureOutput, findLayer, perturbOutput, withLayerHook } from './capture';

// Grad-CAM (Selvaraju et al. 2017): which places of a convolution layer's grid
// a class score rests on. With A the layer's output (after its activation) and
// y the class's score before the softmax, each channel k gets the weight
// alpha_k = mean over the grid of dy/dA_k, and the map is ReLU(sum_k alpha_k A_k).
//
// The score is the logit, as in the paper and in Keras's Grad-CAM example, not the
// probability: d softmax_c = p_c (dz_c - sum_m p_m dz_m) weighs the class against the
// others and vanishes as p_c nears 1, so a confident model's map is mostly noise.
// On a Shapes CNN (insightTruth.test.ts's earlier, strided model) the share of heat inside
// the shape's box went from 0.67 (probability) to 0.73 (logit).

const CONV_2D = new Set(['Conv2D', 'SeparableConv2D', 'DepthwiseConv2D', 'Conv2DTranspose']);

/** Names of the model's 2-D convolution layers, nested ones included, in model order. */
export function convLayers(model: tf.LayersModel): string[] {
  return allLayers(model)
    .filter((l) => CONV_2D.has(l.getClassName()))
    .map((l) => l.name);
}

export interface GradCamOptions {
  /** The convolution layer to explain; the last one when absent. */
  layer?: string;
  /** The class to explain for every example; each example's predicted class when absent or null. */
  classIndex?: number | null;
}

export interface GradCamMaps {
  layer: string;
  height: number;
  width: number;
  /** [n × height × width]: each example's map, ReLU'd and divided by its maximum (all zeros where the maximum is 0). */
  heat: Float32Array;
  /** The class explained, per example. */
  classIndex: Int32Array;
  /** The class with the highest output, per example. */
  predicted: Int32Array;
  /** [n × outputs]: the model's output as it is (probabilities for a softmax output); 1 - p and p for one sigmoid unit. */
  probabilities: Float32Array;
  /** How many classes the model tells apart: its output units, or 2 for one sigmoid unit. */
  outputs: number;
}

/** Grad-CAM heatmaps of a batch of images [n, h, w, c] at a 2-D convolution layer. */
export async function gradCam(model: tf.LayersModel, x: tf.Tensor, options: GradCamOptions = {}): Promise<GradCamMaps> {
  if (model.outputs.length !== 1) {
    throw new Error(`Grad-CAM explains a model with one output; ${model.name} has ${model.outputs.length}.`);
  }
  const convs = convLayers(model);
  if (convs.length === 0) throw new Error(`Grad-CAM needs a 2-D convolution layer (Conv2D); ${model.name} has none.`);
  const name = options.layer ?? convs[convs.length - 1];
  const layer = findLayer(model, name);
  if (!CONV_2D.has(layer.getClassName())) {
    throw new Error(
      `Grad-CAM needs a 2-D convolution layer, and "${name}" is a ${layer.getClassName()}. Choose one of: ${convs.join(', ')}.`,
    );
  }
  const channelsFirst = (layer as unknown as { dataFormat?: string }).dataFormat === 'channelsFirst';
  const forward = () => model.apply(x, { training: false }) as tf.Tensor;

  // First pass: the layer's activations and the model's output.
  const box: { output?: tf.Tensor } = {};
  const a = captureOutput(layer, () => void (box.output = forward()));
  const output = box.output;
  if (!output) {
    a.dispose();
    throw new Error(`Grad-CAM's forward pass through ${model.name} gave no output.`);
  }
  const toDispose: tf.Tensor[] = [a, output];
  try {
    if (output.rank !== 2)
      throw new Error(
        `Grad-CAM explains a classifier whose output is [batch, classes]; ${model.name}'s output has shape [${output.shape.join(',')}].`,
      );
    const [n, units] = output.shape as [number, number];
    // One sigmoid unit is a two-class classifier: p is class 1's probability, its logit z is class 1's
    // score and -z class 0's (the two-way softmax's centred logits, -z/2 and z/2, give the same maps).
    const binary = units === 1 && endsInSigmoid(model);
    const k = binary ? 2 : units;
    const out = Float32Array.from(await output.data());
    const probabilities = binary ? Float32Array.from(Array.from(out).flatMap((p) => classProbabilities([p]))) : out;
    // Evaluate's reading of an output row; one unit that is no sigmoid has only class 0.
    const predicted = k > 1 ? predictedClasses(probabilities, n) : new Int32Array(n);
    const wanted = options.classIndex;
    if (wanted != null && (!Number.isInteger(wanted) || wanted < 0 || wanted >= k)) {
      const has = binary ? 'one sigmoid output: classes 0 and 1' : `${k} output${k === 1 ? '' : 's'} (0 to ${k - 1})`;
      throw new Error(`Class ${wanted} does not exist: ${model.name} has ${has}.`);
    }
    const classIndex = wanted == null ? predicted.slice() : new Int32Array(n).fill(wanted);

    // Second pass: the gradient of sum_i y[i, class_i] with respect to A. Adding a zero tensor
    // to A leaves everything as it was, and the gradient with respect to it is dy/dA.
    const mask = tf.tidy(() =>
      binary
        ? tf.tensor2d(
            Array.from(classIndex, (c) => (c === 1 ? 1 : -1)),
            [n, 1],
          )
        : tf.oneHot(tf.tensor1d(classIndex, 'int32'), k).toFloat(),
    );
    const delta = tf.zerosLike(a);
    toDispose.push(mask, delta);
    const score = (d: tf.Tensor) => perturbOutput(layer, d, () => beforeSquash(model, forward).mul(mask).sum());
    const heat = tf.tidy(() => {
      let grads = tf.grad(score)(delta);
      let acts = a;
      if (channelsFirst) {
        grads = grads.transpose([0, 2, 3, 1]);
        acts = acts.transpose([0, 2, 3, 1]);
      }
      const alpha = grads.mean([1, 2], true);
      const cam = tf.relu(acts.mul(alpha).sum(-1));
      const max = cam.max([1, 2], true);
      return cam.div(tf.where(max.greater(0), max, tf.onesLike(max)));
    });
    toDispose.push(heat);
    const [, height, width] = heat.shape;
    return {
      layer: name,
      height,
      width,
      heat: (await heat.data()) as Float32Array,
      classIndex,
      predicted,
      probabilities,
      outputs: k,
    };
  } finally {
    toDispose.forEach((t) => t.dispose());
  }
}

/** Whether the model's output comes out of a sigmoid (a Dense's activation or an Activation layer). */
function endsInSigmoid(model: tf.LayersModel): boolean {
  return (outputLayer(model) as unknown as WithActivation | undefined)?.activation?.getClassName() === 'sigmoid';
}

const SQUASH = new Set(['softmax', 'sigmoid']);
type WithActivation = { activation?: { getClassName(): string } | null };

/**
 * Runs `forward` with the model's final softmax or sigmoid left out, so it returns the class scores
 * (logits). The output layer's own activation (Dense or Activation) is swapped for a linear one for the
 * pass, and a Softmax layer passes its input through; anything else is left as it is. Always restored.
 */
function beforeSquash(model: tf.LayersModel, forward: () => tf.Tensor): tf.Tensor {
  const out = outputLayer(model);
  if (!out) return forward();
  if (out.getClassName() === 'Softmax') return withLayerHook(out, (inputs) => (Array.isArray(inputs) ? inputs[0] : inputs), forward);
  const holder = out as unknown as WithActivation;
  const squash = holder.activation;
  if (!squash || !SQUASH.has(squash.getClassName())) return forward();
  holder.activation = linear();
  try {
    return forward();
  } finally {
    holder.activation = squash;
  }
}

/** The layer that makes the model's output, looking inside a nested model that ends it (a classifier head built as its own Sequential). */
function outputLayer(model: tf.LayersModel): tf.layers.Layer | undefined {
  let layer = model.outputs[0]?.sourceLayer as tf.layers.Layer | undefined;
  while (layer instanceof tf.LayersModel) layer = layer.outputs[0]?.sourceLayer as tf.layers.Layer | undefined;
  return layer;
}

/**
 * tfjs's linear activation, taken from an Activation layer since tfjs does not export the class. Named,
 * so it takes no automatic name (a learner's first Activation layer keeps "activation_1"); made on each
 * Grad-CAM, which costs one small object and keeps no state between kernels' questions.
 */
function linear(): Required<WithActivation>['activation'] {
  return (tf.layers.activation({ activation: 'linear', name: 'layerbook_gradcam_linear' }) as unknown as Required<WithActivation>)
    .activation;
}
