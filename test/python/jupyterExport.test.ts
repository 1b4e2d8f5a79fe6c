import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinDataset } from '../../src/data/builtin';
import { DATASET_SPECS } from '../../src/data/catalogue';
import { decodeDigits5to9 } from '../../src/data/mnistFewShot';
import { PYTHON_DATASETS } from '../../src/data/python/index';
import { guessDelimiter, csvUserDataset } from '../../src/features/datasets/userData';
import { parseCsv } from '../../src/data/csv';
import ownCsvPy from '../../src/data/python/ownCsv.py?raw';
import randomPy from '../../src/data/python/random.py?raw';
import { seededRandom } from '../../src/data/random';
import type { GraphCell, NotebookDoc } from '../../src/doc/types';
import { notebookToIpynb } from '../../src/graph/keras/toNotebook';
import { loadTutorialDoc, TUTORIALS } from '../../src/tutorials/catalogue';
import { chain } from '../fixtures/graphs/reference';

// The exported Jupyter notebook, checked by the real thing (issue 27): its datasets are the
// browser's examples, and every tutorial's graph cells, exported, pass nbformat.validate and run
// top to bottom in a Jupyter kernel with nbclient (one epoch on a few examples each), with and
// without tf.distribute.

const PYTHON = '.venv/bin/python';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'layerbook-jupyter-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function python(script: string, args: string[], input?: string): string {
  const r = spawnSync(PYTHON, [script, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: process.cwd() });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stderr.slice(-4000)}`);
  return r.stdout;
}

describe('the exported notebook’s datasets', () => {
  it('are the examples the browser makes, for every generated dataset (and a negative seed)', () => {
    const cases = DATASET_SPECS.filter((s) => s.source.kind === 'generated').map((spec, i) => {
      const options = { samples: spec.name === 'shapes' ? 24 : 150 + i, noise: 0.1 * (i + 1), seed: i === 0 ? -7 : 3 + i };
      const data = builtinDataset(spec.name, options.samples, options.noise, options.seed);
      const python = PYTHON_DATASETS[spec.name];
      if (!python) throw new Error(`${spec.name} has no Python`);
      writeFileSync(join(dir, `${spec.name}.x`), data.x);
      writeFileSync(join(dir, `${spec.name}.y`), data.y);
      return {
        name: spec.name,
        helpers: python.helpers,
        call: python.call(options),
        x: join(dir, `${spec.name}.x`),
        y: join(dir, `${spec.name}.y`),
        x_shape: data.xShape,
        count: data.count,
      };
    });
    expect(cases.map((c) => c.name).sort()).toEqual(['circles', 'gaussian', 'sentiment', 'shapes', 'sine', 'spiral', 'xor']);
    const results = JSON.parse(python('test/python/data_parity.py', [], JSON.stringify(cases))) as Array<{
      name: string;
      shape: number[];
      dtype: string;
      x_diff: number | null;
      y_diff: number | null;
    }>;
    for (const c of cases) {
      const r = results.find((x) => x.name === c.name)!;
      // Python's libm and V8's may round a sine or a log differently in the last bit: 1e-6 allows that, no more.
      expect({ name: c.name, shape: r.shape, dtype: r.dtype }).toEqual({ name: c.name, shape: [c.count, ...c.x_shape], dtype: 'float32' });
      expect(r.x_diff, c.name).toBeLessThanOrEqual(1e-6);
      expect(r.y_diff, c.name).toBe(0);
    }
  });

  it('MNIST: picks the very digits Layerbook ships from keras.datasets.mnist (scripts/make-mnist.mjs’s shuffle)', () => {
    const mnist = PYTHON_DATASETS.mnist!;
    const [r] = JSON.parse(
      python(
        'test/python/data_parity.py',
        [],
        JSON.stringify([
          { name: 'mnist', helpers: mnist.helpers, call: mnist.call({ samples: 500, noise: 0, seed: 1 }), mnist_indices: true },
        ]),
      ),
    ) as Array<{ indices: number[]; shape: number[] }>;
    // make-mnist.mjs: mulberry32's Fisher–Yates over each split, seeds 20260121 (train) and 20260122 (test).
    const picked = (count: number, seed: number, keep: number) => {
      const rand = seededRandom(seed);
      const order = Array.from({ length: count }, (_, i) => i);
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor(rand.next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      return order.slice(0, keep);
    };
    expect(r.shape).toEqual([2500, 28, 28, 1]);
    expect(r.indices).toEqual([...picked(60000, 20260121, 20000).slice(0, 500), ...picked(10000, 20260122, 2000)]);

    // The digits 5–9 with few labels: the same digits taken as decodeDigits5to9 takes them from the
    // shipped file (training digits in turns, a 5, a 6, … a 9, test digits in order). The stand-in's
    // digit i is labelled i % 10.
    const few = PYTHON_DATASETS['mnist-5-9']!;
    const [f] = JSON.parse(
      python(
        'test/python/data_parity.py',
        [],
        JSON.stringify([
          { name: 'mnist-5-9', helpers: few.helpers, call: few.call({ samples: 100, noise: 0, seed: 1 }), mnist_indices: true },
        ]),
      ),
    ) as Array<{ indices: number[]; labels: number[]; shape: number[] }>;
    // The browser's side: decodeDigits5to9 on a shipped-format file of the same stand-in digits.
    const original = [...picked(60000, 20260121, 20000), ...picked(10000, 20260122, 2000)];
    const decoded = decodeDigits5to9(standInFile(original));
    const width = 28 * 28;
    const indexOf = (k: number) => Math.round(decoded.x[k * width] * 255) + 256 * Math.round(decoded.x[k * width + 1] * 255);
    const kept = [
      ...Array.from({ length: 100 }, (_, k) => k),
      ...Array.from({ length: decoded.testCount }, (_, k) => decoded.count - decoded.testCount + k),
    ];
    expect(f.shape).toEqual([kept.length, 28, 28, 1]);
    expect(f.indices).toEqual(kept.map(indexOf));
    // Labelled 0–4 for the digits 5–9, as the browser labels them.
    expect(f.labels).toEqual(kept.map((k) => decoded.y[k]));
    expect(new Set(f.labels)).toEqual(new Set([0, 1, 2, 3, 4]));
  });
});

/** A learner's CSV as they come: a semicolon file, empty cells, a row without its label, classes as words. */
const CSV_TEXT = [
  'width;height;note;kind',
  ...Array.from({ length: 60 }, (_, i) => {
    const kind = ['small', 'large', 'medium'][i % 3];
    const width = i % 11 === 4 ? '' : String(1 + (i % 3) * 2 + (i % 7) / 10);
    return `${width};${(i % 3) * 3 + (i % 5) / 4};row ${i};${i === 17 ? '' : kind}`;
  }),
].join('\n');
const CSV_CHOICE = { features: ['width', 'height'], label: 'kind', normalize: true };

describe('the exported notebook’s own data', () => {
  it('a CSV file is read by name as Layerbook read it: the same rows, filled cells, scaling, classes and order', () => {
    const table = parseCsv(CSV_TEXT, guessDelimiter(CSV_TEXT));
    const data = csvUserDataset(table, 'sizes.csv', CSV_CHOICE, guessDelimiter(CSV_TEXT));
    const origin = data.origin;
    if (origin.kind !== 'csv') throw new Error('not a CSV origin');
    writeFileSync(join(dir, 'sizes.csv'), CSV_TEXT);
    writeFileSync(join(dir, 'csv.x'), data.x);
    writeFileSync(join(dir, 'csv.y'), data.y);
    const call =
      `csv_dataset(${JSON.stringify(join(dir, 'sizes.csv'))}, features=["width", "height"], label="kind", normalize=True, ` +
      `classes=${JSON.stringify(origin.classes)}, delimiter=";")`;
    const [r] = JSON.parse(
      python(
        'test/python/data_parity.py',
        [],
        JSON.stringify([{ name: 'csv', helpers: [randomPy, ownCsvPy], call, x: join(dir, 'csv.x'), y: join(dir, 'csv.y'), x_shape: [2] }]),
      ),
    ) as Array<{ shape: number[]; x_diff: number; y_diff: number }>;
    expect(r.shape).toEqual([59, 2]);
    expect(r.x_diff).toBeLessThanOrEqual(1e-6);
    expect(r.y_diff).toBe(0);
  });
});

/** Every tutorial's cells in one notebook, each graph cell cut to one epoch on a few examples. */
async function tutorials(slugs?: string[]): Promise<NotebookDoc> {
  const docs = await Promise.all(TUTORIALS.filter((t) => !slugs || slugs.includes(t.slug)).map((t) => loadTutorialDoc(t)));
  const few: Record<string, number> = { mnist: 300, shapes: 60, sentiment: 200, sine: 120 };
  const cells = docs.flatMap((d) =>
    d.cells.map((c) =>
      c.kind === 'graph'
        ? ({ ...c, training: { ...c.training, epochs: 1, samples: few[String(c.training?.dataset)] ?? 200 } } satisfies GraphCell)
        : c,
    ),
  );
  return { ...docs[0], title: 'Every tutorial', cells, graphs: Object.assign({}, ...docs.map((d) => d.graphs)) };
}

interface NotebookRun {
  valid: boolean;
  error: string | null;
  cells: Array<{ id: string; text: string }>;
}

/** Validates and runs a notebook in its own Python (a Jupyter kernel started by nbclient). */
function runNotebook(name: string, notebook: unknown): Promise<NotebookRun> {
  const path = join(dir, `${name}.ipynb`);
  writeFileSync(path, JSON.stringify(notebook, null, 1));
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON,
      ['test/python/run_notebook.py', path, '--mnist-stand-in'],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`run_notebook.py failed on ${name}: ${error.message}\n${stderr.slice(-4000)}`));
        else resolve(JSON.parse(stdout) as NotebookRun);
      },
    );
  });
}

describe('the exported notebook, run by Jupyter', () => {
  let all: { doc: NotebookDoc; summary: string[]; run: Promise<NotebookRun> };
  let distributed: { doc: NotebookDoc; notebook: unknown; run: Promise<NotebookRun> };
  beforeAll(async () => {
    const doc = await tutorials();
    const exported = notebookToIpynb(doc, { distribute: false });
    // Three kinds of model are enough for the strategy: a Dense net on points, a CNN on images, an LSTM on words.
    const three = await tutorials(['first-network', 'convolution', 'text']);
    // And a learner's own CSV file, which the notebook reads by name from its folder.
    const csvCell: GraphCell = {
      id: 'own-csv',
      kind: 'graph',
      graphId: 'own-csv-graph',
      name: 'sizes_mlp',
      training: { dataset: 'user', loss: 'sparse_categorical_crossentropy', epochs: 2 },
    };
    const small = {
      ...three,
      cells: [...three.cells.filter((c) => c.kind !== 'graph' || !c.exercise), csvCell],
      graphs: {
        ...three.graphs,
        'own-csv-graph': chain(
          ['Input', { shape: [2] }],
          ['Dense', { units: 8, activation: 'relu' }],
          ['Dense', { units: 3, activation: 'softmax' }],
        ),
      },
    };
    writeFileSync(join(dir, 'sizes.csv'), CSV_TEXT);
    const table = parseCsv(CSV_TEXT, ';');
    const { origin } = csvUserDataset(table, 'sizes.csv', CSV_CHOICE, ';');
    const { notebook } = notebookToIpynb(small, { distribute: true, ownData: { 'own-csv': origin } });
    all = { doc, summary: exported.summary, run: runNotebook('tutorials', exported.notebook) };
    // One Jupyter kernel at a time: two at once beside the other files' TensorFlow once lost a kernel.
    distributed = { doc: small, notebook, run: all.run.catch(() => undefined).then(() => runNotebook('distributed', notebook)) };
    // Neither rejection may go unhandled while the other test awaits.
    all.run.catch(() => undefined);
    distributed.run.catch(() => undefined);
  });

  it('every tutorial’s graph cells: nbformat.validate passes and it runs top to bottom, each model reporting its test split', async () => {
    const { doc, summary } = all;
    const graphCells = doc.cells.filter((c) => c.kind === 'graph');
    const exported = summary.filter((l) => l.includes('Keras model, compile and fit')).length;
    const leftOut = summary.filter((l) => l.includes('left out'));
    console.log(
      `${graphCells.length} graph cells: ${exported} exported to train, ${leftOut.length} left out${leftOut.map((l) => `\n${l}`).join('')}`,
    );
    // Only exercise starters that Train also refuses may be left out.
    for (const line of leftOut) expect(graphCells.find((c) => line.startsWith(`${c.name}:`))?.exercise, line).toBeDefined();
    expect(exported).toBeGreaterThanOrEqual(graphCells.length - 4);

    const run = await all.run;
    expect(run.error).toBeNull();
    expect(run.cells.filter((c) => c.text.includes('Test split:')).length).toBe(exported);
  });

  it('with "Train on several GPUs": the same cells run under tf.distribute.MirroredStrategy', async () => {
    const text = JSON.stringify(distributed.notebook);
    expect(text).toContain('tf.distribute.MirroredStrategy()');
    expect(text).toContain('with strategy.scope():');
    const run = await distributed.run;
    expect(run.error).toBeNull();
    expect(run.cells.some((c) => /Devices training in sync: 1/.test(c.text))).toBe(true);
    const graphs = distributed.doc.cells.filter((c) => c.kind === 'graph').length;
    expect(graphs).toBeGreaterThanOrEqual(3);
    expect(run.cells.filter((c) => c.text.includes('Test split:')).length).toBe(graphs);
    // The CSV's 59 labelled rows, a fifth of them held out.
    expect(run.cells.some((c) => c.text.includes('sizes_mlp: 47 training examples, 12 test examples, input shape (2,)'))).toBe(true);
  });
});

/**
 * A file in the shipped MNIST format (scripts/make-mnist.mjs) whose digits are stand-ins: digit k is
 * keras.datasets.mnist's digit original[k], carrying that index in its first two pixels, labelled index % 10.
 */
function standInFile(original: number[]): Uint8Array {
  const header = 8 + 4 * 4;
  const raw = new Uint8Array(header + original.length * 785);
  raw.set(new TextEncoder().encode('LBMNIST1'));
  const view = new DataView(raw.buffer);
  [20000, 2000, 28, 28].forEach((v, i) => view.setUint32(8 + 4 * i, v, true));
  original.forEach((index, k) => {
    raw[header + k * 784] = index % 256;
    raw[header + k * 784 + 1] = Math.floor(index / 256);
    raw[header + original.length * 784 + k] = index % 10;
  });
  return deflateSync(raw);
}
