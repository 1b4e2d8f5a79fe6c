import { describe, expect, it } from 'vitest';
import { addCodeCell, baseUrl, cell, eventually, newNotebook, outputText, runCell, useBrowser, watchErrors } from './app';
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

  it(
    'the Transfer learning tutorial: a head on the frozen backbone, a fine-tune that goes on from it, ' +
      'the same network from scratch, in one run history',
    { timeout: 240_000 },
    async () => {
      const page = await t.context.newPage();
      const errors = watchErrors(page);
      await page.goto(baseUrl());
      await page.getByRole('region', { name: 'Learn' }).getByRole('link', { name: 'Transfer learning' }).click();
      await page.getByRole('textbox', { name: 'Notebook title' }).waitFor();
      const transfer = cell(page, 2);
      const training = transfer.getByRole('region', { name: 'Training settings' });
      const output = transfer.getByRole('region', { name: 'Output' });
      const history = transfer.getByRole('region', { name: 'Run history' });
      const fineTune = transfer.getByRole('region', { name: 'Fine-tune' });
      const rows = history.locator('tbody tr');
      const accuracyOf = (text: string | null) => Number(/accuracy ([\d.]+) %/.exec(text ?? '')![1]);

      // Phase one, as shipped: the head on the frozen backbone.
      await training.getByRole('button', { name: 'Train', exact: true }).click();
      await output.getByText(/Test split/).waitFor({ timeout: 60_000 });
      const frozen = accuracyOf(await output.textContent());
      await eventually(
        () => rows.count(),
        (n) => expect(n).toBe(1),
      );

      // Phase two: the block trainable but its first convolution, then Fine-tune at the suggested tenth of the rate.
      await transfer.locator('.layer-node[data-layer="Functional"]').click();
      const settings = transfer.getByRole('complementary', { name: 'Layer settings' });
      await settings.getByRole('checkbox', { name: 'Trainable', exact: true }).check();
      await settings
        .getByRole('list', { name: 'Layers of digits_0_4' })
        .getByRole('checkbox', { name: 'Trainable: conv2d', exact: true })
        .uncheck();
      await eventually(
        () => transfer.getByRole('region', { name: 'Model summary' }).textContent(),
        (text) => expect(text).toContain('Trainable params: 8,645Non-trainable params: 160'),
      );
      expect(await fineTune.getByLabel('Fine-tune learning rate').inputValue()).toBe('0.0005');
      expect(await fineTune.getByLabel('Fine-tune epochs').inputValue()).toBe('6');
      await fineTune.getByRole('button', { name: 'Fine-tune' }).click();
      // One run, two phases: its row says so, with the rate and the test accuracy before and after.
      await eventually(
        () => rows.first().textContent(),
        (text) => expect(text).toMatch(/6 \+ 6 \(fine-tuned\).*%\s*→\s*[\d.]+ %/),
        60_000,
      );
      expect(await rows.count()).toBe(1);
      const first = (await rows.first().textContent()) ?? '';
      expect(first).toContain('digits_0_4: pretrained, frozen → digits_0_4: pretrained, 1 of 2 layers trainable');
      expect(first).toContain('0.005 → 0.0005');
      // The test column: before the fine-tune, then after it.
      const testCell = (row: number) => rows.nth(row).locator('td').nth(9).textContent();
      const [before, after] = [...((await testCell(0)) ?? '').matchAll(/([\d.]+) %/g)].map((m) => Number(m[1]));
      expect(before).toBe(frozen);
      // The charts go on from the first phase, and the learning rate's marks the switch.
      const lr = transfer.getByRole('region', { name: 'Learning rate chart' }).getByRole('img');
      expect(await lr.getAttribute('aria-label')).toMatch(/learning rate 0\.0005; marked: fine-tune \(epoch 6\)/);
      expect(await transfer.getByRole('list', { name: 'Marked on the charts' }).textContent()).toContain(
        'epoch 6: fine-tune from here: learning rate 0.0005',
      );
      await transfer.locator('.training').screenshot({ path: 'test-results/fine-tune-charts.png' });

      // The same network from scratch: fresh weights, every layer trainable, a new Train.
      await settings.getByLabel('Start from').selectOption('fresh');
      await settings
        .getByRole('list', { name: 'Layers of digits_0_4' })
        .getByRole('checkbox', { name: 'Trainable: conv2d', exact: true })
        .check();
      await training.getByRole('button', { name: 'Train', exact: true }).click();
      await eventually(
        () => rows.count(),
        (n) => expect(n).toBe(2),
        60_000,
      );
      await eventually(
        () => rows.nth(1).textContent(),
        (text) => expect(text).toMatch(/\d %\s*done/),
        30_000,
      );
      const second = (await rows.nth(1).textContent()) ?? '';
      expect(second).toContain('digits_0_4: fresh, all layers trainable');
      expect(second).toContain('6/6');
      const scratch = Number(/([\d.]+) %/.exec((await testCell(1)) ?? '')![1]);
      console.log(`tutorial 13 in the browser: frozen ${frozen} %, fine-tuned ${after} %, from scratch ${scratch} %`);
      expect(frozen).toBeGreaterThanOrEqual(80);
      expect(after).toBeGreaterThanOrEqual(frozen - 1);
      expect(scratch).toBeLessThan(frozen);
      await history.getByLabel('Compare').selectOption('acc');
      await history.screenshot({ path: 'test-results/run-history-transfer.png' });
      expect(errors).toEqual([]);
    },
  );

  it(
    'a model saved in this browser becomes a backbone, with its weights; a model file with layers Layerbook lacks names them',
    {
      timeout: 180_000,
    },
    async () => {
      // A small model trained and saved in one notebook…
      const first = await newNotebook(t.context);
      const errors = watchErrors(first.page);
      await first.page.getByRole('button', { name: 'Add graph cell' }).click();
      await addLayers(first.page, [
        ['Input', { shape: '2' }],
        ['Dense', { units: '8', activation: 'relu' }],
        ['Dense', { units: '2', activation: 'softmax' }],
      ]);
      const firstTraining = first.page.getByRole('region', { name: 'Training settings' });
      await firstTraining.getByLabel('Dataset').selectOption('gaussian');
      await firstTraining.getByRole('button', { name: 'Train', exact: true }).click();
      const trained = first.page.getByRole('region', { name: 'Trained model' });
      await trained.getByRole('table', { name: 'Test metrics' }).waitFor({ timeout: 60_000 });
      await trained.getByRole('button', { name: 'Save model' }).click();
      await trained.getByText(/Saved model1 in this browser/).waitFor();
      const firstWeights = "console.log(model1.getLayer('dense').getWeights()[0].dataSync().slice(0, 4).join(' '))";
      const printed = await addCodeCell(first.page, firstWeights);
      await runCell(first.page, printed);
      const saved = (await outputText(first.page, printed)).trim();
      expect(saved).toMatch(/^-?\d/);

      // … is offered as a backbone in another.
      const { page } = await newNotebook(t.context);
      errors.push(...watchErrors(page));
      await page.getByRole('button', { name: 'Add graph cell' }).click();
      await cell(page, 2).getByRole('button', { name: 'Use a model as a backbone' }).click();
      const dialog = page.getByRole('dialog', { name: 'Use a model as a backbone' });
      // A model.json with a layer Layerbook does not have is refused, naming it.
      const odd = {
        modelTopology: {
          class_name: 'Sequential',
          config: {
            name: 'odd',
            layers: [
              { class_name: 'InputLayer', config: { batch_input_shape: [null, 2], name: 'input' } },
              { class_name: 'FancyLayer', config: { name: 'fancy' } },
              { class_name: 'Dense', config: { name: 'out', units: 2 } },
            ],
          },
        },
        weightsManifest: [{ paths: ['odd.weights.bin'], weights: [] }],
      };
      await dialog.getByLabel('Open a model.json and its weights').setInputFiles([
        { name: 'odd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(odd)) },
        { name: 'odd.weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
      ]);
      expect(await dialog.getByRole('alert').textContent()).toBe('This model has layers Layerbook does not have: FancyLayer.');
      await dialog.screenshot({ path: 'test-results/backbone-dialog.png' });
      await dialog.getByRole('list', { name: 'Saved models' }).getByRole('button', { name: 'Use model1' }).click();
      await dialog.waitFor({ state: 'detached' });
      const block = page.getByRole('region', { name: 'Graph editor' }).locator('.layer-node[data-layer="Functional"]');
      expect(await block.locator('.layer-node-name').textContent()).toBe('model1');
      // Cut before its own output layer: its 8 hidden features.
      expect(await block.locator('.layer-node-block').textContent()).toBe('1 layer, cut at dense');
      await addLayers(page, [['Dense', { units: '2', activation: 'softmax' }]]);
      const training = page.getByRole('region', { name: 'Training settings' });
      await training.getByLabel('Dataset').selectOption('gaussian');
      await training.getByRole('button', { name: 'Train', exact: true }).click();
      const output = cell(page, 2).getByRole('region', { name: 'Output' });
      // Train loads the saved weights from this browser's storage into the block (a missing one would fail the run, saying so).
      await output.getByText(/Test split/).waitFor({ timeout: 60_000 });
      const accuracy = Number(/accuracy ([\d.]+) %/.exec((await output.textContent()) ?? '')![1]);
      console.log(`a saved gaussian model's hidden layer as a frozen backbone, new head: test accuracy ${accuracy} %`);
      expect(accuracy).toBeGreaterThanOrEqual(80);
      // The block holds the saved model's trained weights, not fresh ones (and, frozen, still holds them after the Train).
      const inBlock = await addCodeCell(
        page,
        "console.log(model1.getLayer('model1').getLayer('dense').getWeights()[0].dataSync().slice(0, 4).join(' '))",
      );
      await runCell(page, inBlock);
      expect((await outputText(page, inBlock)).trim()).toBe(saved);
      expect(errors).toEqual([]);
    },
  );
});
