import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SUBCLASSED_MODEL } from '../fixtures/keras/importCases';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, cell, eventually, newNotebook, useBrowser, watchErrors } from './app';

// Issue 27 from a learner's side: Keras code from a tutorial pasted in becomes a graph cell that
// trains here with the settings of its compile and fit; what cannot come over is said, with its line.

const t = useBrowser();

const KERAS_MNIST_CNN = `import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32")[..., None] / 255

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=15, validation_split=0.1)
`;

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Import Keras code' });
const settings = (page: Page) => page.getByRole('region', { name: 'Training settings' });

describe('Import Keras code', () => {
  it(
    'turns a Keras tutorial’s CNN into a graph cell with its compile and fit settings, which trains here',
    { timeout: 180_000 },
    async () => {
      const { page } = await newNotebook(t.context);
      const errors = watchErrors(page);

      // Code that cannot come over is refused with its line, the text kept, and no cell added.
      await page.getByRole('button', { name: 'Import Keras code' }).click();
      await dialog(page).getByRole('textbox', { name: 'Keras code' }).fill(SUBCLASSED_MODEL);
      await dialog(page).getByRole('button', { name: 'Import' }).click();
      const refusal = dialog(page).getByRole('alert');
      expect(await refusal.textContent()).toContain('Not imported. Line 12: MyModel is a subclassed model');
      expect(await dialog(page).getByRole('textbox', { name: 'Keras code' }).inputValue()).toBe(SUBCLASSED_MODEL);
      expect(await cell(page, 2).count()).toBe(0);

      await dialog(page).getByRole('textbox', { name: 'Keras code' }).fill(KERAS_MNIST_CNN);
      await dialog(page).getByRole('button', { name: 'Import' }).click();
      const status = dialog(page).getByRole('status');
      expect(await status.locator('p').first().textContent()).toBe('Imported as graph cell “model”: 8 layers, 34,826 parameters.');
      expect(await dialog(page).getByRole('list', { name: 'Import notes' }).textContent()).toContain('lines 4–5');
      await page.screenshot({ path: 'test-results/keras-import-dialog.png' });
      await dialog(page).getByRole('button', { name: 'Close' }).click();
      await dialog(page).waitFor({ state: 'detached' });

      const graphCell = cell(page, 2);
      expect(await graphCell.getByLabel('Model name').inputValue()).toBe('model');
      expect(await graphCell.getByText('Total params: 34,826').count()).toBe(1);
      // The pasted Python stays with the cell, folded, to read.
      await graphCell.getByText('Keras Python it was imported from').click();
      expect(await graphCell.getByLabel('Imported Keras Python').textContent()).toBe(KERAS_MNIST_CNN);
      const s = settings(page);
      expect(await s.getByLabel('Dataset').inputValue()).toBe('mnist');
      expect(await s.getByLabel('Optimizer').inputValue()).toBe('adam');
      expect(await s.getByLabel('Learning rate').inputValue()).toBe('0.001');
      expect(await s.getByLabel('Epochs').inputValue()).toBe('15');
      expect(await s.getByLabel('Batch size').inputValue()).toBe('128');
      expect(await s.getByLabel('Validation split').inputValue()).toBe('0.1');

      // It trains here: a small run, for the test's sake.
      await s.getByLabel('Samples').fill('2000');
      await s.getByLabel('Epochs').fill('1');
      await s.getByRole('button', { name: 'Train' }).click();
      const report = page.getByRole('region', { name: 'Trained model' }).getByRole('table', { name: 'Test metrics' });
      await report.waitFor({ timeout: 150_000 });
      const accuracy = Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1]);
      expect(accuracy).toBeGreaterThan(50);
      await page.screenshot({ path: 'test-results/keras-import-trained.png', fullPage: true });
      expect(errors).toEqual([]);
    },
  );

  it(
    'opens a .keras file saved by real Keras as a graph cell with its weights, and says what a broken file is',
    { timeout: 120_000 },
    async () => {
      const { page } = await newNotebook(t.context);
      const errors = watchErrors(page);
      await page.getByRole('button', { name: 'Import Keras code' }).click();
      const chooser = dialog(page).getByLabel('Open a saved model…');
      await chooser.setInputFiles({ name: 'broken.keras', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') });
      expect(await dialog(page).getByRole('alert').textContent()).toBe(
        'Could not open “broken.keras”. This .keras file is not a readable zip archive: was it cut short?',
      );
      expect(await cell(page, 2).count()).toBe(0);

      // Made by test/fixtures/keras/make_mnist_cnn.py with Keras 3.15.1.
      await chooser.setInputFiles('test/fixtures/keras/mnist_cnn.keras');
      const status = dialog(page).getByRole('status');
      expect(await status.locator('p').first().textContent()).toBe('Imported as graph cell “mnist_cnn”: 8 layers, 34,826 parameters.');
      // Its weights come too (model.weights.h5), on MNIST: the one dataset whose examples its Input takes.
      await eventually(
        async () => (await dialog(page).getByRole('list', { name: 'Import notes' }).textContent()) ?? '',
        (notes) => expect(notes).toContain('Loaded 6 weight tensors into mnist_cnn.'),
        30_000,
      );
      await page.screenshot({ path: 'test-results/keras-file-weights.png' });
      await dialog(page).getByRole('button', { name: 'Close' }).click();
      expect(await cell(page, 2).getByLabel('Model name').inputValue()).toBe('mnist_cnn');
      expect(await cell(page, 2).getByText('Total params: 34,826').count()).toBe(1);
      expect(await settings(page).getByLabel('Dataset').inputValue()).toBe('mnist');
      // Evaluated on MNIST's 2,000 test digits with the file's weights (untrained: about chance).
      const report = cell(page, 2).getByRole('table', { name: 'Test metrics' });
      await report.waitFor({ timeout: 60_000 });
      expect(await report.locator('caption').textContent()).toMatch(/^Test split: 2,000 examples/);
      expect(errors).toEqual([]);
    },
  );
});

