import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_CHECK } from '../../src/protocol/exercise';
import { runCheck } from '../../workers/kernel/check/runCheck';
import { installFitHook } from '../../workers/kernel/fitHook';
import { createKernelState } from '../../workers/kernel/kernelState';
import { learnerGlobals, useLearnerGlobals } from './learnerGlobals';

const kernel = createKernelState();
beforeAll(async () => {
  await tf.setBackend('cpu');
  // As the worker installs it, with no run going: a fit made outside a cell run is recorded too.
  installFitHook({
    post: () => undefined,
    stopRequested: () => false,
    whilePaused: () => Promise.resolve(),
    currentRunId: () => null,
    backend: () => 'cpu',
    recordFit: (model, record) => kernel.fits.set(model, record),
  });
});

const { define } = useLearnerGlobals();

/** Runs a check as the kernel does, for cell c1. */
const check = (source: string) => runCheck(kernel, source, 'c1', { log: () => undefined }, () => undefined);

describe('running an exercise’s check', () => {
  it('says Correct when every helper passes, with the praise a check returns', async () => {
    define('mean', 2.5);
    expect(await check("check.value('mean', 2.5);")).toEqual({ status: 'correct', message: 'Correct' });
    expect(await check("check.value('mean', 2.5);\nreturn 'Nice';")).toEqual({ status: 'correct', message: 'Correct: Nice' });
    // TypeScript, as in cells.
    expect(await check("const want: number = 2.5;\ncheck.value('mean', want);")).toEqual({ status: 'correct', message: 'Correct' });
  });

  it('says Not yet with the helper’s message', async () => {
    define('mean', 3);
    expect(await check("check.value('mean', 2.5);")).toEqual({ status: 'notYet', message: 'Not yet: mean is 3; expected 2.5' });
    expect(await check("check.value('nope', 1);")).toEqual({
      status: 'notYet',
      message: 'Not yet: nope is not defined yet: write it in your cell and run the cell (and the cells above it).',
    });
  });

  it('decides on a check.function the author forgot to await', async () => {
    define('add', (a: number, b: number) => a * b);
    expect(await check("check.function('add', [{ args: [2, 3], expected: 5 }]);")).toEqual({
      status: 'notYet',
      message: 'Not yet: add(2, 3) returned 6; expected 5',
    });
  });

  it('calls a check broken, with its error and line, when it does not compile', async () => {
    const verdict = await check("check.value('mean', 2.5);\nconst = 3;");
    expect(verdict.status).toBe('broken');
    expect(verdict.message).toBe(BROKEN_CHECK);
    expect(verdict.detail).toMatch(/^SyntaxError: .* \(line 2 of the check\)$/);
  });

  it('calls a check broken when it throws anything but NotYet', async () => {
    define('mean', 2.5);
    const verdict = await check("check.value('mean', 2.5);\nconst m = undefined as any;\nm.layers.length;");
    expect(verdict).toEqual({
      status: 'broken',
      message: BROKEN_CHECK,
      detail: expect.stringMatching(/^TypeError: Cannot read properties of undefined \(reading 'layers'\) \(line 3 of the check\)$/),
    });
  });

  it('calls a check broken when it made no check at all', async () => {
    expect(await check('const x = 1;')).toEqual({
      status: 'broken',
      message: BROKEN_CHECK,
      detail: 'The check made no check: call a check helper (check.value, check.model …) at least once.',
    });
  });

  it('keeps the check’s declarations its own, and its `check` out of the learner’s reach', async () => {
    define('mean', 2.5);
    expect(await check("const m = 2.5;\nfunction helper() { return 1; }\ncheck.value('mean', m);")).toMatchObject({ status: 'correct' });
    expect('m' in learnerGlobals).toBe(false);
    expect('helper' in learnerGlobals).toBe(false);
    // A learner's own global named check does not replace the helpers.
    define('check', { value: () => undefined });
    expect(await check("check.value('mean', 3);")).toEqual({ status: 'notYet', message: 'Not yet: mean is 2.5; expected 3' });
  });

  it('reads a model’s last fit, made outside any run, by fit or fitDataset', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    define('reg', model);
    const source = "check.training('reg', { optimizer: 'adam', minEpochs: 2 });\ncheck.trained('reg', { metric: 'loss', atMost: -1 });";
    expect(await check(source)).toMatchObject({
      status: 'notYet',
      message: 'Not yet: reg has not been trained yet: press Train (or run reg.fit) first, then Check.',
    });
    const history = await model.fit(tf.ones([4, 2]), tf.zeros([4, 1]), { epochs: 2 });
    const loss = history.history.loss[1] as number;
    expect(await check(source)).toEqual({
      status: 'notYet',
      message: `Not yet: loss ${Number(loss.toPrecision(3))}; the goal is at most -1`,
    });
    const data = tf.data
      .zip({
        xs: tf.data.array([
          [1, 1],
          [2, 2],
        ]),
        ys: tf.data.array([[0], [0]]),
      })
      .batch(2);
    await model.fitDataset(data, { epochs: 1 });
    expect(kernel.fits.get(model)).toMatchObject({ epochs: 1, epochsRun: 1, optimizer: 'Adam' });
    expect(await check(source)).toEqual({
      status: 'notYet',
      message: 'Not yet: reg was trained for 1 epoch; the task asks for at least 2',
    });
  });
});
