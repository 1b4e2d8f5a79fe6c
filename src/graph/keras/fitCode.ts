import type { TrainConfig } from '../../doc/trainConfig';
import { lossNeedsClasses } from '../../training/compileSpec';
import { pythonLiteral } from '../emitKeras';

// A graph cell's training settings as Keras's compile and fit, for the exported notebook: the same
// optimizer, rate and schedule, loss, metrics, callbacks, epochs, batch and split as its Train.

/** Helper Python that some settings need, defined once at the top of the notebook. */
const KEEP_BEST_PY = `class KeepBestWeights(keras.callbacks.Callback):
    """Puts back the best epoch's weights when the run ends (Layerbook's Keep best weights)."""

    def __init__(self, monitor):
        super().__init__()
        self.monitor, self.best, self.weights = monitor, None, None
        self.better = (lambda a, b: a > b) if "acc" in monitor else (lambda a, b: a < b)

    def on_epoch_end(self, epoch, logs=None):
        value = (logs or {}).get(self.monitor)
        if value is not None and (self.best is None or self.better(value, self.best)):
            self.best, self.weights = value, self.model.get_weights()

    def on_train_end(self, logs=None):
        if self.weights is not None:
            self.model.set_weights(self.weights)
`;

/** Macro precision and recall over the classes in a batch, as Layerbook's training metrics compute them. */
const PRECISION_RECALL_PY = `def _macro(y_true, y_pred, by):
    ops = keras.ops
    k = y_pred.shape[-1]
    if k == 1:
        truth = ops.cast(ops.reshape(y_true, (-1,)) > 0.5, "int32")
        guess = ops.cast(ops.reshape(y_pred, (-1,)) > 0.5, "int32")
    else:
        one_hot = len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == k
        truth = ops.argmax(y_true, -1) if one_hot else ops.cast(ops.reshape(y_true, (-1,)), "int32")
        guess = ops.argmax(y_pred, -1)
    t, g = ops.one_hot(truth, max(k, 2)), ops.one_hot(guess, max(k, 2))
    tp = ops.sum(t * g, 0)
    denominator = ops.sum(g if by == "guess" else t, 0)
    if k == 1:
        return tp[1] / ops.maximum(denominator[1], 1)
    present = ops.cast(denominator > 0, "float32")
    return ops.sum(tp / ops.maximum(denominator, 1) * present) / ops.maximum(ops.sum(present), 1)


def precision(y_true, y_pred):
    return _macro(y_true, y_pred, "guess")


def recall(y_true, y_pred):
    return _macro(y_true, y_pred, "truth")
`;

/** Whether a run classifies (Layerbook's isClassifier): classes, a loss for classes, and labels as the target. */
const classifies = (config: TrainConfig, classes: number | null): boolean =>
  config.target === 'labels' && (classes ?? 0) > 0 && lossNeedsClasses(config.loss);

/** The metrics compiled besides the loss, as Layerbook's Train compiles them. */
function metricNames(config: TrainConfig, classify: boolean): string[] {
  const chosen: string[] = config.metrics.filter((m) => classify || m === 'mae');
  if (!chosen.length) chosen.push(classify ? 'accuracy' : 'mae');
  return chosen;
}

/** What the callbacks watch, as Keras logs it: accuracy only when compiled, val_ only with a validation split. */
function monitorOf(config: TrainConfig, classify: boolean): string {
  const hasAccuracy = classify && metricNames(config, classify).includes('accuracy');
  let monitor: string = hasAccuracy ? config.monitor : config.monitor.replace('accuracy', 'loss');
  if (config.validation_split === 0) monitor = monitor.replace('val_', '');
  return monitor;
}

const LOSS: Record<TrainConfig['loss'], string> = {
  sparse_categorical_crossentropy: '"sparse_categorical_crossentropy"',
  categorical_crossentropy: '"categorical_crossentropy"',
  binary_crossentropy: '"binary_crossentropy"',
  mse: '"mse"',
  mae: '"mae"',
  huber: 'keras.losses.Huber()',
  hinge: '"hinge"',
};

