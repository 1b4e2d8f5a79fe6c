import * as tf from '@tensorflow/tfjs';

// Precision and recall as training metrics. tfjs's own compare predictions
// with 1 exactly, so a sigmoid's 0.93 never counts; these threshold at 0.5
// (one output) or take the argmax (several), as Keras's metrics do. Over
// several classes they are macro averages over the classes present in the
// batch. Like every tfjs metric they are averaged over batches: Evaluate
// computes the exact values over the test split.

function classesOf(yTrue: tf.Tensor, yPred: tf.Tensor): { truth: tf.Tensor; guess: tf.Tensor; k: number } {
  const k = yPred.shape[yPred.shape.length - 1] ?? 1;
  if (k === 1) return { truth: yTrue.reshape([-1]).greater(0.5).toInt(), guess: yPred.reshape([-1]).greater(0.5).toInt(), k: 2 };
  // Sparse labels are one number per example; one-hot labels are as wide as the output.
  const truth = yTrue.shape[yTrue.shape.length - 1] === k && yTrue.rank === yPred.rank ? yTrue.argMax(-1) : yTrue.reshape([-1]).toInt();
  return { truth, guess: yPred.argMax(-1), k };
}

function macro(yTrue: tf.Tensor, yPred: tf.Tensor, by: 'guess' | 'truth'): tf.Tensor {
  return tf.tidy(() => {
    const { truth, guess, k } = classesOf(yTrue, yPred);
    const t = tf.oneHot(truth.toInt(), k);
    const g = tf.oneHot(guess.toInt(), k);
    const tp = t.mul(g).sum(0);
    const denominator = (by === 'guess' ? g : t).sum(0);
    if (k === 2 && yPred.shape[yPred.shape.length - 1] === 1) {
      // One sigmoid output: the positive class only, as Keras's Precision and Recall report.
      return tp.slice(1, 1).div(denominator.slice(1, 1).maximum(1)).reshape([]);
    }
    const present = denominator.greater(0).toFloat();
    return tp.div(denominator.maximum(1)).mul(present).sum().div(present.sum().maximum(1));
  });
}

type Metric = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** tfjs logs a metric function under its name; minifiers rename functions, so the name is set. */
const named = (name: string, f: Metric): Metric => Object.defineProperty(f, 'name', { value: name });

export const precision = named('precision', (yTrue, yPred) => macro(yTrue, yPred, 'guess'));
export const recall = named('recall', (yTrue, yPred) => macro(yTrue, yPred, 'truth'));
