import { describe, expect, it } from 'vitest';
import {
  addCodeCell,
  baseUrl,
  cell,
  codeText,
  eventually,
  mlpCell,
  newNotebook,
  outputText,
  runCell,
  setCode,
  useBackend,
  useBrowser,
} from './app';

const t = useBrowser();

describe('the kernel runs cells', () => {
  it('trains the MLP with a live chart that updates before fit returns, and shows the final loss', async () => {
    const { page } = await newNotebook(t.context);
    await setCode(page, 1, mlpCell(1024, 3));
    // Record every chart redraw and progress step from inside the page, until the final metrics show.
    await page.evaluate(() => {
      const w = window as unknown as { __updates: Set<string>; __progress: Set<string> };
      w.__updates = new Set();
      w.__progress = new Set();
      new MutationObserver(() => {
        if (document.querySelector('.training-final')) return;
        const charts = document.querySelector('.training-charts');
        const bar = document.querySelector('[role="progressbar"]');
        if (charts) w.__updates.add(charts.getAttribute('data-updates') ?? '');
        if (bar) w.__progress.add(bar.getAttribute('aria-valuenow') ?? '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await cell(page, 1).getByRole('button', { name: 'Run cell' }).click();
    await cell(page, 1).getByRole('button', { name: 'Stop training' }).waitFor({ timeout: 60_000 });
    await cell(page, 1).locator('.training-final').waitFor({ timeout: 120_000 });

    const seen = await page.evaluate(() => {
      const w = window as unknown as { __updates: Set<string>; __progress: Set<string> };
      return { updates: [...w.__updates].filter(Boolean).length, progress: w.__progress.size };
    });
    expect(seen.updates).toBeGreaterThanOrEqual(3);
    expect(seen.progress).toBeGreaterThanOrEqual(3);
    const final = await cell(page, 1).locator('.training-final').textContent();
    expect(final).toMatch(/loss: \d+\.\d+/);
    expect(final).toMatch(/val_loss: \d+\.\d+/);
    expect(await cell(page, 1).getByRole('region', { name: 'Loss chart' }).count()).toBe(1);
    expect(await cell(page, 1).getByRole('region', { name: 'Accuracy chart' }).count()).toBe(1);
    await eventually(
      () => outputText(page, 1),
      (text) => expect(text).toMatch(/final loss \d+\.\d+/),
    );
    expect(await page.locator('.kernel-status').textContent()).toMatch(/^Kernel: idle · (webgl|wasm|cpu|webgpu)$/);
    expect(await cell(page, 1).locator('.exec-count').textContent()).toBe('[1]');
  });

  it('keeps variables across cells, shows rich values, and prints in order even from later async code', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await setCode(page, 1, 'const answer = 42;\nconst t = tf.tensor2d([[1, 2], [3, 4]]);');
    await runCell(page, 1);
    const second = await addCodeCell(
      page,
      'setTimeout(() => console.log("later"), 300);\nconsole.log("now");\n({ doubled: answer * 2, list: [1, 2, 3] })',
    );
    await runCell(page, second);
    await eventually(
      () => outputText(page, second),
      (text) => expect(text).toMatch(/now[\s\S]*doubled:[\s\S]*84[\s\S]*later/),
    );
    const third = await addCodeCell(page, 't.matMul(t)');
    await runCell(page, third);
    expect(await outputText(page, third)).toContain('Tensor [2,2] float32');
    expect(await outputText(page, third)).toMatch(/\[\[7\s*,\s*10\s*\],\s*\[15\s*,\s*22\s*\]\]/);
    const fourth = await addCodeCell(
      page,
      'display.markdown("**bold** words");\ndisplay.table([{ a: 1, b: 2 }]);\n' +
        'display.plot([1, 4, 9, 16], { title: "Squares" });\ndisplay.image(tf.ones([8, 8]));\n' +
        'for (let i = 0; i < 500; i++) console.log("line " + i);',
    );
    await runCell(page, fourth);
    const out = cell(page, fourth).getByRole('region', { name: 'Output' });
    expect(await out.locator('strong').textContent()).toBe('bold');
    expect(await out.locator('table th').allTextContents()).toEqual(['a', 'b']);
    await out.getByRole('region', { name: 'Squares' }).waitFor();
    expect(await out.getByRole('img', { name: 'Image 8×8' }).count()).toBe(1);
    expect(await outputText(page, fourth)).not.toContain('line 499');
    await out.getByRole('button', { name: 'Show all 500 lines' }).click();
    expect(await outputText(page, fourth)).toContain('line 499');
    expect(await cell(page, fourth).locator('.exec-count').textContent()).toBe('[4]');
  });

  it('points syntax and runtime errors at the right cell line, with an editor marker', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await setCode(page, 1, 'const ok = 1;\nconst broken = ;');
    await runCell(page, 1);
    expect(await outputText(page, 1)).toMatch(/SyntaxError: .*\(line 2\)/);
    await eventually(
      () => cell(page, 1).locator('.squiggly-error').count(),
      (n) => expect(n).toBeGreaterThan(0),
    );

    await setCode(page, 1, 'function area(r: number) {\n  return Math.PI * r * radius;\n}\n\narea(2);');
    await runCell(page, 1);
    const text = await outputText(page, 1);
    expect(text).toMatch(/ReferenceError: radius is not defined \(line 2\)/);
    expect(text).toMatch(/at area \(this cell, line 2\)/);
    expect(text).toMatch(/this cell, line 5/);
    expect(text).toContain('run that cell first');
  });

  it('interrupts an endless loop: a new kernel in under 3 s, the notebook intact', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await setCode(page, 1, 'let spins = 0;\nwhile (true) { spins++; }');
    await cell(page, 1).getByRole('button', { name: 'Run cell' }).click();
    await eventually(
      () => page.locator('.kernel-status').textContent(),
      (s) => expect(s).toBe('Kernel: busy · cpu'),
    );
    const second = await addCodeCell(page, '"queued behind the loop"');
    await cell(page, second).getByRole('button', { name: 'Run cell' }).click();

    const clicked = Date.now();
    await page.getByRole('button', { name: 'Interrupt' }).click();
    await eventually(
      () => page.locator('.kernel-status').textContent(),
      (s) => expect(s).toBe('Kernel: idle · cpu'),
      10_000,
    );
    const elapsed = Date.now() - clicked;
    // 2 s for the cell to yield (it never does), then under 3 s for the new kernel.
    expect(elapsed - 2000).toBeLessThan(3000);
    expect(await outputText(page, 1)).toContain('the kernel was restarted and its variables were lost');
    expect(await outputText(page, second)).toContain('Not run');
    expect(await codeText(page, 1)).toContain('while (true) { spins++; }');

    await setCode(page, second, 'typeof spins');
    await runCell(page, second);
    expect(await outputText(page, second)).toContain('"undefined"');
  });

  it('Restart kernel forgets variables and restarts the execution count, as in Jupyter', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await setCode(page, 1, 'var remembered = "yes";\nremembered');
    await runCell(page, 1);
    await runCell(page, 1);
    expect(await cell(page, 1).locator('.exec-count').textContent()).toBe('[2]');
    await page.getByRole('button', { name: 'Restart kernel' }).click();
    await eventually(
      () => page.locator('.kernel-status').textContent(),
      (s) => expect(s).toBe('Kernel: idle · cpu'),
      30_000,
    );
    const second = await addCodeCell(page, 'typeof remembered');
    await runCell(page, second);
    expect(await cell(page, second).locator('.exec-count').textContent()).toBe('[1]');
    expect(await outputText(page, second)).toContain('"undefined"');
    // Outputs of earlier runs stay on screen, as Jupyter keeps them.
    expect(await outputText(page, 1)).toContain('"yes"');
  });

  it('stops training cooperatively with Stop training', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await setCode(page, 1, mlpCell(2048, 50));
    await cell(page, 1).getByRole('button', { name: 'Run cell' }).click();
    await cell(page, 1).getByRole('button', { name: 'Stop training' }).click({ timeout: 60_000 });
    await cell(page, 1).locator('.training-final').waitFor({ timeout: 20_000 });
    expect(await cell(page, 1).locator('.training-text').textContent()).toContain('stopped');
    await eventually(
      () => outputText(page, 1),
      (text) => expect(text).toMatch(/final loss/),
    );
    expect(await page.locator('.kernel-status').textContent()).toBe('Kernel: idle · cpu');
  });
});

