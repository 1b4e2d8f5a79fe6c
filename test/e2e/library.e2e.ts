import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '../../src/doc/types';
import { baseUrl, cell, codeText, downloadText, eventually, markdownText, newNotebook, typeInCode, waitSaved, useBrowser } from './app';

const FIXTURES = join(__dirname, '../fixtures');
const HOSTILE = join(FIXTURES, 'hostile');

const t = useBrowser();

const library = (page: Page) => page.getByRole('list', { name: 'Notebooks' });
const titles = async (page: Page) => (await library(page).locator('.notebook-link').allTextContents()).map((t) => t.trim()).sort();
const item = (page: Page, title: string) =>
  library(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });

async function openFile(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel('Open notebook file').setInputFiles({ name, mimeType: 'application/json', buffer });
}

describe('import and export', () => {
  it('refuses every hostile file with a clear message and touches nothing stored', async () => {
    const { page, url } = await newNotebook(t.context, 'Precious');
    await typeInCode(page, 1, 'const keep = "me";');
    await waitSaved(page);
    await page.getByRole('link', { name: 'Layerbook' }).click();
    await library(page).getByRole('listitem').first().waitFor();
    const before = await titles(page);

    const expected: Record<string, { says: string }> = JSON.parse(readFileSync(join(HOSTILE, 'expected.json'), 'utf8'));
    const cases: Array<[string, Buffer, string]> = Object.entries(expected).map(([file, { says }]) => [
      file,
      readFileSync(join(HOSTILE, file)),
      says,
    ]);
    // Made here rather than kept in the repository: 21 MB of valid JSON.
    const huge = Buffer.from(JSON.stringify({ format: 'layerbook', padding: 'x'.repeat(21 * 1024 * 1024) }));
    cases.push(['huge.layerbook.json', huge, 'at most 20 MB']);
    expect(readdirSync(HOSTILE).length).toBe(cases.length); // every fixture and expected.json

    for (const [file, buffer, says] of cases) {
      await openFile(page, file, buffer);
      const alert = page.getByRole('alert').filter({ hasText: `Could not open “${file}”` });
      await alert.waitFor({ timeout: 5000 });
      expect(await alert.textContent(), file).toContain(says);
      expect(await alert.textContent(), file).toContain('Nothing in your library was changed.');
      expect(new URL(page.url()).search, file).toBe('');
      expect(await titles(page), file).toEqual(before);
    }
    expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();

    await page.goto(url);
    expect(await codeText(page, 1)).toContain('const keep = "me";');
  });

  it('exports <title>.layerbook.json and imports it back as a new notebook with the same cells', async () => {
    const { page, url } = await newNotebook(t.context, 'Round trip');
    await typeInCode(page, 1, 'const x = tf.scalar(1);');
    await page.getByRole('button', { name: 'Add markdown cell' }).click();
    await page.keyboard.type('## Notes');
    await page.keyboard.press('Escape');
    await waitSaved(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export notebook' }).click()]);
    expect(download.suggestedFilename()).toBe('Round trip.layerbook.json');
    const text = await downloadText(download);
    expect(JSON.parse(text)).toMatchObject({ format: 'layerbook', version: FORMAT_VERSION, title: 'Round trip' });

    await openFile(page, 'Round trip.layerbook.json', Buffer.from(text));
    await eventually(
      () => Promise.resolve(page.url()),
      (u) => expect(u).not.toBe(url),
    );
    expect(await codeText(page, 1)).toContain('const x = tf.scalar(1);');
    expect(await markdownText(page, 2)).toBe('Notes');
    await page.getByRole('link', { name: 'Layerbook' }).click();
    await eventually(
      () => titles(page),
      (t) => expect(t).toEqual(['Round trip', 'Round trip']),
    );
  });

  it('imports the valid fixture', async () => {
    const page = await t.context.newPage();
    await page.goto(baseUrl());
    await openFile(page, 'intro.layerbook.json', readFileSync(join(FIXTURES, 'valid/intro.layerbook.json')));
    await eventually(
      () =>
        page
          .getByRole('textbox', { name: 'Notebook title' })
          .inputValue()
          .catch(() => ''),
      (v) => expect(v).toBe('Intro to tensors'),
    );
    expect(await cell(page, 1).getByRole('heading', { name: 'Tensors' }).count()).toBe(1);
  });
});

describe('the library', () => {
  it('renames, duplicates and deletes (asking first)', async () => {
    // Close the tabs that made them: a notebook open for editing elsewhere cannot be renamed or deleted.
    await (await newNotebook(t.context, 'Alpha')).page.close();
    const { page } = await newNotebook(t.context, 'Beta');
    await page.goto(baseUrl());
    await eventually(
      () => titles(page),
      (t) => expect(t).toEqual(['Alpha', 'Beta']),
    );

    await item(page, 'Alpha').getByRole('button', { name: 'Rename' }).click();
    const box = page.getByRole('textbox', { name: 'New title for Alpha' });
    await box.fill('Alpha, renamed');
    await box.press('Enter');
    await eventually(
      () => titles(page),
      (t) => expect(t).toEqual(['Alpha, renamed', 'Beta']),
    );

    await item(page, 'Beta').getByRole('button', { name: 'Duplicate' }).click();
    await eventually(
      () => titles(page),
      (t) => expect(t).toEqual(['Alpha, renamed', 'Beta', 'Copy of Beta']),
    );

    await item(page, 'Beta').getByRole('button', { name: 'Delete notebook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this notebook?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await titles(page)).toEqual(['Alpha, renamed', 'Beta', 'Copy of Beta']);

    await item(page, 'Beta').getByRole('button', { name: 'Delete notebook' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually(
      () => titles(page),
      (t) => expect(t).toEqual(['Alpha, renamed', 'Copy of Beta']),
    );

    // A renamed notebook opens under its new title; the rename did not touch its cells.
    await page.getByRole('link', { name: 'Alpha, renamed' }).click();
    expect(await page.getByRole('textbox', { name: 'Notebook title' }).inputValue()).toBe('Alpha, renamed');
  });

  it('refuses to rename or delete a notebook that another tab is editing', async () => {
    const { page: editor } = await newNotebook(t.context, 'Busy');
    const page = await t.context.newPage();
    await page.goto(baseUrl());
    await item(page, 'Busy').getByRole('button', { name: 'Delete notebook' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Delete failed: This notebook is open in another tab' }).waitFor();
    await item(page, 'Busy').getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: 'New title for Busy' }).fill('Renamed behind its back');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Rename failed: This notebook is open in another tab' }).waitFor();
    expect(await titles(page)).toEqual(['Busy']);
    expect(await editor.getByRole('textbox', { name: 'Notebook title' }).inputValue()).toBe('Busy');
    await editor.close();
  });

  it('follows the system theme and lets the user choose', async () => {
    const dark = await t.browser.newContext({ colorScheme: 'dark' });
    const page = await dark.newPage();
    await page.goto(baseUrl());
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await eventually(theme, (t) => expect(t).toBe('dark'));
    await page.getByLabel('Theme').selectOption('light');
    expect(await theme()).toBe('light');
    await page.reload();
    await eventually(theme, (t) => expect(t).toBe('light'));
    await page.getByLabel('Theme').selectOption('system');
    expect(await theme()).toBe('dark');
    await dark.close();
  });
});
