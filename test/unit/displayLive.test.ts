import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayOutput, DisplayUpdate, PlotOutput, ProgressOutput } from '../../src/protocol/display';
import { applyDisplayUpdate } from '../../src/store/applyDisplayUpdate';
import { compileCell } from '../../workers/kernel/cellCode';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { values } from './displayCapture';
import { createLiveChannel } from '../../workers/kernel/display/liveChannel';
import { runCompiledCell, toCellError } from '../../workers/kernel/evaluate';

// Live plots and progress bars: handles' calls buffered and sent at most every 50 ms by the clock
// at each call, everything sent at the end, Stop ending a learner's own loop.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A kernel's live side with a clock the test moves: what it sent, and its Stop button. */
function live(options: { clock?: () => number } = {}) {
  const sent: Array<{ runId: string; id: string; update: DisplayUpdate }> = [];
  const kernel = { stop: false, running: true };
  const channel = createLiveChannel({
    send: (runId, id, update) => sent.push({ runId, id, update }),
    stopRequested: () => kernel.stop,
    running: () => kernel.running,
    now: options.clock,
  });
  const outputs: DisplayOutput[] = [];
  const display = makeDisplay((o) => outputs.push(o), { channel, runId: 'run-1' });
  /** The output as the page has it after every update sent so far. */
  const shown = <T extends DisplayOutput>(output: T): T =>
    sent.filter((m) => 'id' in output && m.id === output.id).reduce<DisplayOutput>((o, m) => applyDisplayUpdate(o, m.update), output) as T;
  return { sent, kernel, channel, display, outputs, shown };
}

const created: string[] = [];
afterEach(() => {
  for (const name of created.splice(0)) delete (globalThis as Record<string, unknown>)[name];
});

describe('a live plot', () => {
  it('streams a tight loop in a few messages, and every point arrives, in order, after the flush', () => {
    let t = 0;
    const { sent, channel, display, outputs, shown } = live({ clock: () => t });
    const plot = display.plot({ loss: [] }, { title: 'loss' });
    for (let step = 0; step < 10_000; step++) {
      t += 0.01; // 100 ms in all
      plot.append({ loss: 1 / (step + 1), acc: step / 10_000 });
    }
    // The first call goes at once, then one send each 50 ms.
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(4);
    channel.flush();
    const p = shown(outputs[0] as PlotOutput);
    expect(p.series.map((s) => s.name)).toEqual(['loss', 'acc']);
    const [loss, acc] = p.series;
    expect(Array.from(loss.x)).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(Array.from(loss.y)).toEqual(Array.from({ length: 10_000 }, (_, i) => 1 / (i + 1)));
    expect(acc.y[9_999]).toBe(0.9999);
    expect(sent.every((m) => m.runId === 'run-1' && m.id === (outputs[0] as PlotOutput).id)).toBe(true);
    // Nothing is sent twice.
    channel.flush();
    expect(shown(outputs[0] as PlotOutput).series[0].y).toHaveLength(10_000);
  });

  it('sends at most every 50 ms by the clock, with no timer (a loop that never awaits still streams)', () => {
    let t = 0;
    const { sent, display } = live({ clock: () => t });
    const plot = display.plot();
    for (let i = 0; i < 1000; i++) {
      t += 1;
      plot.append(i);
    }
    // 1 s of calls: one send at the first, then one per 50 ms.
    expect(sent.length).toBeGreaterThanOrEqual(19);
    expect(sent.length).toBeLessThanOrEqual(21);
  });

  it('with the real clock, a loop of 100,000 appends makes a message per 50 ms at most', () => {
    const { sent, channel, display, outputs, shown } = live();
    const plot = display.plot([]);
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) plot.append(i);
    const ms = performance.now() - started;
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(ms / 50) + 1);
    channel.flush();
    expect(shown(outputs[0] as PlotOutput).series[0].y).toHaveLength(100_000);
  });

  it('continues each series from its length; takes an explicit x, scalar tensors and new names', () => {
    const { channel, display, outputs, shown } = live();
    const plot = display.plot({ loss: [5, 4] });
    plot.append({ loss: 3 });
    plot.append({ x: 10, loss: tf.scalar(2), val_loss: 2.5 });
    plot.append(1);
    channel.flush();
    expect(shown(outputs[0] as PlotOutput).series.map(values)).toEqual([
      { name: 'loss', x: [0, 1, 2, 10, 4], y: [5, 4, 3, 2, 1] },
      { name: 'val_loss', x: [10], y: [2.5] },
    ]);
  });

  it('update replaces the series, and what was waiting with them', () => {
    let t = 0;
    const { sent, channel, display, outputs, shown } = live({ clock: () => t });
    const plot = display.plot({ a: [1] });
    plot.append({ a: 2 }); // sent at once: the first call
    plot.append({ a: 3 });
    plot.update({ b: [7, 8] });
    plot.append({ b: 9 });
    channel.flush();
    expect(sent.map((m) => m.update.kind)).toEqual(['append', 'replace', 'append']);
    expect(shown(outputs[0] as PlotOutput).series.map(values)).toEqual([{ name: 'b', x: [0, 1, 2], y: [7, 8, 9] }]);
  });

  it('after its run has ended (a timer, a callback), sends at the end of the task that called', async () => {
    let t = 0;
    const { sent, kernel, display } = live({ clock: () => t });
    const plot = display.plot();
    plot.append(1);
    kernel.running = false;
    plot.append(2);
    plot.append(3);
    expect(sent).toHaveLength(1);
    await Promise.resolve();
    expect(sent).toHaveLength(2);
    const { update } = sent[1];
    expect(update.kind === 'append' ? { ...update, points: update.points.map(values) } : update).toEqual({
      kind: 'append',
      points: [{ name: 'y', x: [1, 2], y: [2, 3] }],
    });
  });

  it('handles are known as handles, so a cell ending in display.plot(…) shows no value beside the plot', () => {
    const { channel, display } = live();
    expect(channel.isHandle(display.plot([1]))).toBe(true);
    expect(channel.isHandle(display.progress(3))).toBe(true);
    expect(channel.isHandle({ append() {} })).toBe(false);
    expect(channel.isHandle(null)).toBe(false);
  });
});

