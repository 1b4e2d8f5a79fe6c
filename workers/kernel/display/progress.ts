import type { DisplayUpdate, ProgressOutput } from '../../../src/protocol/display';
import type { LiveChannel } from './liveChannel';
import { describe, options, text } from './validate';

// display.progress(total): a loop's progress bar, with the step, rate and ETA that fit's bar shows.

export interface ProgressHandle {
  /** Moves the bar to `current` steps done. */
  update(current: number): void;
  /** Moves the bar on by n steps (1 by default). */
  add(n?: number): void;
}

/** The bar as it starts: nothing done yet. */
export function progressOutput(id: string, total: unknown, given: { label?: string } | undefined): ProgressOutput {
  if (typeof total !== 'number' || !Number.isFinite(total) || total <= 0) {
    throw new TypeError(`display.progress(total) takes how many steps the loop makes, a number above 0, not ${describe(total)}`);
  }
  const label = text(options('progress', given).label);
  return { kind: 'progress', id, total, step: 0, rate: 0, etaSec: 0, ...(label === undefined ? {} : { label }) };
}

/** The handle of the bar `output`; the rate counts from now. */
export function progressHandle(channel: LiveChannel, runId: string, output: ProgressOutput): ProgressHandle {
  const started = channel.now();
  let step = 0;
  let pending: DisplayUpdate | null = null;
  const buffer = {
    take: () => {
      const update = pending;
      pending = null;
      return update ? [update] : [];
    },
  };

  const moveTo = (current: unknown, call: string) => {
    if (typeof current !== 'number' || !Number.isFinite(current)) {
      throw new TypeError(`display.progress ${call} takes a number of steps, not ${describe(current)}`);
    }
    channel.checkStop(step);
    // Past the end the bar stays full: a progressbar's value never exceeds its maximum.
    step = Math.min(output.total, Math.max(0, current));
    const elapsed = (channel.now() - started) / 1000;
    const rate = elapsed > 0 ? step / elapsed : 0;
    pending = { kind: 'progress', step, rate, etaSec: rate > 0 ? (output.total - step) / rate : 0 };
    channel.changed(runId, output.id, buffer);
    // The last step is sent at once: the work after the loop may be long.
    if (step === output.total) channel.flush();
  };

  const handle: ProgressHandle = {
    update: (current) => moveTo(current, 'update(current)'),
    add: (n = 1) => moveTo(typeof n === 'number' ? step + n : n, 'add(n)'),
  };
  channel.register(handle);
  return handle;
}
