import type { TrainingSettings } from './trainConfig';
import type { GraphEdge, GraphNode, ModelGraph, NotebookDoc } from './types';

// Pure edits of graph cells and of the layer-graph IR (DESIGN.md rule 3).

/** An empty graph. */
export const emptyGraph = (): ModelGraph => ({ nodes: [], edges: [], positions: {} });

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await tf display'
  ).split(' '),
);

/** Why a model name cannot be a variable name in code cells, or null if it can. */
export function modelNameProblem(name: string): string | null {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name))
    return 'A model name must be a valid variable name: letters, digits, _ or $, not starting with a digit.';
  if (RESERVED.has(name)) return `"${name}" is reserved in code cells; pick another name.`;
  return null;
}

/** A name like model1, model2 … that no graph cell of the notebook uses yet. */
export function nextModelName(doc: NotebookDoc): string {
  const used = new Set(doc.cells.flatMap((c) => (c.kind === 'graph' ? [c.name] : [])));
  let i = 1;
  while (used.has(`model${i}`)) i++;
  return `model${i}`;
}

/** Inserts a graph cell, with a graph of its own (empty unless given), at `index`. */
export function insertGraphCell(
  doc: NotebookDoc,
  cellId: string,
  graphId: string,
  name: string,
  index: number,
  graph: ModelGraph = emptyGraph(),
): NotebookDoc {
  const at = Math.max(0, Math.min(index, doc.cells.length));
  const cells = doc.cells.slice();
  cells.splice(at, 0, { id: cellId, kind: 'graph', graphId, name });
  return { ...doc, cells, graphs: { ...doc.graphs, [graphId]: graph } };
}

/**
 * Inserts a graph cell holding an imported model (Keras code, a saved model) with its training
 * settings, in one edit. It keeps the model's own name when that is a free, valid name here.
 */
export function insertImportedGraphCell(
  doc: NotebookDoc,
  ids: { cellId: string; graphId: string },
  index: number,
  model: { graph: ModelGraph; training: TrainingSettings; name: string; python?: string },
): NotebookDoc {
  const taken = doc.cells.some((c) => c.kind === 'graph' && c.name === model.name);
  const name = modelNameProblem(model.name) || taken ? nextModelName(doc) : model.name;
  let inserted = insertGraphCell(doc, ids.cellId, ids.graphId, name, index, model.graph);
  // The Python it came from stays with it, to read (the graph is what trains).
  const python = model.python;
  if (python)
    inserted = { ...inserted, cells: inserted.cells.map((c) => (c.id === ids.cellId && c.kind === 'graph' ? { ...c, python } : c)) };
  return setTrainConfig(inserted, ids.cellId, model.training);
}

/** Renames a graph cell's model; an invalid name is refused (the same doc comes back). */
export function setGraphCellName(doc: NotebookDoc, cellId: string, name: string): NotebookDoc {
  if (modelNameProblem(name)) return doc;
  let changed = false;
  const cells = doc.cells.map((c) => {
    if (c.id !== cellId || c.kind !== 'graph' || c.name === name) return c;
    changed = true;
    return { ...c, name };
  });
  return changed ? { ...doc, cells } : doc;
}

/** Replaces one graph (the editor computes it with the functions below). */
export function setGraph(doc: NotebookDoc, graphId: string, graph: ModelGraph): NotebookDoc {
  if (!(graphId in doc.graphs) || doc.graphs[graphId] === graph) return doc;
  return { ...doc, graphs: { ...doc.graphs, [graphId]: graph } };
}

/** Adds a layer node at a position. */
export function addNode(graph: ModelGraph, node: GraphNode, position: { x: number; y: number }): ModelGraph {
  return { ...graph, nodes: [...graph.nodes, node], positions: { ...graph.positions, [node.id]: position } };
}

/** Removes nodes, their positions and every edge touching them. */
export function removeNodes(graph: ModelGraph, ids: ReadonlyArray<string>): ModelGraph {
  const gone = new Set(ids);
  if (!graph.nodes.some((n) => gone.has(n.id))) return graph;
  const positions = { ...graph.positions };
  for (const id of gone) delete positions[id];
  return {
    nodes: graph.nodes.filter((n) => !gone.has(n.id)),
    edges: graph.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
    positions,
  };
}

/** Connects source's output to target's input, as its next input; a duplicate or self-loop is refused. */
export function connect(graph: ModelGraph, id: string, source: string, target: string): ModelGraph {
  if (source === target || graph.edges.some((e) => e.source === source && e.target === target)) return graph;
  const taken = graph.edges.filter((e) => e.target === target).map((e) => Number(e.targetPort.replace(/^in/, '')));
  const port = taken.length ? Math.max(...taken) + 1 : 0;
  const edge: GraphEdge = { id, source, sourcePort: 'out', target, targetPort: `in${port}` };
  return { ...graph, edges: [...graph.edges, edge] };
}

