import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DisplayOutput, PlotOutput } from '../../src/protocol/display';
import { makeDisplay, tableOutput } from '../../workers/kernel/displayApi';
import { values } from './displayCapture';
import { imageOutput } from '../../workers/kernel/display/images';
import { normaliseSeries } from '../../workers/kernel/display/plot';
import { inspect } from '../../workers/kernel/inspect';
import { modelSummary, toDisplayValue, TREE_MAX_ENTRIES } from '../../workers/kernel/serialize';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('display values', () => {
  it('tensors carry shape, dtype and abbreviated values', () => {
    const big = tf.range(0, 1000).reshape([10, 100]);
    const v = toDisplayValue(big);
    expect(v).toMatchObject({ kind: 'tensor', shape: [10, 100], dtype: 'float32', size: 1000 });
    if (v.kind !== 'tensor') return;
    expect(v.preview).toContain('Tensor [10,100] float32');
    expect(v.preview).toContain('...');
    expect(v.preview.length).toBeLessThan(1000);
    expect(toDisplayValue(tf.tensor([1, 2, 3], [3], 'int32'))).toMatchObject({ preview: 'Tensor [3] int32\n[1, 2, 3]' });
  });

  it('models become the Keras summary: layers, output shapes, params and totals', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
        tf.layers.batchNormalization(),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const s = modelSummary(model);
    expect(s.rows.map((r) => [r.className, r.outputShape, r.params])).toEqual([
      ['Dense', '(None, 128)', 784 * 128 + 128],
      ['BatchNormalization', '(None, 128)', 4 * 128],
      ['Dense', '(None, 10)', 128 * 10 + 10],
    ]);
    expect(s.total).toBe(model.countParams());
    expect(s.nonTrainable).toBe(2 * 128); // moving mean and variance
    expect(s.trainable + s.nonTrainable).toBe(s.total);
    expect(toDisplayValue(model)).toMatchObject({ kind: 'model' });
  });

  it('functional models list what each layer is connected to', () => {
    const a = tf.input({ shape: [4], name: 'a' });
    const b = tf.input({ shape: [4], name: 'b' });
    const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 1, name: 'out' }).apply(sum) as tf.SymbolicTensor;
    const s = modelSummary(tf.model({ inputs: [a, b], outputs: out }));
    expect(s.rows.find((r) => r.name === 'sum')?.connectedTo).toEqual(['a[0][0]', 'b[0][0]']);
    expect(s.rows.find((r) => r.name === 'out')?.connectedTo).toEqual(['sum[0][0]']);
  });

  it('objects and arrays become trees, cut in width and depth, safe from cycles', () => {
    const cyclic: Record<string, unknown> = { n: 1, list: [1, 'two', null, undefined] };
    cyclic.self = cyclic;
    const v = toDisplayValue(cyclic);
    expect(v).toMatchObject({ kind: 'tree', label: 'Object {3 keys}' });
    if (v.kind !== 'tree') return;
    expect(v.entries.find((e) => e.key === 'self')?.value).toEqual({ kind: 'text', text: '[Circular]' });
    expect(v.entries.find((e) => e.key === 'list')?.value).toMatchObject({ kind: 'tree', label: 'Array(4)' });
    const wide = toDisplayValue(Array.from({ length: 250 }, (_, i) => i));
    expect(wide).toMatchObject({ kind: 'tree', more: 250 - TREE_MAX_ENTRIES });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 50; i++) deep = { deeper: deep };
    expect(JSON.stringify(toDisplayValue(deep)).length).toBeLessThan(2000);
  });

  it("fit's History shows its metrics per epoch", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const history = await model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 2 });
    const v = toDisplayValue(history);
    expect(v).toMatchObject({ kind: 'tree', label: 'History (2 epochs)' });
    if (v.kind === 'tree') expect(v.entries.map((e) => e.key)).toEqual(['loss']);
  });

  it('primitives print as a console would', () => {
    expect(toDisplayValue('hi')).toEqual({ kind: 'primitive', type: 'string', text: '"hi"' });
    expect(toDisplayValue(3.5)).toEqual({ kind: 'primitive', type: 'number', text: '3.5' });
    expect(toDisplayValue(undefined)).toEqual({ kind: 'primitive', type: 'undefined', text: 'undefined' });
    expect(toDisplayValue(function f() {})).toEqual({ kind: 'primitive', type: 'function', text: '[Function f]' });
  });

  it('everything crosses postMessage (structured clone) unchanged', () => {
    const values = [toDisplayValue(tf.ones([2, 2])), toDisplayValue({ a: [1, { b: 2 }] }), toDisplayValue(5n)];
    for (const v of values) expect(structuredClone(v)).toEqual(v);
  });
});

