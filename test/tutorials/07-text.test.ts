import { expect, it } from 'vitest';
import { outputsOf, runTutorial } from './runTutorial';

it('tutorial 7 trains its LSTM past 85 % on sentiment, the Bidirectional one too, and draws attention maps', async () => {
  const run = await runTutorial('text');
  const trained = run.cells.filter((c) => c.kind === 'graph');
  expect(trained).toHaveLength(4);
  const [bag, lstm, bi, attention] = trained.map((c) => c.evaluation?.accuracy ?? 0);
  expect(lstm).toBeGreaterThanOrEqual(0.85);
  expect(bi).toBeGreaterThanOrEqual(0.85);
  expect(attention).toBeGreaterThanOrEqual(0.7);
  // The reviews' table, the learner's own reviews scored by three models, and where each word attends most.
  expect(outputsOf(run, 'table')).toHaveLength(3);
  // insight.attention drew its panel; the cell's value is each head's map shape: 2 heads of 16 × 16.
  const last = run.cells.findLast((c) => c.kind === 'code');
  expect(last?.outputs.some((o) => o.kind === 'insight')).toBe(true);
  expect(last?.value).toEqual([
    [16, 16],
    [16, 16],
  ]);
  const times = trained.map((c) => `${(c.ms / 1000).toFixed(1)} s`).join(', ');
  console.log(
    `tutorial 7: ${(run.ms / 1000).toFixed(1)} s (graph cells ${times}); test accuracy bag of words ${bag}, LSTM ${lstm}, ` +
      `Bidirectional ${bi}, attention ${attention}; ${last?.prints.join(' ')}`,
  );
});
