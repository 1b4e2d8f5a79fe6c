import * as tf from '@tensorflow/tfjs';
import type { DisplayUpdate, PlotSeries } from '../../../src/protocol/display';
import type { LiveChannel } from './liveChannel';
import { normaliseSeries, type PlotInput } from './plot';
import { count, describe, MAX_POINTS, readTensor } from './validate';

// The handle display.plot returns: append points as a loop makes them, or replace the series.
// The page keeps every point and decimates when it draws; the kernel keeps only how many each
// series has, for the next default x, and what is waiting to be sent.

/** One step's values: { loss: 0.3 }, with an optional x ({ x: step, loss: 0.3 }); a number goes to the first series. */
type AppendValues = number | tf.Tensor | Record<string, number | tf.Tensor>;

export interface PlotHandle {
  /** Adds one point to each named series (a new name starts a series). */
  append(values: AppendValues): void;
  /** Replaces every series, in any form display.plot takes. */
  update(series: PlotInput): void;
}

/** A value of one step: a number, or a tensor of one value (read, not disposed: the learner's to free). */
function stepValue(name: string, value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof tf.Tensor) {
    if (value.size !== 1) {
      throw new TypeError(
        `display.plot append: "${name}" is a tensor of shape [${value.shape.join(', ')}]; append takes one value per series`,
      );
    }
    return readTensor('plot append', value)[0];
  }
  throw new TypeError(`display.plot append: "${name}" is ${describe(value)}, not a number (write { ${name}: 0.25 } or a scalar tensor)`);
}

/** An update as it waits to be sent: appended points in arrays that can still grow. */
type Waiting = { kind: 'append'; points: Array<{ name: string; x: number[]; y: number[] }> } | Extract<DisplayUpdate, { kind: 'replace' }>;

const toUpdate = (w: Waiting): DisplayUpdate =>
  w.kind === 'append'
    ? { kind: 'append', points: w.points.map((p) => ({ name: p.name, x: Float64Array.from(p.x), y: Float64Array.from(p.y) })) }
    : w;

/** The handle of the live plot `id`, which starts with `initial`; its updates go to `runId`'s cell. */
export function plotHandle(channel: LiveChannel, runId: string, id: string, initial: PlotSeries[]): PlotHandle {
  /** How many points each series has: the next default x. */
  const lengths = new Map(initial.map((s) => [s.name, s.y.length]));
  let total = initial.reduce((n, s) => n + s.y.length, 0);
  let steps = 0;
  let lastX: number | null = null;
  // Points gather in plain arrays while a loop appends, and become typed arrays (transferred,
  // not copied) as they are sent.
  let pending: Waiting[] = [];
  const buffer = { take: (): DisplayUpdate[] => pending.splice(0).map(toUpdate) };

  const checkRoom = (adding: number) => {
    if (total + adding <= MAX_POINTS) return;
    throw new TypeError(
      `display.plot append: this plot holds ${count(total)} points and ${count(MAX_POINTS)} is the most one plot can; ` +
        'append every k-th step (if (step % 10 === 0) plot.append(…)) or start a new plot.',
    );
  };

  const handle: PlotHandle = {
    append(values) {
      channel.checkStop(lastX ?? steps);
      let named: Array<[string, unknown]>;
      let x: number | undefined;
      if (typeof values === 'number' || values instanceof tf.Tensor) named = [[lengths.keys().next().value ?? 'y', values]];
      else if (values !== null && typeof values === 'object' && !Array.isArray(values)) {
        named = Object.entries(values).filter(([key]) => key !== 'x');
        if ('x' in values) x = stepValue('x', values.x);
      } else throw new TypeError(`display.plot append takes { name: value } like { loss: 0.25 }, not ${describe(values)}`);
      if (!named.length) throw new TypeError('display.plot append: no values to add; write { loss: 0.25 }');
      const points = named.map(([name, value]) => ({ name, x: [x ?? lengths.get(name) ?? 0], y: [stepValue(name, value)] }));
      checkRoom(points.length);
      for (const p of points) lengths.set(p.name, (lengths.get(p.name) ?? 0) + 1);
      total += points.length;
      steps += 1;
      if (x !== undefined) lastX = x;
      const last = pending.at(-1);
      if (last?.kind === 'append') {
        for (const p of points) {
          const same = last.points.find((q) => q.name === p.name);
          if (!same) last.points.push(p);
          else {
            same.x.push(p.x[0]);
            same.y.push(p.y[0]);
          }
        }
      } else pending.push({ kind: 'append', points });
      channel.changed(runId, id, buffer);
    },
    update(input) {
      channel.checkStop(lastX ?? steps);
      const series = normaliseSeries(input, 'plot update');
      lengths.clear();
      for (const s of series) lengths.set(s.name, s.y.length);
      total = series.reduce((n, s) => n + s.y.length, 0);
      // What was waiting is replaced anyway.
      pending = [{ kind: 'replace', series }];
      channel.changed(runId, id, buffer);
    },
  };
  channel.register(handle);
  return handle;
}
