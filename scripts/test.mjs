#!/usr/bin/env node
// `npm test`: the checks of `npm run lint` (formatting, types, lint, unused exports), unit
// tests, every tutorial run as shipped, production build, end-to-end tests in Debian's Chromium;
// ends with one line "tests: N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Runs a command to its end without holding this process; resolves to its exit status. */
function runAsync(cmd, args, { log, nice = false } = {}) {
  const full = nice && hasNice ? ['nice', ['-n', '19', cmd, ...args]] : [cmd, args];
  if (!log) console.log(`\n> ${cmd} ${args.join(' ')}`);
  const out = log ? openSync(log, 'w') : 'inherit';
  return new Promise((done) => {
    const child = spawn(full[0], full[1], { stdio: ['ignore', out, out] });
    child.on('error', () => done(1));
    child.on('exit', (code) => {
      if (typeof out === 'number') closeSync(out);
      done(code ?? 1);
    });
  });
}
const hasNice = spawnSync('sh', ['-c', 'command -v nice'], { stdio: 'ignore' }).status === 0;

/** A Vitest run; its JSON report gives the counts for the summary line. `log` sends its output to a file. */
async function vitest(config, label, outDir, options = {}) {
  const out = join(outDir, `${label}.json`);
  const args = ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  const status = await runAsync('npx', args, options);
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
// The house rules first (formatting, types, layers, lint, unused exports): a breach stops the
// run here, in seconds, with its file, line and rule, before minutes of tests.
if (run('node', ['scripts/lint.mjs']) !== 0) {
  console.error('\nThe checks failed (above), so no tests ran. `npm run lint` runs them alone; `npm run format` fixes formatting.');
  console.log('\ntests: 0 passed, 1 failed');
  process.exit(1);
}

const outDir = mkdtempSync(join(tmpdir(), 'layerbook-test-'));
let passed = 0;
let failed = 0;
let ok = true;
const count = (r) => {
  passed += r.passed;
  failed += r.failed;
};
try {
  if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
    console.error('The production build failed; end-to-end tests need it.');
    ok = false;
  }
  // The end-to-end tests keep Chromium busy on about 1.7 of these machines' 2 cores. The Node
  // suites (unit tests, then every shipped tutorial run top to bottom on wasm) run beside them at
  // the lowest priority, on what the browser leaves idle, and report after it (docs/decisions.md).
  console.log('\nThe unit tests and tutorials run beside the end-to-end tests, at low priority; their reports follow these.');
  const beside = (async () => {
    const suites = [
      ['vitest.config.ts', 'unit'],
      ['vitest.tutorials.config.ts', 'tutorials'],
    ];
    const results = [];
    for (const [config, label] of suites) {
      const log = join(outDir, `${label}.log`);
      results.push({ config, log, result: await vitest(config, label, outDir, { log, nice: true }) });
    }
    return results;
  })();
  if (ok) count(await vitest('vitest.e2e.config.ts', 'e2e', outDir));
  for (const { config, log, result } of await beside) {
    console.log(`\n> npx vitest run --config ${config} (ran beside the end-to-end tests)`);
    process.stdout.write(readFileSync(log, 'utf8'));
    count(result);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
