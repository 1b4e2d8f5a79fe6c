import { seededRandom } from './random';
import type { GeneratorOptions, TensorData } from './types';

// TensorFlow Playground's four 2-D classification sets, scaled to [-1, 1].

export const TOY_SETS = ['spiral', 'xor', 'circles', 'gaussian'] as const;
export type ToySet = (typeof TOY_SETS)[number];

const RADIUS = 5;

/** Points and labels (0 or 1) of one of Playground's sets, the same for the same seed. */
export function toy2d(kind: ToySet, { samples, noise, seed }: GeneratorOptions): TensorData {
  const rand = seededRandom(seed);
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);
  const put = (i: number, px: number, py: number, label: number) => {
    x[2 * i] = px / RADIUS;
    x[2 * i + 1] = py / RADIUS;
    y[i] = label;
  };
  for (let i = 0; i < samples; i++) {
    const label = i % 2;
    switch (kind) {
      case 'spiral': {
        // Two arms, half a turn apart; noise jitters each point.
        const k = Math.floor(i / 2);
        const n = Math.ceil(samples / 2);
        const r = (k / n) * RADIUS;
        const t = (1.75 * k * 2 * Math.PI) / n + label * Math.PI;
        put(i, r * Math.sin(t) + rand.uniform(-1, 1) * noise, r * Math.cos(t) + rand.uniform(-1, 1) * noise, label);
        break;
      }
      case 'circles': {
        // Label 1 inside half the radius, label 0 in a ring outside 0.7 of it.
        const r = label === 1 ? rand.uniform(0, RADIUS * 0.5) : rand.uniform(RADIUS * 0.7, RADIUS);
        const angle = rand.uniform(0, 2 * Math.PI);
        put(
          i,
          r * Math.sin(angle) + rand.uniform(-RADIUS, RADIUS) * noise * 0.5,
          r * Math.cos(angle) + rand.uniform(-RADIUS, RADIUS) * noise * 0.5,
          label,
        );
        break;
      }
      case 'xor': {
        const pad = 0.3;
        let px = rand.uniform(-RADIUS, RADIUS);
        let py = rand.uniform(-RADIUS, RADIUS);
        px += px > 0 ? pad : -pad;
        py += py > 0 ? pad : -pad;
        put(i, px + rand.uniform(-RADIUS, RADIUS) * noise * 0.5, py + rand.uniform(-RADIUS, RADIUS) * noise * 0.5, px * py >= 0 ? 1 : 0);
        break;
      }
      case 'gaussian': {
        const centre = label === 1 ? 2 : -2;
        const spread = 0.5 + noise * 3;
        put(i, centre + rand.normal() * spread, centre + rand.normal() * spread, label);
        break;
      }
    }
  }
  return { x, xShape: [2], y, classes: ['0', '1'], count: samples };
}
