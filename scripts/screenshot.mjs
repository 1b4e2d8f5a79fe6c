#!/usr/bin/env node
// Makes docs/screenshot.png: the production build, driven as a person would.
// Run `npm run build` first.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const flags = JSON.parse(readFileSync(new URL('../test/e2e/chromium-flags.json', import.meta.url), 'utf8'));
const server = await preview({ logLevel: 'warn', preview: { port: 0 } });
const browser = await chromium.launch({
  executablePath: process.env.LAYERBOOK_CHROMIUM ?? '/usr/bin/chromium',
  args: flags,
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 }, deviceScaleFactor: 1 });
  await page.goto(server.resolvedUrls.local[0]);
  await page.getByRole('button', { name: 'New notebook' }).click();
  await page.getByRole('textbox', { name: 'Notebook title' }).fill('Your first neural network');
  await page.getByRole('button', { name: 'Add markdown cell' }).click();
  await page.keyboard.type(
    '## A perceptron\n\nA neuron multiplies each input by a **weight**, adds a **bias**, and passes the sum through an *activation*.',
  );
  await page.keyboard.press('Escape');
  await page.getByRole('group', { name: 'Cell 1' }).locator('.monaco-editor .view-lines').click();
  await page.keyboard.type('const weights = [0.8, -0.4];\nconst bias = 0.1;\nconst relu = (x: number) => Math.max(0, x);');
  await page.getByRole('group', { name: 'Cell 2' }).getByRole('button', { name: 'Move cell up' }).click();
  await page.getByText('All changes saved').waitFor();
  await page.getByRole('group', { name: 'Cell 1' }).locator('.cell-kind').click(); // the markdown cell
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  server.httpServer.close();
}
