import * as tf from '@tensorflow/tfjs';

// check.equal's comparison: the learner's value against the task's, with a tolerance for
// numbers, and the first difference said as a learner reads it ("x[3] is 0.5; expected 0.6").
// Tensors and typed arrays are compared by their values, as nested arrays.

export interface CompareOptions {
  /** Absolute tolerance for numbers: 1e-6 by default. */
  tol?: number;
  /** What the learner calls the value, in the message: "the value" by default. */
  name?: string;
  /** The verb for a wrong value as a whole: "is" (a variable) by default, "returned" for a call. */
  verb?: string;
}

type Step = number | string;
/** A tensor or typed array read into nested arrays, with the shape it had and whether it held float32 values. */
type Read = { values: unknown; shape: number[] | null; f32: boolean; bool: boolean; tensor: boolean };
/** Float32 and bool tensors met on the way down: their rounding, and their 0/1 for false/true, are allowed below. */
type From = { f32: boolean; bool: boolean };
interface Context {
  name: string;
  verb: string;
  tol: number;
  /** Reads made in this comparison, so a tensor is read once. */
  reads: Map<object, Read>;
}

const isTypedArray = (v: unknown): v is Float32Array | Int32Array | Uint8Array => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** A number at `digits` significant digits, without trailing zeros (or exponents for everyday sizes). */
const numberText = (v: number, digits: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v));

/** What kind of value this is, in a learner's words ("a number", "a tensor", "undefined"). */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (v instanceof tf.Tensor) return 'a tensor';
  if (v instanceof tf.LayersModel) return 'a model';
  if (Array.isArray(v)) return 'an array';
  if (isTypedArray(v)) return `a ${v.constructor.name}`;
  const type = typeof v;
  if (type === 'object') return 'an object';
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** A value shown in one short line: numbers, clipped arrays and strings, tensors by their shape. */
export function show(v: unknown, depth = 0): string {
  if (typeof v === 'number') return numberText(v, 6);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || v === undefined || typeof v === 'boolean') return String(v);
  if (v instanceof tf.Tensor) return v.isDisposed ? 'a disposed tensor' : `a tensor of shape ${shapeText(v.shape)}`;
  if (typeof v === 'function') return 'a function';
  if (v instanceof tf.LayersModel) return 'a model';
  if (Array.isArray(v) || isTypedArray(v)) {
    const items = Array.from(v as ArrayLike<unknown>);
    if (depth >= 2) return items.length ? '[…]' : '[]';
    const shown = items.slice(0, 4).map((item) => show(item, depth + 1));
    return `[${shown.join(', ')}${items.length > 4 ? `, … (${items.length} in all)` : ''}]`;
  }
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (depth >= 2) return keys.length ? '{…}' : '{}';
    const shown = keys.slice(0, 3).map((k) => `${k}: ${show(v[k], depth + 1)}`);
    return `{ ${shown.join(', ')}${keys.length > 3 ? ', …' : ''} }`;
  }
  return 'an object';
}

/** A shape as a list: [2, 3]. */
const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** A value's place in the learner's words: x[1][0], x.weights. */
function placeOf(name: string, path: Step[]): string {
  return (
    name + path.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('')
  );
}

/** The shape of a rectangular nested array of non-arrays ([] for a single value), or null for a ragged one. */
function shapeOf(v: unknown): number[] | null {
  if (!Array.isArray(v)) return [];
  if (v.length === 0) return [0];
  const inner = shapeOf(v[0]);
  if (!inner || v.some((item) => JSON.stringify(shapeOf(item)) !== JSON.stringify(inner))) return null;
  return [v.length, ...inner];
}

/** A tensor or typed array as nested arrays; anything else as it is; 'disposed' for a tensor disposed before the check. */
function read(v: unknown, ctx: Context): Read | 'disposed' {
  if (!(v instanceof tf.Tensor) && !isTypedArray(v)) return { values: v, shape: null, f32: false, bool: false, tensor: false };
  const kept = ctx.reads.get(v);
  if (kept) return kept;
  let made: Read;
  if (v instanceof tf.Tensor) {
    if (v.isDisposed) return 'disposed';
    const bool = v.dtype === 'bool';
    made = { values: bool ? boolsOf(v.arraySync()) : v.arraySync(), shape: v.shape, f32: v.dtype === 'float32', bool, tensor: true };
  } else {
    made = { values: Array.from(v), shape: [v.length], f32: v instanceof Float32Array, bool: false, tensor: false };
  }
  ctx.reads.set(v, made);
  return made;
}

/** The task's value read: a tensor disposed before the check is the check's own mistake. */
function readExpected(v: unknown, ctx: Context): Read {
  const r = read(v, ctx);
  if (r === 'disposed') throw new Error('the expected value is a tensor that was disposed before the check compared it');
  return r;
}

/** A bool tensor's 0s and 1s as false and true. */
const boolsOf = (v: unknown): unknown => (Array.isArray(v) ? v.map(boolsOf) : v !== 0);

