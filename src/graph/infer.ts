import type { GraphEdge, ModelBlock, ModelGraph } from '../doc/types';
import { cutGraph } from './block';
import { layerSpec } from './catalogue';
import { checkConfig, resolveConfig } from './config';
import { formatShape } from './shape';
import { ShapeError, type LayerConfig, type LayerSpec, type Shape } from './types';

/** What inference found for one node. */
export interface NodeInfo {
  id: string;
  className: string;
  /** The Keras-style layer name (`dense`, `dense_1`), used in summaries and exported code. */
  name: string;
  spec?: LayerSpec;
  config: LayerConfig;
  /** The node ids feeding it, in input order. */
  inputs: string[];
  shape?: Shape;
  /** False when the learner froze the layer: all its weights then count as non-trainable, as in Keras. */
  frozen: boolean;
  trainable: number;
  nonTrainable: number;
  /** What is wrong here, in a learner's words. */
  error?: string;
  /** A model used as this layer (a backbone): its own layers up to the cut, inferred. */
  block?: { model: ModelBlock; info: GraphInfo };
}

export interface GraphInfo {
  nodes: Record<string, NodeInfo>;
  /** Nodes in an order where every node comes after its inputs (cycles left out). */
  order: string[];
  inputs: string[];
  outputs: string[];
  trainable: number;
  nonTrainable: number;
  total: number;
  /** True when the graph can be built into a model. */
  ok: boolean;
}

/** Keras's to_snake_case: Conv2D → conv2d, MaxPooling2D → max_pooling2d, SimpleRNN → simple_rnn. */
export const snake = (className: string) =>
  className
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();

/** Orders a node's incoming edges: by target port (in0, in1, …), then as they were made. */
function incoming(graph: ModelGraph, id: string): GraphEdge[] {
  return graph.edges.filter((e) => e.target === id).sort((a, b) => a.targetPort.localeCompare(b.targetPort, 'en', { numeric: true }));
}

