import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cell, codeText, eventually, newNotebook, outputText, setCode, useBrowser, watchErrors } from './app';
import { addLayers } from './graphHelpers';

// Issue 7, share links: the whole notebook in the link's hash, opened elsewhere
// read-only with nothing run, Trust and run, Save a copy, and damaged links refused.

const t = useBrowser();

async function shareLink(page: Page): Promise<{ url: string; advice: string }> {
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog');
  const url = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  const advice = (await dialog.locator('[data-advice]').textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await dialog.getByText('Link copied.').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { url, advice };
}

const layerNames = (page: Page) => page.locator('.react-flow__node').allTextContents();

describe('share links', () => {
  it(
    'a notebook with a graph and code cells opens from its link in a fresh profile: ' +
      'the same cells, nothing run until Trust and run; Save a copy keeps it',
    { timeout: 180_000 },
    async () => {
      const { page } = await newNotebook(t.context, 'Shared lesson');
      await setCode(page, 1, 'const answer = 6 * 7;\nconsole.log("answer is", answer);');
      await page.getByRole('button', { name: 'Add graph cell' }).click();
      await addLayers(page, [['Input', { shape: '28, 28, 1' }], ['Flatten'], ['Dense', { units: '10', activation: 'softmax' }]]);
      await page.getByRole('region', { name: 'Training settings' }).getByLabel('Epochs').fill('7');
      await page.getByText('All changes saved').waitFor();
      const layers = await layerNames(page);
      const { url, advice } = await shareLink(page);
      expect(url).toMatch(/#v1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
      expect(advice).toMatch(/ready to paste anywhere/);

      // Someone else, another browser profile: nothing of the first one's storage.
      const other = await t.browser.newContext({ viewport: { width: 1100, height: 800 } });
      try {
        const reader = await other.newPage();
        const errors = watchErrors(reader);
        await reader.goto(url);
        const banner = reader.getByRole('region', { name: 'Shared notebook' });
        await banner.waitFor();
        expect(await reader.getByRole('textbox', { name: 'Notebook title' }).inputValue()).toBe('Shared lesson');
        expect(await codeText(reader, 1)).toContain('const answer = 6 * 7;');
        // The graph editor is loaded when a graph cell shows: its layers come a moment after the code.
        await eventually(
          () => layerNames(reader),
          (names) => expect(names).toEqual(layers),
          20_000,
        );
        expect(await reader.getByRole('region', { name: 'Training settings' }).getByLabel('Epochs').inputValue()).toBe('7');
        // Nothing ran: no kernel, no output, and the cells cannot be run yet.
        expect(await reader.locator('.kernel-status').textContent()).toMatch(/not started/);
        expect(await outputText(reader, 1)).toBe('');
        expect(await reader.getByRole('status').filter({ hasText: 'Read-only' }).count()).toBe(1);

        await banner.getByRole('button', { name: 'Trust and run' }).click();
        await eventually(
          () => outputText(reader, 1),
          (text) => expect(text).toContain('answer is 42'),
          60_000,
        );

        await banner.getByRole('button', { name: 'Save a copy' }).click();
        await reader.waitForURL(/\?notebook=/);
        await reader.getByText('All changes saved').waitFor();
        expect(await codeText(reader, 1)).toContain('const answer = 6 * 7;');
        await reader.getByRole('link', { name: 'Layerbook' }).click();
        await reader.getByRole('link', { name: 'Shared lesson', exact: true }).waitFor();
        expect(errors).toEqual([]);
      } finally {
        await other.close();
      }
    },
  );

  it('a damaged or newer link says so and opens no notebook in its place', async () => {
    const { page } = await newNotebook(t.context, 'Intact');
    const { url } = await shareLink(page);
    const reader = await t.context.newPage();
    for (const [link, says] of [
      [url.slice(0, url.length - 20), 'This link is incomplete or damaged'],
      // One character of the payload changed, as a chat app's "smart" formatting might.
      [url.replace(/#v1\.(.)/, (_, c) => `#v1.${c === 'A' ? 'B' : 'A'}`), 'This link is incomplete or damaged'],
      [url.replace('#v1.', '#v2.'), 'made by a newer version of Layerbook'],
    ] as const) {
      await reader.goto('about:blank');
      await reader.goto(link);
      const alert = reader.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(says);
      expect(await cell(reader, 1).count()).toBe(0);
      expect(await reader.getByRole('textbox', { name: 'Notebook title' }).count()).toBe(0);
    }
  });
});
