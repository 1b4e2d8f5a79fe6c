import { describe, expect, it } from 'vitest';
import type { PlotOutput, PlotSeries } from '../../src/protocol/display';
import { decimateExtremes, scatterGrid, thinScatter } from '../../src/features/plots/decimateExtremes';
import { nearestPoint, preparePlot } from '../../src/features/plots/preparePlot';
import { colourIndex, heatmapPixels } from '../../src/features/plots/colourMap';
import { viridisColour as viridis } from '../../src/features/insight/heatColours';
import { cellAt, type Heatmap } from '../../src/features/plots/drawHeatmap';
import { binAt, countTicks, histogramProblem, type Histogram } from '../../src/features/plots/drawHistogram';
import { smooth, smoothValues } from '../../src/features/training/decimate';

/** A noisy line with spikes: what a learner's loss looks like. */
function noisy(n: number) {
  const x = Array.from({ length: n }, (_, i) => i * 0.5 + 3);
  const y = x.map((v, i) => Math.sin(v / 50) + (Math.random() - 0.5) * 0.2 + (i % 997 === 0 ? 5 : 0));
  return { x, y };
}

describe('decimateExtremes', () => {
  it('keeps the first, last, lowest and highest point of every pixel column, in x order', () => {
    const { x, y } = noisy(100_000);
    const columns = 600;
    const [xMin, xMax] = [x[0], x[x.length - 1]];
    const out = decimateExtremes(x, y, columns, xMin, xMax);
    expect(out.length).toBeLessThanOrEqual(4 * columns);
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThanOrEqual(out[i - 1].x);

    // The buckets, worked out here on their own: points whose x falls in one column.
    const buckets = new Map<number, number[]>();
    x.forEach((v, i) => {
      const column = Math.min(columns - 1, Math.floor(((v - xMin) / (xMax - xMin)) * columns));
      buckets.set(column, [...(buckets.get(column) ?? []), i]);
    });
    const kept = new Set(out.map((p) => `${p.x},${p.y}`));
    const has = (i: number) => kept.has(`${x[i]},${y[i]}`);
    for (const indices of buckets.values()) {
      const ys = indices.map((i) => y[i]);
      expect(has(indices[0])).toBe(true);
      expect(has(indices[indices.length - 1])).toBe(true);
      expect(has(indices[ys.indexOf(Math.min(...ys))])).toBe(true);
      expect(has(indices[ys.indexOf(Math.max(...ys))])).toBe(true);
    }
    // So the whole line's extremes (the spikes) survive too.
    expect(Math.max(...out.map((p) => p.y))).toBe(Math.max(...y));
    expect(Math.min(...out.map((p) => p.y))).toBe(Math.min(...y));
  });

  it('keeps a line that turns back on itself in its own order', () => {
    const t = Array.from({ length: 20_000 }, (_, i) => i / 500);
    const x = t.map((v) => v * Math.cos(v));
    const y = t.map((v) => v * Math.sin(v));
    const out = decimateExtremes(x, y, 300, Math.min(...x), Math.max(...x));
    // A subsequence of the input: each kept point comes later in it than the one before.
    let at = -1;
    for (const p of out) {
      const next = x.findIndex((v, i) => i > at && v === p.x && y[i] === p.y);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    expect(out[0]).toEqual({ x: x[0], y: y[0] });
    expect(out[out.length - 1]).toEqual({ x: x[x.length - 1], y: y[y.length - 1] });
  });

  it('leaves a short line as it is', () => {
    expect(decimateExtremes([1, 2, 3], [4, 5, 6], 100, 1, 3)).toEqual([
      { x: 1, y: 4 },
      { x: 2, y: 5 },
      { x: 3, y: 6 },
    ]);
  });
});

describe('thinScatter', () => {
  it('keeps the first point of each cell and no more', () => {
    const x = [0, 0.1, 0.9, 5, 9.99, 10];
    const y = [0, 0.1, 0.2, 5, 10, 9.95];
    // A 10 × 10 grid (20 pixels, a cell per 2) over [0, 10]²: the first three share a cell, as do the last two.
    const grid = scatterGrid(20, 20);
    expect(thinScatter(x, y, grid, [0, 10], [0, 10])).toEqual([
      { x: 0, y: 0 },
      { x: 5, y: 5 },
      { x: 9.99, y: 10 },
    ]);
    // The grid is shared: a second series finds those cells taken.
    expect(thinScatter([0.5, 3], [0.5, 3], grid, [0, 10], [0, 10])).toEqual([{ x: 3, y: 3 }]);
  });
});

describe('smoothing', () => {
  it('is TensorBoard’s debiased exponential moving average', () => {
    // By hand, weight 0.6: last = 0.6 last + 0.4 v, shown as last / (1 − 0.6^n).
    // n=1: 0.4 / 0.4 = 1; n=2: 1.04 / 0.64 = 1.625; n=3: 1.824 / 0.784; n=4: 2.6944 / 0.8704.
    const expected = [1, 1.625, 1.824 / 0.784, 2.6944 / 0.8704];
    const got = Array.from(smoothValues([1, 2, 3, 4], 0.6));
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    expect(
      smooth(
        [1, 2, 3, 4].map((y, x) => ({ x, y })),
        0.6,
      ).map((p) => p.y),
    ).toEqual(got);
  });

  it('passes values that are not finite through without counting them', () => {
    const got = Array.from(smoothValues([1, NaN, 2], 0.6));
    expect(got[0]).toBe(1);
    expect(got[1]).toBeNaN();
    expect(got[2]).toBeCloseTo(1.625, 12);
    expect(Array.from(smoothValues([3, 1], 0))).toEqual([3, 1]);
  });
});

describe('preparePlot', () => {
  const plot = (p: Partial<PlotOutput>): PlotOutput => ({ kind: 'plot', type: 'line', series: [], ...p });
  /** A series as the kernel sends it: typed arrays. */
  const series = (name: string, x: ArrayLike<number>, y: ArrayLike<number>): PlotSeries => ({
    name,
    x: Float64Array.from(x),
    y: Float64Array.from(y),
  });

  it('counts every point, and those it cannot draw', () => {
    const p = preparePlot(plot({ series: [series('loss', [0, 1, 2, 3, 4], [1, NaN, Infinity, 0.5, -1])] }), 500, 200);
    expect(p.total).toBe(5);
    expect(p.notFinite).toBe(2);
    expect(p.series[0].points).toEqual([
      { x: 0, y: 1 },
      { x: 3, y: 0.5 },
      { x: 4, y: -1 },
    ]);
    const log = preparePlot(plot({ logY: true, series: [series('loss', [0, 1, 2], [1, 0, -1])] }), 500, 200);
    expect(log.notPositive).toBe(2);
  });

  it('draws a smoothed line over its faint raw one', () => {
    const p = preparePlot(plot({ smoothing: 0.6, series: [series('loss', [0, 1, 2, 3], [1, 2, 3, 4])] }), 500, 200);
    expect(p.series.map((s) => [s.name, s.faint === true])).toEqual([
      ['loss (raw)', true],
      ['loss', false],
    ]);
    expect(p.series[1].points[1].y).toBeCloseTo(1.625, 12);
  });

  it('cuts 100,000 points to what the pixels show, lines and scatters alike', () => {
    const { x, y } = noisy(100_000);
    const line = preparePlot(plot({ series: [series('a', x, y)] }), 600, 200);
    expect(line.total).toBe(100_000);
    expect(line.series[0].points.length).toBeLessThanOrEqual(2400);
    const scatter = preparePlot(plot({ type: 'scatter', series: [series('a', x, y)] }), 600, 200);
    expect(scatter.series[0].scatter).toBe(true);
    expect(scatter.series[0].points.length).toBeLessThanOrEqual(300 * 100);
  });

  it('draws lines in x order in full, and cuts one that jumps back and forth', () => {
    const many = Array.from({ length: 5 }, (_, k) => {
      const { x, y } = noisy(100_000);
      return series(`s${k}`, x, y);
    });
    expect(preparePlot(plot({ series: many }), 600, 200).tangled).toBe(0);
    const x = Array.from({ length: 100_000 }, () => Math.random());
    const y = x.map(() => Math.random());
    const tangled = preparePlot(plot({ series: [series('a', x, y)] }), 600, 200);
    expect(tangled.tangled).toBeGreaterThan(90_000);
    expect(tangled.series[0].points.length + tangled.tangled).toBe(100_000);
    // A spiral turns back on itself but is short: drawn in full.
    const t = Array.from({ length: 20_000 }, (_, i) => i / 1000);
    const spiral = series(
      's',
      t.map((v) => v * Math.cos(v)),
      t.map((v) => v * Math.sin(v)),
    );
    expect(preparePlot(plot({ series: [spiral] }), 600, 200).tangled).toBe(0);
  });

  it('counts points without a partner as not drawn', () => {
    expect(preparePlot(plot({ series: [series('a', [0, 1, 2], [1])] }), 100, 100).unpaired).toBe(2);
  });

  it('finds the drawn point nearest the mouse, within reach', () => {
    const p = preparePlot(plot({ series: [series('a', [0, 10], [0, 10])] }), 100, 100);
    const layout = { toPixel: (x: number, y: number) => ({ px: x * 10, py: 100 - y * 10 }) };
    expect(nearestPoint(p.series, layout, { x: 95, y: 8 })).toMatchObject({ name: 'a', x: 10, y: 10 });
    expect(nearestPoint(p.series, layout, { x: 50, y: 50 })).toBeNull();
  });
});

describe('heatmap colours', () => {
  it('are viridis, within a few levels of matplotlib’s table', () => {
    const near = (got: number[], want: number[]) => got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(4));
    near(viridis(0), [68, 1, 84]);
    near(viridis(0.5), [33, 145, 140]);
    near(viridis(1), [253, 231, 37]);
    expect(viridis(2)).toEqual(viridis(1));
  });

  it('scale values from min to max onto the table', () => {
    expect(colourIndex(-1, -1, 3)).toBe(0);
    expect(colourIndex(3, -1, 3)).toBe(255);
    expect(colourIndex(1, -1, 3)).toBe(128);
    expect(colourIndex(9, -1, 3)).toBe(255);
    expect(colourIndex(-9, -1, 3)).toBe(0);
    expect(colourIndex(NaN, -1, 3)).toBeNaN();
    expect(colourIndex(2, 2, 2)).toBe(128);
  });

  it('put row 0 at the bottom and leave NaN cells blank', () => {
    // Two rows of two: row 0 = [0, NaN] (bottom), row 1 = [1, 1].
    const px = heatmapPixels(new Float32Array([0, NaN, 1, 1]), 2, 2, 0, 1);
    expect(Array.from(px.subarray(0, 4))).toEqual([...viridis(1), 255]);
    expect(Array.from(px.subarray(8, 12))).toEqual([...viridis(0), 255]);
    expect(Array.from(px.subarray(12, 16))).toEqual([0, 0, 0, 0]);
  });

  it('finds the cell under a point of the x and y ranges', () => {
    const h: Heatmap = {
      kind: 'heatmap',
      z: new Float32Array([1, 2, 3, 4, 5, 6]),
      rows: 2,
      columns: 3,
      x: [0, 3],
      y: [-1, 1],
      paths: [],
      min: 1,
      max: 6,
    };
    expect(cellAt(h, 0.5, -0.5)).toBe(1);
    expect(cellAt(h, 2.9, 0.9)).toBe(6);
    expect(cellAt(h, 3, 1)).toBe(6);
    // The values sit at the samples: x = 0, 1.5 and 3. At 0.9 the second is the nearer.
    expect(cellAt(h, 0.9, -1)).toBe(2);
    expect(cellAt(h, 0.7, -1)).toBe(1);
  });
});

describe('histogram', () => {
  const edges = [0, 1, 2, 3];
  it('finds the bin of a value; the last bin holds its right edge', () => {
    expect(binAt(edges, 0)).toBe(0);
    expect(binAt(edges, 0.99)).toBe(0);
    expect(binAt(edges, 1)).toBe(1);
    expect(binAt(edges, 3)).toBe(2);
    expect(binAt(edges, 3.01)).toBe(-1);
    expect(binAt(edges, NaN)).toBe(-1);
  });

  it('ticks counts in whole numbers', () => {
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1000)).toEqual([0, 500, 1000]);
  });

  it('says why broken bins cannot be drawn', () => {
    const h = (p: Partial<Histogram>): Histogram => ({ kind: 'histogram', edges, counts: [1, 2, 3], skipped: 0, ...p });
    expect(histogramProblem(h({}))).toBeNull();
    expect(histogramProblem(h({ counts: [1, 2] }))).toMatch(/do not match/);
    expect(histogramProblem(h({ edges: [0, 2, 1, 3] }))).toMatch(/in order/);
    expect(histogramProblem(h({ counts: [1, NaN, 3] }))).toMatch(/finite/);
  });
});
