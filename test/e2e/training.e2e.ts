import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cell, eventually, newNotebook, useBackend, useBrowser, waitSaved, watchErrors } from './app';
import { addLayers } from './graphHelpers';

// Issue 5 from a learner's side: MNIST, the charts' marks, Evaluate and its
// confusion matrix, Predict by drawing, saving and loading the model, run history.

const t = useBrowser();

const settings = (page: Page) => page.getByRole('region', { name: 'Training settings' });
const model = (page: Page) => page.getByRole('region', { name: 'Trained model' });

/** A graph cell (cell 2 of a new notebook) with a small CNN for 28×28 digits. */
async function mnistCnn(page: Page) {
  await page.getByRole('button', { name: 'Add graph cell' }).click();
  await addLayers(page, [
    ['Input', { shape: '28, 28, 1' }],
    ['Conv2D', { filters: '8', activation: 'relu' }],
    ['MaxPooling2D'],
    ['Flatten'],
    ['Dense', { units: '10', activation: 'softmax' }],
  ]);
}

/** Draws a stroke through the given points (fractions of the pad), as a mouse would. */
async function draw(page: Page, points: Array<[number, number]>) {
  const pad = page.getByLabel('Drawing pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 6 });
  await page.mouse.up();
}

describe('training a graph on MNIST', () => {
  it(
    'a CNN trained one epoch on a subset scores at least 90 %; the charts move; ' +
      'the confusion matrix opens the mistakes; a drawn 1 is read as 1',
    { timeout: 300_000 },
    async () => {
      const { page } = await newNotebook(t.context);
      const errors = watchErrors(page);
      // WebGL on purpose: 'auto' picks wasm on these machines (software WebGL), and this keeps a
      // CNN trained through the Train button covered on WebGL too.
      await useBackend(page, 'webgl');
      await mnistCnn(page);
      const s = settings(page);
      await s.getByLabel('Dataset').selectOption('mnist');
      expect(await s.getByLabel('Loss').inputValue()).toBe('sparse_categorical_crossentropy');
      await s.getByLabel('Samples').fill('6000');
      await s.getByLabel('Epochs').fill('1');
      await s.getByLabel('Batch size').fill('32');
      await s.getByLabel('Validation split').fill('0.1');
      await s.getByRole('button', { name: 'Train' }).click();

      // Live: the loss chart redraws while the epoch runs.
      const charts = cell(page, 2).locator('.training-charts');
      await charts.waitFor({ timeout: 60_000 });
      const first = Number(await charts.getAttribute('data-updates'));
      await eventually(
        async () => Number(await charts.getAttribute('data-updates')),
        (n) => expect(n).toBeGreaterThan(first + 2),
        60_000,
      );
      expect(await cell(page, 2).locator('.training-text').textContent()).toMatch(/Epoch 1\/1 · batch \d+\/169/);

      const matrix = cell(page, 2).getByRole('region', { name: 'Confusion matrix' });
      await matrix.waitFor({ timeout: 120_000 });
      const report = model(page).getByRole('table', { name: 'Test metrics' });
      const accuracy = Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1]);
      expect(accuracy).toBeGreaterThanOrEqual(90);
      expect(await report.locator('tbody tr').count()).toBe(11); // ten digits and the macro average
      expect(await matrix.locator('figcaption').textContent()).toMatch(/of 2000 right/);

      // The largest mistake: press it, and its digits are drawn.
      const mistakes = matrix.getByRole('button', { name: /predicted as/ });
      const labels = await mistakes.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      const wrong = labels
        .map((l) => /^(\d+) (\d) predicted as (\d)/.exec(l)!)
        .filter((m) => m[2] !== m[3])
        .sort((a, b) => Number(b[1]) - Number(a[1]))[0];
      await matrix.getByRole('button', { name: wrong[0] }).click();
      const samples = model(page).getByRole('region', { name: 'Samples' });
      await samples.waitFor();
      expect(await samples.locator('h4').textContent()).toContain(`of ${wrong[2]} predicted as ${wrong[3]}`);
      expect(await samples.getByRole('img').count()).toBe(Math.min(24, Number(wrong[1])));

      // Predict: a drawn vertical stroke is a 1.
      await model(page).getByRole('button', { name: 'Predict', exact: true }).click();
      const prediction = model(page).getByRole('region', { name: 'Prediction' });
      await prediction.waitFor();
      await draw(page, [
        [0.5, 0.15],
        [0.5, 0.5],
        [0.5, 0.85],
      ]);
      // The panel opened on a random test sample, which may itself be a 1: the drawing's answer has no true label.
      await eventually(
        async () => [await prediction.locator('figcaption').textContent(), await prediction.getByText('true label').count()] as const,
        ([text, truthLabels]) => {
          expect(text).toMatch(/^Predicted: 1 \(/);
          expect(truthLabels).toBe(0);
        },
      );
      await page.screenshot({ path: 'test-results/mnist-confusion.png', fullPage: false });
      expect(errors).toEqual([]);
    },
  );
});

