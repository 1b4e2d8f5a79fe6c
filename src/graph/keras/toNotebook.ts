import { datasetSpec } from '../../data/catalogue';
import type { OwnDataOrigin } from '../../data/ownDataOrigin';
import ownCsvPy from '../../data/python/ownCsv.py?raw';
import loadWeightsPy from '../../data/python/loadWeights.py?raw';
import ownImagesPy from '../../data/python/ownImages.py?raw';
import randomPy from '../../data/python/random.py?raw';
import { PYTHON_DATASETS } from '../../data/python/index';
import { trainConfigOf, type TrainConfig } from '../../doc/trainConfig';
import type { GraphCell, NotebookDoc } from '../../doc/types';
import { cellTaskProblems } from '../../training/taskFit';
import { kerasModelCode, pythonLiteral } from '../emitKeras';
import { inferGraph } from '../infer';
import { compileLines, fitHelpers, fitLines, labelLines } from './fitCode';
import { codeCell, fenced, markdownCell, type Ipynb, type IpynbCell } from './ipynb';
import { plural } from '../../doc/words';

// A notebook as a Jupyter notebook (nbformat 4.5) that runs top to bottom on real TensorFlow:
// markdown as markdown, each graph cell as its data, its Keras model and its compile and fit
// with the cell's settings, and the TensorFlow.js code cells kept as JavaScript to read.

export interface JupyterExportOptions {
  /** Build and train each model under tf.distribute.MirroredStrategy (every GPU of the machine). */
  distribute: boolean;
  /** The learner's own data loaded in this tab, by graph cell id: the notebook reads the same file by name. */
  ownData?: Record<string, OwnDataOrigin | undefined>;
  /** Weights files written beside the notebook (src/graph/keras/npz.ts), by graph cell id: the notebook loads them. */
  weights?: Record<string, string | undefined>;
}

export interface JupyterExport {
  notebook: Ipynb;
  /** What became what, one line each, for the export dialog. */
  summary: string[];
}

/** Python lines indented under a `with` block. */
const indent = (lines: string[]) => lines.map((l) => (l ? `    ${l}` : l));

/** The data lines of a graph cell: x and y as the browser made them, then the test split at the end. */
function dataLines(cell: GraphCell, config: TrainConfig, own: OwnDataOrigin | undefined): { lines: string[]; helpers: string[] } | null {
  const python = PYTHON_DATASETS[config.dataset];
  let lines: string[];
  let helpers: string[];
  let testCount = 'test_count_of(len(x))';
  if (python) {
    const options = { samples: config.samples, noise: config.noise, seed: config.seed };
    const made = python.describe(options);
    lines = [`# ${made.charAt(0).toUpperCase()}${made.slice(1)}, as Layerbook made them.`, `x, y = ${python.call(options)}`];
    helpers = [...python.helpers];
    if (python.testCount !== undefined) testCount = String(python.testCount);
  } else if (own?.kind === 'csv') {
    lines = [
      `# Your CSV file, read as Layerbook read it: put ${own.file} beside this notebook.`,
      `x, y = csv_dataset(${pythonLiteral(own.file)}, features=[${own.features.map((f) => pythonLiteral(f)).join(', ')}], ` +
        `label=${pythonLiteral(own.label)}, normalize=${own.normalize ? 'True' : 'False'}, ` +
        `classes=${own.classes ? `[${own.classes.map((c) => pythonLiteral(c)).join(', ')}]` : 'None'}, ` +
        `delimiter=${pythonLiteral(own.delimiter)})`,
    ];
    helpers = [randomPy, ownCsvPy];
  } else if (own?.kind === 'images') {
    lines = [
      `# Your image folder: put ${own.folder}/ (one sub-folder per class) beside this notebook.`,
      `x, y = image_folder(${pythonLiteral(own.folder)}, size=${own.size}, channels=${own.channels}, ` +
        `classes=[${own.classes.map((c) => pythonLiteral(c)).join(', ')}])`,
    ];
    helpers = [randomPy, ownImagesPy];
  } else {
    return null;
  }
  lines.push(
    `test_count = ${testCount}  # held out at the end for the test split, as in Layerbook`,
    'x_train, y_train, x_test, y_test = x[:-test_count], y[:-test_count], x[-test_count:], y[-test_count:]',
    `print(f"${cell.name}: {len(x_train)} training examples, {len(x_test)} test examples, input shape {x.shape[1:]}")`,
  );
  return { lines, helpers };
}