describe('console text', () => {
  it('prints strings raw at top level, quoted inside, and bounds long arrays', () => {
    expect(inspect('plain')).toBe('plain');
    expect(inspect({ s: 'x', n: [1, 2] })).toBe('{s: "x", n: [1, 2]}');
    expect(inspect(Array.from({ length: 30 }, (_, i) => i))).toMatch(/19, … 10 more\]$/);
    expect(inspect(new Float32Array([1, 2]))).toBe('Float32Array(2) [1, 2]');
    expect(inspect(tf.scalar(2))).toBe('Tensor [] float32\n2');
  });
});

describe('the display API', () => {
  it('sends each kind of output', () => {
    const out: DisplayOutput[] = [];
    const display = makeDisplay((o) => out.push(o));
    display({ a: 1 });
    display.markdown('**hi**');
    display.table([
      { a: 1, b: 'x' },
      { a: 2, c: true },
    ]);
    display.plot([1, 4, 9], { title: 'squares' });
    expect(out.map((o) => o.kind)).toEqual(['value', 'markdown', 'table', 'plot']);
    expect(out[2]).toMatchObject({ columns: ['a', 'b', 'c'], more: 0 });
    expect({ ...out[3], series: (out[3] as PlotOutput).series.map(values) }).toMatchObject({
      type: 'line',
      title: 'squares',
      series: [{ name: 'y', x: [0, 1, 2], y: [1, 4, 9] }],
    });
  });

  it('tables cap their rows and say how many more there were', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [i, i * i]);
    const t = tableOutput(rows);
    expect(t).toMatchObject({ kind: 'table', columns: ['0', '1'], more: 500 });
    if (t.kind === 'table') expect(t.rows).toHaveLength(1000);
  });

  it('images: grey floats 0–1, RGB integers 0–255', () => {
    const grey = imageOutput(tf.tensor2d([[0, 1]]));
    expect(grey).toMatchObject({ width: 2, height: 1 });
    if (grey.kind === 'image') expect([...grey.rgba]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    const rgb = imageOutput(tf.tensor3d([[[255, 0, 10]]], [1, 1, 3], 'int32'));
    if (rgb.kind === 'image') expect([...rgb.rgba]).toEqual([255, 0, 10, 255]);
    expect(() => imageOutput(tf.zeros([2, 2, 2]))).toThrow(/2 channels/);
  });

  it('plot series in each accepted form', () => {
    expect(normaliseSeries({ loss: [3, 2], acc: [0.1, 0.5] }).map((s) => s.name)).toEqual(['loss', 'acc']);
    expect(Array.from(normaliseSeries([{ name: 'fit', x: [0, 10], y: [1, 2] }])[0].x)).toEqual([0, 10]);
    expect(() => normaliseSeries([{ x: [1] } as never])).toThrow(/needs a y array/);
  });
});

describe('the editor’s declaration of display', () => {
  it('names exactly the members the kernel provides', async () => {
    const { DISPLAY_MEMBERS, CELL_GLOBALS_DTS } = await import('../../src/features/code-cell/cellGlobals');
    const display = makeDisplay(() => undefined);
    expect([...DISPLAY_MEMBERS].sort()).toEqual(Object.keys(display).sort());
    for (const member of DISPLAY_MEMBERS) expect(CELL_GLOBALS_DTS).toContain(`  ${member}(`);
  });
});