/** Infers every node's output shape and weights, and says what is wrong where. */
export function inferGraph(graph: ModelGraph): GraphInfo {
  const nodes: Record<string, NodeInfo> = {};
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const node of graph.nodes) {
    const spec = node.block ? BLOCK_SPEC : layerSpec(node.className);
    nodes[node.id] = {
      id: node.id,
      className: node.className,
      name: '',
      spec,
      config: spec ? resolveConfig(spec, node.config) : {},
      // An edge from a node that no longer exists is ignored, as if it were deleted with it.
      inputs: incoming(graph, node.id)
        .map((e) => e.source)
        .filter((s) => ids.has(s)),
      frozen: node.trainable === false,
      trainable: 0,
      nonTrainable: 0,
      error: spec ? undefined : `Layerbook does not know the layer ${node.className}`,
      ...(node.block ? { block: { model: node.block, info: inferGraph(cutGraph(node.block)) } } : {}),
    };
  }

  // Kahn's algorithm: what it cannot order lies on a cycle.
  const indegree = new Map(graph.nodes.map((n) => [n.id, nodes[n.id].inputs.length]));
  const queue = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    order.push(id);
    for (const e of graph.edges.filter((e) => e.source === id)) {
      const degree = indegree.get(e.target);
      // An edge to a node that no longer exists leads nowhere.
      if (degree === undefined) continue;
      const left = degree - 1;
      indegree.set(e.target, left);
      if (left === 0) queue.push(e.target);
    }
  }
  for (const node of graph.nodes) {
    if (!order.includes(node.id))
      nodes[node.id].error = 'This layer is part of a cycle: data in a model must flow one way, from inputs to outputs.';
  }

  const counts = new Map<string, number>();
  // A block's layers keep their own names (conv2d, dense …), so the graph's own layers are numbered
  // after them, as Keras numbers layers made after the backbone: two weights never share a name.
  for (const info of Object.values(nodes)) {
    for (const inner of Object.values(info.block?.info.nodes ?? {})) {
      if (inner.className === 'Input') continue;
      const base = snake(inner.className);
      counts.set(base, (counts.get(base) ?? 0) + 1);
    }
  }
  for (const id of order) {
    const info = nodes[id];
    if (info.block) {
      info.name = info.block.model.name;
      inferBlock(info, info.block, nodes);
      continue;
    }
    // Keras 3 names inputs input_layer; it also keeps `input`, a Python builtin, free in exported code.
    const base = info.className === 'Input' ? 'input_layer' : snake(info.className);
    const k = counts.get(base) ?? 0;
    counts.set(base, k + 1);
    info.name = k === 0 ? base : `${base}_${k}`;
    if (info.error || !info.spec) continue;
    info.error = nodeProblem(info, info.spec, nodes) ?? undefined;
    if (info.error) continue;
    // nodeProblem has made sure every input has a shape.
    const inputShapes = info.inputs.map((i) => {
      const shape = nodes[i].shape;
      if (!shape) throw new Error(`Layer ${info.name} has an input (${i}) without a shape`);
      return shape;
    });
    try {
      info.shape = info.spec.outputShape(inputShapes, info.config);
      const w = info.spec.weights(inputShapes, info.config);
      // A frozen layer keeps every weight as it is, so Keras counts them all as non-trainable.
      info.trainable = info.frozen ? 0 : w.trainable;
      info.nonTrainable = info.frozen ? w.trainable + w.nonTrainable : w.nonTrainable;
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e;
      const got = inputShapes.map((s) => formatShape(s)).join(' and ');
      info.error = `${info.className} ${e.message}${inputShapes.length && !e.message.includes(got) ? ` (input: ${got})` : ''}.`;
    }
  }

  const reachable = fromInputs(graph, nodes);
  for (const node of graph.nodes) {
    const info = nodes[node.id];
    if (!info.error && !reachable.has(node.id))
      info.error = 'This layer is not connected to an Input: connect a path from an Input layer to it.';
  }
  const inputs = order.filter((id) => nodes[id].className === 'Input');
  const outputs = order.filter((id) => !graph.edges.some((e) => e.source === id) && nodes[id].className !== 'Input');
  const all = Object.values(nodes);
  const trainable = all.reduce((s, n) => s + n.trainable, 0);
  const nonTrainable = all.reduce((s, n) => s + n.nonTrainable, 0);
  const ok = all.length > 0 && all.every((n) => !n.error) && inputs.length > 0 && outputs.length > 0;
  return { nodes, order, inputs, outputs, trainable, nonTrainable, total: trainable + nonTrainable, ok };
}

/** Names a backbone cannot take: Python's keywords and the names the exported code uses itself. */
const RESERVED_NAMES = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if import ' +
    'in is lambda nonlocal not or pass raise return try while with yield keras layers np tf lb model frozen strategy'
  ).split(' '),
);

/** A model used as a layer: no settings of its own, one input; inference reads its layers instead. */
const BLOCK_SPEC: LayerSpec = {
  className: 'Functional',
  group: 'Core',
  help: 'A trained model used as one layer (a backbone): its layers, up to the one it is cut at, with their trained weights.',
  params: [],
  arity: 'one',
  outputShape: () => {
    throw new Error('A model block is inferred from its own layers');
  },
  weights: () => {
    throw new Error('A model block is inferred from its own layers');
  },
  tfjs: () => {
    throw new Error('A model block is built from its own layers');
  },
  keras: () => {
    throw new Error('A model block is exported from its own layers');
  },
  kerasArgs: { positional: [] },
};

