#!/usr/bin/env node
// `npm run bench`: the same MLP fit (a) as bare tfjs in a plain worker and
// (b) through a Layerbook cell with its live chart, in one Chromium, in
// interleaved rounds (these machines vary ±25 % between runs, so only ratios
// taken side by side mean anything). Prints JSON; fails on nothing but errors.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const run = (args) => {
  const r = spawnSync('npx', args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['vite', 'build', '--logLevel', 'warn']);
run(['vite', 'build', '--config', 'test/bench/vite.config.ts']);

// One workload for both sides, read from the module the bare side imports.
const BENCH = JSON.parse(/BENCH = (\{[^}]+\})/.exec(readFileSync('test/bench/mlpFit.ts', 'utf8'))[1].replace(/(\w+):/g, '"$1":'));
const flags = JSON.parse(readFileSync('test/e2e/chromium-flags.json', 'utf8'));
const app = await preview({ logLevel: 'warn', preview: { port: 0 } });
const bench = await preview({ logLevel: 'warn', root: 'test/bench', build: { outDir: '../../dist-bench' }, configFile: false, preview: { port: 0 } });
const browser = await chromium.launch({ executablePath: process.env.LAYERBOOK_CHROMIUM ?? '/usr/bin/chromium', args: flags });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CELL = [
  "const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 64, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });",
  "model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });",
  `const xs = tf.randomNormal([${BENCH.samples}, 784]);`,
  `const ys = tf.oneHot(tf.randomUniform([${BENCH.samples}], 0, 10, 'int32'), 10);`,
  `await model.fit(xs, ys, { epochs: ${BENCH.warmupEpochs}, batchSize: ${BENCH.batchSize} });`,
  'const started = performance.now();',
  `await model.fit(xs, ys, { epochs: ${BENCH.epochs}, batchSize: ${BENCH.batchSize} });`,
  'const seconds = (performance.now() - started) / 1000;',
  'xs.dispose(); ys.dispose(); model.dispose();',
  `console.log(JSON.stringify({ backend: tf.getBackend(), samplesPerSec: ${BENCH.samples * BENCH.epochs} / seconds }));`,
].join('\n');

try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(app.resolvedUrls.local[0]);
  await page.getByRole('button', { name: 'New notebook' }).click();
  const cell = page.getByRole('group', { name: 'Cell 1', exact: true });
  await cell.locator('.monaco-editor .view-lines').click();
  await page.evaluate((text) => navigator.clipboard.writeText(text), CELL);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  // Frame gaps on the page's main thread while the kernel trains with the chart redrawing.
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (now) => {
      if (document.querySelector('.training') && !document.querySelector('.output-ok')) window.__gaps.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const barePage = await browser.newPage();
  await barePage.goto(bench.resolvedUrls.local[0]);
  await barePage.waitForFunction(() => 'runBare' in window);

  const rounds = [];
  let backend = 'auto';
  for (let i = 0; i < ROUNDS; i++) {
    const done = page.locator('.exec-count', { hasText: `[${i + 1}]` });
    await cell.getByRole('button', { name: 'Run cell' }).click();
    await done.waitFor({ timeout: 300_000 });
    const layerbook = JSON.parse(/\{"backend".*\}/.exec(await cell.getByRole('region', { name: 'Output' }).textContent())[0]);
    backend = layerbook.backend;
    // The same frame probe on the bare page: what this machine does to frames with no UI work at all.
    const bare = await barePage.evaluate(async (b) => {
      const gaps = [];
      let last = performance.now();
      let running = true;
      const tick = (now) => {
        gaps.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const result = await window.runBare(b);
      running = false;
      return { ...result, longestGap: Math.max(...gaps) };
    }, backend);
    rounds.push({ layerbook: Math.round(layerbook.samplesPerSec), bare: Math.round(bare.samplesPerSec), ratio: Number((layerbook.samplesPerSec / bare.samplesPerSec).toFixed(3)), bareLongestGap: Math.round(bare.longestGap) });
  }
  const gaps = (await page.evaluate(() => window.__gaps)).sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        workload: { model: '784-128-64-10 MLP', ...BENCH },
        backend,
        rounds,
        bareSamplesPerSec: median(rounds.map((r) => r.bare)),
        layerbookSamplesPerSec: median(rounds.map((r) => r.layerbook)),
        ratio: median(rounds.map((r) => r.ratio)),
        ratioGoal: 0.97,
        longestFrameGapMs: Math.round(gaps[gaps.length - 1] ?? 0),
        p99FrameGapMs: Math.round(gaps[Math.floor(gaps.length * 0.99)] ?? 0),
        framesMeasured: gaps.length,
        frameGapGoalMs: 33,
        bareLongestFrameGapMs: Math.max(...rounds.map((r) => r.bareLongestGap)),
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  app.httpServer.close();
  bench.httpServer.close();
}
