import * as tf from '@tensorflow/tfjs';

// Checks shared by every display function. Cell code is a learner's: anything can arrive, and
// each refusal says what came, where, and what to write instead, in the cell and not as a frozen page.

/** The most points one plot holds: beyond this the page would spend seconds drawing what no screen shows. */
export const MAX_POINTS = 1_000_000;

/** Numbers as a learner reads them: 10,000,000. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** "1 value", "3 values": a count with its noun. */
export const plural = (n: number, noun: string): string => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

/** What a value is, in a message: "a string", "an object", "null". */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof tf.Tensor) return `a tensor of shape [${value.shape.join(', ')}]`;
  const type = typeof value;
  return type === 'undefined' ? 'undefined' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** A tensor's values, or the message a learner needs when tf.dispose or tf.tidy has freed it. */
export function readTensor(fn: string, tensor: tf.Tensor): tf.TypedArray {
  if (tensor.isDisposed) {
    throw new Error(
      `display.${fn}: this tensor was disposed (tf.dispose or tf.tidy freed it): ` +
        `call display.${fn} inside the tf.tidy, or keep the tensor (return it from tf.tidy, or tf.keep it) until it is shown.`,
    );
  }
  return tensor.dataSync();
}

/** Refuses more points than a plot can hold, naming the count and the ways around it. */
export function checkPointCount(fn: string, points: number): void {
  if (points <= MAX_POINTS) return;
  const every = Math.ceil(points / MAX_POINTS);
  throw new TypeError(
    `display.${fn}: ${count(points)} points is more than the ${count(MAX_POINTS)} one plot can hold. ` +
      `Plot every k-th point (k = ${every}: values.filter((_, i) => i % ${every} === 0)), ` +
      'or show how the values spread with display.histogram(values).',
  );
}

/**
 * Numbers from an array, a typed array or a tensor (flattened). NaN and ±Infinity pass as they are
 * (the page leaves them out and says how many); anything else is refused, naming `what` and the index.
 */
export function toNumbers(fn: string, what: string, values: unknown): number[] {
  if (values instanceof tf.Tensor) {
    checkPointCount(fn, values.size);
    return Array.from(readTensor(fn, values));
  }
  if (ArrayBuffer.isView(values) && !(values instanceof DataView)) {
    checkPointCount(fn, (values as unknown as ArrayLike<number>).length);
    return Array.from(values as unknown as ArrayLike<number>, Number);
  }
  if (!Array.isArray(values)) throw new TypeError(`display.${fn}: ${what} should be an array of numbers, not ${describe(values)}`);
  // The length is known at once: 10 million values are refused before one is read.
  checkPointCount(fn, values.length);
  const numbers: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== 'number') {
      const shown = typeof v === 'string' ? ` (${JSON.stringify(v.slice(0, 20))})` : '';
      throw new TypeError(`display.${fn}: ${what}[${i}] is ${describe(v)}${shown}, not a number`);
    }
    numbers.push(v);
  }
  return numbers;
}

/** A title, label or name as text: strings as they are, numbers printed, anything else as JSON. */
export function text(value: unknown): string | undefined {
  if (value == null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** An options argument: undefined, or an object (a number or string there is a misplaced argument). */
export function options<T extends object>(fn: string, value: T | undefined): Partial<T> {
  if (value == null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`display.${fn}: options should be an object like { title: '…' }, not ${describe(value)}`);
  }
  return value;
}
