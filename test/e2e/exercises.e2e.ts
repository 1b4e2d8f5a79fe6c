import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CodeCell } from '../../src/doc/types';
import { loadTutorialDoc, tutorialEntry } from '../../src/tutorials/catalogue';
import { baseUrl, cell, eventually, newNotebook, setCode, useBrowser, waitSaved, watchErrors } from './app';

// Issue 26, exercises: a learner checks, takes a hint, answers and passes, and the progress
// follows the notebook to the home page; an educator makes one, previews it (a broken check
// says so to its author only) and shares it as a link that a fresh profile can check.

const t = useBrowser();

const verdict = (exercise: Locator) => exercise.getByRole('status');
const gallery = (page: Page) => page.getByRole('region', { name: 'Learn' });

/** Waits for the exercise's status line to give a verdict (not "Checking…") and returns it. */
async function verdictText(exercise: Locator, timeout = 60_000): Promise<string> {
  return eventually(
    async () => ((await verdict(exercise).textContent()) ?? '').trim(),
    (text) => expect(text).toMatch(/^(Correct|Not yet|This exercise's check is broken)/),
    timeout,
  );
}

/** Pastes text into the Monaco editor inside `scope`, as a person pastes. */
async function pasteInto(page: Page, scope: Locator, text: string): Promise<void> {
  const lines = scope.locator('.monaco-editor .view-lines');
  await lines.waitFor({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('ControlOrMeta+V');
}

describe('exercises', () => {
  it(
    'a learner opens a tutorial, checks before doing anything (not yet, and why), takes a hint, answers and passes; ' +
      'the progress shows on the notebook and, after a reload, on its home card and in the gallery',
    { timeout: 180_000 },
    async () => {
      const entry = tutorialEntry('tensors-gradients');
      if (!entry) throw new Error('no tutorial tensors-gradients');
      const shipped = await loadTutorialDoc(entry);
      const exercises = shipped.cells.filter((c): c is CodeCell => c.kind === 'code' && c.exercise !== undefined);
      const first = exercises[0];
      const index = shipped.cells.indexOf(first);
      const firstExercise = first.exercise;
      if (!firstExercise) throw new Error('tutorial 2 has no code exercise');
      const total = shipped.cells.filter((c) => c.kind !== 'markdown' && c.exercise).length;

      const page = await t.context.newPage();
      const errors = watchErrors(page);
      await page.goto(baseUrl());
      await gallery(page).getByRole('link', { name: entry.title }).click();
      await page.getByRole('textbox', { name: 'Notebook title' }).waitFor();
      await page.getByText(`0 of ${total} exercises done`).waitFor();

      const answerCell = cell(page, index + 1);
      const exercise = answerCell.getByRole('region', { name: 'Exercise' });
      await exercise.scrollIntoViewIfNeeded();
      await exercise.getByRole('button', { name: 'Check' }).click();
      const before = await verdictText(exercise);
      // Nothing has run yet: the check says what is missing, in a learner's words.
      expect(before).toMatch(/^Not yet: \S.{10,}/);
      expect(before).not.toMatch(/Trust and run/);
      await page.screenshot({ path: 'test-results/exercise-not-yet.png' });

      await exercise.getByRole('button', { name: 'Hint' }).click();
      const hints = exercise.getByRole('list', { name: 'Hints' }).getByRole('listitem');
      expect(await hints.count()).toBe(1);
      expect(((await hints.first().textContent()) ?? '').trim().length).toBeGreaterThan(5);

      // The learner writes the answer and runs the notebook down to it.
      await setCode(page, index + 1, firstExercise.solution);
      await page.getByRole('button', { name: 'Run all' }).click();
      await expect.poll(() => answerCell.locator('.exec-count').textContent(), { timeout: 60_000, interval: 200 }).toMatch(/^\[\d+\]$/);
      await exercise.getByRole('button', { name: 'Check' }).click();
      await eventually(
        () => verdictText(exercise),
        (text) => expect(text).toMatch(/^Correct/),
        60_000,
      );
      await page.getByText(`1 of ${total} exercises done`).waitFor();
      expect(await exercise.getByText('Solved').count()).toBe(1);
      await page.screenshot({ path: 'test-results/exercise-correct.png' });
      await waitSaved(page);

      // It is the learner's copy: the progress survives a reload, and shows where they find the notebook.
      await page.reload();
      await page.getByText(`1 of ${total} exercises done`).waitFor();
      await page.goto(baseUrl());
      const library = page.getByRole('list', { name: 'Notebooks' });
      await library.getByRole('link', { name: entry.title, exact: true }).waitFor();
      expect(await library.getByRole('listitem').filter({ hasText: entry.title }).textContent()).toContain(`1 of ${total} exercises done`);
      const card = gallery(page).getByRole('listitem').filter({ hasText: entry.title });
      expect(await card.textContent()).toContain(`1 of ${total} exercises done`);
      await page.screenshot({ path: 'test-results/exercise-home.png', fullPage: true });
      expect(errors).toEqual([]);
    },
  );

  it(
    'an educator turns a cell into an exercise; a broken check says so in the preview; ' +
      'the link opens in a fresh profile with the exercise, its solution hidden, and Check works after Trust and run',
    { timeout: 180_000 },
    async () => {
      const { page } = await newNotebook(t.context, 'Practice: the answer');
      const errors = watchErrors(page);
      await setCode(page, 1, 'const answer = 6 * 7;');
      await cell(page, 1).getByRole('button', { name: 'Make exercise' }).click();
      const editor = cell(page, 1).getByRole('group', { name: 'Exercise editor' });
      await editor.getByRole('textbox', { name: 'Task' }).fill('Make `answer` the product of 6 and 7.');
      await editor.getByRole('button', { name: 'Add hint' }).click();
      await editor.getByRole('textbox', { name: 'Hint 1' }).fill('Multiply with `*`.');
      await editor.getByRole('textbox', { name: /^Solution/ }).fill('const answer = 6 * 7;');
      expect(await editor.textContent()).toMatch(/not secret/);

      // A check that names no helper that exists: its author is told why; a learner would see only that it is broken.
      const checkCode = editor.getByRole('group', { name: 'Check code' });
      await pasteInto(page, checkCode, "check.valu('answer', 42);");
      const preview = editor.getByRole('region', { name: 'Exercise' });
      await preview.getByRole('button', { name: 'Check' }).click();
      expect(await verdictText(preview)).toBe("This exercise's check is broken");
      expect(await preview.textContent()).toMatch(/TypeError: check\.valu is not a function \(line 1 of the check\)/);
      await editor.screenshot({ path: 'test-results/exercise-editor-broken.png' });
      // A check that never ends: Interrupt ends it like any cell, and the status line says so.
      await pasteInto(page, checkCode, 'while (true) {}');
      await preview.getByRole('button', { name: 'Check' }).click();
      await verdict(preview).getByText('Checking…').waitFor();
      await page.getByRole('button', { name: 'Interrupt' }).click();
      expect(await verdictText(preview, 30_000)).toMatch(/^Not yet: the check stopped before it finished/);
      await pasteInto(page, checkCode, "check.value('answer', 42);");
      await eventually(
        async () => (await editor.locator('.monaco-editor .view-lines').textContent()) ?? '',
        (text) => expect(text.replace(/\u00a0/g, ' ')).toContain("check.value('answer', 42);"),
      );
      // The author runs the cell first, as a learner would; then the preview passes.
      await cell(page, 1).getByRole('button', { name: 'Run cell' }).click();
      await preview.getByRole('button', { name: 'Check' }).click();
      await eventually(
        () => verdictText(preview),
        (text) => expect(text).toBe('Correct'),
        60_000,
      );
      // The author's own pass in the preview is not a learner's: nothing is recorded as done.
      await page.getByText('0 of 1 exercises done').waitFor();
      await editor.getByRole('button', { name: 'Done editing' }).click();
      await waitSaved(page);

      await page.getByRole('button', { name: 'Share' }).click();
      const dialog = page.getByRole('dialog');
      const url = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
      await dialog.getByRole('button', { name: 'Close' }).click();

      const other = await t.browser.newContext({ viewport: { width: 1100, height: 800 } });
      try {
        const reader = await other.newPage();
        const readerErrors = watchErrors(reader);
        await reader.goto(url);
        const banner = reader.getByRole('region', { name: 'Shared notebook' });
        await banner.waitFor();
        const exercise = cell(reader, 1).getByRole('region', { name: 'Exercise' });
        await exercise.getByText(/product of 6 and 7/).waitFor();
        // The author's own pass is not the reader's: progress does not travel in the link.
        await reader.getByText('0 of 1 exercises done').waitFor();
        // Hidden from the learner's view: no solution, no check code, no editor.
        expect(await exercise.getByRole('group', { name: 'Solution' }).count()).toBe(0);
        expect(await reader.getByRole('group', { name: 'Exercise editor' }).count()).toBe(0);
        expect(await reader.getByText("check.value('answer', 42);").count()).toBe(0);
        // Before Trust and run, nothing runs, a Check included.
        await exercise.getByRole('button', { name: 'Check' }).click();
        expect(await verdictText(exercise)).toMatch(/^Not yet: this notebook runs nothing until you press Trust and run/);

        await banner.getByRole('button', { name: 'Trust and run' }).click();
        await exercise.getByRole('button', { name: 'Check' }).click();
        await eventually(
          () => verdictText(exercise),
          (text) => expect(text).toBe('Correct'),
          60_000,
        );
        // Read-only here, so the pass is not saved, but it counts for this visit.
        await reader.getByText('1 of 1 exercises done').waitFor();
        await exercise.getByRole('button', { name: 'Show solution' }).click();
        await reader.getByRole('dialog').getByRole('button', { name: 'Show solution' }).click();
        expect(await exercise.getByRole('group', { name: 'Solution' }).textContent()).toContain('const answer = 6 * 7;');
        await reader.screenshot({ path: 'test-results/exercise-shared.png' });
        expect(readerErrors).toEqual([]);
      } finally {
        await other.close();
      }
      expect(errors).toEqual([]);
    },
  );
});
