// The many ways Keras code names one thing: `tf.keras.layers.Dense`, `keras.layers.Dense`,
// `from tensorflow.keras.layers import Dense`; `'mse'` and `keras.losses.MeanSquaredError()`.
// Everything is brought to one spelling: `keras.<path>` for Keras, Layerbook's names for settings.

/** A dotted path as Keras 3 spells it: tensorflow.keras.models.Sequential → keras.Sequential. */
export function canonicalPath(path: string): string {
  let p = path.replace(/^tensorflow\.keras(\.|$)/, 'keras$1').replace(/^tensorflow\.python\.keras(\.|$)/, 'keras$1');
  p = p.replace(/^keras\.models\.(Sequential|Model)$/, 'keras.$1');
  p = p.replace(/^keras\.layers\.(Input)$/, 'keras.$1');
  p = p.replace(/^keras\.engine\.input_layer\.(Input)$/, 'keras.$1');
  return p;
}

/** Keras's optimizer classes and strings, by Layerbook's optimizer name. */
const OPTIMIZERS: Readonly<Record<string, string>> = {
  adam: 'adam',
  adamw: 'adamw',
  sgd: 'sgd',
  rmsprop: 'rmsprop',
  adagrad: 'adagrad',
};

/** Layerbook's optimizer for a Keras string ('Adam') or class name (Adam); undefined if none. */
export const optimizerName = (keras: string): string | undefined => OPTIMIZERS[keras.toLowerCase()];

/** Keras's loss strings, function names and classes, by Layerbook's loss name. */
const LOSSES: Readonly<Record<string, string>> = {
  sparse_categorical_crossentropy: 'sparse_categorical_crossentropy',
  sparsecategoricalcrossentropy: 'sparse_categorical_crossentropy',
  categorical_crossentropy: 'categorical_crossentropy',
  categoricalcrossentropy: 'categorical_crossentropy',
  binary_crossentropy: 'binary_crossentropy',
  binarycrossentropy: 'binary_crossentropy',
  mse: 'mse',
  mean_squared_error: 'mse',
  meansquarederror: 'mse',
  mae: 'mae',
  mean_absolute_error: 'mae',
  meanabsoluteerror: 'mae',
  huber: 'huber',
  huber_loss: 'huber',
  hinge: 'hinge',
};

/** Layerbook's loss for a Keras loss string, function or class name; undefined if none. */
export const lossName = (keras: string): string | undefined => LOSSES[keras.toLowerCase()];

const METRIC_NAMES: Readonly<Record<string, string>> = {
  accuracy: 'accuracy',
  acc: 'accuracy',
  sparse_categorical_accuracy: 'accuracy',
  sparsecategoricalaccuracy: 'accuracy',
  categorical_accuracy: 'accuracy',
  categoricalaccuracy: 'accuracy',
  binary_accuracy: 'accuracy',
  binaryaccuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  mae: 'mae',
  mean_absolute_error: 'mae',
  meanabsoluteerror: 'mae',
};

/** Layerbook's metric for a Keras metric string or class name; undefined if none. */
export const metricName = (keras: string): string | undefined => METRIC_NAMES[keras.toLowerCase()];

/** The datasets a Keras script loads that Layerbook ships, by `keras.datasets.<name>`. */
export const SHIPPED_KERAS_DATASETS: Readonly<Record<string, string>> = { mnist: 'mnist' };
