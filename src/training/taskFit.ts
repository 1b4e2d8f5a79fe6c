import {
  classCountOf,
  DATASET_SPECS,
  datasetSpec,
  type DatasetName,
  type DatasetPreset,
  type DatasetSpec,
  type OwnDataShape,
} from '../data/catalogue';
import { trainConfigOf, type TrainConfig, type TrainingSettings } from '../doc/trainConfig';
import type { ModelGraph } from '../doc/types';
import { inferGraph } from '../graph/infer';
import type { GraphInfo, NodeInfo } from '../graph/infer';
import { formatShape } from '../graph/shape';
import { lossNeedsClasses, suggestLoss, type LossName } from './compileSpec';

// Whether a graph, its dataset and its training settings fit one another: the Input takes the
// dataset's examples, the last layer gives what the loss compares with the labels. What does not
// fit is said in a learner's words before Train, with a fix a button applies, so tfjs's raw shape
// errors ("target expected a batch of elements where each example has shape [10]") never reach
// the learner. Pure: the training panel, the layer nodes and the kernel session all read it.

/** What pressing a fix changes: training settings, one layer's settings, or both at once. */
export interface TaskFix {
  /** The button's words, e.g. "Use sparse_categorical_crossentropy". */
  label: string;
  settings?: Partial<TrainConfig>;
  node?: { id: string; patch: Record<string, unknown> };
}

/** Something about the model, the data and the loss that does not fit. */
export interface TaskProblem {
  /** 'input': the Input against the examples; 'output': the last layer against the labels and the loss. */
  kind: 'input' | 'output';
  /** The layer to show it on (the Input, or the layer that makes the output), when there is one. */
  nodeId?: string;
  message: string;
  fix?: TaskFix;
  /** False for advice Train goes ahead without (a bounded activation for a number to predict). */
  blocking: boolean;
}

const SOFTMAX_LOSSES: ReadonlySet<LossName> = new Set(['sparse_categorical_crossentropy', 'categorical_crossentropy']);
/** Layers that pass their input's values on unchanged (in training, Dropout only scales some): the output's activation is before them. */
const PASS_THROUGH: ReadonlySet<string> = new Set(['Dropout', 'Flatten', 'Reshape']);

const dims = (shape: ReadonlyArray<number | null>) => shape.map((d) => (d === null ? 'None' : String(d))).join(', ');
const outputs = (n: number) => `${n} output${n === 1 ? '' : 's'}`;

/** Whether an Input of `shape` takes examples of `xShape` (None takes any length). */
function shapeFits(shape: ReadonlyArray<number | null>, xShape: ReadonlyArray<number>): boolean {
  return shape.length === xShape.length && shape.every((d, i) => d === null || d === xShape[i]);
}

/** The layer whose activation the model's output has: the output layer, or the one before layers that pass values on. */
function activationLayer(info: GraphInfo, out: NodeInfo): NodeInfo {
  let node = out;
  while (PASS_THROUGH.has(node.className) && node.inputs.length === 1) node = info.nodes[node.inputs[0]];
  return node;
}

/** The Dense layer that sets the output's last dimension, when there is one to fix (Dropout keeps its shape). */
function denseHead(info: GraphInfo, out: NodeInfo): NodeInfo | undefined {
  let node = out;
  while (node.className === 'Dropout' && node.inputs.length === 1) node = info.nodes[node.inputs[0]];
  return node.className === 'Dense' ? node : undefined;
}

/** How the labels read in a message: "MNIST digits has 10 classes, given as the numbers 0–9". */
function labelsPhrase(subject: string, classes: number | null): string {
  if (classes === null) return `${subject} has a number to predict for each example, not classes`;
  const numbers = classes === 2 ? 'the numbers 0 and 1' : `the numbers 0–${classes - 1}`;
  return `${subject} has ${classes} classes, given as ${numbers}`;
}

