import * as tf from '@tensorflow/tfjs';

/** The benchmark's workload, shared by both sides so they train the very same thing. */
export const BENCH = { samples: 4096, batchSize: 128, epochs: 3, warmupEpochs: 1 };

/** The 784-128-64-10 MLP of the issue, compiled. */
export function benchModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
