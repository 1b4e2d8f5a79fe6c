import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchOnProfile, tempProfile } from './browser';
import { codeText, downloadText, eventually, newNotebook, typeInCode, waitSaved, useBrowser } from './app';

const t = useBrowser();

/** The first cell's source as IndexedDB holds it now, for the notebook at `url`. */
function storedSource(page: Page, url: string): Promise<string> {
  return page.evaluate(
    (id) =>
      new Promise<string>((ok) => {
        const q = indexedDB.open('layerbook');
        q.onsuccess = () => {
          const r = q.result.transaction('notebooks').objectStore('notebooks').get(id!);
          r.onsuccess = () => ok(r.result.doc.cells[0].source);
        };
      }),
    new URL(url).searchParams.get('notebook'),
  );
}

describe('autosave', () => {
  it('survives the browser being killed 1.5 s after typing (no unload handler runs)', async () => {
    const profile = tempProfile();
    try {
      const first = await launchOnProfile(profile.dir);
      const { page, url } = await newNotebook(first.browser.contexts()[0], 'Crash test');
      await typeInCode(page, 1, 'const survived = true;');
      await page.waitForTimeout(1500);
      await first.crash();

      const second = await launchOnProfile(profile.dir);
      try {
        const again = await second.browser.contexts()[0].newPage();
        await again.goto(url);
        expect(await codeText(again, 1)).toContain('const survived = true;');
        expect(await again.getByRole('textbox', { name: 'Notebook title' }).inputValue()).toBe('Crash test');
      } finally {
        await second.close();
      }
    } finally {
      profile.remove();
    }
  });

  it('saves every second while a learner edits without pausing', async () => {
    const { page, url } = await newNotebook(t.context, 'Never pausing');
    await typeInCode(page, 1, '// ');
    // Keep typing for 3 s, a key every 150 ms: a debounce would never fire.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.type('x');
      await page.waitForTimeout(150);
    }
    const stored = await storedSource(page, url);
    // Saved while typing went on: at least most of what was typed up to a second ago.
    expect(stored.length).toBeGreaterThanOrEqual(10);
  });

  it('saves at once when the page is hidden, without waiting for the 1 s debounce', async () => {
    const { page, url } = await newNotebook(t.context, 'Hidden');
    await typeInCode(page, 1, 'const quick = 1;');
    // What the browser does when the user switches tabs or the phone locks.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => page.locator('.save-status').textContent(), { timeout: 600, interval: 20 }).toBe('All changes saved');

    // Leaving the notebook within the debounce saves too.
    await page.reload();
    await typeInCode(page, 1, ' const leaving = 2;');
    expect(await page.locator('.save-status').textContent()).toBe('Unsaved changes');
    await page.getByRole('link', { name: 'Layerbook' }).click();
    await page.getByRole('list', { name: 'Notebooks' }).getByRole('listitem').waitFor();
    // The save that leaving starts is an IndexedDB write, which a reload at once can abort (it did
    // once in CI on a loaded machine); closing the notebook clears the 1 s debounce, so only that
    // save can store the edit. Wait for it, then open the notebook afresh.
    await eventually(
      () => storedSource(page, url),
      (source) => expect(source).toContain('const leaving = 2;'),
      5_000,
    );
    await page.goto(url);
    expect(await codeText(page, 1)).toContain('const quick = 1; const leaving = 2;');
  });

  it('asks for persistent storage after the first save', async () => {
    await t.context.addInitScript(() => {
      const w = window as unknown as { __persistCalls: number };
      w.__persistCalls = 0;
      navigator.storage.persist = () => {
        w.__persistCalls++;
        return Promise.resolve(true);
      };
    });
    const { page } = await newNotebook(t.context);
    const calls = () => page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls);
    expect(await calls()).toBe(0);
    await typeInCode(page, 1, 'let first = 1;');
    await waitSaved(page);
    expect(await calls()).toBe(1);
    await typeInCode(page, 1, ' let second = 2;');
    await waitSaved(page);
    expect(await calls()).toBe(1);
  });

  it('shows a banner that stays, with a download, when storage fails, and clears it once saving works again', async () => {
    // Storage fails as a full disk does: every IndexedDB put throws QuotaExceededError while the flag is set.
    await t.context.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
        if ((window as unknown as { __diskFull?: boolean }).__diskFull) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    });
    const { page } = await newNotebook(t.context, 'Full disk');
    await page.evaluate(() => ((window as unknown as { __diskFull?: boolean }).__diskFull = true));
    await typeInCode(page, 1, 'let lost = "not yet";');
    const banner = page.getByRole('alert').filter({ hasText: 'Changes are not being saved' });
    await banner.waitFor({ timeout: 5000 });
    expect(await banner.textContent()).toMatch(/no more storage space/);
    expect(await page.locator('.save-status').textContent()).toBe('Not saved');

    const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download a copy' }).click()]);
    expect(download.suggestedFilename()).toBe('Full disk.layerbook.json');
    const exported = JSON.parse(await downloadText(download));
    expect(exported.cells[0].source).toContain('let lost = "not yet";');

    await page.waitForTimeout(1500);
    expect(await banner.isVisible()).toBe(true);

    await page.evaluate(() => ((window as unknown as { __diskFull?: boolean }).__diskFull = false));
    await typeInCode(page, 1, ' // saved now');
    await waitSaved(page);
    expect(await banner.count()).toBe(0);
    await page.reload();
    expect(await codeText(page, 1)).toContain('let lost = "not yet"; // saved now');
  });
});