describe('callbacks, history and saved models', () => {
  it('EarlyStopping stops a run and the charts mark it; runs pile up in the history', { timeout: 180_000 }, async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await addLayers(page, [
      ['Input', { shape: '2' }],
      ['Dense', { units: '8', activation: 'relu' }],
      ['Dense', { units: '1', activation: 'sigmoid' }],
    ]);
    const s = settings(page);
    await s.getByLabel('Dataset').selectOption('gaussian');
    // TF Playground's Noise, for the generated sets only; Momentum for SGD only.
    expect(await s.getByLabel('Noise').inputValue()).toBe('0.05');
    expect(await s.getByLabel('Momentum').count()).toBe(0);
    await s.getByLabel('Epochs').fill('300');
    // Two blobs are soon told apart: validation accuracy reaches its best and can only stay there.
    // (A rate too high to improve the loss can overflow it instead, and the NaN guard would stop the run.)
    await s.getByLabel('Learning rate').fill('0.05');
    await s.getByLabel('Monitor').selectOption('val_accuracy');
    await s.getByLabel('Patience').fill('3');
    expect(await s.getByLabel('Restore best weights').isDisabled()).toBe(true);
    await s.getByLabel(/EarlyStopping/).check();
    expect(await s.getByLabel('Restore best weights').isChecked()).toBe(true);
    await s.getByRole('button', { name: 'Train' }).click();

    const out = cell(page, 2).getByRole('region', { name: 'Output' });
    await out.getByText(/Early stopping/).waitFor({ timeout: 120_000 });
    const stoppedAt = Number(/at epoch (\d+)/.exec((await out.locator('p', { hasText: 'Early stopping' }).textContent())!)![1]);
    expect(stoppedAt).toBeLessThan(300);
    const loss = out.getByRole('region', { name: 'Loss chart' }).getByRole('img');
    // The charts redraw at most five times a second: the last redraw may follow the text by a moment.
    await eventually(
      () => loss.getAttribute('aria-label'),
      (label) => expect(label).toContain(`early stop (epoch ${stoppedAt})`),
    );
    expect(await loss.getAttribute('aria-label')).toMatch(/best \(epoch \d+\)/);
    expect(await out.locator('p', { hasText: 'Early stopping' }).textContent()).toContain('val_acc had not improved for 3 epochs');
    expect(await out.getByRole('list', { name: 'Marked on the charts' }).textContent()).toContain('weights restored');
    // The learning rate has its own chart.
    await out.getByRole('region', { name: 'Learning rate chart' }).waitFor();
    // Smoothing 0 draws the raw per-batch values, as TensorBoard's slider does.
    expect(await loss.getAttribute('aria-label')).toContain('per batch (smoothed)');
    await out.getByLabel('Smoothing').fill('0');
    await eventually(
      () => loss.getAttribute('aria-label'),
      (label) => expect(label).toMatch(/latest per batch [\d.e-]+,/),
    );

    const history = cell(page, 2).getByRole('region', { name: 'Run history' });
    await history.waitFor();
    expect(await history.locator('tbody tr').count()).toBe(1);
    expect(await history.locator('tbody tr').first().textContent()).toContain('early stop');
    // The run's final metrics beside its loss.
    expect(await history.locator('tbody tr').first().textContent()).toMatch(/acc [\d.]+, val_acc [\d.]+/);
    await s.getByLabel('Learning rate').fill('0.01');
    await s.getByLabel(/EarlyStopping/).uncheck();
    await s.getByLabel('Epochs').fill('5');
    await s.getByLabel('Noise').fill('0.2');
    await s.getByLabel('Optimizer').selectOption('sgd');
    expect(await s.getByLabel('Momentum').inputValue()).toBe('0.9');
    await s.getByLabel('Momentum').fill('0.5');
    // A schedule sets the rate at every batch, so ReduceLROnPlateau is switched off under one, and says so.
    await s.getByLabel('Schedule', { exact: true }).selectOption('cosine');
    expect(await s.getByLabel('ReduceLROnPlateau').isDisabled()).toBe(true);
    await s.getByLabel('Schedule', { exact: true }).selectOption('constant');
    expect(await s.getByLabel('ReduceLROnPlateau').isDisabled()).toBe(false);
    await s.getByRole('button', { name: 'Train' }).click();
    await eventually(
      () => history.locator('tbody tr').count(),
      (n) => expect(n).toBe(2),
      60_000,
    );
    expect(await history.locator('tbody tr').nth(1).textContent()).toMatch(/sgd \(momentum 0\.5\)0\.01.*5\/5/);
    expect(await history.getByRole('img').getAttribute('aria-label')).toMatch(/run 1 .*run 2 /);
  });

  it(
    'a half-typed setting keeps its text and costs no other field; Train names the field to fix; the run takes what was typed',
    { timeout: 120_000 },
    async () => {
      const { page } = await newNotebook(t.context);
      const errors = watchErrors(page);
      await useBackend(page, 'cpu');
      await page.getByRole('button', { name: 'Add graph cell' }).click();
      await addLayers(page, [
        ['Input', { shape: '2' }],
        ['Dense', { units: '8', activation: 'relu' }],
        ['Dense', { units: '1', activation: 'sigmoid' }],
      ]);
      const s = settings(page);
      const train = s.getByRole('button', { name: 'Train' });
      await s.getByLabel('Epochs').fill('7');
      await s.getByLabel('Batch size').fill('64');
      // 0.001 typed over the default key by key, as a learner does: on the way it reads 0, which no run can take.
      const rate = s.getByLabel('Learning rate');
      await rate.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('0');
      expect(await rate.inputValue()).toBe('0');
      expect(await rate.getAttribute('aria-invalid')).toBe('true');
      expect(await s.getByLabel('Epochs').inputValue()).toBe('7');
      expect(await s.getByLabel('Batch size').inputValue()).toBe('64');
      // The field's message is its accessible description.
      const described = await rate.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${described}"]`).textContent()).toBe('Learning rate must be a number above 0, at most 10.');
      expect(await train.isDisabled()).toBe(true);
      expect(await train.getAttribute('title')).toBe('Fix Learning rate first');
      expect(await s.getByRole('status', { name: 'Settings to fix' }).textContent()).toMatch(
        /^Train needs one setting fixed: Learning rate must be a number above 0, at most 10\. Use the default \(0\.01\)\s*$/,
      );
      await rate.click();
      await page.keyboard.press('End');
      await page.keyboard.type('.001');
      expect(await rate.inputValue()).toBe('0.001');
      expect(await rate.getAttribute('aria-invalid')).toBeNull();
      expect(await s.getByRole('status', { name: 'Settings to fix' }).count()).toBe(0);
      expect(await train.isDisabled()).toBe(false);
      expect(await s.getByLabel('Epochs').inputValue()).toBe('7');

      // An emptied field is kept as it is, across a reload, and only it waits to be filled.
      await s.getByLabel('Epochs').fill('');
      await waitSaved(page);
      await page.reload();
      await s.getByLabel('Epochs').waitFor();
      expect(await s.getByLabel('Epochs').inputValue()).toBe('');
      expect(await s.getByLabel('Batch size').inputValue()).toBe('64');
      expect(await rate.inputValue()).toBe('0.001');
      expect(await s.getByRole('status', { name: 'Settings to fix' }).textContent()).toMatch(
        /^Train needs one setting fixed: Epochs must be a whole number from 1 to 1,000\. Use the default \(50\)\s*$/,
      );
      await s.getByLabel('Epochs').fill('3');
      // A field the run does not use cannot hold Train back: SGD's momentum, left empty, then Adam again.
      await s.getByLabel('Optimizer').selectOption('sgd');
      await s.getByLabel('Momentum').fill('');
      expect(await train.isDisabled()).toBe(true);
      await s.getByLabel('Optimizer').selectOption('adam');
      expect(await s.getByLabel('Momentum').count()).toBe(0);
      expect(await train.isDisabled()).toBe(false);
      await train.click();
      const history = cell(page, 2).getByRole('region', { name: 'Run history' });
      await eventually(
        () => history.locator('tbody tr').count(),
        (n) => expect(n).toBe(1),
        60_000,
      );
      // The run trained with the rate, batch size and epochs typed: no default stood in for any of them.
      const row = history.locator('tbody tr').first().locator('td');
      await eventually(
        () => row.allTextContents(),
        (cells) => expect(cells.slice(0, 4)).toEqual(['spiral', 'adam', '0.001', '64']),
      );
      expect(await row.nth(4).textContent()).toBe('3/3');
      expect(errors).toEqual([]);
    },
  );

  it('a loss that blows up stops the run with the batch and the likely cause; the next run trains', { timeout: 120_000 }, async () => {
    const { page } = await newNotebook(t.context);
    const errors = watchErrors(page);
    await useBackend(page, 'cpu');
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await addLayers(page, [
      ['Input', { shape: '30, 1' }],
      ['Flatten'],
      ['Dense', { units: '32', activation: 'relu' }],
      ['Dense', { units: '1' }],
    ]);
    const s = settings(page);
    await s.getByLabel('Dataset').selectOption('sine');
    expect(await s.getByLabel('Loss').inputValue()).toBe('mse');
    await s.getByLabel('Optimizer').selectOption('sgd');
    await s.getByLabel('Learning rate').fill('10');
    await s.getByLabel('Epochs').fill('5');
    await s.getByRole('button', { name: 'Train' }).click();
    const out = cell(page, 2).getByRole('region', { name: 'Output' });
    const stopped = out.getByText(/Training stopped: the loss became (NaN|infinite)/);
    await stopped.waitFor({ timeout: 60_000 });
    expect(await stopped.textContent()).toMatch(/at epoch 1, batch \d+\. The likely cause: the learning rate \(10\) is high: try 1\.$/);
    // A graph cell has no code lines to point at.
    expect(await out.locator('.error-head').textContent()).not.toMatch(/\(line \d+\)/);
    const history = cell(page, 2).getByRole('region', { name: 'Run history' });
    await history.locator('tbody tr').first().waitFor();
    expect(await history.locator('tbody tr').first().textContent()).toMatch(/stopped$/);
    // Nothing is lost: with a sane rate the same cell trains to the end.
    await s.getByLabel('Learning rate').fill('0.01');
    await s.getByRole('button', { name: 'Train' }).click();
    await eventually(
      () => history.locator('tbody tr').count(),
      (n) => expect(n).toBe(2),
      60_000,
    );
    expect(await history.locator('tbody tr').nth(1).textContent()).toMatch(/5\/5.*done$/);
    expect(errors).toEqual([]);
  });

  it(
    'Save model keeps it in the browser across a reload; Download model writes model.json and its weights, ' +
      'which load into another notebook’s graph of the same layers',
    async () => {
      const { page, url } = await newNotebook(t.context);
      await useBackend(page, 'cpu');
      await page.getByRole('button', { name: 'Add graph cell' }).click();
      await addLayers(page, [
        ['Input', { shape: '2' }],
        ['Dense', { units: '8', activation: 'relu' }],
        ['Dense', { units: '2', activation: 'softmax' }],
      ]);
      const s = settings(page);
      await s.getByLabel('Dataset').selectOption('gaussian');
      expect(await s.getByLabel('Loss').inputValue()).toBe('sparse_categorical_crossentropy');
      await s.getByLabel('Epochs').fill('20');
      await s.getByRole('button', { name: 'Train' }).click();
      const caption = model(page).getByRole('table', { name: 'Test metrics' }).locator('caption');
      await caption.waitFor({ timeout: 60_000 });
      const trained = await caption.textContent();

      await model(page).getByRole('button', { name: 'Save model' }).click();
      await model(page)
        .getByText(/Saved model1 in this browser/)
        .waitFor();

      const downloads: string[] = [];
      const folder = mkdtempSync(join(tmpdir(), 'layerbook-download-'));
      page.on('download', (d) => {
        downloads.push(d.suggestedFilename());
        void d.saveAs(join(folder, d.suggestedFilename()));
      });
      await model(page).getByRole('button', { name: 'Download model' }).click();
      await eventually(
        async () => downloads.length,
        (n) => expect(n).toBe(2),
      );
      expect(downloads.sort()).toEqual(['model1.json', 'model1.weights.bin']);

      // The downloaded files load into another notebook's graph of the same layers, which then scores the same.
      const other = (await newNotebook(t.context)).page;
      await useBackend(other, 'cpu');
      await other.getByRole('button', { name: 'Add graph cell' }).click();
      await addLayers(other, [
        ['Input', { shape: '2' }],
        ['Dense', { units: '8', activation: 'relu' }],
        ['Dense', { units: '2', activation: 'softmax' }],
      ]);
      await settings(other).getByLabel('Dataset').selectOption('gaussian');
      const files = ['model1.json', 'model1.weights.bin'].map((f) => join(folder, f));
      await eventually(
        async () => files.filter((f) => existsSync(f)).length,
        (n) => expect(n).toBe(2),
      );
      await model(other).getByLabel('Load weights (model.json with its .bin)').setInputFiles(files);
      await model(other)
        .getByText(/Loaded 4 weight tensors into model1/)
        .waitFor({ timeout: 30_000 });
      await model(other).getByRole('button', { name: 'Evaluate' }).click();
      await eventually(
        () => model(other).getByRole('table', { name: 'Test metrics' }).locator('caption').textContent(),
        (c) => expect(c).toBe(trained),
        30_000,
      );
      await other.close();
      rmSync(folder, { recursive: true, force: true });

      // A reload: a new kernel, fresh weights; the saved model comes back with the same test results.
      await page.goto(url);
      await useBackend(page, 'cpu');
      await model(page).getByRole('button', { name: 'Load saved model' }).click();
      await model(page)
        .getByText(/Loaded 4 weight tensors into model1/)
        .waitFor({ timeout: 30_000 });
      await eventually(
        () => model(page).getByRole('table', { name: 'Test metrics' }).locator('caption').textContent(),
        (c) => expect(c).toBe(trained),
        30_000,
      );
    },
  );

  it('trains on the learner’s own CSV: columns picked, a preview, a test split, a report', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await addLayers(page, [
      ['Input', { shape: '2' }],
      ['Dense', { units: '16', activation: 'relu' }],
      ['Dense', { units: '3', activation: 'softmax' }],
    ]);
    // Three kinds of flower by two measurements, sorted by kind as such files often are, with an id column to leave out.
    const rows = Array.from({ length: 150 }, (_, i) => {
      const kind = Math.floor(i / 50);
      return (
        `${i},${(kind * 3 + Math.sin(i) * 0.8).toFixed(2)},` +
        `${(10 - kind * 2 + Math.cos(i * 1.7) * 0.6).toFixed(2)},${['setosa', 'versicolor', 'virginica'][kind]}`
      );
    });
    const s = settings(page);
    await s.getByLabel('Dataset').selectOption('user');
    await s
      .getByLabel('CSV file')
      .setInputFiles({ name: 'flowers.csv', mimeType: 'text/csv', buffer: Buffer.from(['id,petal,sepal,species', ...rows].join('\n')) });
    await s.getByRole('checkbox', { name: 'id' }).uncheck();
    expect(await s.getByLabel('Label column').inputValue()).toBe('species');
    await s.getByRole('button', { name: 'Use this data' }).click();
    await s
      .getByText(/flowers\.csv: 150 rows, 2 features, label species \(3 classes\)/)
      .first()
      .waitFor();
    await s.getByRole('button', { name: 'Preview data' }).click();
    const preview = s.getByRole('region', { name: 'Dataset preview' });
    expect(await preview.textContent()).toContain('Test 30');
    expect(await s.getByLabel('Loss').inputValue()).toBe('sparse_categorical_crossentropy');
    await s.getByLabel('Epochs').fill('40');
    await s.getByLabel('Learning rate').fill('0.03');
    await s.getByRole('button', { name: 'Train' }).click();
    const report = model(page).getByRole('table', { name: 'Test metrics' });
    await report.waitFor({ timeout: 60_000 });
    expect(await report.locator('tbody th').allTextContents()).toEqual(['setosa', 'versicolor', 'virginica', 'macro average']);
    const accuracy = Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1]);
    expect(accuracy).toBeGreaterThanOrEqual(90);
  });

  it('trains on a folder of images, a sub-folder per class, and predicts a drawing', async () => {
    // Two classes a learner could draw: a vertical bar and a horizontal bar, at varied places.
    const folder = mkdtempSync(join(tmpdir(), 'layerbook-images-'));
    for (const kind of ['vertical', 'horizontal']) {
      mkdirSync(join(folder, 'bars', kind), { recursive: true });
      for (let i = 0; i < 30; i++) {
        const at = 4 + (i % 8);
        writeFileSync(
          join(folder, 'bars', kind, `${i}.bmp`),
          bmp(20, 20, (x, y) => (kind === 'vertical' ? Math.abs(x - at) <= 1 : Math.abs(y - at) <= 1)),
        );
      }
    }
    try {
      const { page } = await newNotebook(t.context);
      await useBackend(page, 'cpu');
      await page.getByRole('button', { name: 'Add graph cell' }).click();
      await addLayers(page, [
        ['Input', { shape: '28, 28, 1' }],
        ['Flatten'],
        ['Dense', { units: '16', activation: 'relu' }],
        ['Dense', { units: '2', activation: 'softmax' }],
      ]);
      const s = settings(page);
      await s.getByLabel('Dataset').selectOption('user');
      await s.getByLabel('Colour').selectOption('1');
      await s.getByLabel('Image size').selectOption('28');
      await s.getByLabel('Image folder').setInputFiles(join(folder, 'bars'));
      await s
        .getByText(/60 images, 2 classes \(horizontal, vertical\), 28 × 28 grey/)
        .first()
        .waitFor({ timeout: 20_000 });
      await s.getByRole('button', { name: 'Preview data' }).click();
      expect(await s.getByRole('region', { name: 'Dataset preview' }).getByRole('img').count()).toBeGreaterThan(3);
      await s.getByLabel('Epochs').fill('30');
      await s.getByRole('button', { name: 'Train' }).click();
      const report = model(page).getByRole('table', { name: 'Test metrics' });
      await report.waitFor({ timeout: 60_000 });
      expect(Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1])).toBeGreaterThanOrEqual(90);
      await model(page).getByRole('button', { name: 'Predict', exact: true }).click();
      await draw(page, [
        [0.1, 0.5],
        [0.5, 0.5],
        [0.9, 0.5],
      ]);
      const prediction = model(page).getByRole('region', { name: 'Prediction' });
      await eventually(
        () => prediction.locator('figcaption').textContent(),
        (text) => expect(text).toMatch(/^Predicted: horizontal/),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** A 24-bit BMP of white ink (where `ink` says) on black. */
function bmp(width: number, height: number, ink: (x: number, y: number) => boolean): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + row * height);
  out.write('BM', 0);
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // BMP rows run bottom-up.
      if (ink(x, y)) out.fill(255, 54 + (height - 1 - y) * row + x * 3, 54 + (height - 1 - y) * row + x * 3 + 3);
    }
  }
  return out;
}
