import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCodeCell, cell, eventually, mlpCell, newNotebook, setCode, useBrowser, waitSaved } from './app';

const t = useBrowser();

/** Types at the end of a cell and returns the labels Monaco suggests. */
async function suggestionsAfter(page: Page, n: number, text: string): Promise<string[]> {
  await cell(page, n).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
  const rows = page.locator('.suggest-widget .monaco-list-row .label-name');
  return eventually(
    () => rows.allTextContents(),
    (labels) => expect(labels.length).toBeGreaterThan(0),
    20_000,
  );
}

describe('Monaco knows tfjs and the display API', () => {
  it('completes tf.layers., display. and names declared in another cell, with no false errors', async () => {
    const { page } = await newNotebook(t.context);
    await setCode(page, 1, mlpCell(64, 1));
    // tf, top-level await and the model all type-check: no error squiggles.
    await page.waitForTimeout(3000);
    expect(await cell(page, 1).locator('.squiggly-error').count()).toBe(0);

    // The list shows a dozen rows at a time, so type the start of a name as a person would.
    expect(await suggestionsAfter(page, 1, 'tf.layers.den')).toContain('dense');
    await page.keyboard.press('Escape');
    expect(await suggestionsAfter(page, 1, 'tf.train.ad')).toEqual(expect.arrayContaining(['adam', 'adamax']));
    await page.keyboard.press('Escape');
    expect(await suggestionsAfter(page, 1, 'display.')).toEqual(
      expect.arrayContaining(['confusion', 'heatmap', 'image', 'images', 'markdown']),
    );
    await page.keyboard.press('Escape');
    // Each line ends in a dangling "display."; the semicolon keeps the next one its own.
    expect(await suggestionsAfter(page, 1, ';display.pl')).toContain('plot');
    await page.keyboard.press('Escape');
    expect(await suggestionsAfter(page, 1, ';display.pro')).toContain('progress');
    await page.keyboard.press('Escape');
    expect(await suggestionsAfter(page, 1, ';lb.datasets.lo')).toContain('load');
    await page.keyboard.press('Escape');
    expect(await suggestionsAfter(page, 1, ';display.ta')).toContain('table');
    await page.keyboard.press('Escape');

    // Cells share one scope, in the editor as in the kernel.
    const second = await addCodeCell(page, '');
    expect(await suggestionsAfter(page, second, 'model.pre')).toContain('predict');
    await page.keyboard.press('Escape');

    // Hover docs come from tfjs's own JSDoc.
    await setCode(page, second, 'tf.sequential');
    await cell(page, second).locator('.view-line span', { hasText: 'sequential' }).last().hover();
    await eventually(
      () => page.locator('.monaco-hover').allTextContents(),
      (texts) => expect(texts.join(' ')).toMatch(/sequential/),
      20_000,
    );
  });

  it('starts the TypeScript service when a code cell is first focused: colours before, type errors after', async () => {
    const { page } = await newNotebook(t.context);
    await setCode(page, 1, "const n: number = 'forty-two';");
    await waitSaved(page);
    // Opened afresh, as from a link: the code is coloured, but nothing type-checks it yet.
    await page.reload();
    const lines = cell(page, 1).locator('.view-lines');
    await lines.waitFor();
    const typeScriptWorkers = () => page.workers().filter((w) => /ts\.worker/.test(w.url())).length;
    await eventually(
      () => lines.locator('span span').evaluateAll((spans) => Object.fromEntries(spans.map((s) => [s.textContent.trim(), s.className]))),
      (classes) => expect(classes['const']).not.toBe(classes["'forty-two'"]),
    );
    await page.waitForTimeout(2000);
    expect(typeScriptWorkers()).toBe(0);
    expect(await cell(page, 1).locator('.squiggly-error').count()).toBe(0);

    await lines.click();
    await eventually(
      () => cell(page, 1).locator('.squiggly-error').count(),
      (n) => expect(n).toBeGreaterThan(0),
      20_000,
    );
    expect(typeScriptWorkers()).toBe(1);
  });
});