/** The data's own examples' shape and class count: the catalogue's, or the learner's data's once loaded. */
function dataOf(spec: DatasetSpec, own: OwnDataShape | undefined) {
  const isOwn = spec.source.kind === 'own';
  return {
    subject: isOwn ? 'Your data' : spec.label.charAt(0).toUpperCase() + spec.label.slice(1),
    xShape: isOwn ? own?.xShape : spec.inputShape,
    classes: classCountOf(spec, own),
  };
}

/**
 * What does not fit among the graph (as inferGraph found it), the dataset and the settings; empty
 * when Train can go ahead. Of a graph with problems of its own, only the Input is checked.
 */
export function taskProblems(info: GraphInfo, spec: DatasetSpec, config: TrainConfig, own?: OwnDataShape): TaskProblem[] {
  const { subject, xShape, classes } = dataOf(spec, own);
  const problems: TaskProblem[] = [];

  if (info.inputs.length > 1) {
    problems.push({
      kind: 'input',
      nodeId: info.inputs[1],
      message: `${subject} gives each example as one input, but the model has ${info.inputs.length} Inputs: keep one.`,
      blocking: true,
    });
  } else if (xShape && info.inputs.length === 1) {
    // Checked even while later layers have problems: often the Input's shape is what causes them.
    const input = info.nodes[info.inputs[0]];
    const shape = (input.config.shape ?? []) as Array<number | null>;
    if (!input.error && !shapeFits(shape, xShape)) {
      problems.push({
        kind: 'input',
        nodeId: input.id,
        message: `${subject} has examples of shape ${dims(xShape)}, but the Input takes ${dims(shape)}.`,
        fix: { label: `Set Input shape to ${dims(xShape)}`, node: { id: input.id, patch: { shape: [...xShape] } } },
        blocking: true,
      });
    }
  }

  // The rest needs the whole graph's shapes; its own problems show on its layers first.
  if (!info.ok) return problems;
  if (info.outputs.length > 1) {
    const names = info.outputs.map((id) => info.nodes[id].name).join(', ');
    problems.push({
      kind: 'output',
      nodeId: info.outputs[1],
      message:
        `The model ends in ${info.outputs.length} layers (${names}); training on a dataset needs one last layer: ` +
        'join them, or delete the extra ones.',
      blocking: true,
    });
    return problems;
  }
  const out = info.nodes[info.outputs[0]];
  const target = (config as { target?: string }).target === 'input' ? 'input' : 'labels';
  const problem = target === 'input' ? reconstructionProblem(out, config, xShape) : labelProblem(info, out, config, subject, classes);
  if (problem) problems.push(problem);
  return problems;
}

/** An autoencoder's output is its input again: the same shape, and a loss for numbers. */
function reconstructionProblem(out: NodeInfo, config: TrainConfig, xShape: readonly number[] | undefined): TaskProblem | null {
  if (lossNeedsClasses(config.loss)) {
    return {
      kind: 'output',
      nodeId: out.id,
      message: `An autoencoder learns numbers (its own input), not classes: ${config.loss} needs classes. Use mse.`,
      fix: { label: 'Use mse', settings: { loss: 'mse' } },
      blocking: true,
    };
  }
  const shape = out.shape ?? [];
  if (!xShape || shapeFits(shape.slice(1), xShape)) return null;
  const flat = xShape.length === 1 && shape.length === 2 && out.className === 'Dense';
  return {
    kind: 'output',
    nodeId: out.id,
    message: `An autoencoder gives its input back, shape ${dims(xShape)}, but the model ends in ${formatShape(shape)}.`,
    fix: flat ? { label: `Give the last layer ${xShape[0]} units`, node: { id: out.id, patch: { units: xShape[0] } } } : undefined,
    blocking: true,
  };
}

