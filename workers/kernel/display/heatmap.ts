import * as tf from '@tensorflow/tfjs';
import type { DisplayOutput, HeatmapPath } from '../../../src/protocol/display';
import { checkPointCount, count, describe, plural, options, readTensor, text, toNumbers } from './validate';

// display.heatmap(z, { x, y, paths }): a 2-D function or matrix as colour, with paths drawn over
// it (optimizers racing across a loss surface). z[i][j] is the value at x_j, y_i, as
// np.meshgrid lays it out: row 0 sits at y[0], the bottom.

/** 2048 × 2048 cells (16 MB): a finer grid has more cells than the screen has pixels. */
const MAX_CELLS = 2048 * 2048;

export interface HeatmapOptions {
  x?: [number, number];
  y?: [number, number];
  paths?: Array<{ name?: string; x: number[] | tf.Tensor; y: number[] | tf.Tensor }>;
  title?: string;
}

/** z as rows × columns values in a Float32Array of its own (so it can be transferred). */
function grid(z: unknown): { values: Float32Array; rows: number; columns: number } {
  if (z instanceof tf.Tensor) {
    if (z.rank !== 2) throw new TypeError(`display.heatmap takes a 2-D tensor [rows, columns], not shape [${z.shape.join(', ')}]`);
    checkCells(z.size);
    return { values: Float32Array.from(readTensor('heatmap', z)), rows: z.shape[0], columns: z.shape[1] };
  }
  if (!Array.isArray(z) || !z.every(Array.isArray)) {
    throw new TypeError(`display.heatmap takes rows of numbers (number[][]) or a 2-D tensor, not ${describe(z)}`);
  }
  const rows = z.length;
  const columns = rows ? (z[0] as unknown[]).length : 0;
  z.forEach((row: unknown[], i) => {
    if (row.length !== columns) {
      throw new TypeError(
        `display.heatmap: row ${i} has ${plural(row.length, 'value')} and row 0 has ${columns}; every row needs the same length`,
      );
    }
  });
  checkCells(rows * columns);
  const values = new Float32Array(rows * columns);
  z.forEach((row: unknown[], i) => values.set(toNumbers('heatmap', `row ${i}: z[${i}]`, row), i * columns));
  return { values, rows, columns };
}

function checkCells(cells: number): void {
  if (cells > MAX_CELLS) {
    throw new TypeError(
      `display.heatmap: ${count(cells)} cells is more than ${count(MAX_CELLS)}; use a coarser grid, or every k-th row and column`,
    );
  }
}

/** An axis range [min, max] of two finite numbers. */
function range(name: string, value: unknown, fallback: [number, number]): [number, number] {
  if (value == null) return fallback;
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return [value[0] as number, value[1] as number];
  }
  throw new TypeError(
    `display.heatmap: ${name} is the range [min, max] the ${name} axis spans, two finite numbers, not ${describe(value)}`,
  );
}

function paths(value: unknown): HeatmapPath[] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw new TypeError(`display.heatmap: paths should be an array of { name, x, y }, not ${describe(value)}`);
  const result = value.map((p: unknown, i) => {
    const path = p as { name?: unknown; x?: unknown; y?: unknown } | null;
    if (!path || typeof path !== 'object' || path.x == null || path.y == null) {
      throw new TypeError(`display.heatmap: path ${i} should be { name, x: [...], y: [...] }, not ${describe(p)}`);
    }
    const name = text(path.name) ?? `path ${i + 1}`;
    const x = toNumbers('heatmap', `path "${name}" x`, path.x);
    const y = toNumbers('heatmap', `path "${name}" y`, path.y);
    if (x.length !== y.length) {
      throw new TypeError(
        `display.heatmap: path "${name}" has ${plural(x.length, 'x value')} and ${plural(y.length, 'y value')}; ` +
          'give x and y the same length',
      );
    }
    return { name, x, y };
  });
  checkPointCount(
    'heatmap',
    result.reduce((n, p) => n + p.x.length, 0),
  );
  return result;
}

/** The heatmap; min and max are over the finite cells (NaN cells are left blank; all blank spans 0 to 0). */
export function heatmapOutput(z: unknown, given: HeatmapOptions | undefined): DisplayOutput {
  const o = options('heatmap', given);
  const { values, rows, columns } = grid(z);
  if (!rows || !columns) throw new TypeError('display.heatmap: z has no cells');
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) min = max = 0;
  return {
    kind: 'heatmap',
    z: values,
    rows,
    columns,
    x: range('x', o.x, [0, columns - 1]),
    y: range('y', o.y, [0, rows - 1]),
    paths: paths(o.paths),
    title: text(o.title),
    min,
    max,
  };
}
