#!/usr/bin/env node
// `npm run lint`: the house rules checked by machine, each naming the file, the line and the rule.
// Formatting, types, lint (layers, cycles, module state, type-aware rules, line length), then
// unused exports. It stops at the first failing step, as `npm test` wants; --keep-going runs
// them all (the guard-rail test uses it to see every breach at once).
import { spawnSync } from 'node:child_process';
import { formatProblems } from './lint/formatCheck.mjs';

/** What oxlint lints: the code, not the build output or shipped assets (see .oxlintrc.json). */
const LINTED = ['src', 'workers', 'test', 'scripts', 'vite.config.ts', 'vitest.config.ts', 'vitest.e2e.config.ts'];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status === 0;
}

/** oxlint's findings, one line each: `file:line:col: message (help) [rule]`; its own text if it failed to run. */
function oxlint() {
  const r = spawnSync('npx', ['oxlint', '--type-aware', '--deny-warnings', '--format', 'json', ...LINTED], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let diagnostics;
  try {
    ({ diagnostics } = JSON.parse(r.stdout));
  } catch {
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    return false;
  }
  for (const d of diagnostics) {
    const at = d.labels?.[0]?.span;
    const where = at ? `${d.filename}:${at.line}:${at.column}` : d.filename;
    // The help is where a rule's configured message goes (the layer rules say why there).
    console.log(`${where}: ${d.message}${d.help ? ` — ${d.help}` : ''} [${d.code}]`);
  }
  return r.status === 0 && diagnostics.length === 0;
}

const steps = [
  {
    name: 'format (Prettier)',
    fix: 'run `npm run format`, then split any string or comment still too long',
    async check() {
      const problems = await formatProblems();
      for (const p of problems) console.log(p);
      return problems.length === 0;
    },
  },
  { name: 'types (tsc)', fix: 'fix the type errors above', check: () => run('npx', ['tsc', '--noEmit']) },
  {
    name: 'lint (oxlint, type-aware, with the layer rules)',
    fix: 'each line above names the rule; DESIGN.md says why the layer rules exist',
    check: oxlint,
  },
  {
    name: 'unused exports and files (knip)',
    fix: 'drop the `export` of what only its own file uses, and delete what nothing uses',
    check: () => run('npx', ['knip', '--no-progress']),
  },
];

const keepGoing = process.argv.includes('--keep-going');
const started = performance.now();
let ok = true;
for (const step of steps) {
  const t0 = performance.now();
  const passed = await step.check();
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${passed ? 'ok  ' : 'FAIL'} ${step.name} (${seconds} s)${passed ? '' : `: ${step.fix}`}`);
  if (!passed) {
    ok = false;
    if (!keepGoing) break;
  }
}
console.log(`checks ${ok ? 'passed' : 'failed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(ok ? 0 : 1);