/** The last layer and the loss against the labels: classes (a count) or a number to predict (null). */
function labelProblem(
  info: GraphInfo,
  out: NodeInfo,
  config: TrainConfig,
  subject: string,
  classes: number | null | undefined,
): TaskProblem | null {
  // The learner's own data before it is loaded: nothing to check against yet.
  if (classes === undefined || (classes !== null && classes < 2)) return null;
  const shape = out.shape ?? [];
  const labels = labelsPhrase(subject, classes);
  const problem = (message: string, fix?: TaskFix, blocking = true): TaskProblem => ({
    kind: 'output',
    nodeId: out.id,
    message,
    fix,
    blocking,
  });
  if (shape.length !== 2) {
    const end = classes === null ? 'Dense(1)' : `Dense(${classes}, softmax)`;
    const pool = shape.length === 4 ? 'Flatten or GlobalAveragePooling2D' : 'Flatten or GlobalAveragePooling1D';
    return problem(
      `${labels}, one label per example, but the model ends in ${formatShape(shape)}, many values per example: ` +
        `add ${pool}, then end with ${end}.`,
    );
  }
  const units = shape[1] ?? 0;
  const act = activationLayer(info, out);
  const activation = String(act.config.activation ?? 'linear');
  const canSetActivation = 'activation' in act.config;
  const dense = denseHead(info, out);
  const loss = config.loss;

  if (classes === null) {
    if (lossNeedsClasses(loss)) {
      const node = endFor(null, units, activation, dense, canSetActivation ? act : undefined);
      return problem(`${labels}: ${loss} needs classes. Use mse (mean squared error).`, {
        label: node ? 'Use mse and a linear Dense(1)' : 'Use mse',
        settings: { loss: 'mse' },
        node,
      });
    }
    if (units !== 1) {
      const node = dense && { id: dense.id, patch: { units: 1, activation: 'linear' } };
      return problem(
        `${labels}, one number each, but the last layer has ${outputs(units)}: end with Dense(1) and no activation (linear).`,
        node && { label: 'Set the last layer to Dense(1, linear)', node },
      );
    }
    if (activation === 'linear') return null;
    const fix = canSetActivation ? { label: 'Use a linear last layer', node: { id: act.id, patch: { activation: 'linear' } } } : undefined;
    if (activation === 'softmax') {
      return problem(
        'softmax makes the outputs add up to 1, so a single output is always 1 and cannot follow the numbers to predict: ' +
          'use no activation (linear) in the last layer.',
        fix,
      );
    }
    return problem(
      `The last layer uses ${activation}, which bounds what it outputs; a number to predict usually needs a linear output.`,
      fix,
      false,
    );
  }

  // Classes: what each loss compares the last layer's outputs with.
  const twoWay = classes === 2 && units === 1;
  const fitting = suggestLoss(classes, units, activation).loss;
  if (SOFTMAX_LOSSES.has(loss)) {
    if (units === classes && activation === 'softmax') return null;
    if (twoWay) {
      const node = activation === 'sigmoid' || !canSetActivation ? undefined : { id: act.id, patch: { activation: 'sigmoid' } };
      return problem(
        `${labels}, and the last layer has one output: with one output use binary_crossentropy (and sigmoid), ` +
          `or end with Dense(2, softmax) for ${loss}.`,
        {
          label: node ? 'Use binary_crossentropy and sigmoid' : 'Use binary_crossentropy',
          settings: { loss: 'binary_crossentropy' },
          node,
        },
      );
    }
    if (units !== classes) {
      const node = dense && { id: dense.id, patch: { units: classes, activation: 'softmax' } };
      return problem(
        `${labels}, but the last layer has ${outputs(units)}: ${loss} needs one per class. End with Dense(${classes}, softmax).`,
        node && { label: `Set the last layer to Dense(${classes}, softmax)`, node },
      );
    }
    return problem(
      `${loss} expects a probability for each class, but the last layer's activation is ${activation}: ` +
        `use softmax, so its ${classes} outputs add up to 1.`,
      canSetActivation ? { label: 'Use softmax in the last layer', node: { id: act.id, patch: { activation: 'softmax' } } } : undefined,
    );
  }

  if (loss === 'binary_crossentropy' || loss === 'hinge') {
    const end = loss === 'hinge' ? 'tanh' : 'sigmoid';
    if (classes !== 2) {
      const node = endFor(classes, units, activation, dense, canSetActivation ? act : undefined);
      const fitsAlready = units === classes && activation === 'softmax';
      return problem(
        `${labels}: ${loss} is for two classes. Use sparse_categorical_crossentropy` +
          (fitsAlready ? `, which takes the last layer's ${classes} probabilities.` : `, and end with Dense(${classes}, softmax).`),
        {
          label: node ? `Use sparse_categorical_crossentropy and Dense(${classes}, softmax)` : 'Use sparse_categorical_crossentropy',
          settings: { loss: 'sparse_categorical_crossentropy' },
          node,
        },
      );
    }
    if (units === 2) {
      const node = activation === 'softmax' || !canSetActivation ? undefined : { id: act.id, patch: { activation: 'softmax' } };
      return problem(
        `${labels}. ${loss} takes one output, but the last layer has 2: use sparse_categorical_crossentropy, or end with Dense(1, ${end}).`,
        {
          label: node ? 'Use sparse_categorical_crossentropy and softmax' : 'Use sparse_categorical_crossentropy',
          settings: { loss: 'sparse_categorical_crossentropy' },
          node,
        },
      );
    }
    if (units !== 1) {
      const node = dense && { id: dense.id, patch: { units: 1, activation: end } };
      return problem(
        `${labels}. ${loss} takes one output, but the last layer has ${outputs(units)}: end with Dense(1, ${end}).`,
        node && { label: `Set the last layer to Dense(1, ${end})`, node },
      );
    }
    if (loss === 'hinge' || activation === 'sigmoid') return null;
    return problem(
      `binary_crossentropy expects a probability from 0 to 1, but the last layer's activation is ${activation}: use sigmoid.`,
      canSetActivation ? { label: 'Use sigmoid in the last layer', node: { id: act.id, patch: { activation: 'sigmoid' } } } : undefined,
    );
  }

  // mse, mae, huber: a loss for numbers, given class numbers.
  const node =
    fitting === 'binary_crossentropy' ? undefined : endFor(classes, units, activation, dense, canSetActivation ? act : undefined);
  return problem(`${labels}: ${loss} is for a number to predict, not classes. Use ${fitting}.`, {
    label: node ? `Use ${fitting} and Dense(${classes}, softmax)` : `Use ${fitting}`,
    settings: { loss: fitting },
    node,
  });
}