describe('Export as Jupyter notebook', () => {
  it(
    'a trained graph cell downloads as an .ipynb and its weights; real Jupyter runs it, under tf.distribute when ticked, ' +
      'and Keras scores the browser’s weights as the browser did; Download model then Open a saved model brings the weights back',
    { timeout: 180_000 },
    async () => {
      const { page } = await newNotebook(t.context, 'Spirals in Keras');
      const errors = watchErrors(page);
      await page.getByRole('button', { name: 'Add graph cell' }).click();
      await page.getByRole('group', { name: 'Start from' }).getByRole('button', { name: 'MLP', exact: true }).click();
      const s = settings(page);
      await s.getByLabel('Epochs').fill('5');
      await s.getByRole('button', { name: 'Train' }).click();
      const report = page.getByRole('region', { name: 'Trained model' }).getByRole('table', { name: 'Test metrics' });
      await report.waitFor({ timeout: 60_000 });
      const browserAccuracy = Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1]);

      await page.getByRole('button', { name: 'Export as Jupyter notebook' }).click();
      const exportDialog = page.getByRole('dialog', { name: 'Export as Jupyter notebook' });
      const holds = exportDialog.getByRole('list', { name: 'What the export holds' });
      await holds.waitFor();
      const held = (await holds.textContent()) ?? '';
      expect(held, held).toMatch(/model1: its data \(spiral\), its Keras model, compile and fit/);
      const gpus = exportDialog.getByRole('checkbox', { name: 'Train on several GPUs (tf.distribute)' });
      expect(await gpus.isChecked()).toBe(false);
      await gpus.check();
      expect(await holds.textContent()).toContain('tf.distribute.MirroredStrategy()');
      await exportDialog.getByRole('checkbox', { name: 'Include trained weights' }).check();
      expect(await holds.textContent()).toContain(
        'model1: its data (spiral), its Keras model, its weights (model1.weights.npz), compile and fit',
      );
      await page.screenshot({ path: 'test-results/jupyter-export.png' });
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      await exportDialog.getByRole('button', { name: 'Download .ipynb' }).click();
      await exportDialog.getByRole('status').getByText('Downloaded “Spirals in Keras.ipynb”, “model1.weights.npz”.').waitFor();
      expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual(['Spirals in Keras.ipynb', 'model1.weights.npz']);
      // Beside each other in a folder, as a learner unpacks them.
      const folder = mkdtempSync(join(tmpdir(), 'layerbook-jupyter-e2e-'));
      for (const d of downloads) await d.saveAs(join(folder, d.suggestedFilename()));
      const path = join(folder, 'Spirals in Keras.ipynb');
      await exportDialog.getByRole('button', { name: 'Close' }).click();
      expect(await exportDialog.count()).toBe(0);

      // The downloaded files themselves, in a Jupyter kernel of the project's real TensorFlow and Keras.
      const run = JSON.parse(execFileSync('.venv/bin/python', ['test/python/run_notebook.py', path], { encoding: 'utf8' })) as {
        error: string | null;
        cells: Array<{ text: string }>;
      };
      rmSync(folder, { recursive: true, force: true });
      expect(run.error).toBeNull();
      const printed = run.cells.map((c) => c.text).join('\n');
      expect(printed).toContain('Devices training in sync: 1');
      // The MLP template's 1,000 spiral points, a fifth held out as in the browser.
      expect(printed).toMatch(/model1: 800 training examples, 200 test examples, input shape \(2,\)/);
      // The same 200 test points and the same weights: Keras gets the browser's test accuracy.
      const kerasAccuracy = Number(/Test split with Layerbook's weights: \{'accuracy': ([\d.]+)/.exec(printed)?.[1]);
      expect(kerasAccuracy * 100).toBeCloseTo(browserAccuracy, 1);
      expect(printed).toMatch(/Test split: \{.*'accuracy'/);

      // Download model, then Open a saved model with model.json and its .bin: the weights come too.
      const modelFiles: Download[] = [];
      page.on('download', (d) => modelFiles.push(d));
      await page.getByRole('button', { name: 'Download model' }).click();
      await eventually(
        async () => modelFiles.length,
        (n) => expect(n).toBe(2),
      );
      const saved = mkdtempSync(join(tmpdir(), 'layerbook-model-e2e-'));
      const paths = [];
      for (const d of modelFiles) {
        paths.push(join(saved, d.suggestedFilename()));
        await d.saveAs(paths[paths.length - 1]);
      }
      await page.getByRole('button', { name: 'Import Keras code' }).click();
      await dialog(page).getByLabel('Open a saved model…').setInputFiles(paths);
      await eventually(
        async () => (await dialog(page).getByRole('list', { name: 'Import notes' }).textContent()) ?? '',
        (notes) => expect(notes).toContain('Loaded 6 weight tensors into model2.'),
        30_000,
      );
      await dialog(page).getByRole('button', { name: 'Close' }).click();
      // The opened model scores the trained one's test split as it did: its weights came over. (It opened
      // with the default 400 spiral points; on the template's 1,000, Load weights evaluates it there.)
      const reopened = cell(page, 3);
      await reopened.getByRole('region', { name: 'Training settings' }).getByLabel('Samples').fill('1000');
      await reopened.getByLabel('Load weights (model.json with its .bin)').setInputFiles(paths);
      await eventually(
        async () => (await reopened.getByRole('table', { name: 'Test metrics' }).locator('caption').textContent()) ?? '',
        (caption) => expect(caption).toMatch(new RegExp(`^Test split: 200 examples .*accuracy ${browserAccuracy.toFixed(1)} %`)),
        30_000,
      );
      // Only now: the browser reads a picked file when the page reads it, not when it is picked.
      rmSync(saved, { recursive: true, force: true });
      expect(errors).toEqual([]);
    },
  );
});

