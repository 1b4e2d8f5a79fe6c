import * as tf from '@tensorflow/tfjs';

// A compact, bounded text form of any value, for console output and tree
// leaves. Bounded because a learner will console.log a 60,000-element array.

const MAX_ITEMS = 20;
const MAX_DEPTH = 3;
const MAX_STRING = 10_000;

/** One line (or a few) describing `value`, like a browser console would. */
export function inspect(value: unknown, depth = 0, seen = new WeakSet<object>()): string {
  if (typeof value === 'string') return depth === 0 ? clip(value) : JSON.stringify(clip(value));
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `[Function ${value.name || '(anonymous)'}]`;
  if (value === null || typeof value !== 'object') return String(value);
  if (value instanceof tf.Tensor) return tensorText(value);
  if (value instanceof tf.LayersModel)
    return `[${value.getClassName()} "${value.name}": ${value.layers.length} layers, ${value.countParams()} params]`;
  if (value instanceof Error) return value.stack?.split('\n')[0] ?? `${value.name}: ${value.message}`;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `[Array(${value.length})]` : '{…}';
  seen.add(value);
  try {
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = Array.from(value as ArrayLike<unknown>);
      const shown = items.slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen));
      if (items.length > MAX_ITEMS) shown.push(`… ${items.length - MAX_ITEMS} more`);
      const tag = Array.isArray(value) ? '' : `${value.constructor.name}(${items.length}) `;
      return `${tag}[${shown.join(', ')}]`;
    }
    if (value instanceof Map)
      return `Map(${value.size}) {${[...value]
        .slice(0, MAX_ITEMS)
        .map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`)
        .join(', ')}}`;
    if (value instanceof Set)
      return `Set(${value.size}) {${[...value]
        .slice(0, MAX_ITEMS)
        .map((v) => inspect(v, depth + 1, seen))
        .join(', ')}}`;
    const keys = Object.keys(value);
    const shown = keys.slice(0, MAX_ITEMS).map((k) => `${k}: ${inspect((value as Record<string, unknown>)[k], depth + 1, seen)}`);
    if (keys.length > MAX_ITEMS) shown.push(`… ${keys.length - MAX_ITEMS} more`);
    const ctor = value.constructor as (Function & { className?: string }) | undefined;
    const name = ctor && ctor !== Object ? `${ctor.className ?? ctor.name} ` : '';
    return `${name}{${shown.join(', ')}}`;
  } finally {
    seen.delete(value);
  }
}

/** A tensor as tfjs prints it (abbreviated values), with its shape and dtype first. */
export function tensorText(t: tf.Tensor): string {
  if (t.isDisposed) return `Tensor (disposed) [${t.shape.join(',')}] ${t.dtype}`;
  const body = t
    .toString()
    .replace(/^Tensor\n?/, '')
    .replace(/^ {4}/gm, '');
  return `Tensor [${t.shape.join(',')}] ${t.dtype}\n${body.trim()}`;
}

function clip(s: string): string {
  return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}… (${s.length - MAX_STRING} more characters)` : s;
}
