import * as tf from '@tensorflow/tfjs';

// Keras's random image augmentations, which tfjs 4.22 lacks. Like Keras's,
// they change images only while training and pass them through unchanged
// when predicting. Each draws one random transform per batch.

type Shape = Array<number | null>;

abstract class Augmentation extends tf.layers.Layer {
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  protected abstract augment(images: tf.Tensor4D): tf.Tensor4D;

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return kwargs?.training ? tf.tidy(() => this.augment(x)) : x;
  }
}

/** Mirrors images left–right, up–down or both, each with probability ½. */
export class RandomFlip extends Augmentation {
  static className = 'RandomFlip';
  readonly mode: string;
  constructor(args: { mode?: string; name?: string }) {
    super({ name: args.name });
    this.mode = args.mode ?? 'horizontal';
  }
  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    let out = images;
    if (this.mode !== 'vertical' && Math.random() < 0.5) out = tf.image.flipLeftRight(out);
    if (this.mode !== 'horizontal' && Math.random() < 0.5) out = tf.reverse<tf.Tensor4D>(out, 1);
    return out;
  }
  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode };
  }
}

/** Rotates images by up to ± factor × 360°. */
export class RandomRotation extends Augmentation {
  static className = 'RandomRotation';
  readonly factor: number;
  constructor(args: { factor: number; name?: string }) {
    super({ name: args.name });
    this.factor = args.factor;
  }
  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    const radians = (Math.random() * 2 - 1) * this.factor * 2 * Math.PI;
    return tf.image.rotateWithOffset(images, radians, 0);
  }
  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), factor: this.factor };
  }
}

/** Zooms in or out by up to ± factor of the image size. */
export class RandomZoom extends Augmentation {
  static className = 'RandomZoom';
  readonly heightFactor: number;
  constructor(args: { heightFactor: number; name?: string }) {
    super({ name: args.name });
    this.heightFactor = args.heightFactor;
  }
  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    const [batch, h, w] = images.shape;
    // A box larger than the image zooms out, a smaller one zooms in.
    const half = (1 + (Math.random() * 2 - 1) * this.heightFactor) / 2;
    const boxes = tf.tensor2d(Array.from({ length: batch }, () => [0.5 - half, 0.5 - half, 0.5 + half, 0.5 + half]));
    const indices = tf.tensor1d(
      Array.from({ length: batch }, (_, i) => i),
      'int32',
    );
    return tf.image.cropAndResize(images, boxes, indices, [h, w]);
  }
  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heightFactor: this.heightFactor };
  }
}

/** Scales each image's contrast around its mean by a factor in [1 − factor, 1 + factor]. */
export class RandomContrast extends Augmentation {
  static className = 'RandomContrast';
  readonly factor: number;
  constructor(args: { factor: number; name?: string }) {
    super({ name: args.name });
    this.factor = args.factor;
  }
  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    const scale = 1 + (Math.random() * 2 - 1) * this.factor;
    const mean = images.mean([1, 2], true);
    return images.sub(mean).mul(scale).add<tf.Tensor4D>(mean);
  }
  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), factor: this.factor };
  }
}

for (const layer of [RandomFlip, RandomRotation, RandomZoom, RandomContrast]) tf.serialization.registerClass(layer);
