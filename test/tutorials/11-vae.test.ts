import { expect, it } from 'vitest';
import { expectExercises, outputsOf, runTutorial } from './runTutorial';

it('tutorial 11 trains its VAE (the loss falls), draws 16 digits from the prior and the latent space', async () => {
  const run = await runTutorial('vae');
  const training = run.cells.find((c) => c.kind === 'code' && c.outputs.some((o) => o.kind === 'plot'));
  const { firstLoss = NaN, lastLoss = NaN } = (training?.value ?? {}) as { firstLoss?: number; lastLoss?: number };
  expect(lastLoss).toBeLessThan(0.6 * firstLoss);
  const grids = outputsOf(run, 'images').map((o) => (o.kind === 'images' ? o.images.length : 0));
  expect(grids).toContain(16);
  const scatter = outputsOf(run, 'plot').find((o) => o.kind === 'plot' && o.type === 'scatter');
  // One series per digit class, 2,000 test digits in all.
  const series = scatter?.kind === 'plot' ? scatter.series : [];
  expect(series).toHaveLength(10);
  expect(series.reduce((n, s) => n + s.x.length, 0)).toBe(2000);
  console.log(
    `tutorial 11: ${(run.ms / 1000).toFixed(1)} s (training ${((training?.ms ?? 0) / 1000).toFixed(1)} s); ` +
      `loss ${firstLoss.toFixed(1)} → ${lastLoss.toFixed(1)}`,
  );

  // Each exercise as shipped says what is missing; its reference solution passes its own check.
  const shapes = (n: number) => Array.from({ length: n }, () => 'a tensor of shape [1, 1]').join(', ');
  await expectExercises(run, 11, [
    `Not yet: reparameterise(${shapes(3)})[0][0] is 6.5; expected 3.5`,
    'Not yet: klPerDimension(a tensor of shape [1, 2], a tensor of shape [1, 2]) has shape []; the task needs [1, 2]',
    'Not yet: between has shape [2, 784]; the task needs [8, 784]',
  ]);
});