describe('the same notebook in two tabs', () => {
  it('makes the second tab read-only, keeps it current, and hands over on request', async () => {
    const { page: first, url } = await newNotebook(t.context, 'Two tabs');
    await typeInCode(first, 1, 'let a = 1;');
    await waitSaved(first);

    // A bystander tab opens first, so it heads the lock's queue; the lock must still go to the tab that asks.
    const bystander = await t.context.newPage();
    await bystander.goto(url);
    await bystander.getByText('Read-only here.').waitFor();

    const second = await t.context.newPage();
    await second.goto(url);
    await second.getByText('Read-only here.').waitFor();
    expect(await second.getByRole('button', { name: 'Add code cell' }).isDisabled()).toBe(true);
    expect(await second.getByRole('textbox', { name: 'Notebook title' }).getAttribute('readonly')).not.toBeNull();
    expect(await codeText(second, 1)).toContain('let a = 1;');

    // Typing in the read-only tab changes nothing.
    await second.locator('.monaco-editor .view-lines').click();
    await second.keyboard.type('IGNORED');
    expect(await codeText(second, 1)).not.toContain('IGNORED');

    // The writing tab's saves show up in the reader.
    await typeInCode(first, 1, ' let b = 2;');
    await waitSaved(first);
    await eventually(
      () => codeText(second, 1),
      (t) => expect(t).toContain('let b = 2;'),
    );

    // Watch the bystander: it must never become the writer, not even for a moment.
    await bystander.evaluate(() => {
      const w = window as unknown as { __everWritable: boolean };
      w.__everWritable = false;
      const check = () => {
        const add = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Add code cell');
        if (add && !add.disabled) w.__everWritable = true;
      };
      new MutationObserver(check).observe(document.body, { subtree: true, attributes: true, childList: true });
    });

    // Take over: the first tab saves what it has, then hands the lock to the tab that asked.
    await typeInCode(first, 1, ' let c = 3;');
    const asked = Date.now();
    await second.getByRole('button', { name: 'Take over' }).click();
    await first.getByText('Read-only here.').waitFor({ timeout: 6000 });
    await eventually(
      () => second.getByRole('button', { name: 'Add code cell' }).isDisabled(),
      (d) => expect(d).toBe(false),
    );
    // A direct handover, not the 3 s fallback that steals from an unresponsive holder.
    expect(Date.now() - asked).toBeLessThan(2500);
    expect(await bystander.evaluate(() => (window as unknown as { __everWritable: boolean }).__everWritable)).toBe(false);
    expect(await codeText(second, 1)).toContain('let c = 3;');

    await typeInCode(second, 1, ' let d = 4;');
    await waitSaved(second);
    await eventually(
      () => codeText(first, 1),
      (t) => expect(t).toContain('let d = 4;'),
    );
    await eventually(
      () => codeText(bystander, 1),
      (t) => expect(t).toContain('let d = 4;'),
    );
    expect(await bystander.getByText('Read-only here.').count()).toBe(1);
    expect(await bystander.getByRole('button', { name: 'Add code cell' }).isDisabled()).toBe(true);
    await bystander.close();

    // Nothing older was written over the newer save.
    const third = await t.context.newPage();
    await third.goto(url);
    await third.getByText('Read-only here.').waitFor();
    expect(await codeText(third, 1)).toContain('let a = 1; let b = 2; let c = 3; let d = 4;');
  });

  it('gives the lock to the waiting tab when the writer closes', async () => {
    const { page: first, url } = await newNotebook(t.context);
    const second = await t.context.newPage();
    await second.goto(url);
    await second.getByText('Read-only here.').waitFor();
    await first.close();
    await eventually(
      () => second.getByRole('button', { name: 'Add code cell' }).isDisabled(),
      (d) => expect(d).toBe(false),
    );
    expect(await second.getByText('Read-only here.').count()).toBe(0);
  });
});