/** Removes edges by id. */
export function removeEdges(graph: ModelGraph, ids: ReadonlyArray<string>): ModelGraph {
  const gone = new Set(ids);
  return graph.edges.some((e) => gone.has(e.id)) ? { ...graph, edges: graph.edges.filter((e) => !gone.has(e.id)) } : graph;
}

/** Moves nodes to new positions. */
export function moveNodes(graph: ModelGraph, moves: Record<string, { x: number; y: number }>): ModelGraph {
  return { ...graph, positions: { ...graph.positions, ...moves } };
}

/** Sets parameters of one node (Keras config names). */
export function setNodeConfig(graph: ModelGraph, id: string, patch: Record<string, unknown>): ModelGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, config: { ...n.config, ...patch } } : n)) };
}

/** Freezes a layer (its weights stay as they are in training) or lets it train again. */
export function setNodeTrainable(graph: ModelGraph, id: string, trainable: boolean): ModelGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (n.id !== id) return n;
      const { trainable: _was, ...rest } = n;
      // Trainable is the default, so it is not written down: a document without frozen layers is unchanged.
      return trainable ? rest : { ...rest, trainable: false };
    }),
  };
}

/** Cuts a model block (a backbone) at another of its layers: the block then outputs that layer's output. */
export function setBlockCut(graph: ModelGraph, id: string, cut: string): ModelGraph {
  return {
    ...graph,
    // Any layer but the Input: a block cut at its Input would compute nothing.
    nodes: graph.nodes.map((n) =>
      n.id === id && n.block?.graph.nodes.some((m) => m.id === cut && m.className !== 'Input') ? { ...n, block: { ...n.block, cut } } : n,
    ),
  };
}

/** Freezes or unfreezes one layer inside a model block (fine-tuning trains its top layers only). */
export function setBlockLayerTrainable(graph: ModelGraph, id: string, layerId: string, trainable: boolean): ModelGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.id === id && n.block ? { ...n, block: { ...n.block, graph: setNodeTrainable(n.block.graph, layerId, trainable) } } : n,
    ),
  };
}

/**
 * Starts a model block from its pretrained weights, or from fresh random ones (`fresh`: training the
 * same network from scratch, to compare with transfer). Pretrained is the default, not written down.
 */
export function setBlockWeights(graph: ModelGraph, id: string, fresh: boolean): ModelGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (n.id !== id || !n.block) return n;
      const { weights: _was, ...block } = n.block;
      return { ...n, block: fresh ? { ...block, weights: 'fresh' } : block };
    }),
  };
}

/** Copies nodes (and the edges among them) under fresh ids, offset so they do not hide the originals. */
export function duplicateNodes(graph: ModelGraph, ids: ReadonlyArray<string>, newId: () => string, offset = 40): ModelGraph {
  const chosen = new Set(ids);
  const rename = new Map([...chosen].map((id) => [id, newId()]));
  const renamed = (id: string) => {
    const to = rename.get(id);
    if (to === undefined) throw new Error(`duplicateNodes: node ${id} is not among the nodes being copied`);
    return to;
  };
  const originals = graph.nodes.filter((n) => chosen.has(n.id));
  const nodes = originals.map((n) => ({ ...n, id: renamed(n.id), config: { ...n.config } }));
  const edges = graph.edges
    .filter((e) => chosen.has(e.source) && chosen.has(e.target))
    .map((e) => ({ ...e, id: newId(), source: renamed(e.source), target: renamed(e.target) }));
  const positions = Object.fromEntries(
    originals.map((n) => {
      const from = graph.positions[n.id] ?? { x: 0, y: 0 };
      return [renamed(n.id), { x: from.x + offset, y: from.y + offset }];
    }),
  );
  return { nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges], positions: { ...graph.positions, ...positions } };
}

/** Sets a graph cell's training settings (Keras's compile and fit arguments). */
export function setTrainConfig(doc: NotebookDoc, cellId: string, patch: TrainingSettings): NotebookDoc {
  let changed = false;
  const cells = doc.cells.map((c) => {
    if (c.id !== cellId || c.kind !== 'graph') return c;
    changed = true;
    return { ...c, training: { ...c.training, ...patch } };
  });
  return changed ? { ...doc, cells } : doc;
}

/**
 * Fills an empty graph cell from a template: its graph and its training settings (which replace
 * the cell's, any field left out taking its default), in one edit. A graph with layers is left alone.
 */
export function fillGraphCell(doc: NotebookDoc, cellId: string, graph: ModelGraph, training: TrainingSettings): NotebookDoc {
  const cell = doc.cells.find((c) => c.id === cellId);
  if (cell?.kind !== 'graph' || doc.graphs[cell.graphId]?.nodes.length !== 0) return doc;
  return {
    ...doc,
    cells: doc.cells.map((c) => (c === cell ? { ...cell, training: { ...training } } : c)),
    graphs: { ...doc.graphs, [cell.graphId]: graph },
  };
}
