// The training settings a learner picks, mapped to what tfjs's compile takes,
// and the defaults a dataset and a model's last layer suggest.
import { DEFAULT_TRAIN_CONFIG } from '../doc/trainConfig';

export const LOSSES = {
  sparse_categorical_crossentropy: {
    tfjs: 'sparseCategoricalCrossentropy',
    label: 'Sparse categorical cross-entropy (integer class labels)',
  },
  categorical_crossentropy: { tfjs: 'categoricalCrossentropy', label: 'Categorical cross-entropy (one-hot labels)' },
  binary_crossentropy: { tfjs: 'binaryCrossentropy', label: 'Binary cross-entropy (two classes, 0 or 1)' },
  mse: { tfjs: 'meanSquaredError', label: 'Mean squared error (regression)' },
  mae: { tfjs: 'meanAbsoluteError', label: 'Mean absolute error (regression)' },
  // compile() knows no 'huber'; the kernel passes tf.losses.huberLoss as a function.
  huber: { tfjs: 'huberLoss', label: 'Huber (regression, robust to outliers)', viaLosses: true },
  hinge: { tfjs: 'hinge', label: 'Hinge (two classes, -1 or 1)' },
} as const satisfies Record<string, { tfjs: string; label: string; viaLosses?: boolean }>;
export type LossName = keyof typeof LOSSES;

/** Losses for a quantity to predict; every other loss needs classes. */
export const lossNeedsClasses = (loss: LossName): boolean => loss !== 'mse' && loss !== 'mae' && loss !== 'huber';

export const OPTIMIZERS = ['adam', 'adamw', 'sgd', 'rmsprop', 'adagrad'] as const;
type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerConfig {
  name: OptimizerName;
  learningRate: number;
  /** SGD only. */
  momentum?: number;
  /** AdamW only: each step shrinks the weights by learning rate × this (Keras's default is 0.004). */
  weightDecay?: number;
}

/** The call that makes this optimizer: a tf.train factory (or the kernel's AdamW) and its arguments, in order. */
export function optimizerCall(o: OptimizerConfig): {
  factory: 'adam' | 'adamw' | 'momentum' | 'sgd' | 'rmsprop' | 'adagrad';
  args: number[];
} {
  switch (o.name) {
    case 'adam':
      return { factory: 'adam', args: [o.learningRate] };
    case 'adamw':
      return { factory: 'adamw', args: [o.learningRate, o.weightDecay ?? DEFAULT_TRAIN_CONFIG.weight_decay] };
    case 'sgd':
      return o.momentum ? { factory: 'momentum', args: [o.learningRate, o.momentum] } : { factory: 'sgd', args: [o.learningRate] };
    case 'rmsprop':
      return { factory: 'rmsprop', args: [o.learningRate] };
    case 'adagrad':
      return { factory: 'adagrad', args: [o.learningRate] };
  }
}

export interface LossAdvice {
  loss: LossName;
  /** Something the learner should know about the model's last layer, or null. */
  warning: string | null;
}

/**
 * The loss that fits a dataset's labels and the model's output: sparse
 * categorical cross-entropy for integer classes, binary for two classes
 * with one sigmoid output, MSE for a quantity.
 */
export function suggestLoss(classes: number | null, outputUnits: number, lastActivation: string): LossAdvice {
  if (classes === null) {
    return {
      loss: 'mse',
      warning:
        lastActivation !== 'linear' ? `The last layer uses ${lastActivation}; a quantity to predict usually needs a linear output.` : null,
    };
  }
  if (outputUnits === 1 && classes === 2) {
    return {
      loss: 'binary_crossentropy',
      warning:
        lastActivation !== 'sigmoid'
          ? 'For two classes with one output, the last layer should use sigmoid, so it outputs a probability.'
          : null,
    };
  }
  if (outputUnits !== classes) {
    return {
      loss: 'sparse_categorical_crossentropy',
      warning: `The dataset has ${classes} classes but the last layer has ${outputUnits} outputs: give it ${classes} units.`,
    };
  }
  return {
    loss: 'sparse_categorical_crossentropy',
    warning: lastActivation !== 'softmax' ? 'Cross-entropy expects probabilities: set the last layer’s activation to softmax.' : null,
  };
}
