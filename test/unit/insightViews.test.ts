import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeHeat, fitSize } from '../../src/features/insight/drawHeat';
import { divergingColour, heatColour, luminance, viridisColour } from '../../src/features/insight/heatColours';
import { channelOf, featureGrid, headScores, normalise, upsampleBilinear } from '../../src/features/insight/resample';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('heatColours', () => {
  it('runs inferno from black to pale yellow, clamping outside 0..1', () => {
    expect(heatColour(0)).toEqual([0, 0, 4]);
    expect(heatColour(1)).toEqual([252, 255, 164]);
    expect(heatColour(-3)).toEqual(heatColour(0));
    expect(heatColour(7)).toEqual(heatColour(1));
    expect(heatColour(Number.NaN)).toEqual(heatColour(0));
  });

  it('gets lighter all the way up (inferno and viridis), so hotter always reads as brighter', () => {
    for (const scale of [heatColour, viridisColour]) {
      let previous = -1;
      for (let i = 0; i <= 100; i++) {
        const l = luminance(scale(i / 100));
        expect(l).toBeGreaterThan(previous);
        previous = l;
      }
    }
  });

  it('diverges blue below 0, white at 0, red above, saturating at ±maxAbs', () => {
    expect(divergingColour(0, 5)).toEqual([255, 255, 255]);
    const [r, , b] = divergingColour(-5, 5);
    expect(b).toBeGreaterThan(r);
    const [r2, , b2] = divergingColour(5, 5);
    expect(r2).toBeGreaterThan(b2);
    expect(divergingColour(50, 5)).toEqual(divergingColour(5, 5));
    expect(divergingColour(2, 0)).toEqual([255, 255, 255]);
    expect(luminance(divergingColour(1, 4))).toBeGreaterThan(luminance(divergingColour(3, 4)));
  });
});

describe('upsampleBilinear', () => {
  it('keeps a constant map constant', () => {
    const out = upsampleBilinear(new Float32Array(9).fill(0.7), 3, 3, 28, 28);
    expect(out).toHaveLength(28 * 28);
    for (const v of out) expect(v).toBeCloseTo(0.7, 6);
  });

  const cases: Array<[number, number, number, number]> = [
    [2, 2, 4, 4],
    [3, 5, 7, 9],
    [7, 7, 28, 28],
    [4, 4, 3, 2], // shrinking too
    [1, 3, 4, 6],
  ];
  it.each(cases)('matches tf.image.resizeBilinear(halfPixelCenters) for %i×%i → %i×%i', async (h, w, H, W) => {
    const values = Float32Array.from({ length: h * w }, (_, i) => Math.sin(i * 1.7) + i / 10);
    const expected = tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(values, [h, w, 1]), [H, W], false, true));
    const want = await expected.data();
    expected.dispose();
    const got = upsampleBilinear(values, h, w, H, W);
    expect(got).toHaveLength(want.length);
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
  });

  it('gives the exact half-pixel-centre values for 2×2 → 4×4', () => {
    const got = Array.from(upsampleBilinear(Float32Array.from([0, 1, 2, 3]), 2, 2, 4, 4));
    expect(got.slice(0, 4)).toEqual([0, 0.25, 0.75, 1]);
    expect(got.slice(4, 8)).toEqual([0.5, 0.75, 1.25, 1.5]);
  });
});

describe('featureGrid', () => {
  it('draws [h, w, c] as c maps', () => {
    expect(featureGrid([8, 6, 16])).toEqual({ kind: 'maps', height: 8, width: 6, channels: 16 });
  });
  it('draws [steps, units] as one steps × units map', () => {
    expect(featureGrid([20, 32])).toEqual({ kind: 'maps', height: 20, width: 32, channels: 1 });
  });
  it('draws a vector as a strip, and a scalar as a strip of one', () => {
    expect(featureGrid([128])).toEqual({ kind: 'vector', length: 128 });
    expect(featureGrid([])).toEqual({ kind: 'vector', length: 1 });
  });
  it('stacks leading dimensions of 3-D convolutions into the height', () => {
    expect(featureGrid([4, 8, 6, 3])).toEqual({ kind: 'maps', height: 32, width: 6, channels: 3 });
  });
});

describe('drawing helpers', () => {
  it('picks one channel of channels-last values and scales a map to its own range', () => {
    const values = Float32Array.from([1, 10, 2, 20, 3, 30, 4, 40]); // [2, 2, 2]
    expect(Array.from(channelOf(values, { height: 2, width: 2, channels: 2 }, 1))).toEqual([10, 20, 30, 40]);
    expect(Array.from(normalise(Float32Array.from([2, 4, 6])))).toEqual([0, 0.5, 1]);
    expect(Array.from(normalise(Float32Array.from([5, 5])))).toEqual([0, 0]);
  });

  it('averages heads or takes one', () => {
    const scores = Float32Array.from([1, 0, 0, 1, 0, 1, 1, 0]); // 2 heads × 2 queries × 2 keys
    expect(Array.from(headScores(scores, 2, 2, 2, 'mean'))).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(headScores(scores, 2, 2, 2, 1))).toEqual([0, 1, 1, 0]);
  });

  it('blends heat over a grey image at the opacity, and draws heat alone at its grid size', () => {
    const image = { kind: 'image' as const, width: 4, height: 4, channels: 1, pixels: new Float32Array(16).fill(1) };
    const heat = new Float32Array(4).fill(1);
    const none = composeHeat(image, heat, 2, 2, 0);
    expect(Array.from(none.data.slice(0, 4))).toEqual([255, 255, 255, 255]);
    const full = composeHeat(image, heat, 2, 2, 1);
    expect(Array.from(full.data.slice(0, 3))).toEqual(heatColour(1));
    const half = composeHeat(image, new Float32Array(4), 2, 2, 0.5);
    expect(half.data[0]).toBe(Math.round(255 * 0.5 + heatColour(0)[0] * 0.5));
    const alone = composeHeat(undefined, Float32Array.from([0, 1, 1, 0]), 2, 2, 0.5);
    expect([alone.width, alone.height]).toEqual([2, 2]);
    expect(Array.from(alone.data.slice(4, 7))).toEqual(heatColour(1));
  });

  it('enlarges small grids by whole pixels and shrinks large ones to the target', () => {
    expect(fitSize(28, 28, 112)).toEqual({ width: 112, height: 112 });
    expect(fitSize(8, 4, 112)).toEqual({ width: 112, height: 56 });
    expect(fitSize(30, 30, 112)).toEqual({ width: 90, height: 90 });
    expect(fitSize(224, 112, 112)).toEqual({ width: 112, height: 56 });
  });
});