/**
 * The change to the last layer that a loss for these labels needs (classes: Dense(n, softmax);
 * a number: Dense(1), linear), or undefined when it already fits or cannot be made here.
 */
function endFor(
  classes: number | null,
  units: number,
  activation: string,
  dense: NodeInfo | undefined,
  act: NodeInfo | undefined,
): TaskFix['node'] {
  const wantUnits = classes ?? 1;
  const wantActivation = classes === null ? 'linear' : 'softmax';
  if (units === wantUnits && activation === wantActivation) return undefined;
  if (units !== wantUnits) return dense && { id: dense.id, patch: { units: wantUnits, activation: wantActivation } };
  return act && { id: act.id, patch: { activation: wantActivation } };
}

/** A graph cell's task problems, from its stored settings as the panel reads them. */
export function cellTaskProblems(info: GraphInfo, stored: Record<string, unknown> | undefined, own?: OwnDataShape): TaskProblem[] {
  const config = trainConfigOf(stored);
  return taskProblems(info, datasetSpec(config.dataset), config, own);
}

/** The settings a new Input layer takes in a cell: one example's shape of its dataset (the learner's own data's, once loaded). */
export function newInputConfig(stored: Record<string, unknown> | undefined, own?: OwnDataShape): Record<string, unknown> {
  const spec = datasetSpec(trainConfigOf(stored).dataset);
  const shape = spec.source.kind === 'own' ? own?.xShape : spec.inputShape;
  return shape ? { shape: [...shape] } : {};
}

/** One sentence for Train's refusal: what to fix first. */
export function describeTaskProblems(problems: TaskProblem[]): string {
  return `Fix the model first: ${problems.map((p) => p.message).join(' ')}`;
}

