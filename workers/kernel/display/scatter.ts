import * as tf from '@tensorflow/tfjs';
import type { PlotOutput, PlotSeries } from '../../../src/protocol/display';
import { checkPointCount, count, describe, plural, options, readTensor, text, toNumbers } from './validate';

// display.scatter(points, { labels }): 2-D points coloured by class, one series per class so
// the page's legend names them (a latent space, an embedding, a toy dataset).

/** More classes than a legend can tell apart by colour are a mistake (a tensor of scores, not classes). */
const MAX_CLASSES = 100;

export interface ScatterOptions {
  labels?: number[] | string[] | tf.Tensor;
  classes?: string[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

/** The points as x and y columns: [x, y] rows or an [n, 2] tensor; a row of another length is refused, naming it. */
function columns(points: unknown): { x: number[]; y: number[] } {
  if (points instanceof tf.Tensor) {
    if (points.rank !== 2 || points.shape[1] !== 2) {
      throw new TypeError(`display.scatter takes an [n, 2] tensor of points, not shape [${points.shape.join(', ')}]`);
    }
    checkPointCount('scatter', points.shape[0]);
    const data = readTensor('scatter', points);
    const n = points.shape[0];
    return { x: Array.from({ length: n }, (_, i) => data[i * 2]), y: Array.from({ length: n }, (_, i) => data[i * 2 + 1]) };
  }
  if (!Array.isArray(points)) {
    throw new TypeError(`display.scatter takes [x, y] rows (number[][]) or an [n, 2] tensor, not ${describe(points)}`);
  }
  checkPointCount('scatter', points.length);
  const x: number[] = [];
  const y: number[] = [];
  points.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== 2) {
      const what = Array.isArray(row) ? `has ${plural(row.length, 'value')}` : `is ${describe(row)}`;
      throw new TypeError(`display.scatter: point ${i} ${what}; each point is an [x, y] pair`);
    }
    const [px, py] = toNumbers('scatter', `point ${i}`, row);
    x.push(px);
    y.push(py);
  });
  return { x, y };
}

/** One label per point: numbers, strings, a 1-D tensor of classes, or a one-hot [n, k] tensor (its argMax). */
function pointLabels(labels: unknown, n: number): Array<number | string> {
  let list: Array<number | string>;
  if (labels instanceof tf.Tensor) {
    if (labels.rank > 2)
      throw new TypeError(`display.scatter: labels should be a 1-D tensor of classes, not shape [${labels.shape.join(', ')}]`);
    const data = readTensor('scatter', labels);
    const k = labels.rank === 2 ? labels.shape[1] : 1;
    list = Array.from({ length: data.length / k }, (_, i) => (k === 1 ? data[i] : argMax(data, i * k, k)));
  } else if (Array.isArray(labels)) {
    list = labels.map((label: unknown, i) => {
      if (typeof label === 'number' || typeof label === 'string') return label;
      throw new TypeError(`display.scatter: labels[${i}] is ${describe(label)}; a label is a class number or name`);
    });
  } else throw new TypeError(`display.scatter: labels should be an array (or 1-D tensor) of classes, not ${describe(labels)}`);
  if (list.length !== n)
    throw new TypeError(`display.scatter: ${plural(list.length, 'label')} for ${plural(n, 'point')}; give one label per point`);
  return list;
}

function argMax(data: ArrayLike<number>, from: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (data[from + j] > data[from + best]) best = j;
  return best;
}

/** A scatter plot; with labels, one series per class (numbers ascending, names as they first appear). */
export function scatterOutput(points: unknown, given: ScatterOptions | undefined): PlotOutput {
  const o = options('scatter', given);
  const { x, y } = columns(points);
  const look = { type: 'scatter' as const, title: text(o.title), xLabel: text(o.xLabel), yLabel: text(o.yLabel) };
  if (o.labels == null) return { kind: 'plot', ...look, series: [{ name: 'points', x: Float64Array.from(x), y: Float64Array.from(y) }] };
  const labels = pointLabels(o.labels, x.length);
  const classes = o.classes == null ? undefined : Array.isArray(o.classes) ? o.classes.map((c) => text(c) ?? '') : null;
  if (classes === null) throw new TypeError(`display.scatter: classes should be an array of names, not ${describe(o.classes)}`);
  const byLabel = new Map<number | string, { name: string; x: number[]; y: number[] }>();
  labels.forEach((label, i) => {
    let s = byLabel.get(label);
    if (!s) {
      const name = typeof label === 'number' ? (classes?.[label] ?? String(label)) : label;
      s = { name, x: [], y: [] };
      byLabel.set(label, s);
    }
    s.x.push(x[i]);
    s.y.push(y[i]);
  });
  if (byLabel.size > MAX_CLASSES) {
    throw new TypeError(
      `display.scatter: ${count(byLabel.size)} different labels, more than the ${MAX_CLASSES} classes a legend can tell apart; ` +
        'labels are class numbers or names (for predicted scores, take argMax or round them)',
    );
  }
  const entries = [...byLabel.entries()];
  if (entries.every(([label]) => typeof label === 'number')) entries.sort(([a], [b]) => Number(a) - Number(b));
  const series: PlotSeries[] = entries.map(([, s]) => ({ name: s.name, x: Float64Array.from(s.x), y: Float64Array.from(s.y) }));
  return { kind: 'plot', ...look, series };
}