function setupCode(doc: NotebookDoc, distribute: boolean): string {
  const lines = [
    `# "${doc.title.trim() || 'Untitled'}", exported from Layerbook: runs on TensorFlow 2.16 or later with Keras 3 (Colab has both).`,
    'import math',
    '',
    'import numpy as np',
    'import keras',
    'from keras import layers',
  ];
  if (distribute) {
    lines.push(
      'import tensorflow as tf',
      '',
      '# Every model below is built and trained on all of this machine’s GPUs (one copy of the model each).',
      'strategy = tf.distribute.MirroredStrategy()',
      'print("Devices training in sync:", strategy.num_replicas_in_sync)',
    );
  }
  return lines.join('\n');
}

/** The shape facts of the learner's own data that the task checks read. */
const ownShape = (own: OwnDataOrigin) =>
  own.kind === 'csv'
    ? { xShape: [own.features.length], classes: own.classes, count: 0 }
    : { xShape: [own.size, own.size, own.channels], classes: own.classes, count: 0 };

/** A graph cell as markdown, data, model and fit cells; null parts say why in a markdown cell. */
function graphCells(
  doc: NotebookDoc,
  cell: GraphCell,
  options: JupyterExportOptions,
  helpers: Set<string>,
): { cells: IpynbCell[]; line: string } {
  const graph = doc.graphs[cell.graphId];
  const config = trainConfigOf(cell.training);
  const spec = datasetSpec(config.dataset);
  const own = options.ownData?.[cell.id];
  const classes =
    spec.source.kind === 'own' ? (own?.classes?.length ?? null) : spec.classes === null ? null : (spec.classes?.length ?? null);
  const cells: IpynbCell[] = [markdownCell(`${cell.id}-about`, `### Graph cell \`${cell.name}\`\n\nTrained on ${spec.label}.`)];
  if (cell.exercise) cells.push(markdownCell(`${cell.id}-task`, `**Exercise.** ${cell.exercise.task}`));
  if (!graph || !graph.nodes.length) {
    cells.push(markdownCell(`${cell.id}-empty`, '*This graph cell had no layers when it was exported.*'));
    return { cells, line: `${cell.name}: an empty graph, kept as a note` };
  }
  const info = inferGraph(graph);
  const problems = info.ok
    ? cellTaskProblems(info, cell.training, own && ownShape(own))
        .filter((p) => p.blocking)
        .map((p) => p.message)
    : ['the graph is not complete (see its layers in Layerbook).'];
  if (problems.length) {
    // As in Layerbook, where Train waits until they are fixed: a notebook that runs top to bottom leaves it out.
    cells.push(
      markdownCell(
        `${cell.id}-unfinished`,
        `*Left out: when this notebook was exported, this graph could not train yet.* ${problems.join(' ')}`,
      ),
    );
    return { cells, line: `${cell.name}: left out, its graph could not train yet (${problems.join(' ')})` };
  }
  const data = dataLines(cell, config, own);
  if (data) {
    for (const h of data.helpers) helpers.add(h);
    cells.push(codeCell(`${cell.id}-data`, [...data.lines, ...labelLines(config, classes)].join('\n')));
  } else {
    cells.push(
      codeCell(
        `${cell.id}-data`,
        [
          `# ${cell.name} trained on your own data, which was not loaded in Layerbook when this notebook was exported.`,
          '# Load it here as NumPy arrays x_train, y_train, x_test, y_test, then run the cells below.',
          'raise RuntimeError("Load your own data in this cell first: see the comment above.")',
        ].join('\n'),
      ),
    );
  }
  for (const h of fitHelpers(config, classes)) helpers.add(h);
  const model = kerasModelCode(graph, cell.name);
  for (const d of model.definitions) helpers.add(d);
  const build = [...model.lines, ...model.model, ...compileLines(config, classes, cell.name)];
  cells.push(
    codeCell(
      `${cell.id}-model`,
      [
        `keras.utils.set_random_seed(${config.seed})  # the cell's Seed`,
        ...(options.distribute ? ['with strategy.scope():', ...indent(build)] : build),
        `${cell.name}.summary()`,
      ].join('\n'),
    ),
  );
  const weights = options.weights?.[cell.id];
  if (weights) {
    helpers.add(loadWeightsPy);
    cells.push(
      codeCell(
        `${cell.id}-weights`,
        [
          `# The weights ${cell.name} had in Layerbook: put ${weights} beside this notebook.`,
          `load_layerbook_weights(${cell.name}, ${pythonLiteral(weights)})`,
          `print("Test split with Layerbook's weights:", ${cell.name}.evaluate(x_test, y_test, return_dict=True, verbose=0))`,
        ].join('\n'),
      ),
    );
  }
  const fit = fitLines(config, classes, cell.name);
  cells.push(
    codeCell(
      `${cell.id}-fit`,
      (weights ? ['# Trains on from Layerbook’s weights: skip this cell to keep the model as it came.', ...fit] : fit).join('\n'),
    ),
  );
  // A backbone's pretrained weights are in the browser's files, not in Python: said, unless the weights go along.
  const backbones = graph.nodes.flatMap((n) => (n.block ? [n.block.name] : []));
  return {
    cells,
    line:
      `${cell.name}: ${data ? `its data (${spec.label})` : 'a cell to load your own data into'}, its Keras model, ` +
      `${weights ? `its weights (${weights}), ` : ''}compile and fit` +
      (backbones.length && !weights
        ? ` (${backbones.join(', ')} starts from fresh weights in Python: tick Include trained weights to take what it learned)`
        : ''),
  };
}

