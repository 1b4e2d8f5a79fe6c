import { describe, expect, it } from 'vitest';
import { cell, eventually, newNotebook, useBrowser, watchErrors } from './app';
import { addLayers } from './graphHelpers';

// Transfer learning (issue 28): the shipped backbone enters a graph as one frozen layer with its
// trained weights, a new head goes after it, and it trains on MNIST.

const t = useBrowser();

describe('a model as a backbone', () => {
  it('the shipped digits 0–4 CNN enters frozen, shows its layers, takes a new head and trains on MNIST', { timeout: 180_000 }, async () => {
    const { page } = await newNotebook(t.context);
    const errors = watchErrors(page);
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await cell(page, 2).getByRole('button', { name: 'Use a model as a backbone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Use a model as a backbone' });
    await dialog.getByRole('button', { name: 'Use Digits 0–4 CNN' }).click();
    await dialog.waitFor({ state: 'detached' });

    // One layer on the canvas, below an Input made for its 28×28×1 images, frozen, cut at its features.
    const editor = page.getByRole('region', { name: 'Graph editor' });
    const block = editor.locator('.layer-node[data-layer="Functional"]');
    expect(await block.locator('.layer-node-name').textContent()).toBe('digits_0_4');
    expect(await block.getByRole('img', { name: 'Frozen' }).count()).toBe(1);
    expect(await block.locator('.layer-node-block').textContent()).toBe('5 layers, cut at flatten');
    const settings = page.getByRole('complementary', { name: 'Layer settings' });
    expect(await settings.getByRole('checkbox', { name: 'Trainable', exact: true }).isChecked()).toBe(false);
    const layers = settings.getByRole('list', { name: 'Layers of digits_0_4' });
    expect(await layers.getByRole('listitem').count()).toBe(5);
    // Its two convolutions have weights, each with its own Trainable, off while the block is frozen.
    expect(await layers.getByRole('checkbox').count()).toBe(2);
    expect(await layers.getByRole('checkbox', { name: 'Trainable: conv2d_1' }).isDisabled()).toBe(true);
    expect(await settings.getByLabel('Cut at').locator('option:checked').textContent()).toBe('flatten (Flatten, (None, 800))');
    await settings.screenshot({ path: 'test-results/backbone-layers.png' });

    // A new head: ten classes.
    await addLayers(page, [['Dense', { units: '10', activation: 'softmax' }]]);
    const summary = page.getByRole('region', { name: 'Model summary' });
    await eventually(
      () => summary.textContent(),
      (text) => expect(text).toContain('Trainable params: 8,010Non-trainable params: 4,800'),
    );
    expect(await summary.textContent()).toContain('digits_0_4 (Functional)(None, 800)');
    await page.screenshot({ path: 'test-results/backbone.png', fullPage: true });

    const training = page.getByRole('region', { name: 'Training settings' });
    // The Input was made for the backbone's images, so the cell trains on MNIST.
    expect(await training.getByLabel('Dataset').inputValue()).toBe('mnist');
    await training.getByLabel('Samples').fill('2000');
    await training.getByLabel('Epochs').fill('2');
    await training.getByRole('button', { name: 'Train' }).click();
    const output = cell(page, 2).getByRole('region', { name: 'Output' });
    await output.getByText(/Test split/).waitFor({ timeout: 150_000 });
    // Features learned from digits 0–4, a linear head, 2,000 digits 0–9: well above chance (10 %).
    const accuracy = Number(/accuracy ([\d.]+) %/.exec((await output.textContent()) ?? '')![1]);
    console.log(`frozen digits 0–4 backbone, linear head, 2,000 MNIST digits, 2 epochs: test accuracy ${accuracy} %`);
    expect(accuracy).toBeGreaterThanOrEqual(85);
    expect(errors).toEqual([]);
  });
});
