import { describe, expect, it } from 'vitest';
import { toModelInput } from '../../src/data/drawnInput';

const MNIST = { size: 28, style: 'mnist' } as const;

/** A width × height pad with the rectangle [x0, x1) × [y0, y1) inked. */
function pad(width: number, height: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const p = new Float32Array(width * height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) p[y * width + x] = 1;
  return p;
}

function stats(image: Float32Array, size: number) {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  let minX = size;
  let minY = size;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = image[y * size + x];
      mass += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
      if (v > 0.1) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return { cx: sx / mass, cy: sy / mass, minX, minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}

describe('toModelInput', () => {
  it('an empty pad gives all zeros of length size*size, in both styles', () => {
    for (const style of ['mnist', 'fill'] as const) {
      const out = toModelInput(new Float32Array(280 * 280), 280, 280, { size: 28, style });
      expect(out).toHaveLength(28 * 28);
      expect(out.every((v) => v === 0)).toBe(true);
    }
  });

  it('mnist: a square drawn off-centre is fitted to 20×20 and centred by mass', () => {
    const out = toModelInput(pad(280, 280, 10, 150, 90, 230), 280, 280, MNIST);
    expect(out).toHaveLength(784);
    const s = stats(out, 28);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(1);
    expect(s.w).toBeLessThanOrEqual(20);
    expect(s.h).toBeLessThanOrEqual(20);
    expect(s.w).toBeGreaterThanOrEqual(19);
    expect(s.minX).toBeGreaterThanOrEqual(4);
    expect(s.minY).toBeGreaterThanOrEqual(4);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
  });

  it('mnist: a tall bar keeps its aspect ratio', () => {
    // 30 wide, 120 tall: 1 to 4, so 5 × 20 once fitted.
    const out = toModelInput(pad(200, 200, 150, 20, 180, 140), 200, 200, MNIST);
    const s = stats(out, 28);
    expect(s.h).toBe(20);
    expect(s.w).toBe(5);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(1);
  });

  it('mnist: a thin line is shrunk by area averaging, not lost between samples', () => {
    // A 1-px vertical line beside a 100-px wide block: sampling every 5th column could miss it.
    const p = pad(200, 200, 50, 50, 150, 150);
    for (let y = 50; y < 150; y++) p[y * 200 + 152] = 1;
    const out = toModelInput(p, 200, 200, MNIST);
    const total = out.reduce((a, b) => a + b, 0);
    // The 103 × 100 ink fits as 20 × 19, and area averaging keeps ink in proportion to area.
    expect(total).toBeCloseTo((100 * 100 + 100) * (20 / 103) * (19 / 100), 2);
    // Without the line's 100 pixels the total would be about 3.7 lower.
  });

  it('fill: a 64×64 pad with its left half inked gives a 32×32 with left half 1, right half 0', () => {
    const out = toModelInput(pad(64, 64, 0, 0, 32, 64), 64, 64, { size: 32, style: 'fill' });
    expect(out).toHaveLength(32 * 32);
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) expect(out[y * 32 + x]).toBeCloseTo(x < 16 ? 1 : 0, 5);
    }
  });

  it('fill: averages partial pixels when the sizes do not divide', () => {
    const out = toModelInput(pad(280, 280, 0, 0, 140, 280), 280, 280, { size: 32, style: 'fill' });
    expect(out).toHaveLength(1024);
    expect(out[0]).toBeCloseTo(1, 5);
    expect(out[31]).toBeCloseTo(0, 5);
    // 140/8.75 = 16 exactly, so columns 0–15 are ink.
    expect(out[15]).toBeCloseTo(1, 5);
    expect(out[16]).toBeCloseTo(0, 5);
  });

  it('rejects pixels that do not match the stated size', () => {
    expect(() => toModelInput(new Float32Array(10), 4, 4, MNIST)).toThrow(/16 pixels/);
  });
});
