import type { DisplayOutput, DisplayUpdate } from '../protocol/display';

/**
 * A live output after an update: a plot with points added (a new name starts a series) or its
 * series replaced, a progress bar moved. An update that does not fit the output leaves it as it was.
 */
export function applyDisplayUpdate(output: DisplayOutput, update: DisplayUpdate): DisplayOutput {
  switch (update.kind) {
    case 'append': {
      if (output.kind !== 'plot') return output;
      const series = output.series.map((s) => ({ ...s }));
      for (const p of update.points) {
        const existing = series.find((s) => s.name === p.name);
        if (existing) {
          existing.x = joined(existing.x, p.x);
          existing.y = joined(existing.y, p.y);
        } else series.push({ name: p.name, x: p.x, y: p.y });
      }
      return { ...output, series };
    }
    case 'replace':
      return output.kind === 'plot' ? { ...output, series: update.series } : output;
    case 'progress':
      return output.kind === 'progress' ? { ...output, step: update.step, rate: update.rate, etaSec: update.etaSec } : output;
  }
}

/** a then b, in a new array (the store's outputs are never changed in place). */
function joined(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
