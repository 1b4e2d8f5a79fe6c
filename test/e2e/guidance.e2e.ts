import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, newNotebook, useBrowser, watchErrors } from './app';

// Issue 25 as a newcomer meets it: choose MNIST, add the obvious layers by clicking, press Train.
// The editor guides the way (the Input takes the dataset's shape, the loss follows the labels, a
// mismatch is said with a fix) and the run reaches 97 % on the test digits with no setting changed.

const t = useBrowser();

const settings = (page: Page) => page.getByRole('region', { name: 'Training settings' });
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Layer settings' });
const node = (page: Page, className: string) =>
  page.getByRole('region', { name: 'Graph editor' }).locator(`.layer-node[data-layer="${className}"]`);
/** What the panel says about the model against its data and loss. */
const modelProblems = (page: Page) => settings(page).getByRole('status', { name: 'The model for this data' });

/** Clicks layers in the palette: each lands below the one selected before it, wired to it. */
async function clickLayers(page: Page, classNames: string[]) {
  const palette = page.getByRole('navigation', { name: 'Layers' });
  for (const className of classNames) {
    await palette.getByRole('button', { name: className, exact: true }).click();
    await inspector(page)
      .getByRole('heading', { name: new RegExp(` ${className}$`) })
      .waitFor();
  }
}

describe('a newcomer’s first CNN on MNIST', () => {
  it(
    'choosing MNIST sets the Input’s shape and the loss; the palette’s Dense is flagged until it is Dense(10, softmax); ' +
      'Train reaches 97 % with nothing else changed; a wrong loss is said, with a fix that applies',
    { timeout: 420_000 },
    async () => {
      const { page } = await newNotebook(t.context);
      const errors = watchErrors(page);
      await page.getByRole('button', { name: 'Add graph cell' }).click();
      const s = settings(page);
      await s.getByLabel('Dataset').selectOption('mnist');
      // The loss for integer classes, and MNIST's own run (the spiral's 400 samples would not reach 97 %).
      expect(await s.getByLabel('Loss').inputValue()).toBe('sparse_categorical_crossentropy');
      expect(Number(await s.getByLabel('Samples').inputValue())).toBeGreaterThan(400);

      await clickLayers(page, ['Input', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense']);
      expect(await node(page, 'Input').locator('.layer-node-shape').textContent()).toBe('(None, 28, 28, 1)');
      expect(await node(page, 'Conv2D').locator('.layer-node-shape').textContent()).toBe('(None, 26, 26, 32)');
      expect(await node(page, 'Flatten').locator('.layer-node-shape').textContent()).toBe('(None, 5408)');

      // The palette's Dense has 32 linear units: said on the panel and on the layer, and Train waits.
      const train = s.getByRole('button', { name: 'Train' });
      await eventually(
        () => modelProblems(page).textContent(),
        (text) => expect(text).toContain('MNIST digits has 10 classes, given as the numbers 0–9, but the last layer has 32 outputs'),
      );
      expect(await node(page, 'Dense').locator('.layer-node-misfit').textContent()).toMatch(/the last layer has 32 outputs/);
      expect(await train.isDisabled()).toBe(true);

      // The learner makes it Dense(10, softmax) in the inspector: nothing is left to fix.
      await inspector(page).getByLabel('units', { exact: true }).fill('10');
      await inspector(page).getByLabel('activation', { exact: true }).selectOption('softmax');
      await eventually(
        () => modelProblems(page).count(),
        (n) => expect(n).toBe(0),
      );
      expect(await node(page, 'Dense').locator('.layer-node-misfit').count()).toBe(0);

      const started = Date.now();
      await train.click();
      const report = page.getByRole('region', { name: 'Trained model' }).getByRole('table', { name: 'Test metrics' });
      await report.waitFor({ timeout: 360_000 });
      const caption = (await report.locator('caption').textContent()) ?? '';
      const accuracy = Number(/accuracy ([\d.]+) %/.exec(caption)![1]) / 100;
      console.log(`MNIST CNN as a newcomer builds it: test accuracy ${accuracy}, Train to report ${(Date.now() - started) / 1000} s`);
      expect(accuracy).toBeGreaterThanOrEqual(0.97);

      // A wrong loss: the panel and the output layer say why, in the learner's words, and the fix applies.
      await s.getByLabel('Loss').selectOption('binary_crossentropy');
      await eventually(
        () => modelProblems(page).textContent(),
        (text) => expect(text).toContain('MNIST digits has 10 classes, given as the numbers 0–9: binary_crossentropy is for two classes.'),
      );
      expect(await node(page, 'Dense').locator('.layer-node-misfit').textContent()).toMatch(/binary_crossentropy is for two classes/);
      expect(await train.isDisabled()).toBe(true);
      await modelProblems(page).getByRole('button', { name: 'Apply fix: Use sparse_categorical_crossentropy' }).click();
      expect(await s.getByLabel('Loss').inputValue()).toBe('sparse_categorical_crossentropy');
      await eventually(
        () => node(page, 'Dense').locator('.layer-node-misfit').count(),
        (n) => expect(n).toBe(0),
      );
      expect(await train.isEnabled()).toBe(true);
      expect(errors).toEqual([]);
    },
  );

  it('a graph built before choosing MNIST: the Input’s shape is offered, and the last layer’s fix sets units and activation', async () => {
    const { page } = await newNotebook(t.context);
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    // On the spiral (the default), a new Input takes its points' shape, which a convolution cannot take.
    await clickLayers(page, ['Input', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense']);
    expect(await node(page, 'Input').locator('.layer-node-shape').textContent()).toBe('(None, 2)');
    expect(await node(page, 'Conv2D').locator('.layer-node-shape').textContent()).toBe('?');
    const s = settings(page);
    await s.getByLabel('Dataset').selectOption('mnist');
    expect(await s.getByLabel('Loss').inputValue()).toBe('sparse_categorical_crossentropy');

    const offer = s.getByRole('button', { name: 'Set Input shape to 28, 28, 1' });
    await offer.waitFor();
    expect(await node(page, 'Input').locator('.layer-node-misfit').textContent()).toBe(
      'MNIST digits has examples of shape 28, 28, 1, but the Input takes 2.',
    );
    await offer.click();
    await eventually(
      () => node(page, 'Flatten').locator('.layer-node-shape').textContent(),
      (text) => expect(text).toBe('(None, 5408)'),
    );
    expect(await node(page, 'Conv2D').locator('.layer-node-error').count()).toBe(0);
    expect(await offer.count()).toBe(0);

    // The palette's Dense: one press makes it Dense(10, softmax), and the inspector shows it.
    await modelProblems(page).getByRole('button', { name: 'Apply fix: Set the last layer to Dense(10, softmax)' }).click();
    await eventually(
      () => node(page, 'Dense').locator('.layer-node-shape').textContent(),
      (text) => expect(text).toBe('(None, 10)'),
    );
    expect(await inspector(page).getByLabel('units', { exact: true }).inputValue()).toBe('10');
    expect(await inspector(page).getByLabel('activation', { exact: true }).inputValue()).toBe('softmax');
    expect(await modelProblems(page).count()).toBe(0);
    expect(await s.getByRole('button', { name: 'Train' }).isEnabled()).toBe(true);

    // Undo takes the layer back, and the panel says so again.
    await page.getByRole('button', { name: 'Undo' }).click();
    await modelProblems(page)
      .getByRole('button', { name: /^Apply fix/ })
      .waitFor();
  });
});
