// Heat over an input image, shared by Grad-CAM and attention rollout. The
// pixels are composed by a pure function (tested in Node) and only put on a
// canvas here; the canvas keeps the image's own resolution and CSS scales it
// up pixelated, so a 28 × 28 digit stays sharp rather than blurred.

import type { SampleView } from '../../protocol/sampleView';
import { heatColour, type Rgb } from './heatColours';
import { upsampleBilinear } from './resample';

export type ImageSample = Extract<SampleView, { kind: 'image' }>;

export interface Rgba {
  width: number;
  height: number;
  /** width × height × 4, row after row, as ImageData holds it. */
  data: Uint8ClampedArray;
}

/**
 * The image with heat (an [h × w] map, 0..1) upsampled bilinearly to its size,
 * coloured and blended at `opacity`. Without an image, the heat alone at its
 * own grid size.
 */
export function composeHeat(
  image: ImageSample | undefined,
  heat: Float32Array,
  h: number,
  w: number,
  opacity: number,
  colour: (v: number) => Rgb = heatColour,
): Rgba {
  const width = image ? image.width : w;
  const height = image ? image.height : h;
  const data = new Uint8ClampedArray(width * height * 4);
  const up = image ? upsampleBilinear(heat, h, w, height, width) : heat;
  const a = image ? Math.min(1, Math.max(0, opacity)) : 1;
  for (let i = 0; i < width * height; i++) {
    const c = colour(up[i]);
    for (let k = 0; k < 3; k++) {
      const base = image ? 255 * Math.min(1, Math.max(0, image.pixels[i * image.channels + (image.channels === 1 ? 0 : k)])) : 0;
      data[i * 4 + k] = Math.round(base * (1 - a) + c[k] * a);
    }
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** Any per-pixel colouring of an [h × w] map (activations, attention as an image). */
export function colourMap(values: ArrayLike<number>, h: number, w: number, colour: (v: number) => Rgb): Rgba {
  const data = new Uint8ClampedArray(h * w * 4);
  for (let i = 0; i < h * w; i++) {
    const c = colour(values[i]);
    data.set([c[0], c[1], c[2], 255], i * 4);
  }
  return { width: w, height: h, data };
}

/** Puts composed pixels on a canvas whose width and height already match them. */
export function putRgba(canvas: HTMLCanvasElement | null, rgba: Rgba): void {
  const ctx = canvas?.getContext('2d');
  if (!ctx || rgba.width === 0 || rgba.height === 0) return;
  const image = ctx.createImageData(rgba.width, rgba.height);
  image.data.set(rgba.data);
  ctx.putImageData(image, 0, 0);
}

/**
 * The CSS size to show a width × height canvas at about `target` pixels on its
 * longer side: a whole-number enlargement for small grids (pixels stay square
 * and even), a plain shrink for ones larger than the target.
 */
export function fitSize(width: number, height: number, target: number): { width: number; height: number } {
  const longer = Math.max(1, width, height);
  const scale = longer <= target ? Math.max(1, Math.floor(target / longer)) : target / longer;
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** A number as the page shows a probability: "97.1 %". */
export function percent(p: number): string {
  return `${(100 * p).toFixed(1)} %`;
}
