import { expect, it } from 'vitest';
import { runTutorial } from './runTutorial';

it('tutorial 1 trains its suggested spiral network to at least 95 % test accuracy', async () => {
  const run = await runTutorial('first-network');
  const trained = run.cells.filter((c) => c.kind === 'graph');
  expect(trained).toHaveLength(1);
  expect(trained[0].evaluation?.accuracy).toBeGreaterThanOrEqual(0.95);
  console.log(`tutorial 1: ${(run.ms / 1000).toFixed(1)} s, test accuracy ${trained[0].evaluation?.accuracy}`);
});
