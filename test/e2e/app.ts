import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser';

/** The address of the production build served for this run. */
export const baseUrl = () => inject('baseUrl');

/**
 * One Chromium per test file, and a fresh context (a clean profile: empty
 * IndexedDB, no locks) per test. Read `browser` and `context` inside tests.
 *
 * The offline app's service worker is blocked unless `offlineApp` is set: a fresh context is a
 * first visit, and a first visit precaches all of dist/ (25 MB) behind the test's back, which
 * cost each test about a second of CPU (docs/decisions.md). The files about the offline app and
 * the newcomer's first visit keep it.
 */
export function useBrowser(extraArgs: string[] = [], { offlineApp = false } = {}): { browser: Browser; context: BrowserContext } {
  const t = {} as { browser: Browser; context: BrowserContext };
  beforeAll(async () => {
    t.browser = await launchBrowser(extraArgs);
  });
  afterAll(() => t.browser?.close());
  beforeEach(async () => {
    // Clipboard access lets tests paste code into cells with a real Ctrl+V.
    t.context = await t.browser.newContext({
      viewport: { width: 1100, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
      serviceWorkers: offlineApp ? 'allow' : 'block',
    });
  });
  afterEach(() => t.context?.close());
  return t;
}

/** Collects uncaught page errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Polls `read` until it passes `check` or the time is up (a person waits too). */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => void, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens the app and makes a new notebook the way a person does; returns its address. */
export async function newNotebook(context: BrowserContext, title?: string): Promise<{ page: Page; url: string }> {
  const page = await context.newPage();
  await page.goto(baseUrl());
  await page.getByRole('button', { name: 'New notebook' }).click();
  const titleBox = page.getByRole('textbox', { name: 'Notebook title' });
  await titleBox.waitFor();
  if (title !== undefined) await titleBox.fill(title);
  await page.getByText('All changes saved').waitFor();
  return { page, url: page.url() };
}

export const cell = (page: Page, n: number): Locator => page.getByRole('group', { name: `Cell ${n}`, exact: true });

/** Clicks into a code cell's Monaco editor and types, as a person would. */
export async function typeInCode(page: Page, n: number, text: string): Promise<void> {
  const lines = cell(page, n).locator('.monaco-editor .view-lines');
  await lines.waitFor({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/** The text of a code cell as Monaco shows it: its line elements in screen order (no-break spaces as spaces). */
export async function codeText(page: Page, n: number): Promise<string> {
  const lines = cell(page, n).locator('.monaco-editor .view-lines');
  await lines.waitFor({ timeout: 20_000 });
  return lines.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/** Waits until the notebook reports that everything is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.save-status').textContent(), { timeout: 10_000 }).toBe('All changes saved');
}

/** The rendered text of a markdown cell. */
export async function markdownText(page: Page, n: number): Promise<string | undefined> {
  return (await cell(page, n).locator('.markdown-rendered').textContent())?.trim();
}

/** The contents of a finished download. */
export async function downloadText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Selects a cell (command mode) by clicking the empty middle of its top bar, as a person would. */
export async function selectCell(page: Page, n: number): Promise<void> {
  const bar = cell(page, n).locator('.cell-bar');
  const box = await bar.boundingBox();
  await bar.click({ position: { x: (box?.width ?? 200) / 2, y: (box?.height ?? 20) / 2 } });
}

/** Replaces a code cell's text by selecting all and pasting (typing would fight Monaco's auto-closing and indenting). */
export async function setCode(page: Page, n: number, code: string): Promise<void> {
  const lines = cell(page, n).locator('.monaco-editor .view-lines');
  await lines.waitFor({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => codeText(page, n)).toBe(code);
}

/** Adds a code cell below the selected one, with this code in it; returns its number. */
export async function addCodeCell(page: Page, code: string): Promise<number> {
  await page.getByRole('button', { name: 'Add code cell' }).click();
  const n = await page
    .getByRole('group', { name: /^Cell \d+$/ })
    .evaluateAll((cells) => cells.findIndex((c) => c.classList.contains('editing') || c.classList.contains('selected')));
  await setCode(page, n + 1, code);
  return n + 1;
}

/** The text of a cell's output region. */
export async function outputText(page: Page, n: number): Promise<string> {
  const region = cell(page, n).getByRole('region', { name: 'Output' });
  return (await region.count()) ? ((await region.textContent()) ?? '') : '';
}

/** Runs a cell with its Run button and waits until it has finished. */
export async function runCell(page: Page, n: number, timeout = 60_000): Promise<void> {
  await cell(page, n).getByRole('button', { name: 'Run cell' }).click();
  await expect.poll(() => cell(page, n).locator('.exec-count').textContent(), { timeout, interval: 100 }).toMatch(/^\[\d+\]$/);
}

/** Picks a backend from the Backend menu and waits for the kernel to run on it. */
export async function useBackend(page: Page, backend: string, timeout = 60_000): Promise<void> {
  await page.getByLabel('Backend').selectOption(backend);
  await expect.poll(() => page.locator('.kernel-status').textContent(), { timeout, interval: 200 }).toBe(`Kernel: idle · ${backend}`);
}

/** The reference MLP cell (test/fixtures/cells/mlp.cell.js), with its sample count and epochs filled in. */
export const mlpCell = (samples: number, epochs: number) =>
  readFileSync(join(__dirname, '../fixtures/cells/mlp.cell.js'), 'utf8')
    .replaceAll('SAMPLES', String(samples))
    .replaceAll('EPOCHS', String(epochs));
