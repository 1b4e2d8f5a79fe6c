import { describe, expect, it } from 'vitest';
import { baseUrl, cell, codeText, markdownText, newNotebook, selectCell, typeInCode, waitSaved, watchErrors, useBrowser } from './app';

const t = useBrowser();

describe('a notebook, as a learner uses it', () => {
  it('keeps the title, markdown and code cells across a reload', async () => {
    const { page, url } = await newNotebook(t.context, 'My first network');
    const errors = watchErrors(page);
    expect(url).toMatch(/\?notebook=[0-9a-z]+$/);

    await page.getByRole('button', { name: 'Add markdown cell' }).click();
    await page.keyboard.type('# Perceptrons\n\nA *perceptron* sums weighted inputs.');
    await page.keyboard.press('Escape');
    await expect.poll(() => cell(page, 2).getByRole('heading', { name: 'Perceptrons' }).count()).toBe(1);
    // Double-click edits a rendered cell again.
    await cell(page, 2).getByRole('heading', { name: 'Perceptrons' }).dblclick();
    await page.keyboard.press('End');
    await page.keyboard.type(' Then an activation.');
    await page.keyboard.press('Escape');
    await expect.poll(() => markdownText(page, 2)).toMatch(/sums weighted inputs\. Then an activation\.$/);

    await typeInCode(page, 1, 'const weights = [0.5, -1];');
    // Like Jupyter's toolbar, Add puts the new cell below the selected one (cell 1).
    await page.getByRole('button', { name: 'Add code cell' }).click();
    await typeInCode(page, 2, 'let bias = 2;');
    await waitSaved(page);

    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Notebook title' }).inputValue()).toBe('My first network');
    expect(await codeText(page, 1)).toContain('const weights = [0.5, -1];');
    expect(await codeText(page, 2)).toContain('let bias = 2;');
    expect(await cell(page, 3).getByRole('heading', { name: 'Perceptrons' }).count()).toBe(1);
    expect(await cell(page, 3).locator('em').textContent()).toBe('perceptron');
    expect(errors).toEqual([]);

    // The library lists it, with when it last changed.
    await page.getByRole('link', { name: 'Layerbook' }).click();
    const item = page.getByRole('list', { name: 'Notebooks' }).getByRole('listitem').filter({ hasText: 'My first network' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('time').textContent()).toMatch(/Edited (just now|\d+ seconds? ago)/);
  });

  it("follows Jupyter's command-mode keys and the cell buttons", async () => {
    const { page } = await newNotebook(t.context);
    // Cell 1 is the new notebook's code cell; select its frame (command mode).
    await selectCell(page, 1);
    await page.keyboard.press('b');
    await expect.poll(() => page.getByRole('group', { name: /^Cell \d+$/ }).count()).toBe(2);
    await page.keyboard.press('m'); // the new cell 2 becomes markdown
    await page.keyboard.press('Enter'); // edit mode
    await page.keyboard.type('second');
    await page.keyboard.press('Escape'); // back to command mode, rendered
    await expect.poll(() => markdownText(page, 2)).toBe('second');
    await page.keyboard.press('a'); // a new code cell above, now cell 2
    await expect.poll(() => markdownText(page, 3)).toBe('second');
    await page.keyboard.press('ArrowDown'); // select the markdown cell again
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Cell 1');
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    await expect.poll(() => page.getByRole('group', { name: /^Cell \d+$/ }).count()).toBe(2);
    expect(await markdownText(page, 2)).toBe('second');

    // The same with buttons.
    await cell(page, 2).getByRole('button', { name: 'Move cell up' }).click();
    expect(await markdownText(page, 1)).toBe('second');
    await cell(page, 1).getByRole('button', { name: 'Move cell down' }).click();
    expect(await markdownText(page, 2)).toBe('second');
    await cell(page, 1).getByRole('button', { name: 'Delete cell' }).click();
    await expect.poll(() => page.getByRole('group', { name: /^Cell \d+$/ }).count()).toBe(1);

    // Enter on a code cell's frame puts the cursor in its editor; Esc gives the frame focus back.
    await page.getByRole('button', { name: 'Add code cell' }).click();
    await typeInCode(page, 2, 'x');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Cell 2');
    await page.keyboard.press('Enter');
    await page.keyboard.type('yz');
    await expect.poll(() => codeText(page, 2)).toContain('xyz');
    await page.keyboard.press('Escape');
    await waitSaved(page);
    await page.reload();
    expect(await codeText(page, 2)).toContain('xyz');

    // Clicking another cell leaves edit mode: only one cell is ever marked as editing.
    await typeInCode(page, 2, '!');
    expect(await page.locator('.cell.editing').count()).toBe(1);
    await selectCell(page, 1);
    expect(await page.locator('.cell.editing').count()).toBe(0);
    expect(await page.locator('.cell.selected').getAttribute('aria-label')).toBe('Cell 1');
  });

  it('renders markdown sanitised: no script, no event handlers, no javascript: links', async () => {
    const { page } = await newNotebook(t.context);
    await page.getByRole('button', { name: 'Add markdown cell' }).click();
    await page.keyboard.type(
      '<script>window.__pwned = 1</script>\n\n<img src=x onerror="window.__pwned = 2">\n\n' +
        '[bad](javascript:window.__pwned=3) [good](https://example.org)',
    );
    await page.keyboard.press('Escape');
    const rendered = cell(page, 2).locator('.markdown-rendered');
    await rendered.waitFor();
    expect(await rendered.locator('script, img, [onerror], [onclick]').count()).toBe(0);
    expect(await rendered.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await rendered.getByRole('link', { name: 'good' }).getAttribute('href')).toBe('https://example.org');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('loads Monaco only when a notebook shows a code cell, so the shell never waits for it', async () => {
    const page = await t.context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(baseUrl());
    await page.getByRole('button', { name: 'New notebook' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(requested.filter((u) => /editor\.api|CodeEditor/.test(u))).toEqual([]);
    await page.getByRole('button', { name: 'New notebook' }).click();
    await cell(page, 1).locator('.monaco-editor').waitFor({ timeout: 20_000 });
    expect(requested.some((u) => /editor\.api/.test(u))).toBe(true);
  });
});
