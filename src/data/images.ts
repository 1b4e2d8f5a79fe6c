import { shuffled } from './builtin';
import type { TensorData } from './types';

// A folder of images per class becomes a dataset the way Keras's
// image_dataset_from_directory makes one: every image squeezed to a square
// (no crop), classes sorted by folder name, labels their index.

/** One decoded image: RGBA bytes row after row, as canvas getImageData gives them. */
export interface LabelledImage {
  label: string;
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  /** The file's path, so the same folder gives the same dataset whatever order the browser lists it in. */
  name?: string;
}

const MIN_IMAGE_SIZE = 8;
export const MAX_IMAGE_SIZE = 128;
/** Fixed, so the same folder always splits the same way. */
const IMAGE_SEED = 20240611;

export class ImageDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageDataError';
  }
}

// Class folders named 2 and 10 sort as numbers, as people expect.
const byName = new Intl.Collator('en', { numeric: true }).compare;

/** Images resized to size × size, grey or RGB, values 0–1, labels the sorted class index, in a seeded shuffled order. */
export function imagesToDataset(
  images: LabelledImage[],
  { size, channels }: { size: number; channels: 1 | 3 },
): TensorData & { classes: string[] } {
  if (!Number.isInteger(size) || size < MIN_IMAGE_SIZE || size > MAX_IMAGE_SIZE) {
    throw new ImageDataError(
      `The image size must be a whole number from ${MIN_IMAGE_SIZE} to ${MAX_IMAGE_SIZE} pixels, not ${size}: ` +
        'small images (28 or 32) train fastest.',
    );
  }
  if (!images.length)
    throw new ImageDataError('There are no images to learn from. Choose a folder with a folder of images for each class inside it.');
  const classes = [...new Set(images.map((im) => im.label))].sort(byName);
  if (classes.length < 2) {
    throw new ImageDataError(
      `All the images are in one class ("${classes[0]}"). A classifier needs a folder per class: at least two, such as cats/ and dogs/.`,
    );
  }
  for (const im of images) {
    if (!(im.width > 0 && im.height > 0) || im.rgba.length !== im.width * im.height * 4) {
      throw new ImageDataError(
        `An image in "${im.label}"${im.name ? ` (${im.name})` : ''} has no pixels or is damaged; remove it and try again.`,
      );
    }
  }
  const ordered = [...images].sort((a, b) => byName(a.label, b.label) || byName(a.name ?? '', b.name ?? ''));
  const width = size * size * channels;
  const x = new Float32Array(ordered.length * width);
  const y = new Float32Array(ordered.length);
  ordered.forEach((im, i) => {
    resizeInto(im, size, channels, x.subarray(i * width, (i + 1) * width));
    y[i] = classes.indexOf(im.label);
  });
  return shuffled({ x, xShape: [size, size, channels], y, classes, count: ordered.length }, IMAGE_SEED);
}

/** For each output pixel along one axis: the source pixels it covers and their shares (area averaging). */
function axisWeights(from: number, to: number): Array<Array<[number, number]>> {
  const scale = from / to;
  return Array.from({ length: to }, (_, o) => {
    const start = o * scale;
    const end = start + scale;
    const taps: Array<[number, number]> = [];
    for (let s = Math.floor(start); s < Math.min(from, Math.ceil(end)); s++) {
      const overlap = Math.min(end, s + 1) - Math.max(start, s);
      if (overlap > 1e-9) taps.push([s, overlap / scale]);
    }
    return taps;
  });
}

// Luma weights of tf.image.rgbToGrayscale, so grey images match what Python code would make.
const GREY = [0.2989, 0.587, 0.114];

/** One image as size × size × channels values in 0–1; any size (the 8–128 rule is the dataset's). */
export function resizeImage(im: LabelledImage, size: number, channels: 1 | 3): Float32Array {
  const out = new Float32Array(size * size * channels);
  resizeInto(im, size, channels, out);
  return out;
}

function resizeInto(im: LabelledImage, size: number, channels: 1 | 3, out: Float32Array): void {
  const cols = axisWeights(im.width, size);
  const rows = axisWeights(im.height, size);
  const { rgba, width } = im;
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [sy, wy] of rows[oy]) {
        for (const [sx, wx] of cols[ox]) {
          const p = (sy * width + sx) * 4;
          // Transparent pixels read as white, not black: black strokes on a clear
          // background (drawings, icons) would otherwise become all black.
          const a = rgba[p + 3] / 255;
          const w = wy * wx;
          r += w * (rgba[p] * a + 255 * (1 - a));
          g += w * (rgba[p + 1] * a + 255 * (1 - a));
          b += w * (rgba[p + 2] * a + 255 * (1 - a));
        }
      }
      const o = (oy * size + ox) * channels;
      if (channels === 1) out[o] = (GREY[0] * r + GREY[1] * g + GREY[2] * b) / 255;
      else {
        out[o] = r / 255;
        out[o + 1] = g / 255;
        out[o + 2] = b / 255;
      }
    }
  }
}
