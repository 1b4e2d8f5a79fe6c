import { seededRandom } from './random';
import type { GeneratorOptions, TensorData } from './types';

// Grey images of one filled shape each, at a random place and size: small
// enough to train in seconds, and with a box around each shape, so Grad-CAM's
// heatmaps can be checked against where the shape really is.

export const SHAPE_CLASSES = ['circle', 'square', 'triangle'] as const;

export interface ShapesData extends TensorData {
  /** Each image's shape box in pixels: x0, y0, x1, y1 (inclusive), four numbers per image. */
  boxes: Int32Array;
}

/** `samples` images of size × size pixels (values 0–1), classes in turn, the same for the same seed. */
export function shapes({ samples, noise, seed }: GeneratorOptions, size = 32): ShapesData {
  const rand = seededRandom(seed);
  const x = new Float32Array(samples * size * size);
  const y = new Float32Array(samples);
  const boxes = new Int32Array(samples * 4);
  for (let i = 0; i < samples; i++) {
    const label = i % SHAPE_CLASSES.length;
    const side = Math.max(6, Math.round(rand.uniform(size * 0.3, size * 0.6)));
    const x0 = rand.int(size - side + 1);
    const y0 = rand.int(size - side + 1);
    const inside = insideTest(SHAPE_CLASSES[label], x0, y0, side);
    const image = x.subarray(i * size * size, (i + 1) * size * size);
    let minX = size;
    let minY = size;
    let maxX = -1;
    let maxY = -1;
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        const on = inside(px + 0.5, py + 0.5);
        if (on) {
          minX = Math.min(minX, px);
          minY = Math.min(minY, py);
          maxX = Math.max(maxX, px);
          maxY = Math.max(maxY, py);
        }
        const value = (on ? 1 : 0) + rand.normal() * noise * 0.3;
        image[py * size + px] = Math.min(1, Math.max(0, value));
      }
    }
    y[i] = label;
    boxes.set([minX, minY, maxX, maxY], i * 4);
  }
  return { x, xShape: [size, size, 1], y, classes: [...SHAPE_CLASSES], count: samples, boxes };
}

function insideTest(kind: (typeof SHAPE_CLASSES)[number], x0: number, y0: number, side: number): (px: number, py: number) => boolean {
  const cx = x0 + side / 2;
  const cy = y0 + side / 2;
  switch (kind) {
    case 'circle':
      return (px, py) => (px - cx) ** 2 + (py - cy) ** 2 <= (side / 2) ** 2;
    case 'square':
      return (px, py) => px >= x0 && px <= x0 + side && py >= y0 && py <= y0 + side;
    case 'triangle':
      // Apex at the top middle, base along the bottom.
      return (px, py) => py >= y0 && py <= y0 + side && Math.abs(px - cx) <= ((py - y0) / side) * (side / 2);
  }
}
