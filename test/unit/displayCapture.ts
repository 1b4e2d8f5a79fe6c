import type { DisplayOutput, PlotSeries } from '../../src/protocol/display';
import { makeDisplay } from '../../workers/kernel/displayApi';

// What the display tests share: a display whose outputs are kept, and series made comparable.

/** A display whose outputs land in the returned list. */
export function capture() {
  const out: DisplayOutput[] = [];
  return { out, display: makeDisplay((o) => out.push(o)) };
}

/** A series with its typed arrays as plain ones, to compare with array literals. */
export const values = (s: PlotSeries) => ({ name: s.name, x: Array.from(s.x), y: Array.from(s.y) });