/** A block's shape and weights from its own layers; what does not fit is said on it, with both shapes. */
function inferBlock(info: NodeInfo, block: NonNullable<NodeInfo['block']>, nodes: Record<string, NodeInfo>): void {
  const inner = block.info;
  const name = block.model.name;
  const bad = Object.values(inner.nodes).find((n) => n.error);
  const cut = inner.nodes[block.model.cut];
  if (bad || inner.inputs.length !== 1 || !cut || cut.className === 'Input' || !inner.ok) {
    info.error = bad ? `Inside ${name}, layer ${bad.name}: ${bad.error}` : `${name} has no layer to cut at: choose one in its settings.`;
    return;
  }
  // One backbone per graph for now: two would hold layers of the same names (conv2d …), whose
  // weights tfjs, Keras and the weights files tell apart by name only.
  const other = Object.values(nodes).find((n) => n.block && n.id !== info.id);
  if (other) {
    info.error = `A graph holds one backbone for now, and ${other.name} is one: delete one of them.`;
    return;
  }
  const clash = Object.values(nodes).find((n) => n.id !== info.id && n.name === name);
  if (clash || RESERVED_NAMES.has(name)) {
    const by = clash ? `layer ${clash.name}` : 'Python or TensorFlow.js';
    info.error = `The backbone's name ${name} is taken (by ${by}): it cannot be exported or built.`;
    return;
  }
  const takes = inner.nodes[inner.inputs[0]].shape ?? [];
  if (info.inputs.length !== 1) {
    info.error = `${name} takes one input, examples of shape ${formatShape(takes)}: connect an Input of that shape to it.`;
    return;
  }
  const problem = nodeProblem(info, BLOCK_SPEC, nodes);
  if (problem) {
    info.error = problem;
    return;
  }
  const given = nodes[info.inputs[0]].shape ?? [];
  if (formatShape(takes) !== formatShape(given)) {
    info.error = `${name} takes ${formatShape(takes)}, but its input is ${formatShape(given)}: feed it examples of that shape.`;
    return;
  }
  info.shape = inner.nodes[block.model.cut].shape;
  info.trainable = info.frozen ? 0 : inner.trainable;
  info.nonTrainable = info.frozen ? inner.total : inner.nonTrainable;
}

function nodeProblem(info: NodeInfo, spec: LayerSpec, nodes: Record<string, NodeInfo>): string | null {
  const bad = checkConfig(spec, info.config);
  if (bad) return `Check this layer's settings: ${bad}.`;
  const n = info.inputs.length;
  if (spec.arity === 'none' && n > 0) return 'An Input layer takes no input: it is where data enters the model.';
  if (spec.arity === 'one' && n === 0) return `${info.className} has no input: connect a layer's output to it.`;
  if (spec.arity === 'one' && n > 1)
    return `${info.className} takes one input but ${n} are connected; join them first with Add or Concatenate.`;
  if (spec.arity === 'many' && n < 2) return `${info.className} joins two or more inputs; connect ${n === 0 ? 'two' : 'another'}.`;
  if (spec.arity === 'attention' && n === 0)
    return `${info.className} has no input: connect a sequence (self-attention), or a query and then a value.`;
  if (spec.arity === 'attention' && n > 3)
    return `${info.className} takes at most three inputs (query, value, key), but ${n} are connected.`;
  const broken = info.inputs.find((i) => !nodes[i].shape);
  if (broken) return `The layer feeding this one (${nodes[broken].name || nodes[broken].className}) has a problem; fix it first.`;
  return null;
}

function fromInputs(graph: ModelGraph, nodes: Record<string, NodeInfo>): Set<string> {
  const seen = new Set<string>();
  const stack = graph.nodes.filter((n) => nodes[n.id].className === 'Input').map((n) => n.id);
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of graph.edges) if (e.source === id) stack.push(e.target);
  }
  return seen;
}

/** The names of the frozen layers, in order: what the exports freeze once their model is built. */
export const frozenNames = (info: GraphInfo): string[] =>
  info.order.filter((id) => info.nodes[id].frozen && info.nodes[id].className !== 'Input').map((id) => info.nodes[id].name);