const startsWithTitle = (doc: NotebookDoc) => {
  const first = doc.cells[0];
  return first?.kind === 'markdown' && /^#\s/.test(first.source.trimStart());
};

/** The notebook as a Jupyter notebook, with a line per converted cell. */
export function notebookToIpynb(doc: NotebookDoc, options: JupyterExportOptions): JupyterExport {
  const helpers = new Set<string>();
  const body: IpynbCell[] = [];
  const summary: string[] = [];
  let markdown = 0;
  let code = 0;
  for (const cell of doc.cells) {
    if (cell.kind === 'markdown') {
      if (cell.source.trim()) body.push(markdownCell(cell.id, cell.source));
      markdown++;
    } else if (cell.kind === 'code') {
      const task = cell.exercise ? `**Exercise.** ${cell.exercise.task}\n\n` : '';
      body.push(
        markdownCell(
          cell.id,
          `${task}*TensorFlow.js code from Layerbook: it ran in the browser, and is kept here to read, not run.*\n\n` +
            fenced(cell.source, 'javascript'),
        ),
      );
      code++;
    } else {
      const converted = graphCells(doc, cell, options, helpers);
      body.push(...converted.cells);
      summary.push(converted.line);
    }
  }
  const kept = [
    ...(markdown ? [`${plural(markdown, 'markdown cell')} as markdown`] : []),
    ...(code ? [`${plural(code, 'TensorFlow.js code cell')} kept as JavaScript to read`] : []),
  ];
  if (kept.length) summary.unshift(kept.join('; '));
  if (options.distribute) summary.push('Each model is built and trained under tf.distribute.MirroredStrategy().');
  const cells = [codeCell('layerbook-setup', setupCode(doc, options.distribute))];
  if (helpers.size) cells.push(codeCell('layerbook-helpers', [...helpers].map((h) => h.trim()).join('\n\n\n')));
  // The notebook's own title cell first, or one made from its title.
  const title = startsWithTitle(doc) ? body.splice(0, 1) : [markdownCell('layerbook-title', `# ${doc.title.trim() || 'Untitled'}`)];
  return {
    notebook: {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
        language_info: { name: 'python' },
        layerbook: { title: doc.title, exported_from: 'Layerbook' },
      },
      cells: [...title, ...cells, ...body],
    },
    summary,
  };
}
