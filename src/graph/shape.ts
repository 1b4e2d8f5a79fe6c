import { ShapeError, type Dim, type Shape } from './types';

/** A shape as Keras prints it: `(None, 28, 28, 1)`. */
export function formatShape(shape: ReadonlyArray<Dim> | ReadonlyArray<ReadonlyArray<Dim>>): string {
  if (Array.isArray(shape[0])) return (shape as ReadonlyArray<ReadonlyArray<Dim>>).map((s) => formatShape(s)).join(', ');
  const dims = (shape as ReadonlyArray<Dim>).map((d) => (d === null ? 'None' : String(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

/** The product of known dimensions; null if any is unknown. */
export function product(dims: ReadonlyArray<Dim>): number | null {
  let p = 1;
  for (const d of dims) {
    if (d === null) return null;
    p *= d;
  }
  return p;
}

/** Checks a layer's input rank (batch included), with a message that names the layer's expectation. */
export function expectRank(shape: Shape, rank: number, what: string): void {
  if (shape.length !== rank) {
    throw new ShapeError(`expects ${what} (${rank - 1} dimensions after the batch), but got ${formatShape(shape)}`);
  }
}

/** The last dimension, which must be known (it sizes the weights). */
export function lastDim(shape: Shape, layer: string): number {
  const d = shape[shape.length - 1];
  if (d === null || d === undefined)
    throw new ShapeError(`${layer} needs to know the size of the last dimension, but it is None in ${formatShape(shape)}`);
  return d;
}

/** Keras's output length of a window sliding over `size`: 'valid' drops partial windows, 'same' pads. */
export function convLength(size: Dim, kernel: number, stride: number, padding: string): Dim {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  const out = Math.floor((size - kernel) / stride) + 1;
  if (out < 1) throw new ShapeError(`a window of ${kernel} does not fit in a dimension of ${size}; use padding 'same' or a smaller window`);
  return out;
}

/** Two shapes equal in every known dimension. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i] || d === null || b[i] === null);
}
