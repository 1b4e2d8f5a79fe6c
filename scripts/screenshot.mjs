#!/usr/bin/env node
// Makes docs/screenshot.png as a newcomer gets there: the production build, the Learn gallery,
// the CNN tutorial opened, Train, then Insight's Grad-CAM. Run `npm run build` first.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const flags = JSON.parse(readFileSync(new URL('../test/e2e/chromium-flags.json', import.meta.url), 'utf8'));
const server = await preview({ logLevel: 'warn', preview: { port: 0 } });
const browser = await chromium.launch({ executablePath: process.env.LAYERBOOK_CHROMIUM ?? '/usr/bin/chromium', args: flags });
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 940 } });
  const page = await context.newPage();
  await page.goto(server.resolvedUrls.local[0]);
  await page
    .getByRole('region', { name: 'Learn' })
    .getByRole('link', { name: /Convolution/ })
    .click();
  await page.getByRole('region', { name: 'Training settings' }).first().getByRole('button', { name: 'Train' }).click();
  const model = page.getByRole('region', { name: 'Trained model' }).first();
  await model.getByRole('table', { name: 'Test metrics' }).waitFor({ timeout: 300_000 });
  await model.getByRole('button', { name: 'Insight' }).click();
  const gradCam = page.getByRole('region', { name: 'Grad-CAM' }).first();
  await gradCam.getByRole('button', { name: 'Show heatmaps' }).click();
  await gradCam.getByRole('img').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  await gradCam.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 220));
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  server.httpServer.close();
}