describe('a progress bar', () => {
  it('moves by update and add, with rate and ETA from the clock, and sends its last step at once', () => {
    let t = 0;
    const { sent, channel, display, outputs, shown } = live({ clock: () => t });
    const bar = display.progress(10, { label: 'batches' });
    const output = outputs[0] as ProgressOutput;
    t = 1000;
    bar.update(4);
    expect(sent.at(-1)?.update).toEqual({ kind: 'progress', step: 4, rate: 4, etaSec: 1.5 });
    t = 1010;
    bar.add();
    bar.add(2);
    expect(sent).toHaveLength(1);
    channel.flush();
    expect(shown(output)).toMatchObject({ step: 7, label: 'batches' });
    t = 1020;
    bar.add(5); // past the end: the bar stays full
    expect(shown(output)).toMatchObject({ step: 10, etaSec: 0 });
  });
});

describe('Stop', () => {
  it('ends a loop at the next append, update or add, after sending what was buffered', () => {
    let t = 0;
    const { sent, kernel, display, outputs, shown } = live({ clock: () => t });
    const plot = display.plot();
    const bar = display.progress(100);
    for (let step = 0; step < 3; step++) {
      plot.append({ loss: step });
      bar.add();
    }
    kernel.stop = true;
    let thrown: unknown;
    try {
      plot.append({ loss: 99 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({ name: 'StoppedError', message: 'Stopped at step 3: Stop was pressed.' });
    expect(Array.from(shown(outputs[0] as PlotOutput).series[0].y)).toEqual([0, 1, 2]);
    expect(shown(outputs[1] as ProgressOutput).step).toBe(3);
    expect(() => plot.update([1])).toThrow(/Stopped at step 3/);
    expect(() => bar.add()).toThrow(/Stopped at step 3/);
    expect(() => bar.update(50)).toThrow(expect.objectContaining({ name: 'StoppedError' }));
    expect(sent.length).toBeGreaterThan(0);
  });

  it('sends what came just after a send within the interval, though the loop then awaits something long', async () => {
    const { display, outputs, shown } = live();
    const plot = display.plot();
    const bar = display.progress(3);
    // One epoch of fit, as a loop would write it: append and add, then a long await.
    plot.append({ loss: 1 });
    bar.add();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(Array.from(shown(outputs[0] as PlotOutput).series[0].y)).toEqual([1]);
    expect(shown(outputs[1] as ProgressOutput).step).toBe(1);
  });

  it('names the step a loop gave as x', () => {
    const { kernel, display } = live();
    const plot = display.plot();
    plot.append({ x: 120, loss: 1 });
    kernel.stop = true;
    expect(() => plot.append({ x: 121, loss: 1 })).toThrow('Stopped at step 120: Stop was pressed.');
  });

  it("ends a custom training loop written as Keras tutorials write it, and the cell's error says so", async () => {
    const { kernel, channel, display, outputs, shown } = live();
    Object.assign(globalThis, { tf });
    const source = [
      'const xs = tf.tensor2d([[0], [1], [2], [3]]);',
      'const ys = tf.tensor2d([[1], [3], [5], [7]]);',
      'const w = tf.variable(tf.scalar(0));',
      'const b = tf.variable(tf.scalar(0));',
      'const optimizer = tf.train.sgd(0.05);',
      "const plot = display.plot({ loss: [] }, { title: 'loss', logY: true });",
      'for (let step = 0; step < 1000; step++) {',
      '  const loss = optimizer.minimize(() => xs.mul(w).add(b).sub(ys).square().mean(), true);',
      '  plot.append({ loss });',
      '  loss.dispose();',
      '  if (step === 9) pressStop();',
      '  await tf.nextFrame();',
      '}',
    ].join('\n');
    const compiled = compileCell(source, 'loop');
    created.push(...compiled.declared);
    // Stop arrives while the loop awaits its tenth frame, as the page's message would: at a
    // fixed step, so the test does not depend on how fast this machine runs the loop.
    Object.assign(globalThis, { pressStop: () => (kernel.stop = true) });
    created.push('pressStop');
    const running = runCompiledCell(compiled, {}, display);
    const error = await running.then(
      () => null,
      (e: unknown) => toCellError(e, 'loop'),
    );
    channel.flush();
    expect(error).toMatchObject({ name: 'StoppedError', line: 9, message: 'Stopped at step 10: Stop was pressed.' });
    const loss = shown(outputs[0] as PlotOutput).series[0];
    expect(loss.y.length).toBe(10);
    expect(loss.y.at(-1)).toBeLessThan(loss.y[0]);
  });
});
