#!/usr/bin/env node
// Makes docs/screenshot.png: the production build, driven as a person would,
// caught while a cell trains. Run `npm run build` first.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const flags = JSON.parse(readFileSync(new URL('../test/e2e/chromium-flags.json', import.meta.url), 'utf8'));
const server = await preview({ logLevel: 'warn', preview: { port: 0 } });
const browser = await chromium.launch({ executablePath: process.env.LAYERBOOK_CHROMIUM ?? '/usr/bin/chromium', args: flags });
const code = `const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
    tf.layers.dense({ units: 64, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const xs = tf.randomNormal([2048, 784]);
const ys = tf.oneHot(tf.randomUniform([2048], 0, 10, 'int32'), 10);
await model.fit(xs, ys, { epochs: 40, batchSize: 64, validationSplit: 0.2 });`;
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 940 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(server.resolvedUrls.local[0]);
  await page.getByRole('button', { name: 'New notebook' }).click();
  await page.getByRole('textbox', { name: 'Notebook title' }).fill('Your first neural network');
  await page.getByRole('button', { name: 'Add markdown cell' }).click();
  await page.keyboard.type(
    '## A multi-layer perceptron\n\nThree dense layers learn to map 784 pixels to 10 classes. ' +
      'Press **Shift+Enter** to train and watch the loss fall.',
  );
  await page.keyboard.press('Escape');
  await page.getByRole('group', { name: 'Cell 2' }).getByRole('button', { name: 'Move cell up' }).click();
  const cell = page.getByRole('group', { name: 'Cell 2', exact: true });
  await cell.locator('.monaco-editor .view-lines').click();
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
  await cell.getByRole('button', { name: 'Run cell' }).click();
  // Mid-training: a few epochs drawn, the progress bar part way.
  await page.waitForFunction(() => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')) >= 12, null, {
    timeout: 180_000,
  });
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  server.httpServer.close();
}
