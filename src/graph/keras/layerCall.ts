import { layerSpec } from '../catalogue';
import { checkConfig } from '../config';
import type { ConfigValue, LayerConfig, LayerSpec, ParamSpec } from '../types';

// One Keras layer constructor call (`layers.Conv2D(32, (3, 3), activation='relu')`) read into a
// graph node's config through the layer catalogue: Keras's positional order, Keras's defaults,
// the arguments Layerbook holds at one value only, and what Keras derives when they are left out.

/** Why a layer call cannot be imported, in a learner's words (the caller adds the line). */
export class LayerCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayerCallError';
  }
}

/** Arguments that change nothing Layerbook's graph holds: accepted and left out, with a note. */
const IGNORED_ARGS: Readonly<Record<string, string>> = {
  name: 'Layerbook names layers itself (dense, dense_1, …)',
  seed: 'Layerbook draws its own random numbers',
  kernel_initializer: 'Layerbook starts weights as Keras does by default',
  bias_initializer: 'Layerbook starts weights as Keras does by default',
  recurrent_initializer: 'Layerbook starts weights as Keras does by default',
  dtype: 'Layerbook computes in float32',
  input_length: 'Keras 3 dropped it; the Input gives the length',
};

/** An argument as the call gave it: a literal (tuples as arrays), or another layer (Bidirectional's). */
export type ArgValue = ConfigValue | { layer: string; config: LayerConfig };

const same = (a: ConfigValue, b: ConfigValue): boolean =>
  Array.isArray(a) ? (Array.isArray(b) ? a.length === b.length && a.every((x, i) => same(x, b[i])) : a.every((x) => same(x, b))) : a === b;

/** One argument converted to what the parameter holds: an int for (3,), a pair for 3, 'linear' for None. */
function convert(className: string, p: ParamSpec, value: ConfigValue): ConfigValue {
  const wrong = (what: string) => new LayerCallError(`${className}'s ${p.name} must be ${what}, not ${JSON.stringify(value)}.`);
  switch (p.kind) {
    case 'int':
    case 'float':
      if (Array.isArray(value) && value.length === 1) return convert(className, p, value[0]);
      // A symmetric range, as Keras saves an augmentation's factor: (-0.1, 0.1) is 0.1.
      if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'number' && value[0] === -value[1]) return value[1];
      if (typeof value !== 'number') throw wrong('a number');
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw wrong('True or False');
      return value;
    case 'enum':
      if (p.name === 'activation' && value === null) return 'linear';
      if (typeof value !== 'string') throw wrong(`one of ${p.options.join(', ')}`);
      if (!p.options.includes(value))
        throw new LayerCallError(`${className}'s ${p.name} "${value}" is not one Layerbook has: ${p.options.join(', ')}.`);
      return value;
    case 'ints':
      if (typeof value === 'number') return Array.from({ length: p.length ?? 1 }, () => value);
      if (!Array.isArray(value)) throw wrong('a number or a tuple of numbers');
      return value;
    case 'dims':
      if (typeof value === 'number') return [value];
      if (!Array.isArray(value)) throw wrong('a tuple of sizes');
      return value;
  }
}

/**
 * A node config for `className` called with these positional and keyword arguments; throws
 * LayerCallError naming the argument when Layerbook cannot hold it. `notes` collects what was left out.
 */
export function layerConfigFromCall(className: string, args: ArgValue[], kwargs: Record<string, ArgValue>, notes: string[]): LayerConfig {
  const spec = layerSpec(className);
  if (!spec) throw new LayerCallError(`${className} is not one of Layerbook's layers.`);
  const { positional, fixed = {}, defaults = {}, derive, note } = spec.kerasArgs;
  if (args.length > positional.length) {
    throw new LayerCallError(
      `${className} takes at most ${positional.length} arguments by position (${positional.join(', ')}); it got ${args.length}.`,
    );
  }
  const given: Record<string, ArgValue> = {};
  args.forEach((value, i) => (given[positional[i]] = value));
  for (const [key, value] of Object.entries(kwargs)) {
    if (key in given) throw new LayerCallError(`${className} got ${key} twice, by position and by name.`);
    given[key] = value;
  }
  const missing = (spec.kerasArgs.required ?? []).filter((key) => !(key in given));
  if (missing.length)
    throw new LayerCallError(
      `${className} needs ${missing.join(' and ')}: Keras has no default for ${missing.length > 1 ? 'them' : 'it'}.`,
    );
  if (className === 'Bidirectional') unpackBidirectional(given);
  const cfg: LayerConfig = {};
  for (const [key, raw] of Object.entries(given)) {
    const p = spec.params.find((q) => q.name === key);
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      throw new LayerCallError(`${className}'s ${key} cannot be a layer.`);
    }
    if (p) {
      // None means Keras's default (activation=None is linear, strides=None the pool size).
      if (raw === null && p.name !== 'activation') continue;
      cfg[key] = convert(className, p, raw);
    } else if (key in fixed) {
      if (raw !== null && !same(raw, fixed[key])) {
        const want = fixed[key] === null ? 'None' : JSON.stringify(fixed[key]);
        throw new LayerCallError(`${className}'s ${key}=${JSON.stringify(raw)} is not available in Layerbook (only ${want}).`);
      }
    } else if (key in IGNORED_ARGS) {
      notes.push(`${className}'s ${key} was left out: ${IGNORED_ARGS[key]}.`);
    } else {
      const known = [...spec.params.map((q) => q.name), ...Object.keys(fixed)];
      throw new LayerCallError(
        `${className} has no argument ${key} in Layerbook` + (known.length ? ` (it takes ${known.join(', ')}).` : ' (it takes none).'),
      );
    }
  }
  if (note && !(note.unless in given)) notes.push(note.text);
  const derived = derive ? derive(cfg) : {};
  const full = fillDefaults(spec, { ...defaults, ...derived, ...cfg });
  const problem = checkConfig(spec, full);
  if (problem) throw new LayerCallError(`${className}: ${problem}.`);
  return full;
}

/** Bidirectional(LSTM(32, return_sequences=True)): the wrapped layer's settings become its own. */
function unpackBidirectional(given: Record<string, ArgValue>): void {
  const inner = given.layer;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    throw new LayerCallError('Bidirectional needs a recurrent layer to wrap: Bidirectional(layers.LSTM(32)).');
  }
  if (!['LSTM', 'GRU', 'SimpleRNN'].includes(inner.layer)) {
    throw new LayerCallError(`Bidirectional wraps LSTM, GRU or SimpleRNN in Layerbook, not ${inner.layer}.`);
  }
  given.layer = inner.layer;
  for (const key of ['units', 'activation', 'return_sequences']) if (key in inner.config) given[key] = inner.config[key];
}

function fillDefaults(spec: LayerSpec, cfg: LayerConfig): LayerConfig {
  const out: LayerConfig = {};
  for (const p of spec.params) out[p.name] = cfg[p.name] ?? p.default;
  return out;
}
