import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cell, eventually, newNotebook, useBackend, useBrowser, watchErrors } from './app';
import { addLayers, SPIRAL_MLP } from './graphHelpers';

// Issue 25 from a learner's side: a graph cell trained on the spiral shows its decision
// boundary, redrawn while it trains and kept after.

const t = useBrowser();

/** What the boundary's canvas shows now: a hash of its pixels, and the epoch it was drawn after. */
async function snapshot(region: Locator): Promise<{ hash: number; epoch: number; running: boolean }> {
  const hash = await region.locator('canvas.decision-boundary-field').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let h = 0;
    for (let i = 0; i < data.length; i += 4) h = (Math.imul(h, 31) + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
    return h;
  });
  const epoch = Number(await region.getAttribute('data-epoch'));
  const running = ((await region.page().locator('.training-text').textContent()) ?? '').includes('ETA');
  return { hash, epoch, running };
}

describe('the decision boundary of a graph cell', () => {
  it('is drawn over the spiral, changes between epochs while training, and stays after', { timeout: 180_000 }, async () => {
    const { page } = await newNotebook(t.context);
    const errors = watchErrors(page);
    await useBackend(page, 'cpu');
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await addLayers(page, SPIRAL_MLP);
    const training = page.getByRole('region', { name: 'Training settings' });
    expect(await training.getByLabel('Dataset').inputValue()).toBe('spiral');
    await training.getByLabel('Learning rate').fill('0.02');
    await training.getByLabel('Epochs').fill('300');
    await training.getByRole('checkbox', { name: 'Keep best weights' }).check();
    await training.getByRole('button', { name: 'Train' }).click();

    const region = cell(page, 2).getByRole('region', { name: 'Decision boundary' });
    await region.waitFor({ timeout: 60_000 });
    expect(await region.getByRole('heading', { name: 'Decision boundary' }).count()).toBe(1);
    // The points: 400 in all, the last 80 the test split.
    expect(await region.getByRole('img').getAttribute('aria-label')).toMatch(/with 256 training, 64 validation and 80 test points$/);

    // While it trains, the field is redrawn: two moments, two epochs, two different pictures.
    const first = await eventually(
      () => snapshot(region),
      (s) => expect(s.epoch > 0 && s.running).toBe(true),
      30_000,
    );
    await region.scrollIntoViewIfNeeded();
    const second = await eventually(
      () => snapshot(region),
      (s) => {
        expect(s.epoch).toBeGreaterThan(first.epoch);
        expect(s.hash).not.toBe(first.hash);
      },
      30_000,
    );
    expect(second.running || second.epoch === 300).toBe(true);
    await region.screenshot({ path: 'test-results/boundary-mid-training.png' });

    // After training: the last field (the best epoch's weights), still there.
    const output = cell(page, 2).getByRole('region', { name: 'Output' });
    await output.getByText(/Test split/).waitFor({ timeout: 120_000 });
    const accuracy = Number(/accuracy ([\d.]+) %/.exec((await output.textContent()) ?? '')![1]);
    const last = await eventually(
      () => snapshot(region),
      (s) => expect(s.running).toBe(false),
    );
    expect(last.epoch).toBeGreaterThan(second.epoch);
    expect(last.hash).not.toBe(second.hash);
    await page.waitForTimeout(500);
    expect((await snapshot(region)).hash).toBe(last.hash);
    await region.screenshot({ path: 'test-results/boundary-after-training.png' });
    console.log(`boundary e2e: test accuracy ${accuracy} %, fields seen at epochs ${first.epoch}, ${second.epoch}, ${last.epoch}`);
    expect(accuracy).toBeGreaterThanOrEqual(90);
    expect(errors).toEqual([]);
  });
});
