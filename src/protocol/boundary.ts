// The decision boundary of a model trained on 2-D points, as TensorFlow Playground draws
// it: the model's prediction at each cell of a grid over the input plane, computed in the
// kernel and drawn on the page. Both sides read the grid's geometry from here, so a cell's
// index means the same point of the plane to the kernel that fills it and the page that
// colours it.

/** The part of the input plane a field covers: x from x0 to x1 (left to right), y from y0 to y1 (bottom to top). */
export interface BoundaryExtent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Cells along each side of the grid: 2,500 predictions, a few milliseconds for a small MLP. */
export const BOUNDARY_SIZE = 50;
/** The most cells along a side the page accepts. */
const MAX_SIZE = 256;
/** Room around the data, as a fraction of its span on each axis, so points at the edge are not on it. */
const MARGIN = 0.1;

/** What a point was in the run: fitted on, held out for validation, or the test split Evaluate uses. */
export const POINT_ROLES = ['train', 'validation', 'test'] as const;

/** The run's points, sent once (with its first field): where each is, its class and its role. */
export interface BoundaryPoints {
  /** [count × 2]: each point's x, then its y. */
  xy: Float32Array;
  /** Each point's class. */
  label: Uint8Array;
  /** Each point's role, an index into POINT_ROLES. */
  role: Uint8Array;
}

/** The model's prediction over the plane after `epoch` epochs (0: the fresh weights, before the first). */
export interface Boundary {
  epoch: number;
  /** The run's last field: the weights it kept (the best epoch's, where a callback put them back). */
  final?: boolean;
  /** Cells along each side. */
  size: number;
  extent: BoundaryExtent;
  classes: string[];
  /**
   * [size × size], row 0 at the top (y1), column 0 at the left (x0). With two classes, the
   * probability of class 1 (one sigmoid unit's output, or a softmax's second); with more, the
   * probability of the likeliest class, which `argmax` names.
   */
  grid: Float32Array;
  /** With more than two classes: the likeliest class of each cell. */
  argmax?: Uint8Array;
  /** In the run's first message only. */
  points?: BoundaryPoints;
}

/** The data's extent with a margin on each side; an axis with no spread gets ±1 around its value. */
export function boundaryExtent(xy: ArrayLike<number>, margin = MARGIN): BoundaryExtent {
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (let i = 0; i + 1 < xy.length; i += 2) {
    // A point with a coordinate that is not a number is left out: it would be drawn nowhere.
    if (!Number.isFinite(xy[i]) || !Number.isFinite(xy[i + 1])) continue;
    for (const axis of [0, 1]) {
      lo[axis] = Math.min(lo[axis], xy[i + axis]);
      hi[axis] = Math.max(hi[axis], xy[i + axis]);
    }
  }
  const [[x0, x1], [y0, y1]] = [0, 1].map((axis): [number, number] => {
    if (lo[axis] > hi[axis]) return [-1, 1];
    const span = hi[axis] - lo[axis];
    if (span === 0) return [lo[axis] - 1, hi[axis] + 1];
    return [lo[axis] - span * margin, hi[axis] + span * margin];
  });
  return { x0, x1, y0, y1 };
}

/** The centre of cell (row, column): row 0 is the top. */
export function cellCentre(extent: BoundaryExtent, size: number, row: number, column: number): [number, number] {
  return [extent.x0 + ((column + 0.5) / size) * (extent.x1 - extent.x0), extent.y1 - ((row + 0.5) / size) * (extent.y1 - extent.y0)];
}

/** Every cell's centre, row by row from the top: [size² × 2], the input the model predicts on. */
export function gridPoints(extent: BoundaryExtent, size: number): Float32Array {
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) out.set(cellCentre(extent, size, r, c), (r * size + c) * 2);
  }
  return out;
}

/** The index of the cell holding (x, y); a point outside the extent takes the nearest edge cell. */
export function cellIndex(extent: BoundaryExtent, size: number, x: number, y: number): number {
  const clamp = (v: number) => Math.min(size - 1, Math.max(0, Math.floor(v)));
  const column = clamp(((x - extent.x0) / (extent.x1 - extent.x0 || 1)) * size);
  const row = clamp(((extent.y1 - y) / (extent.y1 - extent.y0 || 1)) * size);
  return row * size + column;
}

/**
 * A field from the model's outputs on the grid ([cells × units], row by row). One unit: the
 * probability of class 1 (a hinge score s in [-1, 1] maps to (s + 1) / 2, its threshold 0 to
 * 0.5); two: the second unit's; more: the largest, and which unit it was.
 */
export function fieldOf(outputs: ArrayLike<number>, cells: number, hinge = false): Pick<Boundary, 'grid' | 'argmax'> {
  const units = Math.max(1, Math.round(outputs.length / Math.max(1, cells)));
  const grid = new Float32Array(cells);
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.5);
  if (units <= 2) {
    for (let i = 0; i < cells; i++) {
      const v = outputs[i * units + units - 1];
      grid[i] = clamp(units === 1 && hinge ? (v + 1) / 2 : v);
    }
    return { grid };
  }
  const argmax = new Uint8Array(cells);
  for (let i = 0; i < cells; i++) {
    let best = 0;
    for (let k = 1; k < units; k++) if (outputs[i * units + k] > outputs[i * units + best]) best = k;
    argmax[i] = best;
    grid[i] = clamp(outputs[i * units + best]);
  }
  return { grid, argmax };
}

/** The class the field predicts at a cell, and how sure it is (0 at a tie, 1 when certain). */
export function cellClass(b: Pick<Boundary, 'grid' | 'argmax' | 'classes'>, cell: number): { k: number; confidence: number } {
  const p = b.grid[cell];
  if (!b.argmax) return { k: p > 0.5 ? 1 : 0, confidence: Math.abs(2 * p - 1) };
  const chance = 1 / Math.max(2, b.classes.length);
  return { k: b.argmax[cell], confidence: Math.max(0, (p - chance) / (1 - chance)) };
}

/** The buffers of a boundary message, to transfer rather than copy. */
export function boundaryBuffers(b: Boundary): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of [b.grid, b.argmax, b.points?.xy, b.points?.label, b.points?.role]) {
    if (a?.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  }
  return out;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** True for a boundary the page can draw: every array the length its size and points say. */
export function isBoundary(m: Record<string, unknown>): boolean {
  const { size, extent, grid, argmax, points, classes } = m;
  if (!finite(m.epoch) || (m.final !== undefined && typeof m.final !== 'boolean')) return false;
  if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > MAX_SIZE) return false;
  const cells = (size as number) ** 2;
  const e = extent as Record<string, unknown> | null;
  if (typeof e !== 'object' || !e || !finite(e.x0) || !finite(e.x1) || !finite(e.y0) || !finite(e.y1)) return false;
  if (!Array.isArray(classes) || !classes.every((c) => typeof c === 'string')) return false;
  if (!(grid instanceof Float32Array) || grid.length !== cells) return false;
  if (argmax !== undefined && !(argmax instanceof Uint8Array && argmax.length === cells)) return false;
  if (points === undefined) return true;
  const p = points as Record<string, unknown> | null;
  if (typeof p !== 'object' || !p) return false;
  const { xy, label, role } = p;
  return (
    xy instanceof Float32Array &&
    label instanceof Uint8Array &&
    role instanceof Uint8Array &&
    xy.length === label.length * 2 &&
    role.length === label.length
  );
}
