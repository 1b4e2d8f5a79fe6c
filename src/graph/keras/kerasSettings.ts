import { lossName, metricName, optimizerName } from './kerasSpelling';
import type { SettingsVal, Val } from './values';

// model.compile and model.fit read into a graph cell's training settings, with Keras's own
// defaults where the code leaves something out (Adam's learning rate is 0.001 in Keras), so the
// cell trains as the Python would.

/** Keras's default learning rate for each optimizer, by Layerbook's optimizer name. */
const KERAS_LEARNING_RATE: Readonly<Record<string, number>> = { adam: 0.001, adamw: 0.001, sgd: 0.01, rmsprop: 0.001, adagrad: 0.001 };

const lit = (v: Val | undefined): unknown => (v?.v === 'lit' ? v.value : undefined);
const num = (v: Val | undefined): number | undefined => (typeof lit(v) === 'number' ? (lit(v) as number) : undefined);

function optimizerSettings(name: string, args: Val[], kwargs: Record<string, Val>, line: number, notes: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = { optimizer: name, learning_rate: KERAS_LEARNING_RATE[name], schedule: 'constant' };
  // Every Keras optimizer takes the learning rate first.
  const rate = args[0] ?? kwargs.learning_rate ?? kwargs.lr;
  if (num(rate) !== undefined) settings.learning_rate = num(rate);
  else if (rate)
    notes.push(
      `Line ${line}: the learning rate is not a number (a schedule?); the cell starts at Keras's default ` +
        `${settings.learning_rate as number} with a constant rate: choose a Schedule in its settings.`,
    );
  if (name === 'sgd') settings.momentum = num(kwargs.momentum) ?? 0;
  if (name === 'adamw' && num(kwargs.weight_decay) !== undefined) settings.weight_decay = num(kwargs.weight_decay);
  return settings;
}

/** The settings an optimizer, loss, metric or callback object stands for; undefined for anything else. */
export function settingsValue(
  path: string,
  args: Val[],
  kwargs: Record<string, Val>,
  line: number,
  notes: string[],
): SettingsVal | undefined {
  const m = /^keras\.(optimizers|losses|metrics|callbacks)\.(\w+)$/.exec(path);
  if (!m) return undefined;
  const [, group, name] = m;
  if (group === 'optimizers') {
    const optimizer = optimizerName(name);
    if (!optimizer) {
      notes.push(
        `Line ${line}: the optimizer ${name} is not in Layerbook (it has Adam, AdamW, SGD, RMSprop and Adagrad); the cell keeps its own.`,
      );
      return { v: 'settings', kind: 'optimizer', settings: {} };
    }
    return { v: 'settings', kind: 'optimizer', settings: optimizerSettings(optimizer, args, kwargs, line, notes) };
  }
  if (group === 'losses') {
    if (lit(kwargs.from_logits) === true) {
      notes.push(
        `Line ${line}: from_logits=True is not a Layerbook setting; its losses take probabilities, ` +
          'so the graph cell offers to give the last layer a softmax (or sigmoid).',
      );
    }
    const loss = lossName(name);
    if (!loss) notes.push(`Line ${line}: the loss ${name} is not in Layerbook; the cell keeps its own.`);
    return { v: 'settings', kind: 'loss', settings: loss ? { loss } : {} };
  }
  if (group === 'metrics') {
    const metric = metricName(name);
    return { v: 'settings', kind: 'metric', settings: metric ? { metric } : {} };
  }
  if (name === 'EarlyStopping') {
    return {
      v: 'settings',
      kind: 'callback',
      settings: {
        early_stopping: true,
        // Keras's own defaults: stop after the first epoch without improvement, keep the last weights.
        patience: Math.max(1, num(kwargs.patience) ?? 0),
        restore_best_weights: lit(kwargs.restore_best_weights) === true,
        ...(typeof lit(kwargs.monitor) === 'string' ? { monitor: lit(kwargs.monitor) } : {}),
      },
    };
  }
  if (name === 'ReduceLROnPlateau') {
    notes.push(
      `Line ${line}: Layerbook's ReduceLROnPlateau halves the rate after Patience epochs without improvement, ` +
        'whatever factor the code gives.',
    );
    return { v: 'settings', kind: 'callback', settings: { reduce_lr_on_plateau: true } };
  }
  notes.push(`Line ${line}: the callback ${name} is not in Layerbook; it was left out.`);
  return { v: 'settings', kind: 'callback', settings: {} };
}

/** model.compile(optimizer, loss, loss_weights, metrics) as settings. */
export function compileSettings(args: Val[], kwargs: Record<string, Val>, line: number, notes: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const optimizer = args[0] ?? kwargs.optimizer;
  const loss = args[1] ?? kwargs.loss;
  const metrics = args[3] ?? kwargs.metrics;
  if (optimizer?.v === 'lit' && typeof optimizer.value === 'string') {
    const name = optimizerName(optimizer.value);
    if (name) Object.assign(settings, optimizerSettings(name, [], {}, line, notes));
    else notes.push(`Line ${line}: the optimizer "${optimizer.value}" is not in Layerbook; the cell keeps its own.`);
  } else if (optimizer?.v === 'settings') Object.assign(settings, optimizer.settings);
  if (loss?.v === 'lit' && typeof loss.value === 'string') {
    const name = lossName(loss.value);
    if (name) settings.loss = name;
    else notes.push(`Line ${line}: the loss "${loss.value}" is not in Layerbook; the cell keeps its own.`);
  } else if (loss?.v === 'settings') Object.assign(settings, loss.settings);
  else if (loss) notes.push(`Line ${line}: a loss per output is not in Layerbook; the cell keeps one loss for all.`);
  if (metrics) {
    const items =
      metrics.v === 'list'
        ? metrics.items
        : metrics.v === 'lit' && Array.isArray(metrics.value)
          ? metrics.value.map((value): Val => ({ v: 'lit', value }))
          : [metrics];
    const names: string[] = [];
    for (const item of items) {
      const name =
        item.v === 'lit' && typeof item.value === 'string'
          ? metricName(item.value)
          : item.v === 'settings'
            ? (item.settings.metric as string | undefined)
            : undefined;
      if (name && !names.includes(name)) names.push(name);
      else if (!name)
        notes.push(`Line ${line}: a metric that Layerbook does not have was left out (it has accuracy, precision, recall and mae).`);
    }
    settings.metrics = names;
  }
  return settings;
}

/** model.fit(x, y, batch_size, epochs, …) as settings: Keras's defaults for what it leaves out. */
export function fitSettings(args: Val[], kwargs: Record<string, Val>, line: number, notes: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    batch_size: num(args[2] ?? kwargs.batch_size) ?? 32,
    epochs: num(args[3] ?? kwargs.epochs) ?? 1,
  };
  const split = num(kwargs.validation_split);
  if (split !== undefined) settings.validation_split = split;
  if (kwargs.validation_data)
    notes.push(`Line ${line}: validation_data stays in Python; the graph cell holds out its Validation split instead.`);
  const callbacks = kwargs.callbacks;
  if (callbacks?.v === 'list') for (const c of callbacks.items) if (c.v === 'settings') Object.assign(settings, c.settings);
  notes.push(`Line ${line}: fit's data stays in Python; the graph cell trains on the Dataset chosen in its settings.`);
  return settings;
}
