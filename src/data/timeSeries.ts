import { seededRandom } from './random';
import type { GeneratorOptions, TensorData } from './types';

/** A noisy sum of two sines, cut into windows: each example is `window` steps, its target the next value. */
export function sineWindows({ samples, noise, seed }: GeneratorOptions, window = 30): TensorData & { series: Float32Array } {
  const rand = seededRandom(seed);
  const length = samples + window;
  const series = new Float32Array(length);
  for (let t = 0; t < length; t++) {
    series[t] = Math.sin(t * 0.2) + 0.5 * Math.sin(t * 0.05 + 1) + rand.normal() * noise * 0.2;
  }
  const x = new Float32Array(samples * window);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    x.set(series.subarray(i, i + window), i * window);
    y[i] = series[i + window];
  }
  return { x, xShape: [window, 1], y, count: samples, series };
}
