import { expect, it } from 'vitest';
import { outputsOf, runTutorial } from './runTutorial';

interface Scores {
  naiveMse: number;
  forecasterMse: number;
}
const isScores = (v: unknown): v is Scores => typeof v === 'object' && v !== null && 'naiveMse' in v && 'forecasterMse' in v;

it('tutorial 8: the Conv1D + LSTM forecaster beats the naive last-value forecast on the same test windows', async () => {
  const run = await runTutorial('time-series');
  const trained = run.cells.filter((c) => c.kind === 'graph');
  expect(trained).toHaveLength(1);
  // Both MSEs as the tutorial's own code computes and shows them: on the test split, then on 200 new steps of the wave.
  const [test, later] = run.cells.map((c) => c.value).filter(isScores);
  expect(test.forecasterMse).toBeLessThan(0.8 * test.naiveMse);
  expect(later.forecasterMse).toBeLessThan(0.8 * later.naiveMse);
  // The graph cell's own test report is the same MSE (its loss) on the same 200 windows.
  expect(trained[0].evaluation?.count).toBe(200);
  expect(trained[0].evaluation?.loss).toBeCloseTo(test.forecasterMse, 3);
  // The wave, one example, the test forecasts and the new steps are drawn; the comparison is a table.
  expect(outputsOf(run, 'plot')).toHaveLength(4);
  expect(outputsOf(run, 'table')).toHaveLength(1);
  console.log(
    `tutorial 8: ${(run.ms / 1000).toFixed(1)} s (graph ${(trained[0].ms / 1000).toFixed(1)} s), ` +
      `test MSE naive ${test.naiveMse.toFixed(4)} vs forecaster ${test.forecasterMse.toFixed(4)}, ` +
      `new steps naive ${later.naiveMse.toFixed(4)} vs forecaster ${later.forecasterMse.toFixed(4)}`,
  );
});