function optimizerCode(config: TrainConfig, rate: string): string {
  switch (config.optimizer) {
    case 'adam':
      return `keras.optimizers.Adam(learning_rate=${rate})`;
    case 'adamw':
      return `keras.optimizers.AdamW(learning_rate=${rate}, weight_decay=${config.weight_decay})`;
    case 'sgd':
      return `keras.optimizers.SGD(learning_rate=${rate}, momentum=${config.momentum})`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(learning_rate=${rate})`;
    case 'adagrad':
      return `keras.optimizers.Adagrad(learning_rate=${rate})`;
  }
}

/** Keras's schedule for the config, decaying over `steps` (a Python expression), as scheduleOf does in the browser. */
function scheduleCode(config: TrainConfig): string | null {
  const lr = config.learning_rate;
  switch (config.schedule) {
    case 'constant':
      return null;
    case 'exponential':
      return `keras.optimizers.schedules.ExponentialDecay(${lr}, decay_steps=steps, decay_rate=0.1)`;
    case 'polynomial':
      return `keras.optimizers.schedules.PolynomialDecay(${lr}, decay_steps=steps, end_learning_rate=${lr / 100}, power=1.0)`;
    case 'cosine':
      return `keras.optimizers.schedules.CosineDecay(${lr}, decay_steps=steps, alpha=0.0)`;
  }
}

/** The Python that turns the data's labels into what the loss takes (y_train, y_test from integer labels or values). */
export function labelLines(config: TrainConfig, classes: number | null): string[] {
  if (config.target === 'input') return ['# The model learns to output its input (an autoencoder).', 'y_train, y_test = x_train, x_test'];
  switch (config.loss) {
    case 'sparse_categorical_crossentropy':
      return [];
    case 'categorical_crossentropy':
      return [
        '# One-hot labels for categorical cross-entropy.',
        `y_train, y_test = (keras.utils.to_categorical(y, ${classes ?? 0}) for y in (y_train, y_test))`,
      ];
    case 'hinge':
      return [
        '# Hinge takes the classes as -1 and 1.',
        'y_train, y_test = (np.where(y > 0.5, 1.0, -1.0)[:, None] for y in (y_train, y_test))',
      ];
    default:
      return ['y_train, y_test = y_train[:, None], y_test[:, None]'];
  }
}

/** What a cell's settings need defined once in the notebook (callbacks and metrics Keras lacks). */
export function fitHelpers(config: TrainConfig, classes: number | null): string[] {
  const classify = classifies(config, classes);
  const metrics = metricNames(config, classify);
  return [
    ...(config.keep_best ? [KEEP_BEST_PY] : []),
    ...(metrics.includes('precision') || metrics.includes('recall') ? [PRECISION_RECALL_PY] : []),
  ];
}

/**
 * `model.compile(...)` for the settings, with the schedule it decays over the run's batches (worked
 * out from x_train as the browser does): lines to run where the model is built (in a strategy's scope).
 */
export function compileLines(config: TrainConfig, classes: number | null, model: string): string[] {
  const classify = classifies(config, classes);
  const metrics = metricNames(config, classify).map((m) => (m === 'precision' || m === 'recall' ? m : `"${m}"`));
  const schedule = scheduleCode(config);
  const lines: string[] = [];
  if (schedule) {
    lines.push(
      '# The learning rate decays over every batch of the run, as in Layerbook.',
      `fitted = math.floor(len(x_train) * (1 - ${config.validation_split}) + 0.5)  # examples left after the validation split`,
      `steps = max(1, math.ceil(fitted / ${config.batch_size}) * ${config.epochs})`,
      `learning_rate = ${schedule}`,
    );
  }
  lines.push(
    `${model}.compile(`,
    `    optimizer=${optimizerCode(config, schedule ? 'learning_rate' : String(config.learning_rate))},`,
    `    loss=${LOSS[config.loss]},`,
    `    metrics=[${metrics.join(', ')}],`,
    ')',
  );
  return lines;
}

/** `model.fit(...)` with the settings' epochs, batch, split and callbacks, then the test split's report. */
export function fitLines(config: TrainConfig, classes: number | null, model: string): string[] {
  const classify = classifies(config, classes);
  const monitor = pythonLiteral(monitorOf(config, classify));
  const callbacks: string[] = [];
  if (config.early_stopping) {
    // Keep best weights puts them back itself, stop or not.
    const restore = config.restore_best_weights && !config.keep_best;
    callbacks.push(
      `keras.callbacks.EarlyStopping(monitor=${monitor}, patience=${config.patience}, restore_best_weights=${restore ? 'True' : 'False'})`,
    );
  }
  // A schedule sets the rate at every batch; Layerbook leaves plateau reductions out then, and so does this.
  if (config.reduce_lr_on_plateau && config.schedule === 'constant') {
    callbacks.push(`keras.callbacks.ReduceLROnPlateau(monitor=${monitor}, factor=0.5, patience=${config.patience}, min_lr=1e-6)`);
  }
  if (config.keep_best) callbacks.push(`KeepBestWeights(${monitor})`);
  return [
    `history = ${model}.fit(`,
    '    x_train,',
    '    y_train,',
    `    epochs=${config.epochs},`,
    `    batch_size=${config.batch_size},`,
    `    validation_split=${config.validation_split},`,
    '    shuffle=True,',
    ...(callbacks.length ? ['    callbacks=[', ...callbacks.map((c) => `        ${c},`), '    ],'] : []),
    ')',
    `print("Test split:", ${model}.evaluate(x_test, y_test, return_dict=True, verbose=0))`,
  ];
}
