/** At most this many points per line: a 100,000-batch run stays smooth to draw. */
export const MAX_CHART_POINTS = 400;

/**
 * Cuts a series to about `max` points by averaging equal buckets of x order;
 * the last point is kept as it is, so the line always ends at the latest value.
 */
export function decimate(points: Array<{ x: number; y: number }>, max = MAX_CHART_POINTS): Array<{ x: number; y: number }> {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / (max - 1));
  const out: Array<{ x: number; y: number }> = [];
  for (let i = 0; i < points.length - 1; i += size) {
    const bucket = points.slice(i, Math.min(i + size, points.length - 1));
    let x = 0;
    let y = 0;
    for (const p of bucket) {
      x += p.x;
      y += p.y;
    }
    out.push({ x: x / bucket.length, y: y / bucket.length });
  }
  out.push(points[points.length - 1]);
  return out;
}

/** "2 min 5 s", "40 s", "<1 s". */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec)) return '?';
  if (sec < 1) return '<1 s';
  const m = Math.floor(sec / 60);
  const s = Math.round(sec % 60);
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** Keras's metric names, as a learner reads them. */
export function metricTitle(name: string): string {
  const titles: Record<string, string> = {
    loss: 'Loss',
    acc: 'Accuracy',
    accuracy: 'Accuracy',
    mse: 'Mean squared error',
    mae: 'Mean absolute error',
    lr: 'Learning rate',
    precision: 'Precision',
    recall: 'Recall',
  };
  return titles[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * TensorBoard's smoothing: an exponential moving average, debiased so the
 * first points are not pulled towards zero. weight 0 leaves the values as they are.
 */
export function smooth(points: Array<{ x: number; y: number }>, weight: number): Array<{ x: number; y: number }> {
  if (weight <= 0) return points;
  const ys = smoothValues(
    points.map((p) => p.y),
    weight,
  );
  return points.map((p, i) => (Number.isFinite(p.y) ? { x: p.x, y: ys[i] } : p));
}

/**
 * The same smoothing over bare values, for plots of 100,000 points: no object per point.
 * A value that is not finite passes through and does not count towards the average.
 */
export function smoothValues(values: ArrayLike<number>, weight: number): Float64Array {
  const out = Float64Array.from(values);
  if (weight <= 0) return out;
  let last = 0;
  let n = 0;
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) continue;
    n++;
    last = last * weight + (1 - weight) * out[i];
    out[i] = last / (1 - weight ** n);
  }
  return out;
}
