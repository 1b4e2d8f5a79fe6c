import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, cell, eventually, outputText, runCell, setCode, useBackend, useBrowser, watchErrors } from './app';
import { addLayers } from './graphHelpers';
import { TUTORIALS } from '../../src/tutorials/catalogue';

// Issue 7, the offline app: one visit online installs it; then, with the network
// gone, the app, Monaco, a kernel, MNIST and training all work, and notebooks save.

const t = useBrowser([], { offlineApp: true });
/** The built service worker, as the test server serves it. */
const SW = resolve(process.env.LAYERBOOK_DIST ?? 'dist', 'sw.js');

/** Waits until the service worker is installed (its precache filled) and controls the page. */
async function installOffline(page: Page) {
  await page.goto(baseUrl());
  await page.getByRole('button', { name: 'New notebook' }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The first worker takes over pages opened after it; reload once, as a returning learner would.
  await page.reload();
  await eventually(
    () => page.evaluate(() => navigator.serviceWorker.controller !== null),
    (v) => expect(v).toBe(true),
    30_000,
  );
}

describe('the offline app', () => {
  it('installs from a manifest with icons', async () => {
    const page = await t.context.newPage();
    await page.goto(baseUrl());
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await page.request.get(new URL(href!, page.url()).href)).json();
    expect(manifest).toMatchObject({ name: 'Layerbook', start_url: './', display: 'standalone', theme_color: '#2563eb' });
    const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable']));
    for (const icon of manifest.icons) {
      const res = await page.request.get(new URL(icon.src, page.url()).href);
      expect(res.headers()['content-type']).toBe('image/png');
    }
  });

  it(
    'after one online visit: the app, a code cell, MNIST and training work offline, and the notebook saves',
    { timeout: 300_000 },
    async () => {
      const page = await t.context.newPage();
      const errors = watchErrors(page);
      await installOffline(page);
      await t.context.setOffline(true);
      await page.reload();
      await page.getByRole('button', { name: 'New notebook' }).click();
      await page.getByRole('textbox', { name: 'Notebook title' }).fill('On the train');
      await page.getByText('All changes saved').waitFor();

      // Monaco, the kernel (its script and wasm come from the precache) and a cell's output.
      await useBackend(page, 'wasm');
      await setCode(page, 1, 'const t = tf.tensor([1, 2, 3]).square().sum();\nconsole.log("offline", t.dataSync()[0]);');
      await runCell(page, 1);
      expect(await outputText(page, 1)).toContain('offline 14');

      // MNIST (shipped with the app) trains a small model.
      await page.getByRole('button', { name: 'Add graph cell' }).click();
      await addLayers(page, [
        ['Input', { shape: '28, 28, 1' }],
        ['Flatten'],
        ['Dense', { units: '32', activation: 'relu' }],
        ['Dense', { units: '10', activation: 'softmax' }],
      ]);
      const s = page.getByRole('region', { name: 'Training settings' });
      await s.getByLabel('Dataset').selectOption('mnist');
      await s.getByLabel('Samples').fill('1000');
      await s.getByLabel('Epochs').fill('2');
      await s.getByRole('button', { name: 'Train' }).click();
      const report = page.getByRole('region', { name: 'Trained model' }).getByRole('table', { name: 'Test metrics' });
      await report.waitFor({ timeout: 180_000 });
      const accuracy = Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1]);
      expect(accuracy).toBeGreaterThan(60);
      await page.getByText('All changes saved').waitFor();
      await page.screenshot({ path: 'test-results/offline.png' });

      // Still offline: the notebook is in the library after a reload, cells and all.
      await page.reload();
      await cell(page, 2).waitFor();
      expect(await page.getByRole('textbox', { name: 'Notebook title' }).inputValue()).toBe('On the train');
      // The network still refuses what the service worker has not cached. navigator.onLine is no
      // witness: under Playwright's offline emulation Chromium 150 says true again after a reload.
      expect(
        await page.evaluate(() =>
          fetch(`/not-cached-${Date.now()}`).then(
            () => 'reached',
            () => 'refused',
          ),
        ),
      ).toBe('refused');
      expect(errors).toEqual([]);
    },
  );

  it('a tutorial opens and trains offline: its notebook is part of the precached app', { timeout: 180_000 }, async () => {
    const page = await t.context.newPage();
    const errors = watchErrors(page);
    await installOffline(page);
    await t.context.setOffline(true);
    await page.reload();
    await page.getByRole('region', { name: 'Learn' }).getByRole('link', { name: TUTORIALS[0].title }).click();
    // The tutorial's own model, the first graph cell (its exercise's graph comes later).
    const settings = page.getByRole('region', { name: 'Training settings' }).first();
    await settings.getByRole('button', { name: 'Train' }).click();
    const report = page.getByRole('region', { name: 'Trained model' }).getByRole('table', { name: 'Test metrics' });
    await report.waitFor({ timeout: 150_000 });
    expect(await page.getByRole('textbox', { name: 'Notebook title' }).inputValue()).toBe(TUTORIALS[0].title);
    expect(errors).toEqual([]);
  });

  it('a new version waits for Reload, and Reload waits while a cell runs', { timeout: 120_000 }, async () => {
    const page = await t.context.newPage();
    await installOffline(page);
    await page.getByRole('button', { name: 'New notebook' }).click();
    await page.getByText('All changes saved').waitFor();
    await setCode(page, 1, 'await new Promise((r) => setTimeout(r, 6000));\nconsole.log("slept");');
    await page.getByText('All changes saved').waitFor();
    // A newer build: the same service worker with one more line, as any change to the app makes it.
    // (The browser fetches a worker's script itself, past Playwright's routing: the served file changes.
    // End-to-end files run one at a time, and the file is put back whatever happens.)
    const original = readFileSync(SW, 'utf8');
    writeFileSync(SW, `${original}\n// a newer build\n`);
    try {
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    } finally {
      writeFileSync(SW, original);
    }
    const notice = page.getByRole('status').filter({ hasText: 'New version available' });
    await notice.waitFor({ timeout: 30_000 });
    // Nothing reloads by itself; while the cell runs, Reload says why it waits.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await cell(page, 1).getByRole('button', { name: 'Run cell' }).click();
    await page.locator('.kernel-status', { hasText: 'busy' }).waitFor({ timeout: 30_000 });
    await notice.getByRole('button', { name: 'Reload' }).click();
    await notice.getByText(/Not yet: a cell is running/).waitFor();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    // Once the cell is done, Reload takes the new version.
    await eventually(
      () => outputText(page, 1),
      (text) => expect(text).toContain('slept'),
      30_000,
    );
    await notice.getByRole('button', { name: 'Reload' }).click();
    await eventually(
      () => page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere ?? false).catch(() => true),
      (v) => expect(v).toBe(false),
      30_000,
    );
    await cell(page, 1).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'New version available' }).count()).toBe(0);
  });
});
