import { useMemo } from 'react';
import { setNodeConfig } from '../../doc/graphOps';
import type { GraphCell } from '../../doc/types';
import { inferGraph } from '../../graph/infer';
import { useNotebook } from '../../store/notebookStore';
import { cellTaskProblems, type TaskFix, type TaskProblem } from '../../training/taskFit';

// Where the model, its data and its loss do not fit (src/training/taskFit.ts): said on the training
// panel with a button that applies the fix, and on the layer concerned.

/** Applies a fix as the learner would by hand: the layer's settings (one undoable graph edit), then the training settings. */
export function useApplyFix(cell: GraphCell): ((fix: TaskFix) => void) | null {
  const editGraph = useNotebook((s) => s.editGraph);
  const setTrainConfig = useNotebook((s) => s.setTrainConfig);
  const canEdit = useNotebook((s) => s.access === 'write');
  if (!canEdit) return null;
  return ({ node, settings }) => {
    if (node) editGraph(cell.graphId, (g) => setNodeConfig(g, node.id, node.patch));
    if (settings) setTrainConfig(cell.id, settings);
  };
}

/**
 * The problems, each with its fix as a button: "Apply fix: Use sparse_categorical_crossentropy",
 * or (`plain`) the fix's own words, as "Set Input shape to 28, 28, 1" beside the Dataset select.
 */
export function TaskProblemList({
  problems,
  label,
  onFix,
  plain = false,
}: {
  problems: TaskProblem[];
  label: string;
  onFix: ((fix: TaskFix) => void) | null;
  plain?: boolean;
}) {
  if (!problems.length) return null;
  return (
    <div className="task-problems" role="status" aria-label={label}>
      {problems.map((p) => (
        <p key={`${p.kind}:${p.nodeId ?? ''}:${p.message}`} className={p.blocking ? 'param-error' : 'param-help'}>
          {p.message}{' '}
          {p.fix && (
            <button type="button" disabled={!onFix} onClick={() => p.fix && onFix?.(p.fix)}>
              {plain ? p.fix.label : `Apply fix: ${p.fix.label}`}
            </button>
          )}
        </p>
      ))}
    </div>
  );
}

/**
 * What does not fit on one layer of a graph cell, for its node on the canvas: the node knows only
 * its id, so the cell is found by it (ids are unique in a notebook) and checked as the panel checks it.
 */
export function useLayerTaskProblem(nodeId: string): TaskProblem | undefined {
  const cell = useNotebook((s) =>
    s.doc.cells.find((c): c is GraphCell => c.kind === 'graph' && Boolean(s.doc.graphs[c.graphId]?.nodes.some((n) => n.id === nodeId))),
  );
  const graph = useNotebook((s) => (cell ? s.doc.graphs[cell.graphId] : undefined));
  const own = useNotebook((s) => (cell ? s.userData[cell.id] : undefined));
  return useMemo(() => {
    // Only an Input or a last layer (nothing reads its output) can be told it does not fit: the
    // layers between need not infer the graph again at every edit.
    const node = graph?.nodes.find((n) => n.id === nodeId);
    const shown = node && (node.className === 'Input' || !graph?.edges.some((e) => e.source === nodeId));
    if (!cell || !graph || !shown) return undefined;
    return cellTaskProblems(inferGraph(graph), cell.training, own).find((p) => p.nodeId === nodeId);
  }, [cell, graph, own, nodeId]);
}
