import type { ConfigValue, LayerConfig } from '../types';
import type { PyExpr } from './pythonSyntax';

// What the Keras importer knows about each Python value while it reads the code symbolically.

/** A layer object, made but perhaps not yet called on a tensor. */
export type LayerVal = {
  v: 'layer';
  className: string;
  config: LayerConfig;
  line: number;
  used: boolean;
  /** A Sequential's first layer may carry the model's input (input_shape=, InputLayer). */
  input?: LayerConfig;
  /** trainable=False: the layer is frozen. */
  frozen?: boolean;
};
/** A tensor: the output of a graph node. */
export type TensorVal = { v: 'tensor'; node: string; line: number };
export type ModelVal =
  | { v: 'seq'; line: number; items: Array<LayerVal | TensorVal>; compiled: boolean }
  | { v: 'model'; line: number; inputs: string[]; outputs: string[]; compiled: boolean };
/** An optimizer, loss, metric or callback object: the training settings it stands for. */
export type SettingsVal = { v: 'settings'; kind: 'optimizer' | 'loss' | 'metric' | 'callback'; settings: Record<string, unknown> };

export type Val =
  /** A module, class or function by its canonical dotted path (keras.layers.Dense). */
  | { v: 'path'; path: string }
  | { v: 'lit'; value: ConfigValue }
  | { v: 'list'; items: Val[] }
  | LayerVal
  | TensorVal
  | ModelVal
  | { v: 'method'; of: ModelVal; name: string; line: number }
  | SettingsVal
  /** A value only Python knows (data, a function's result): fine until the model needs it. */
  | { v: 'unknown'; why: string; line: number };

/** A value the importer cannot know, and why. */
export const unknown = (why: string, line: number): Val => ({ v: 'unknown', why, line });

/** An object with `f` applied to each value. */
export function mapValues<A, B>(o: Record<string, A>, f: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

/** A short spelling of an expression for messages: model.fit(…), x[…]. */
export function describe(e: PyExpr): string {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr') return `${describe(e.obj)}.${e.name}`;
  if (e.k === 'index') return `${describe(e.obj)}[…]`;
  if (e.k === 'call') return `${describe(e.fn)}(…)`;
  return 'an expression';
}

/** Arithmetic on literals, as Python does it; anything else is unknown. */
export function arithmetic(op: string, a: Val, b: Val, line: number): Val {
  if (a.v !== 'lit' || b.v !== 'lit') return unknown('arithmetic on values from Python code', line);
  const x = a.value;
  const y = b.value;
  if (typeof x === 'number' && typeof y === 'number') {
    const r = { '+': x + y, '-': x - y, '*': x * y, '/': x / y, '//': Math.floor(x / y), '%': x % y, '**': x ** y }[op];
    if (r !== undefined) return { v: 'lit', value: r };
  }
  if (op === '+' && typeof x === 'string' && typeof y === 'string') return { v: 'lit', value: x + y };
  if (op === '+' && Array.isArray(x) && Array.isArray(y)) return { v: 'lit', value: [...x, ...y] };
  return unknown(`"${op}" on these values`, line);
}

/** 1, 2, 3, 7 → "lines 1–3, 7". */
export function ranges(lines: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    parts.push(i === j ? `${lines[i]}` : `${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  return `${lines.length === 1 ? 'line' : 'lines'} ${parts.join(', ')}`;
}