/** Where the learner's value holds a NaN the task's does not, or null. */
function nanAt(a: unknown, e: unknown, ctx: Context, path: Step[]): Step[] | null {
  const ra = read(a, ctx);
  if (ra === 'disposed') return null;
  const av = ra.values;
  const ev = readExpected(e, ctx).values;
  if (typeof av === 'number') return Number.isNaN(av) && !(typeof ev === 'number' && Number.isNaN(ev)) ? path : null;
  if (Array.isArray(av)) {
    for (let i = 0; i < av.length; i++) {
      const found = nanAt(av[i], Array.isArray(ev) ? ev[i] : undefined, ctx, [...path, i]);
      if (found) return found;
    }
  } else if (isPlainObject(av)) {
    for (const key of Object.keys(av)) {
      const found = nanAt(av[key], isPlainObject(ev) ? ev[key] : undefined, ctx, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The first difference between the learner's value and the task's at `path`, or null. */
function differ(a: unknown, e: unknown, ctx: Context, path: Step[], from: From): string | null {
  const place = placeOf(ctx.name, path);
  const ra = read(a, ctx);
  if (ra === 'disposed') {
    return `${place} was disposed (by dispose() or a tf.tidy around it), so its values are gone: keep it, then run your cell again.`;
  }
  const re = readExpected(e, ctx);
  const below: From = { f32: from.f32 || ra.f32 || re.f32, bool: from.bool || ra.bool || re.bool };
  // A bool tensor's values are true and false; the other side may say 1 and 0.
  const mixed = below.bool && [typeof ra.values, typeof re.values].sort().join() === 'boolean,number';
  const [av, ev] = mixed ? [Number(ra.values), Number(re.values)] : [ra.values, re.values];
  if (ra.tensor || re.tensor) {
    const sa = ra.shape ?? shapeOf(av);
    const se = re.shape ?? shapeOf(ev);
    if (sa && se && (Array.isArray(av) || ra.tensor) && shapeText(sa) !== shapeText(se)) {
      return `${place} has shape ${shapeText(sa)}; the task needs ${shapeText(se)}${se.length ? '' : ' (a single number)'}`;
    }
  }
  const wrong = () => `${place} ${path.length ? 'is' : ctx.verb} ${show(av)}; expected ${show(ev)}`;
  if (typeof ev === 'number') {
    if (typeof av !== 'number') return wrong();
    if (av === ev || (Number.isNaN(av) && Number.isNaN(ev))) return null;
    // A float32 tensor cannot hold most decimals exactly (1000.1 is 1000.0999755…): its own rounding is allowed on top.
    const tol = ctx.tol + (below.f32 ? Math.abs(ev) * 2 ** -23 : 0);
    if (Math.abs(av - ev) <= tol) return null;
    for (let digits = 6; digits <= 17; digits++) {
      const [as, es] = [numberText(av, digits), numberText(ev, digits)];
      if (as !== es) return `${place} ${path.length ? 'is' : ctx.verb} ${as}; expected ${es}`;
    }
    return wrong();
  }
  if (Array.isArray(ev)) {
    if (!Array.isArray(av)) return wrong();
    if (av.length !== ev.length) return `${place} has ${count(av.length, 'element')}; the task needs ${ev.length}`;
    for (let i = 0; i < ev.length; i++) {
      const found = differ(av[i], ev[i], ctx, [...path, i], below);
      if (found) return found;
    }
    return null;
  }
  if (isPlainObject(ev)) {
    if (!isPlainObject(av)) return wrong();
    const missing = Object.keys(ev).find((k) => !Object.hasOwn(av, k));
    if (missing !== undefined) return `${place} has no key ${JSON.stringify(missing)}; the task needs one`;
    const extra = Object.keys(av).find((k) => !Object.hasOwn(ev, k));
    if (extra !== undefined) return `${place} has a key ${JSON.stringify(extra)} the task does not ask for`;
    for (const key of Object.keys(ev)) {
      const found = differ(av[key], ev[key], ctx, [...path, key], below);
      if (found) return found;
    }
    return null;
  }
  return Object.is(av, ev) ? null : wrong();
}

/**
 * Compares the learner's value with the task's: null when they agree, else what differs, for
 * the learner. NaN anywhere in the learner's value is reported first (where the task has none).
 */
export function compare(actual: unknown, expected: unknown, options: CompareOptions = {}): string | null {
  const ctx: Context = { name: options.name ?? 'the value', verb: options.verb ?? 'is', tol: options.tol ?? 1e-6, reads: new Map() };
  const nan = nanAt(actual, expected, ctx, []);
  if (nan) {
    if (!nan.length) return `${ctx.name} ${ctx.verb} NaN; expected ${show(readExpected(expected, ctx).values)}`;
    if (nan.every((s) => typeof s === 'number')) return `${ctx.name} has NaN at [${nan.join(', ')}]`;
    return `${placeOf(ctx.name, nan)} is NaN`;
  }
  return differ(actual, expected, ctx, [], { f32: false, bool: false });
}
