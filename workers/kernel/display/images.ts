import * as tf from '@tensorflow/tfjs';
import type { DisplayOutput, GridImage } from '../../../src/protocol/display';
import { count, describe, plural, options, readTensor, text } from './validate';

// display.image(t) and display.images(batch): tensors as RGBA pictures. Floats are read as 0–1 and
// integers as 0–255, values outside clipped (Uint8ClampedArray clamps, and turns NaN into 0).

/** A grid of more pictures than this is a mistake (a whole dataset); a slice shows what a learner looks at. */
const MAX_IMAGES = 1000;
/** All pictures of a grid together: 4096 × 4096 pixels, 64 MB of RGBA. */
const MAX_PIXELS = 4096 * 4096;

export interface ImagesOptions {
  labels?: string[] | number[] | tf.Tensor;
  columns?: number;
  title?: string;
}

/** One picture: h × w pixels of c channels, starting at `from` in `data`. */
interface Picture {
  data: tf.TypedArray;
  from: number;
  height: number;
  width: number;
  channels: number;
  scale: number;
}

function rgba({ data, from, height, width, channels, scale }: Picture): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const at = from + p * channels;
    const r = data[at] * scale;
    out[p * 4] = r;
    out[p * 4 + 1] = channels >= 3 ? data[at + 1] * scale : r;
    out[p * 4 + 2] = channels >= 3 ? data[at + 2] * scale : r;
    out[p * 4 + 3] = channels === 4 ? data[at + 3] * scale : 255;
  }
  return out;
}

/** 255 for values read as 0–1 (floats, booleans), 1 for integers already 0–255. */
function scaleOf(fn: string, tensor: tf.Tensor): number {
  if (tensor.dtype === 'string' || tensor.dtype === 'complex64')
    throw new TypeError(`display.${fn}: a ${tensor.dtype} tensor is not an image`);
  return tensor.dtype === 'int32' ? 1 : 255;
}

function checkChannels(fn: string, channels: number, which: string): void {
  if (![1, 3, 4].includes(channels)) {
    throw new TypeError(`display.${fn}: ${which}has ${channels} channels; use 1 (grey), 3 (RGB) or 4 (RGBA)`);
  }
}

/** A [h, w], [h, w, 1|3|4] tensor as RGBA; floats are read as 0–1, integers as 0–255. */
export function imageOutput(image: tf.Tensor): DisplayOutput {
  if (!(image instanceof tf.Tensor) || image.rank < 2 || image.rank > 3) {
    throw new TypeError('display.image(t) takes a tensor of shape [height, width] or [height, width, channels]');
  }
  const [height, width, channels = 1] = image.shape;
  checkChannels('image', channels, 'the tensor ');
  const scale = scaleOf('image', image);
  return { kind: 'image', width, height, rgba: rgba({ data: readTensor('image', image), from: 0, height, width, channels, scale }) };
}

/**
 * The shapes of a batch without reading it: [n, h, w, c], [n, h, w] grey, or one [h, w] or
 * [h, w, 1|3|4] picture. An item of an array is one picture; a rank-3 tensor alone is one picture
 * only when its last axis is a channel count and both others are larger than 4 ([28, 28, 1],
 * [32, 32, 3]), so [n, 8, 8] is n pictures.
 */
function batchShape(t: tf.Tensor, which: string, item: boolean): { n: number; height: number; width: number; channels: number } {
  const s = t.shape as number[];
  if (t.rank === 4) return { n: s[0], height: s[1], width: s[2], channels: s[3] };
  if (t.rank === 3 && (item || ([1, 3, 4].includes(s[2]) && s[0] > 4 && s[1] > 4)))
    return { n: 1, height: s[0], width: s[1], channels: s[2] };
  if (t.rank === 3) return { n: s[0], height: s[1], width: s[2], channels: 1 };
  if (t.rank === 2) return { n: 1, height: s[0], width: s[1], channels: 1 };
  throw new TypeError(
    `display.images: ${which}has shape [${s.join(', ')}]; give [n, height, width, channels], [n, height, width] or one picture`,
  );
}

/** The pictures of a batch tensor, or of an array of picture tensors. */
function pictures(images: unknown): Picture[] {
  const list = images instanceof tf.Tensor ? [images] : images;
  if (!Array.isArray(list))
    throw new TypeError(`display.images takes a tensor [n, h, w, c] or an array of image tensors, not ${describe(images)}`);
  const shapes = list.map((t: unknown, i) => {
    const item = !(images instanceof tf.Tensor);
    const which = item ? `image ${i} ` : 'the tensor ';
    if (!(t instanceof tf.Tensor))
      throw new TypeError(`display.images: ${which}is ${describe(t)}, not a tensor (make one with tf.tensor(…))`);
    const shape = batchShape(t, which, item);
    checkChannels('images', shape.channels, which);
    if (shape.height < 1 || shape.width < 1) throw new TypeError(`display.images: ${which}is ${shape.height} × ${shape.width} pixels`);
    return { tensor: t, ...shape };
  });
  const n = shapes.reduce((sum, s) => sum + s.n, 0);
  const pixels = shapes.reduce((sum, s) => sum + s.n * s.height * s.width, 0);
  if (n === 0) throw new TypeError('display.images: there are no images to show');
  if (n > MAX_IMAGES)
    throw new TypeError(`display.images: ${count(n)} images is more than ${count(MAX_IMAGES)}; show a slice, e.g. x.slice(0, 100)`);
  if (pixels > MAX_PIXELS) {
    throw new TypeError(`display.images: ${count(pixels)} pixels in all is more than ${count(MAX_PIXELS)}; show fewer or smaller images`);
  }
  return shapes.flatMap(({ tensor, n: many, height, width, channels }) => {
    const data = readTensor('images', tensor);
    const scale = scaleOf('images', tensor);
    return Array.from({ length: many }, (_, k) => ({ data, from: k * height * width * channels, height, width, channels, scale }));
  });
}

/** One text label per picture, from names, numbers or a 1-D tensor of classes. */
function labelsOf(labels: unknown, n: number): string[] {
  const list: unknown[] = labels instanceof tf.Tensor ? Array.from(readTensor('images', labels)) : Array.isArray(labels) ? labels : [];
  if (!Array.isArray(labels) && !(labels instanceof tf.Tensor)) {
    throw new TypeError(`display.images: labels should be an array of names or numbers, not ${describe(labels)}`);
  }
  if (list.length !== n)
    throw new TypeError(`display.images: ${plural(list.length, 'label')} for ${plural(n, 'image')}; give one label per image`);
  return list.map((label) => text(label) ?? '');
}

/** An image grid: generated digits, feature maps, misclassified samples. */
export function imagesOutput(images: unknown, given: ImagesOptions | undefined): DisplayOutput {
  const o = options('images', given);
  const all = pictures(images);
  const labels = o.labels == null ? undefined : labelsOf(o.labels, all.length);
  const columns = o.columns ?? Math.ceil(Math.sqrt(all.length));
  if (!Number.isInteger(columns) || columns < 1)
    throw new TypeError(`display.images: columns is a whole number above 0, not ${String(columns)}`);
  const grid: GridImage[] = all.map((p, i) => ({
    width: p.width,
    height: p.height,
    rgba: rgba(p),
    ...(labels ? { label: labels[i] } : {}),
  }));
  return { kind: 'images', images: grid, columns, title: text(o.title) };
}
