#!/usr/bin/env node
// `npm test`: the checks of `npm run lint` (formatting, types, lint, unused exports), unit
// tests, every tutorial run as shipped, the Python side against real Keras and TensorFlow,
// production build, end-to-end tests in Debian's Chromium; ends with one line
// "tests: N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePythonEnv } from './pythonEnv.mjs';

const CHROMIUM = process.env.LAYERBOOK_CHROMIUM ?? '/usr/bin/chromium';

function run(cmd, args, env = {}) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log(`${CHROMIUM} is missing: installing Debian's chromium package with apt-get.`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update'], env) === 0 && run('apt-get', ['install', '-y', 'chromium'], env) === 0) {
      if (existsSync(CHROMIUM)) return true;
    }
  }
  console.error(
    `\nThe end-to-end tests need Debian's Chromium at ${CHROMIUM}, and it is missing.\n` +
      `Install it with:  sudo apt-get update && sudo apt-get install chromium\n` +
      `(or set LAYERBOOK_CHROMIUM to another Chromium binary). Tests never download a browser.`,
  );
  return false;
}

// Vitest reports to the console and to a JSON file that the summary line counts.
function vitest(config, label, outDir) {
  const out = join(outDir, `${label}.json`);
  const status = run('npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  let passed = 0;
  let failed = status === 0 ? 0 : 1;
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  }
  return { passed, failed, status };
}

if (!ensureChromium()) process.exit(1);
// Real Keras and TensorFlow install into .venv/ (when missing) while the checks run.
const stopPythonInstall = new AbortController();
const pythonEnv = ensurePythonEnv(stopPythonInstall.signal);
// The house rules first (formatting, types, layers, lint, unused exports): a breach stops the
// run here, in seconds, with its file, line and rule, before minutes of tests.
if (run('node', ['scripts/lint.mjs']) !== 0) {
  console.error('\nThe checks failed (above), so no tests ran. `npm run lint` runs them alone; `npm run format` fixes formatting.');
  // An install under way is stopped with them: no test will use it.
  stopPythonInstall.abort();
  await pythonEnv;
  console.log('\ntests: 0 passed, 1 failed');
  process.exit(1);
}

const outDir = mkdtempSync(join(tmpdir(), 'layerbook-test-'));
let passed = 0;
let failed = 0;
let ok = true;
// Awaited before the unit tests: an install beside them once starved a unit test's 500 ms bound to 1,504 ms.
const pythonReady = await pythonEnv;
try {
  const unit = vitest('vitest.config.ts', 'unit', outDir);
  passed += unit.passed;
  failed += unit.failed;
  // Every shipped tutorial, run top to bottom as a learner runs it (wasm, in Node).
  const tutorials = vitest('vitest.tutorials.config.ts', 'tutorials', outDir);
  passed += tutorials.passed;
  failed += tutorials.failed;
  if (pythonReady) {
    const python = vitest('vitest.python.config.ts', 'python', outDir);
    passed += python.passed;
    failed += python.failed;
  } else {
    console.error('The Python-side tests did not run: their environment could not be made (above).');
    failed += 1;
  }
  if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
    console.error('The production build failed; end-to-end tests need it.');
    ok = false;
  } else {
    const e2e = vitest('vitest.e2e.config.ts', 'e2e', outDir);
    passed += e2e.passed;
    failed += e2e.failed;
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
