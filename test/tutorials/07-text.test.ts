import { expect, it } from 'vitest';
import { expectExercises, outputsOf, runTutorial } from './runTutorial';

it('tutorial 7 trains its LSTM past 85 % on sentiment, the Bidirectional one too, and draws attention maps', async () => {
  const run = await runTutorial('text');
  // The tutorial's own cells; an exercise's cell is the learner's (its graph is not trained as shipped).
  const isExercise = (index: number) => {
    const cell = run.doc.cells[index];
    return cell.kind !== 'markdown' && cell.exercise !== undefined;
  };
  const lesson = run.cells.filter((c) => !isExercise(c.index));
  const trained = lesson.filter((c) => c.kind === 'graph');
  expect(trained).toHaveLength(4);
  const [bag, lstm, bi, attention] = trained.map((c) => c.evaluation?.accuracy ?? 0);
  expect(lstm).toBeGreaterThanOrEqual(0.85);
  expect(bi).toBeGreaterThanOrEqual(0.85);
  expect(attention).toBeGreaterThanOrEqual(0.7);
  // The reviews' table, the learner's own reviews scored by three models, and where each word attends most.
  expect(outputsOf(run, 'table')).toHaveLength(3);
  // insight.attention drew its panel; the cell's value is each head's map shape: 2 heads of 16 × 16.
  const last = lesson.findLast((c) => c.kind === 'code');
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

  // Each exercise as shipped says what is missing; its reference solution passes its own check.
  const exercises = await expectExercises(run, 7, [
    'Not yet: padBefore([5, 7, 9], 5)[0] is 5; expected 0',
    'Not yet: reviewer has no LSTM layers; the task asks for 1',
    'Not yet: budget_net has 36,097 parameters; the task allows fewer than 2,000',
  ]);
  // budget_net's solution reaches its goal (its test accuracy is in the exercise's logged line).
  expect(exercises[2].evaluation?.accuracy ?? 0).toBeGreaterThanOrEqual(0.95);
});
