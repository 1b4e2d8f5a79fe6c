import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cell, eventually, newNotebook, useBrowser, watchErrors } from './app';

// Issue 25: an empty graph cell offers templates that train as they are.

const t = useBrowser();

const startFrom = (page: Page) => page.getByRole('group', { name: 'Start from' });
const settings = (page: Page) => page.getByRole('region', { name: 'Training settings' });
const model = (page: Page) => page.getByRole('region', { name: 'Trained model' });
const layers = (page: Page) => page.getByRole('region', { name: 'Graph editor' }).locator('.layer-node');

describe('Start from templates', () => {
  it('an empty graph cell offers six; MLP fills the graph and its settings, and trains on the spiral to 90 % as it is', async () => {
    const { page } = await newNotebook(t.context);
    const errors = watchErrors(page);
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    const offer = startFrom(page);
    await offer.waitFor();
    expect(await offer.getByRole('button').count()).toBe(6);
    for (const name of ['MLP', 'CNN', 'LSTM text classifier', 'Transformer encoder', 'Autoencoder', 'Residual block'])
      await offer.getByRole('button', { name, exact: true }).waitFor();
    await cell(page, 2).screenshot({ path: 'test-results/start-from-empty.png' });

    await offer.getByRole('button', { name: 'MLP', exact: true }).click();
    await eventually(
      () => layers(page).count(),
      (n) => expect(n).toBe(4),
    );
    // Gone once the graph has layers; the settings are the template's.
    expect(await offer.count()).toBe(0);
    const s = settings(page);
    expect(await s.getByLabel('Dataset').inputValue()).toBe('spiral');
    expect(await s.getByLabel('Loss').inputValue()).toBe('binary_crossentropy');
    expect(await s.getByLabel('Epochs').inputValue()).toBe('50');
    expect(await s.getByLabel('Samples').inputValue()).toBe('1000');
    await cell(page, 2).screenshot({ path: 'test-results/start-from-mlp.png' });

    await s.getByRole('button', { name: 'Train' }).click();
    const report = model(page).getByRole('table', { name: 'Test metrics' });
    await report.waitFor({ timeout: 180_000 });
    const accuracy = Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1]);
    expect(accuracy).toBeGreaterThanOrEqual(90);

    // Undo takes the template back: the graph is empty and Start from is offered again.
    await page.getByRole('button', { name: 'Undo' }).click();
    await offer.waitFor();
    expect(await layers(page).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 240_000);

  it('the Autoencoder learns to redraw digits: its target is its input, and Predict shows the reconstruction', async () => {
    const { page } = await newNotebook(t.context);
    const errors = watchErrors(page);
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await startFrom(page).getByRole('button', { name: 'Autoencoder', exact: true }).click();
    const s = settings(page);
    expect(await s.getByLabel('Target').inputValue()).toBe('input');
    expect(await s.getByLabel('Loss').inputValue()).toBe('mse');
    // Shortened here only to keep the suite quick.
    await s.getByLabel('Samples').fill('1000');
    await s.getByLabel('Epochs').fill('2');
    await s.getByRole('button', { name: 'Train' }).click();
    const report = model(page).getByRole('table', { name: 'Test metrics' });
    await report.waitFor({ timeout: 180_000 });
    const mae = Number(/mean absolute error ([\d.]+)/.exec((await report.locator('caption').textContent()) ?? '')![1]);
    expect(mae).toBeLessThan(0.2);

    await model(page).getByRole('button', { name: 'Predict', exact: true }).click();
    const reconstruction = model(page).getByRole('img', { name: "the model's reconstruction" });
    await reconstruction.waitFor();
    await cell(page, 2).screenshot({ path: 'test-results/start-from-autoencoder.png' });
    expect(errors).toEqual([]);
  }, 240_000);
});
