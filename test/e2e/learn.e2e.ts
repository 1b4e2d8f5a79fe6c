import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TUTORIALS } from '../../src/tutorials/catalogue';
import { baseUrl, cell, eventually, useBrowser, watchErrors } from './app';

// Issue 25, the Learn gallery: what a newcomer meets on the first screen, and what opening a
// tutorial does (a trusted copy of their own, continue or start fresh, reset).

const t = useBrowser([], { offlineApp: true });

const gallery = (page: Page) => page.getByRole('region', { name: 'Learn' });
const library = (page: Page) => page.getByRole('list', { name: 'Notebooks' });

async function home(page: Page) {
  await page.goto(baseUrl());
  await gallery(page).getByRole('list', { name: 'Tutorials' }).waitFor();
  // The library is read from IndexedDB after the page draws; counting its links before that counts none.
  await page.locator('[aria-label="Notebooks"][aria-busy="false"]').waitFor({ state: 'attached' });
}

describe('the Learn gallery', () => {
  it('lists every tutorial in order on the first screen at 1280 × 800, each with what it teaches', async () => {
    const page = await t.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors = watchErrors(page);
    await home(page);
    const items = gallery(page).getByRole('list', { name: 'Tutorials' }).getByRole('listitem');
    expect(await items.count()).toBe(TUTORIALS.length);
    expect(TUTORIALS.length).toBeGreaterThanOrEqual(12);
    for (const [i, tutorial] of TUTORIALS.entries()) {
      const item = items.nth(i);
      expect(await item.getByRole('link').textContent()).toBe(tutorial.title);
      const text = (await item.textContent()) ?? '';
      expect(text).toContain(tutorial.summary);
      expect(text).toContain(tutorial.level);
      expect(text).toContain(`about ${tutorial.minutes} min`);
    }
    await gallery(page)
      .getByRole('link', { name: /Convolution/ })
      .waitFor();
    // Visible without scrolling: the region starts on the first screen, its first row of cards in full.
    const region = await gallery(page).boundingBox();
    const firstCard = await items.first().boundingBox();
    expect(region!.y).toBeLessThan(200);
    expect(firstCard!.y + firstCard!.height).toBeLessThan(800);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.screenshot({ path: 'test-results/learn-home.png' });
    expect(errors).toEqual([]);
  });

  it('opens a tutorial as a trusted copy in the library; again, it offers to continue or start fresh', async () => {
    const page = await t.context.newPage();
    const errors = watchErrors(page);
    await home(page);
    const title = TUTORIALS[0].title;
    await gallery(page).getByRole('link', { name: title }).click();
    const titleBox = page.getByRole('textbox', { name: 'Notebook title' });
    await titleBox.waitFor();
    expect(await titleBox.inputValue()).toBe(title);
    const first = page.url();
    expect(first).toMatch(/\?notebook=/);
    // Shipped with the app, so trusted: no Trust and run, Train is ready.
    expect(await page.getByRole('region', { name: 'Untrusted notebook' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Training settings' }).first().getByRole('button', { name: 'Train' }).isEnabled()).toBe(
      true,
    );
    await page.getByText('All changes saved').waitFor();

    await home(page);
    expect(await library(page).getByRole('link', { name: title, exact: true }).count()).toBe(1);
    await gallery(page).getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: 'Continue my copy' }).click();
    await titleBox.waitFor();
    expect(page.url()).toBe(first);

    await home(page);
    await gallery(page).getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: 'Start fresh' }).click();
    await titleBox.waitFor();
    expect(page.url()).not.toBe(first);
    expect(page.url()).toMatch(/\?notebook=/);
    await home(page);
    // The old copy stays: nothing a learner made is thrown away.
    expect(await library(page).getByRole('link', { name: title, exact: true }).count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('Reset tutorial puts a copy back to the original, after asking, and the reset is saved', async () => {
    const page = await t.context.newPage();
    await home(page);
    const { title } = TUTORIALS[0];
    await gallery(page).getByRole('link', { name: title }).click();
    const titleBox = page.getByRole('textbox', { name: 'Notebook title' });
    await titleBox.waitFor();
    await titleBox.fill('My spirals');
    const cells = page.getByRole('group', { name: /^Cell \d+$/ });
    const shipped = await cells.count();
    await cell(page, 1).getByRole('button', { name: 'Delete cell' }).click();
    expect(await cells.count()).toBe(shipped - 1);
    await page.getByText('All changes saved').waitFor();

    await page.getByRole('button', { name: 'Reset tutorial' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset this tutorial?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await titleBox.inputValue()).toBe('My spirals');

    await page.getByRole('button', { name: 'Reset tutorial' }).click();
    await dialog.getByRole('button', { name: 'Reset' }).click();
    await eventually(
      () => titleBox.inputValue(),
      (v) => expect(v).toBe(title),
    );
    expect(await cells.count()).toBe(shipped);
    await page.getByText('All changes saved').waitFor();
    await page.reload();
    await titleBox.waitFor();
    expect(await titleBox.inputValue()).toBe(title);
    expect(await cells.count()).toBe(shipped);
  });

  it(
    'tutorial 1 as shipped: Train draws the decision boundary as it learns and reaches 95 % on the test points',
    { timeout: 180_000 },
    async () => {
      const page = await t.context.newPage();
      const errors = watchErrors(page);
      await home(page);
      await gallery(page).getByRole('link', { name: TUTORIALS[0].title }).click();
      await page.getByRole('region', { name: 'Training settings' }).first().getByRole('button', { name: 'Train' }).click();
      const boundary = page.getByRole('region', { name: 'Decision boundary' });
      await boundary.waitFor({ timeout: 60_000 });
      await eventually(
        async () => Number((await boundary.getAttribute('data-epoch')) ?? 0),
        (epoch) => expect(epoch).toBeGreaterThan(20),
        60_000,
      );
      await boundary.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/learn-boundary-mid-training.png' });
      const report = page.getByRole('region', { name: 'Trained model' }).getByRole('table', { name: 'Test metrics' });
      await report.waitFor({ timeout: 150_000 });
      const accuracy = Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1]);
      expect(accuracy).toBeGreaterThanOrEqual(95);
      expect(await boundary.getByRole('img').count()).toBe(1);
      expect(errors).toEqual([]);
    },
  );

  it(
    'from a fresh home page to Grad-CAM heatmaps of the CNN tutorial in at most 5 clicks, no code typed',
    { timeout: 240_000 },
    async () => {
      const page = await t.context.newPage();
      const errors = watchErrors(page);
      let clicks = 0;
      const click = async (target: Locator) => {
        clicks++;
        await target.click();
      };
      await home(page);
      const started = Date.now();
      await click(gallery(page).getByRole('link', { name: /Convolution/ }));
      // The first graph cell of the tutorial is its MNIST CNN, with its settings as shipped.
      await click(page.getByRole('region', { name: 'Training settings' }).first().getByRole('button', { name: 'Train' }));
      const model = page.getByRole('region', { name: 'Trained model' }).first();
      const report = model.getByRole('table', { name: 'Test metrics' });
      await report.waitFor({ timeout: 200_000 });
      await click(model.getByRole('button', { name: 'Insight' }));
      const gradCam = page.getByRole('region', { name: 'Grad-CAM' }).first();
      await click(gradCam.getByRole('button', { name: 'Show heatmaps' }));
      await gradCam.getByRole('img').first().waitFor({ timeout: 60_000 });
      expect(await gradCam.getByRole('img').count()).toBeGreaterThan(0);
      expect(clicks).toBeLessThanOrEqual(5);
      const accuracy = Number(/accuracy ([\d.]+) %/.exec((await report.locator('caption').textContent()) ?? '')![1]);
      console.log(
        `CNN tutorial: Grad-CAM after ${clicks} clicks, ${((Date.now() - started) / 1000).toFixed(1)} s; test accuracy ${accuracy} %`,
      );
      expect(accuracy).toBeGreaterThanOrEqual(97);
      await gradCam.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/learn-gradcam.png' });
      expect(errors).toEqual([]);
    },
  );

  it('a link to a tutorial this version lacks says so and leads back to the gallery', async () => {
    const page = await t.context.newPage();
    await page.goto(`${baseUrl()}?tutorial=no-such-thing`);
    await page
      .getByRole('alert')
      .getByText(/no tutorial called “no-such-thing”/)
      .waitFor();
    await page.getByRole('link', { name: 'See the tutorials this version has' }).click();
    await gallery(page).waitFor();
  });
});