/** The model's one output layer, when the graph is complete and has one. */
const singleOutput = (info: GraphInfo): NodeInfo | undefined =>
  info.ok && info.outputs.length === 1 ? info.nodes[info.outputs[0]] : undefined;

/** The loss a dataset's labels call for with this model's last layer (with no model yet, its preset's). */
export function fittingLoss(info: GraphInfo, spec: DatasetSpec, own?: OwnDataShape): LossName {
  const classes = classCountOf(spec, own);
  if (classes === undefined) return spec.preset.loss;
  const out = singleOutput(info);
  if (!out?.shape) return classes === null ? 'mse' : spec.preset.loss;
  const act = activationLayer(info, out);
  return suggestLoss(classes, out.shape[out.shape.length - 1] ?? 0, String(act.config.activation ?? 'linear')).loss;
}

const PRESET_FIELDS = ['samples', 'epochs', 'batch_size', 'learning_rate', 'validation_split', 'schedule'] as const satisfies Array<
  keyof DatasetPreset
>;

/**
 * The settings to change when the learner chooses `next` in place of the cell's dataset: the new
 * dataset's preset, field by field, where the field still has the old dataset's value (so nothing
 * the learner typed is lost), and a loss for the new labels unless the learner chose the loss:
 * it is replaced only while it is the old data's own (its preset's, or the one its labels called
 * for with this model) and does not fit the new data.
 */
export function settingsForDataset(
  info: GraphInfo,
  config: TrainConfig,
  next: DatasetSpec<DatasetName>,
  own?: OwnDataShape,
): Partial<TrainConfig> {
  const previous = datasetSpec(config.dataset);
  const patch: Partial<TrainConfig> = { dataset: next.name };
  for (const field of PRESET_FIELDS) {
    if (config[field] === previous.preset[field] && next.preset[field] !== config[field])
      Object.assign(patch, { [field]: next.preset[field] });
  }
  const loss = nextLoss(info, config, previous, previous.source.kind === 'own' ? own : undefined, next, own);
  if (loss !== config.loss) patch.loss = loss;
  return patch;
}

/** The loss when the learner's own data is loaded in place of `before` (undefined: none was): the same rule as for a dataset. */
export function settingsForOwnData(
  info: GraphInfo,
  config: TrainConfig,
  before: OwnDataShape | undefined,
  after: OwnDataShape,
): Partial<TrainConfig> {
  const spec = datasetSpec(config.dataset);
  const loss = nextLoss(info, config, spec, before, spec, after);
  return loss === config.loss ? {} : { loss };
}

function nextLoss(
  info: GraphInfo,
  config: TrainConfig,
  previous: DatasetSpec,
  previousOwn: OwnDataShape | undefined,
  next: DatasetSpec,
  nextOwn: OwnDataShape | undefined,
): LossName {
  // An autoencoder's loss is about its input, whatever the labels are.
  if (config.target === 'input') return config.loss;
  const ours = config.loss === previous.preset.loss || config.loss === fittingLoss(info, previous, previousOwn);
  if (!ours) return config.loss;
  // The learner's own data before it is loaded: its preset's, until its labels say otherwise.
  if (classCountOf(next, nextOwn) === undefined) return next.preset.loss;
  // With a model, a loss that already fits the new labels stays; with none yet, the new data's own.
  if (!singleOutput(info)) return fittingLoss(info, next, nextOwn);
  const fits = !taskProblems(info, next, config, nextOwn).some((p) => p.kind === 'output' && p.blocking);
  return fits ? config.loss : fittingLoss(info, next, nextOwn);
}

/** The settings of the one dataset whose examples the graph's Input takes (MNIST for 28, 28, 1), or none. */
export function settingsForGraphInput(graph: ModelGraph): TrainingSettings {
  const shape = JSON.stringify(graph.nodes.find((n) => n.className === 'Input')?.config.shape);
  const fits = DATASET_SPECS.filter((d) => d.inputShape && JSON.stringify(d.inputShape) === shape && !d.partOf);
  return fits.length === 1 ? settingsForDataset(inferGraph(graph), trainConfigOf({}), fits[0]) : {};
}
