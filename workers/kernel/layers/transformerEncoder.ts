import * as tf from '@tensorflow/tfjs';
import { lastDim } from '../../../src/graph/shape';
import { MultiHeadAttention } from './multiHeadAttention';

// The encoder block of "Attention is all you need", as the Keras tutorials
// write it: self-attention and a feed-forward network, each wrapped in
// dropout, a residual connection and LayerNormalization.

export interface TransformerEncoderArgs {
  numHeads: number;
  keyDim: number;
  ffDim: number;
  dropout?: number;
  epsilon?: number;
  name?: string;
  trainable?: boolean;
}

type Shape = Array<number | null>;

export class TransformerEncoder extends tf.layers.Layer {
  static className = 'TransformerEncoder';
  readonly args: Required<Omit<TransformerEncoderArgs, 'name' | 'trainable'>>;
  private readonly attention: MultiHeadAttention;
  private readonly norm1: tf.layers.Layer;
  private readonly norm2: tf.layers.Layer;
  private readonly ff1: tf.layers.Layer;
  private ff2!: tf.layers.Layer;

  constructor(args: TransformerEncoderArgs) {
    super({ name: args.name, trainable: args.trainable });
    this.args = {
      numHeads: args.numHeads,
      keyDim: args.keyDim,
      ffDim: args.ffDim,
      dropout: args.dropout ?? 0.1,
      epsilon: args.epsilon ?? 1e-6,
    };
    // Parts are named after this layer, whose name is saved: a reloaded model finds its weights by these names.
    const part = (suffix: string) => `${this.name}_${suffix}`;
    this.attention = new MultiHeadAttention({
      numHeads: this.args.numHeads,
      keyDim: this.args.keyDim,
      dropout: this.args.dropout,
      name: part('attention'),
    });
    this.norm1 = tf.layers.layerNormalization({ epsilon: this.args.epsilon, name: part('norm1') });
    this.norm2 = tf.layers.layerNormalization({ epsilon: this.args.epsilon, name: part('norm2') });
    this.ff1 = tf.layers.dense({ units: this.args.ffDim, activation: 'relu', name: part('ff1') });
  }

  /** In the order Keras tracks them in the exported Python class (its weights come in this order there too). */
  private get parts(): tf.layers.Layer[] {
    return [this.attention, this.norm1, this.norm2, this.ff1, this.ff2];
  }

  build(inputShape: Shape): void {
    const dim = lastDim(inputShape, this.name);
    this.ff2 = tf.layers.dense({ units: dim, name: `${this.name}_ff2` });
    // Each part is built by applying it once to zeros: apply() gives its weights their own
    // name scope (two Dense kernels must not both be called "kernel"), as nested Keras layers have.
    const probe = (layer: tf.layers.Layer, shape: Shape) => tf.tidy(() => void layer.apply(tf.zeros(shape.map((d) => d ?? 1))));
    probe(this.attention, inputShape);
    probe(this.norm1, inputShape);
    probe(this.ff1, inputShape);
    probe(this.ff2, [...inputShape.slice(0, -1), this.args.ffDim]);
    probe(this.norm2, inputShape);
    this.built = true;
  }

  // The parts' weights are this layer's: summaries, training and saving all see them. Frozen
  // (trainable false), every one of them is non-trainable, in the same order.
  get trainableWeights(): tf.LayerVariable[] {
    return this.built && this.trainable ? this.parts.flatMap((p) => p.trainableWeights) : [];
  }

  get nonTrainableWeights(): tf.LayerVariable[] {
    if (!this.built) return [];
    return this.trainable ? this.parts.flatMap((p) => p.nonTrainableWeights) : this.parts.flatMap((p) => p.weights);
  }

  get weights(): tf.LayerVariable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const training = kwargs?.training ?? false;
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const drop = (t: tf.Tensor) => (training && this.args.dropout > 0 ? tf.dropout(t, this.args.dropout) : t);
      const attended = this.attention.call(x, { training });
      const h = this.norm1.apply(x.add(drop(attended))) as tf.Tensor;
      const ff = this.ff2.apply(this.ff1.apply(h)) as tf.Tensor;
      return this.norm2.apply(h.add(drop(ff))) as tf.Tensor;
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.args };
  }
}

tf.serialization.registerClass(TransformerEncoder);
