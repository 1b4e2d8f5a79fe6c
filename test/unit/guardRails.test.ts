import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each house rule, broken on purpose in a scratch copy of the tree: `npm run lint` must name the
// file, the line and the rule of every breach, and `npm test` must stop before any test runs.
// (The real tree passing them all is `npm test`'s own first step.)

const ROOT = process.cwd();

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A report line: `file:line[:column]: …` holding each part in order. */
const reported = (file: string, line: number, ...parts: string[]) =>
  new RegExp(`^${escape(file)}:${line}(:\\d+)?: .*${parts.map(escape).join('.*')}`, 'm');

/** Breaches, one file each, with the line and the rule each must be reported under. */
const BREACHES: Array<{ file: string; source: string; report: RegExp }> = [
  {
    file: 'src/graph/breachReact.ts',
    source: "import { useState } from 'react';\n\nexport const hook = useState;\n",
    report: reported('src/graph/breachReact.ts', 1, "'react'", 'import no React (DESIGN.md rule 1)', '[eslint(no-restricted-imports)]'),
  },
  {
    file: 'workers/kernel/breachFeature.ts',
    source:
      "import { describeStorageError } from '../../src/features/notebook/storageErrors';\n\n" +
      'export const describe = describeStorageError;\n',
    report: reported('workers/kernel/breachFeature.ts', 1, 'workers/ never imports the page', '[eslint(no-restricted-imports)]'),
  },
  {
    file: 'src/doc/breachCycleA.ts',
    source: "import { b } from './breachCycleB';\n\nexport const a = (): number => b() + 1;\n",
    report: reported('src/doc/breachCycleA.ts', 1, 'Dependency cycle detected', '[import(no-cycle)]'),
  },
  {
    file: 'src/doc/breachCycleB.ts',
    source: "import { a } from './breachCycleA';\n\nexport const b = (): number => a() - 1;\n",
    report: reported('src/doc/breachCycleB.ts', 1, 'Dependency cycle detected', '[import(no-cycle)]'),
  },
  {
    file: 'src/doc/breachState.ts',
    source: '/** How many times this ran. */\nexport let count = 0;\n',
    report: reported('src/doc/breachState.ts', 2, 'Module-level `let count`', '[layerbook(no-module-state)]'),
  },
  {
    file: 'src/doc/breachLongLine.ts',
    source: `// ${'A comment that goes on and on. '.repeat(5).trimEnd()}\nexport const short = 1;\n`,
    report: reported('src/doc/breachLongLine.ts', 1, 'Line 1 is 157 characters; the limit is 140', '[layerbook(max-line-length)]'),
  },
  {
    file: 'workers/kernel/breachPromise.ts',
    source: 'async function save(): Promise<void> {}\n\nexport function later(): void {\n  save();\n}\n',
    report: reported('workers/kernel/breachPromise.ts', 4, 'Promises must be awaited', '[typescript(no-floating-promises)]'),
  },
  {
    file: 'src/doc/breachFormat.ts',
    source: 'export const  spaced={a:1}\n',
    report: reported('src/doc/breachFormat.ts', 1, 'not formatted as Prettier writes it', '[prettier]'),
  },
  {
    // Nothing imports it: knip lists it as an unused file.
    file: 'src/doc/breachUnused.ts',
    source: 'export const used = 1;\n',
    report: /^src\/doc\/breachUnused\.ts\s*$/m,
  },
];

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'layerbook-guard-'));
  // The tree as git sees it (tracked and new files, not ignored ones), without the shipped assets.
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of listed.stdout.split('\n').filter(Boolean)) {
    if (file.startsWith('public/')) continue;
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(ROOT, file), join(scratch, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  // The Python environment too, when there is one: `npm test` would otherwise start installing
  // TensorFlow into the scratch copy (it starts the install beside its checks).
  if (existsSync(join(ROOT, '.venv'))) symlinkSync(join(ROOT, '.venv'), join(scratch, '.venv'), 'dir');
  for (const breach of BREACHES) writeFileSync(join(scratch, breach.file), breach.source);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the guard rails', () => {
  it(
    'name the file, line and rule of each breach: React in src/graph, workers/ importing a feature, a cycle, ' +
      'a module-level let, a long line, a floating promise, bad formatting',
    () => {
      const r = spawnSync('node', ['scripts/lint.mjs', '--keep-going'], { cwd: scratch, encoding: 'utf8' });
      const output = `${r.stdout}\n${r.stderr}`;
      expect(r.status, output).toBe(1);
      for (const breach of BREACHES) expect(output, breach.file).toMatch(breach.report);
      // The unused file is knip's finding; every step ran and said which failed.
      expect(output).toMatch(/FAIL format \(Prettier\)/);
      expect(output).toMatch(/FAIL lint \(oxlint/);
      expect(output).toMatch(/FAIL unused exports and files \(knip\)/);
    },
    120_000,
  );

  it('stop `npm test` before any test runs', () => {
    // Any existing file will do for the browser: the run must end at the checks.
    const r = spawnSync('node', ['scripts/test.mjs'], {
      cwd: scratch,
      encoding: 'utf8',
      env: { ...process.env, LAYERBOOK_CHROMIUM: '/bin/sh' },
    });
    const output = `${r.stdout}\n${r.stderr}`;
    expect(r.status, output).toBe(1);
    expect(output).toContain('The checks failed (above), so no tests ran.');
    expect(output).toContain('tests: 0 passed, 1 failed');
    expect(output).not.toContain('vitest run');
  }, 120_000);
});
