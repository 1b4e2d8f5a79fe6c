import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addCodeCell,
  cell,
  codeText,
  eventually,
  newNotebook,
  outputText,
  runCell,
  setCode,
  typeInCode,
  useBackend,
  useBrowser,
} from './app';
import { addLayers, SPIRAL_MLP, selectLayer } from './graphHelpers';

const t = useBrowser();

const canvas = (page: Page) => page.getByRole('region', { name: 'Graph editor' });
const node = (page: Page, className: string) => canvas(page).locator(`.layer-node[data-layer="${className}"]`);

/** Drags a layer from the palette onto the canvas, at a point inside it. */
async function dropLayer(page: Page, className: string, x: number, y: number) {
  await page
    .getByRole('navigation', { name: 'Layers' })
    .getByRole('button', { name: className, exact: true })
    .dragTo(canvas(page), { targetPosition: { x, y } });
  await node(page, className).last().waitFor();
}

/** Drags from one layer's output handle to another's input handle, as a person wires them. */
async function wire(page: Page, from: Locator, to: Locator) {
  const source = await from.locator('.react-flow__handle-bottom').boundingBox();
  const target = await to.locator('.react-flow__handle-top').boundingBox();
  await page.mouse.move(source!.x + source!.width / 2, source!.y + source!.height / 2);
  await page.mouse.down();
  await page.mouse.move(target!.x + target!.width / 2, target!.y + target!.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function setField(page: Page, label: string, value: string) {
  const field = page.getByRole('complementary', { name: 'Layer settings' }).getByLabel(label, { exact: true });
  await field.fill(value);
}

describe('a graph cell, built by dragging', () => {
  it('builds a CNN whose summary matches tfjs, that code cells use by name; a wrong wire shows on the node; Undo restores', async () => {
    const { page } = await newNotebook(t.context);
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await canvas(page).waitFor();
    // Room to work: the editor fills the window, and layers are spread out on a grid.
    await page.getByRole('button', { name: 'Expand' }).click();
    const layers: Array<[string, number, number]> = [
      ['Input', 20, 20],
      ['Conv2D', 240, 20],
      ['MaxPooling2D', 460, 20],
      ['Flatten', 20, 240],
      ['Dense', 240, 240],
    ];
    for (const [className, x, y] of layers) await dropLayer(page, className, x, y);
    for (let i = 0; i < layers.length - 1; i++) {
      // A wired layer loses its "no input" message and shrinks, so handles move: a drag that
      // landed on a moving target is tried again, as a person would.
      for (let attempt = 0; (await canvas(page).locator('.react-flow__edge').count()) < i + 1 && attempt < 3; attempt++) {
        await page.waitForTimeout(200);
        await wire(page, node(page, layers[i][0]), node(page, layers[i + 1][0]));
        await page.waitForTimeout(200);
      }
    }
    await eventually(
      () => canvas(page).locator('.react-flow__edge').count(),
      (n) => expect(n).toBe(4),
    );

    await selectLayer(page, 'input_layer');
    await setField(page, 'shape', '28, 28, 1');
    await selectLayer(page, 'dense');
    await setField(page, 'units', '10');
    await page.getByRole('complementary', { name: 'Layer settings' }).getByLabel('activation', { exact: true }).selectOption('softmax');

    const summary = page.getByRole('region', { name: 'Model summary' });
    await eventually(
      () => summary.textContent(),
      (text) => expect(text).toContain('dense (Dense)(None, 10)'),
    );
    expect(await node(page, 'Conv2D').locator('.layer-node-shape').textContent()).toBe('(None, 26, 26, 32)');
    const total = Number(/Total params: ([\d,]+)/.exec((await summary.textContent()) ?? '')![1].replace(/,/g, ''));
    expect(total).toBe(320 + 13 * 13 * 32 * 10 + 10);

    // A code cell sees the model by its name, and the kernel's own count agrees with the summary.
    await page.getByRole('button', { name: 'Shrink' }).click();
    const code = await addCodeCell(
      page,
      'console.log(JSON.stringify(model1.predict(tf.zeros([1, 28, 28, 1])).shape));\nmodel1.countParams()',
    );
    await runCell(page, code, 90_000);
    await eventually(
      () => outputText(page, code),
      (text) => expect(text).toMatch(/\[1,10\][\s\S]*/),
    );
    expect(await outputText(page, code)).toContain(String(total));
    await eventually(
      () => page.locator('.graph-kernel-note').textContent(),
      (text) => expect(text).toMatch(/model1 is built in the kernel: 5 layers/),
    );

    // Wire a layer whose shape does not fit: the node explains, and Undo takes it back.
    await page.getByRole('button', { name: 'Expand' }).click();
    await dropLayer(page, 'Conv1D', 460, 240);
    await wire(page, node(page, 'Dense'), node(page, 'Conv1D'));
    await eventually(
      () => node(page, 'Conv1D').locator('.layer-node-error').textContent(),
      (text) => expect(text).toBe('Conv1D expects a sequence (steps, channels) (2 dimensions after the batch), but got (None, 10).'),
    );
    await page.getByRole('button', { name: 'Undo' }).click();
    // The wire is gone again; the lone Conv1D now says it needs an input.
    await eventually(
      () => canvas(page).locator('.react-flow__edge').count(),
      (n) => expect(n).toBe(4),
    );
    expect(await node(page, 'Conv1D').locator('.layer-node-error').textContent()).toBe(
      "Conv1D has no input: connect a layer's output to it.",
    );
    await page.getByRole('button', { name: 'Undo' }).click();
    await eventually(
      () => node(page, 'Conv1D').count(),
      (n) => expect(n).toBe(0),
    );
    await page.getByRole('button', { name: 'Redo' }).click();
    await eventually(
      () => node(page, 'Conv1D').count(),
      (n) => expect(n).toBe(1),
    );

    // All of it is saved in the notebook.
    await page.getByRole('button', { name: 'Shrink' }).click();
    await page.reload();
    await eventually(
      () => canvas(page).locator('.react-flow__edge').count(),
      (n) => expect(n).toBe(4),
    );
    expect(await node(page, 'Dense').locator('.layer-node-shape').textContent()).toBe('(None, 10)');
    expect(await cell(page, 2).getByLabel('Model name').inputValue()).toBe('model1');
  });
});

describe('Open as graph', () => {
  it('turns a functional model from a code cell into a graph cell with the same summary', async () => {
    const { page } = await newNotebook(t.context);
    await setCode(
      page,
      1,
      [
        'const x = tf.input({ shape: [32, 32, 16] });',
        "let h = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same' }).apply(x) as tf.SymbolicTensor;",
        'h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;',
        'const sum = tf.layers.add().apply([x, h]) as tf.SymbolicTensor;',
        'const pooled = tf.layers.globalAveragePooling2d({}).apply(sum) as tf.SymbolicTensor;',
        "const out = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor;",
        'const residual = tf.model({ inputs: x, outputs: out });',
        'residual',
      ].join('\n'),
    );
    await runCell(page, 1, 90_000);
    const output = cell(page, 1).getByRole('region', { name: 'Output' });
    const codeTotal = /Total params: ([\d,]+)/.exec((await output.textContent()) ?? '')![1];
    await output.getByRole('button', { name: 'Open as graph' }).click();

    const graphCell = cell(page, 2);
    await graphCell.getByRole('region', { name: 'Graph editor' }).locator('.layer-node').first().waitFor();
    expect(await graphCell.locator('.layer-node').count()).toBe(6);
    expect(await graphCell.getByLabel('Model name').inputValue()).toBe('model1');
    const summary = graphCell.getByRole('region', { name: 'Model summary' });
    expect(/Total params: ([\d,]+)/.exec((await summary.textContent()) ?? '')![1]).toBe(codeTotal);
    expect(await summary.textContent()).toContain('add (Add)(None, 32, 32, 16)');
    expect(await graphCell.locator('.layer-node-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await graphCell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/functional-graph.png', fullPage: true });
  });
});

describe('the graph editor without a mouse, and its exports', () => {
  it('builds and wires a two-branch model from the keyboard, and copies it as code that runs', async () => {
    const { page } = await newNotebook(t.context);
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    // Pressing a palette item adds the layer below the selected one, wired to it.
    await addLayers(page, [['Input', { shape: '8' }], ['Dense', { units: '4' }], ['Concatenate']]);
    // The second branch: Concatenate also takes the Input directly, wired from the inspector.
    await page
      .getByRole('complementary', { name: 'Layer settings' })
      .getByLabel('Connect input from')
      .selectOption({ label: 'input_layer' });
    await addLayers(page, [['Dense', { units: '1' }]]);

    const summary = page.getByRole('region', { name: 'Model summary' });
    await eventually(
      () => summary.textContent(),
      (text) => expect(text).toContain('concatenate (Concatenate)(None, 12)'),
    );
    expect(await summary.textContent()).toContain('Total params: 49');
    expect(await page.locator('.layer-node-error').count()).toBe(0);

    await page.getByRole('button', { name: 'Copy as Keras Python' }).click();
    const keras = await page.evaluate(() => navigator.clipboard.readText());
    expect(keras).toContain('concatenate = layers.Concatenate(axis=-1, name="concatenate")([dense, input_layer])');
    await page.getByRole('button', { name: 'Copy as tfjs code' }).click();
    const tfjs = await page.evaluate(() => navigator.clipboard.readText());
    const code = await addCodeCell(page, `${tfjs.replaceAll('model1', 'fromCode')}\nfromCode.countParams()`);
    await runCell(page, code, 90_000);
    await eventually(
      () => outputText(page, code),
      (text) => expect(text.trim()).toBe('49'),
    );
  });
});

describe('frozen layers', () => {
  it('a layer unticked as Trainable shows a lock, counts as non-trainable in summary and exports, and stays frozen on reload', async () => {
    const { page } = await newNotebook(t.context);
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await addLayers(page, SPIRAL_MLP);
    const summary = page.getByRole('region', { name: 'Model summary' });
    await eventually(
      () => summary.textContent(),
      (text) => expect(text).toContain('Total params: 1,185'),
    );
    expect(await summary.textContent()).toContain('Non-trainable params: 0');
    await selectLayer(page, 'dense');
    const settings = page.getByRole('complementary', { name: 'Layer settings' });
    const trainable = settings.getByRole('checkbox', { name: 'Trainable' });
    expect(await trainable.isChecked()).toBe(true);
    await trainable.uncheck();
    // dense: 2 × 32 weights and 32 biases, now kept as they are.
    await eventually(
      () => summary.textContent(),
      (text) => expect(text).toContain('Trainable params: 1,089Non-trainable params: 96'),
    );
    const lock = canvas(page).getByRole('img', { name: 'Frozen' });
    expect(await lock.count()).toBe(1);
    await page.screenshot({ path: 'test-results/frozen-layer.png' });
    await page.getByRole('button', { name: 'Copy as Keras Python' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      'for frozen in ["dense"]:\n    model1.get_layer(frozen).trainable = False',
    );
    await page.getByRole('button', { name: 'Copy as tfjs code' }).click();
    const tfjs = await page.evaluate(() => navigator.clipboard.readText());
    const code = await addCodeCell(page, `${tfjs.replaceAll('model1', 'fromCode')}\nfromCode.nonTrainableWeights.length`);
    await runCell(page, code, 90_000);
    await eventually(
      () => outputText(page, code),
      (text) => expect(text.trim()).toBe('2'),
    );
    // Saved with the notebook: after a reload the layer is still frozen.
    await eventually(
      () => page.getByText('All changes saved').count(),
      (n) => expect(n).toBe(1),
    );
    await page.reload();
    await eventually(
      () => page.getByRole('region', { name: 'Model summary' }).textContent(),
      (text) => expect(text).toContain('Non-trainable params: 96'),
    );
    await selectLayer(page, 'dense');
    expect(await page.getByRole('complementary', { name: 'Layer settings' }).getByRole('checkbox', { name: 'Trainable' }).isChecked()).toBe(
      false,
    );
  });
});

describe('training a graph cell', () => {
  it('a small MLP on the spiral reaches at least 95 % test accuracy, with live charts and a confusion matrix', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await addLayers(page, SPIRAL_MLP);

    const training = page.getByRole('region', { name: 'Training settings' });
    expect(await training.getByLabel('Dataset').inputValue()).toBe('spiral');
    expect(await training.getByLabel('Loss').inputValue()).toBe('binary_crossentropy');
    await training.getByLabel('Learning rate').fill('0.02');
    await training.getByLabel('Epochs').fill('250');
    // Unseeded, 2 of 40 starts ended at 93.75 % (one in a clean-clone run), the others at 97.5–100 %.
    // Train now seeds its weights, shuffling and Dropout from the settings' Seed (1 here), so this is
    // the same run every time; the last epoch can land off the best, so best weights are kept.
    expect(await training.getByLabel('Seed').inputValue()).toBe('1');
    await training.getByRole('checkbox', { name: 'Keep best weights' }).check();
    await training.getByRole('button', { name: 'Train' }).click();

    const output = cell(page, 2).getByRole('region', { name: 'Output' });
    await output.getByRole('region', { name: 'Loss chart' }).waitFor({ timeout: 60_000 });
    await output.getByRole('region', { name: 'Accuracy chart' }).waitFor();
    await output.getByText(/Test split/).waitFor({ timeout: 120_000 });
    const accuracy = Number(/accuracy ([\d.]+) %/.exec((await output.textContent()) ?? '')![1]);
    expect(accuracy).toBeGreaterThanOrEqual(95);
    // The confusion matrix: true classes down, predictions across, counting the 80 held-out points.
    const matrix = cell(page, 2).getByRole('region', { name: 'Confusion matrix' });
    await matrix.waitFor({ timeout: 20_000 });
    const cells = await matrix.locator('tbody td').allTextContents();
    expect(cells.reduce((sum, c) => sum + Number(c), 0)).toBe(80);
    expect(await matrix.locator('figcaption').textContent()).toMatch(/of 80 right/);

    // The trained model is there for code cells, by the graph's name.
    const code = await addCodeCell(page, 'JSON.stringify(model1.predict(tf.tensor2d([[0, 0]])).shape)');
    await runCell(page, code);
    expect(await outputText(page, code)).toContain('"[1,1]"');
  });

  it('Pause holds training and Resume continues it; Stop ends it', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await addLayers(page, [
      ['Input', { shape: '2' }],
      ['Dense', { units: '1', activation: 'sigmoid' }],
    ]);
    const training = page.getByRole('region', { name: 'Training settings' });
    await training.getByLabel('Epochs').fill('1000');
    // A schedule shows its curve before training: exponential decay ends at a tenth.
    await training.getByLabel('Schedule').selectOption('exponential');
    expect(await training.getByRole('img', { name: /^Learning rate from 0\.01 to 0\.001 over [\d]+ batches$/ }).count()).toBe(1);
    await training.getByRole('button', { name: 'Train' }).click();
    const progress = cell(page, 2).getByRole('progressbar', { name: 'Training progress' });
    await progress.waitFor({ timeout: 60_000 });
    await eventually(
      () => progress.getAttribute('aria-valuenow'),
      (v) => expect(Number(v)).toBeGreaterThan(0),
    );
    await training.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(500);
    const held = await progress.getAttribute('aria-valuenow');
    await page.waitForTimeout(1000);
    expect(await progress.getAttribute('aria-valuenow')).toBe(held);
    await training.getByRole('button', { name: 'Resume' }).click();
    await eventually(
      () => progress.getAttribute('aria-valuenow'),
      (v) => expect(Number(v)).toBeGreaterThan(Number(held)),
    );
    await training.getByRole('button', { name: 'Stop' }).click();
    await cell(page, 2).locator('.training-final').waitFor({ timeout: 20_000 });
    expect(await cell(page, 2).locator('.training-text').textContent()).toContain('stopped');
  });
});

describe('a graph cell beside code cells', () => {
  it('leaves code cells their keys: Space types a space, and Backspace deletes text, not the selected layer', async () => {
    const { page } = await newNotebook(t.context);
    await page.getByRole('button', { name: 'Add graph cell' }).click();
    await addLayers(page, [
      ['Input', { shape: '2' }],
      ['Dense', { units: '4' }],
    ]);
    // Dense is selected in the graph; the learner goes back to the code cell above and types.
    await typeInCode(page, 1, 'const total = 1 + 2;');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    expect(await codeText(page, 1)).toBe('const total = 1 + ');
    expect(await canvas(page).locator('.layer-node').count()).toBe(2);
    expect(await page.getByRole('complementary', { name: 'Layer settings' }).getByRole('heading').textContent()).toMatch(/^dense /);
  });
});
