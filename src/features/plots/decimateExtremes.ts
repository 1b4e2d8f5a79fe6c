// Cutting a plot's points down to what its pixels can show, without changing the picture.
// The training charts average buckets, which flattens a spike; a learner plotting a noisy
// loss wants to see its spikes, so here each pixel column keeps its extremes.

export interface Point {
  x: number;
  y: number;
}

/**
 * A line of many points cut to at most four per run of points that fall in one pixel column:
 * the run's first, last, lowest and highest, in their original order. For x in order a run is a
 * whole column, so 100,000 points become at most 4 × columns; a line that goes back and forth
 * (a spiral) keeps every turn. Values must be finite; fewer than 2 × columns points are kept as they are.
 */
export function decimateExtremes(x: ArrayLike<number>, y: ArrayLike<number>, columns: number, xMin: number, xMax: number): Point[] {
  const n = Math.min(x.length, y.length);
  const out: Point[] = [];
  if (n <= columns * 2) {
    for (let i = 0; i < n; i++) out.push({ x: x[i], y: y[i] });
    return out;
  }
  const scale = xMax > xMin ? columns / (xMax - xMin) : 0;
  // Column numbers as plain arithmetic in one loop, no call per point: the first plot a page
  // draws runs this before the JIT has warmed up, and calls were most of its cost.
  const last = columns - 1;
  let start = 0;
  while (start < n) {
    let column = Math.floor((x[start] - xMin) * scale);
    column = column < 0 ? 0 : column > last ? last : column;
    let end = start;
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < n; i++) {
      let c = Math.floor((x[i] - xMin) * scale);
      c = c < 0 ? 0 : c > last ? last : c;
      if (c !== column) break;
      end = i;
      if (y[i] < y[lo]) lo = i;
      if (y[i] > y[hi]) hi = i;
    }
    // The four kept in index order, each once: the line still runs through them as it did.
    let previous = -1;
    for (const i of [start, Math.min(lo, hi), Math.max(lo, hi), end]) {
      if (i !== previous) out.push({ x: x[i], y: y[i] });
      previous = i;
    }
    start = end + 1;
  }
  return out;
}

/** Which cells of a `columns` × `rows` grid over a plot already hold a mark. */
export interface ScatterGrid {
  columns: number;
  rows: number;
  taken: Uint8Array;
}

/** An empty grid of about one cell per `cell` × `cell` pixels of a plotting area. */
export function scatterGrid(width: number, height: number, cell = 2): ScatterGrid {
  const columns = Math.max(1, Math.floor(width / cell));
  const rows = Math.max(1, Math.floor(height / cell));
  return { columns, rows, taken: new Uint8Array(columns * rows) };
}

/**
 * A scatter's points cut to the first in each free cell of the grid over the given ranges, marking
 * those cells taken: a mark drawn where one already is adds nothing to the picture. Values must be finite.
 */
export function thinScatter(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  grid: ScatterGrid,
  xRange: [number, number],
  yRange: [number, number],
): Point[] {
  const n = Math.min(x.length, y.length);
  const { columns, rows, taken } = grid;
  const sx = xRange[1] > xRange[0] ? columns / (xRange[1] - xRange[0]) : 0;
  const sy = yRange[1] > yRange[0] ? rows / (yRange[1] - yRange[0]) : 0;
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.min(columns - 1, Math.max(0, Math.floor((x[i] - xRange[0]) * sx)));
    const r = Math.min(rows - 1, Math.max(0, Math.floor((y[i] - yRange[0]) * sy)));
    if (taken[r * columns + c]) continue;
    taken[r * columns + c] = 1;
    out.push({ x: x[i], y: y[i] });
  }
  return out;
}