describe('cell code is sandboxed', () => {
  it("cannot reach the app's storage, page or tabs, and the app's notebooks stay as they were", async () => {
    const { page, url } = await newNotebook(t.context, 'Target');
    const notebookId = new URL(url).searchParams.get('notebook');
    // Another tab of the app, listening on the app's channel as every tab does.
    const listener = await t.context.newPage();
    await listener.goto(baseUrl());
    await listener.evaluate(() => {
      const w = window as unknown as { __heard: unknown[] };
      w.__heard = [];
      new BroadcastChannel('layerbook').onmessage = (e) => w.__heard.push(e.data);
    });
    await useBackend(page, 'cpu');
    await setCode(
      page,
      1,
      [
        'const r: Record<string, string> = {};',
        'const attempt = async (name: string, f: () => unknown) => { ' +
          'try { r[name] = String(await f()); } catch (e) { r[name] = (e as Error).name; } };',
        "await attempt('idb', () => new Promise((ok, no) => { const q = indexedDB.open('layerbook'); " +
          "q.onsuccess = () => ok('opened ' + [...q.result.objectStoreNames].join(',')); q.onerror = () => no(q.error); }));",
        // Listing databases is refused too; caught here, it must leave no "Uncaught (in promise)" behind (issue 22).
        "await attempt('databases', () => indexedDB.databases());",
        "await attempt('localStorage', () => localStorage.getItem('layerbook:theme'));",
        "await attempt('parent', () => (parent as Window).document.title);",
        "await attempt('cookie', () => document.cookie);",
        "await attempt('channel', () => { new BroadcastChannel('layerbook')" +
          `.postMessage({ type: 'release-request', notebookId: ${JSON.stringify(notebookId)} }); return 'posted'; });`,
        `await attempt('fetch', () => fetch(${JSON.stringify(baseUrl())}).then((res) => res.status));`,
        "await attempt('origin', () => self.origin);",
        // Train reaches the kernel as a message of its own, never as code a cell could call.
        "await attempt('lb', () => Object.keys(lb).join(','));",
        'r',
      ].join('\n'),
    );
    await runCell(page, 1);
    const out = await outputText(page, 1);
    expect(out).toMatch(/idb:\s*"SecurityError"/);
    expect(out).toMatch(/localStorage:\s*"ReferenceError"/);
    expect(out).toMatch(/parent:\s*"ReferenceError"/);
    expect(out).toMatch(/cookie:\s*"ReferenceError"/);
    expect(out).toMatch(/fetch:\s*"TypeError"/);
    expect(out).toMatch(/origin:\s*"null"/);
    expect(out).toMatch(/databases:\s*"SecurityError"/);
    expect(out).toMatch(/lb:\s*"layers,datasets"/);
    await page.waitForTimeout(500);
    expect(await outputText(page, 1)).not.toMatch(/Uncaught/);
    // The app's own tabs talk on this channel (saves); the cell's message must not be among them.
    const heard = await listener.evaluate(() => (window as unknown as { __heard: Array<{ type: string }> }).__heard);
    expect(heard.filter((m) => m.type === 'release-request')).toEqual([]);
    expect(await page.getByText('Read-only here.').count()).toBe(0);
    await listener.reload();
    await listener.getByRole('link', { name: 'Target' }).waitFor();
  });

  it('survives a cell that forges messages, hijacks postMessage and throws from a timer', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await setCode(
      page,
      1,
      [
        "postMessage({ type: 'ready', backend: 'webgpu', available: [], notes: [] });",
        "postMessage({ type: 'done', runId: 'anything', ok: true, ms: 0 });",
        'self.postMessage = () => undefined;',
        'self.onmessage = () => undefined;',
        "setTimeout(() => { throw new Error('late failure'); }, 100);",
        "Promise.reject(new RangeError('nobody catches this'));",
        "'still answering'",
      ].join('\n'),
    );
    await runCell(page, 1);
    await eventually(
      () => outputText(page, 1),
      (text) => expect(text).toMatch(/"still answering"[\s\S]*Uncaught Error: late failure \(line 5\)/),
    );
    // A rejection nobody handles still shows, with what was rejected and where.
    expect(await outputText(page, 1)).toMatch(/Uncaught \(in promise\) RangeError: nobody catches this \(line 6\)/);
    expect(await page.locator('.kernel-status').textContent()).toBe('Kernel: idle · cpu');
    const second = await addCodeCell(page, '6 * 7');
    await runCell(page, second);
    expect(await outputText(page, second)).toContain('42');
  });

  it('prints 100,000 lines without freezing the page, showing the first ones and Show all', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'cpu');
    await setCode(page, 1, 'for (let i = 0; i < 100000; i++) console.log("line " + i);');
    const started = Date.now();
    await runCell(page, 1);
    expect(Date.now() - started).toBeLessThan(20_000);
    const out = cell(page, 1).getByRole('region', { name: 'Output' });
    expect(await outputText(page, 1)).toContain('line 199');
    expect(await outputText(page, 1)).not.toContain('line 99999');
    // Past 1 MB of text the middle is cut; the start and the latest lines stay.
    await out.getByRole('button', { name: /^Show all [\d,]+ lines$/ }).click();
    expect(await outputText(page, 1)).toMatch(/characters of output cut[\s\S]*line 99999/);
    // The page still answers at once.
    const ping = Date.now();
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(Date.now() - ping).toBeLessThan(1000);
  });

  it('runs nothing from an imported notebook until Trust and run', async () => {
    const page = await t.context.newPage();
    await page.goto(baseUrl());
    const doc = {
      format: 'layerbook',
      version: 1,
      id: 'untrusted01',
      title: 'From a stranger',
      cells: [
        { id: 'a', kind: 'markdown', source: '# Hello' },
        { id: 'b', kind: 'code', source: 'console.log("it ran")' },
      ],
      graphs: {},
      metadata: {},
    };
    await page
      .getByLabel('Open notebook file')
      .setInputFiles({ name: 'stranger.layerbook.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    const notice = page.getByRole('region', { name: 'Untrusted notebook' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('the file “stranger.layerbook.json”');
    expect(await cell(page, 2).getByRole('button', { name: 'Run cell' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Run all' }).isDisabled()).toBe(true);
    await cell(page, 2).locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Shift+Enter');
    await page.waitForTimeout(500);
    expect(await outputText(page, 2)).toBe('');
    expect(await page.locator('.kernel-status').textContent()).toMatch(/not started/);

    await notice.getByRole('button', { name: 'Trust and run' }).click();
    await eventually(
      () => outputText(page, 2),
      (text) => expect(text).toContain('it ran'),
      60_000,
    );
    await page.reload();
    await cell(page, 2).waitFor();
    expect(await page.getByRole('region', { name: 'Untrusted notebook' }).count()).toBe(0);
  });
});
