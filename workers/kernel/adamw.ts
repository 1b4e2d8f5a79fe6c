import * as tf from '@tensorflow/tfjs';

/**
 * AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization"), as Keras's
 * keras.optimizers.AdamW computes it: before each Adam step every trained variable
 * shrinks by learning_rate × weight_decay of itself. The decay stays outside the
 * gradient, so Adam's per-weight scaling does not touch it; an L2 term in the loss
 * would be scaled, which is the difference AdamW exists for. tfjs has no AdamW:
 * this is tfjs's Adam with that one step added, and it follows a schedule's rate.
 */
export class AdamW extends tf.AdamOptimizer {
  static override get className(): string {
    return 'AdamW';
  }

  constructor(
    learningRate: number,
    readonly weightDecay: number,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon?: number,
  ) {
    super(learningRate, beta1, beta2, epsilon);
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
    const shrink = this.learningRate * this.weightDecay;
    if (shrink > 0) {
      tf.tidy(() => {
        for (const name of names) {
          const v = tf.engine().registeredVariables[name];
          v.assign(v.mul(1 - shrink));
        }
      });
    }
    super.applyGradients(variableGradients);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }
}
tf.serialization.registerClass(AdamW);