describe('Open notebook file with a Jupyter notebook', () => {
  it(
    'a Keras tutorial’s .ipynb opens with its model as a graph cell (its Python folded under it) and a summary',
    { timeout: 60_000 },
    async () => {
      const page = await t.context.newPage();
      const errors = watchErrors(page);
      await page.goto(baseUrl());
      await page.getByLabel('Open notebook file').setInputFiles({
        name: 'mnist_convnet.ipynb',
        mimeType: 'application/x-ipynb+json',
        buffer: readFileSync('test/fixtures/keras/mnist_convnet.ipynb'),
      });
      await page.getByRole('textbox', { name: 'Notebook title' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Notebook title' }).inputValue()).toBe('mnist_convnet');
      const intro = (await cell(page, 1).textContent()) ?? '';
      expect(intro).toContain('Opened from the Jupyter notebook mnist_convnet.ipynb');
      expect(intro).toContain(
        '1 Keras model became graph cell (model), its Python kept with it, the compile and fit of 1 later cell as settings.',
      );
      expect(intro).toMatch(/Cell 10, line 5: not made a graph cell, kept as Python\. Residual is a subclassed model/);
      await cell(page, 1).screenshot({ path: 'test-results/jupyter-import-summary.png' });

      const graph = page.getByRole('region', { name: 'Model summary' });
      await graph.waitFor();
      // Keras's own count for this convnet.
      expect(await graph.textContent()).toContain('Total params: 34,826');
      const folded = page.getByText('Keras Python it was imported from');
      const python = page.getByLabel('Imported Keras Python');
      expect(await python.isVisible()).toBe(false);
      await folded.click();
      expect(await python.textContent()).toContain('layers.Conv2D(64, kernel_size=(3, 3), activation="relu")');
      const s = settings(page);
      expect(await s.getByLabel('Dataset').inputValue()).toBe('mnist');
      expect(await s.getByLabel('Epochs').inputValue()).toBe('2');
      expect(await s.getByLabel('Batch size').inputValue()).toBe('128');
      // Opened from a file, it is untrusted: Train waits until the learner trusts it, as code cells do.
      const train = s.getByRole('button', { name: 'Train' });
      expect(await train.isDisabled()).toBe(true);
      expect(await page.getByRole('region', { name: 'Untrusted notebook' }).textContent()).toContain('the file “mnist_convnet.ipynb”');
      await page.getByRole('button', { name: 'Trust and run' }).click();
      await eventually(
        () => train.isEnabled(),
        (enabled) => expect(enabled).toBe(true),
      );
      await folded.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/jupyter-import.png' });
      expect(errors).toEqual([]);
    },
  );
});
