import * as tf from '@tensorflow/tfjs';
import { formatShape, lastDim } from '../../../src/graph/shape';

type Shape = Array<number | null>;

/** Adds a learned vector per position to a sequence of vectors (Keras Hub's PositionEmbedding). */
export class PositionalEmbedding extends tf.layers.Layer {
  static className = 'PositionalEmbedding';
  readonly sequenceLength: number;
  private table!: tf.LayerVariable;

  constructor(args: { sequenceLength: number; name?: string; trainable?: boolean }) {
    super({ name: args.name, trainable: args.trainable });
    this.sequenceLength = args.sequenceLength;
  }

  build(inputShape: Shape): void {
    const dim = lastDim(inputShape, this.name);
    this.table = this.addWeight('embeddings', [this.sequenceLength, dim], 'float32', tf.initializers.glorotUniform({}));
    this.built = true;
  }

  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const steps = x.shape[1];
      if (steps === undefined)
        throw new Error(`${this.name} takes sequences [batch, steps, dim], but got a tensor of shape [${x.shape.join(', ')}]`);
      return x.add(this.table.read().slice([0, 0], [steps, -1]));
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), sequenceLength: this.sequenceLength };
  }
}

/** Cuts an image into patches and embeds each one (a ViT's first layer): [h, w, c] → [patches, dim]. */
export class PatchEmbedding extends tf.layers.Layer {
  static className = 'PatchEmbedding';
  readonly patchSize: number;
  readonly embedDim: number;
  private kernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  constructor(args: { patchSize: number; embedDim: number; name?: string; trainable?: boolean }) {
    super({ name: args.name, trainable: args.trainable });
    this.patchSize = args.patchSize;
    this.embedDim = args.embedDim;
  }

  build(inputShape: Shape): void {
    const channels = inputShape[3];
    if (channels == null) {
      throw new Error(`${this.name} takes images [batch, height, width, channels] with known channels, but got ${formatShape(inputShape)}`);
    }
    this.kernel = this.addWeight(
      'kernel',
      [this.patchSize, this.patchSize, channels, this.embedDim],
      'float32',
      tf.initializers.glorotUniform({}),
    );
    this.bias = this.addWeight('bias', [this.embedDim], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  computeOutputShape(inputShape: Shape): Shape {
    const [batch, h, w] = inputShape;
    const patches = h === null || w === null ? null : Math.floor(h / this.patchSize) * Math.floor(w / this.patchSize);
    return [batch, patches, this.embedDim];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      // A convolution whose window and stride are the patch: one embedding per patch.
      const y = tf.conv2d(x, this.kernel.read() as tf.Tensor4D, this.patchSize, 'valid').add(this.bias.read());
      const [batch, ph, pw] = y.shape;
      return y.reshape([batch, ph * pw, this.embedDim]);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), patchSize: this.patchSize, embedDim: this.embedDim };
  }
}

tf.serialization.registerClass(PositionalEmbedding);
tf.serialization.registerClass(PatchEmbedding);
