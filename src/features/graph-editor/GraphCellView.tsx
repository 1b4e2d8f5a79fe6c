import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import {
  addNode,
  connect,
  duplicateNodes,
  modelNameProblem,
  moveNodes,
  removeEdges,
  removeNodes,
  setNodeConfig,
  setBlockCut,
  setBlockLayerTrainable,
  setBlockWeights,
  setNodeTrainable,
} from '../../doc/graphOps';
import { newId } from '../../doc/ids';
import type { GraphCell, ModelBlock, ModelGraph } from '../../doc/types';
import { cutGraph } from '../../graph/block';
import { formatShape } from '../../graph/shape';
import { BackboneDialog } from '../backbone/BackboneDialog';
import { emitKeras } from '../../graph/emitKeras';
import { emitTfjs } from '../../graph/emitTfjs';
import { inferGraph } from '../../graph/infer';
import { autoLayout, NODE_SIZE } from '../../graph/layout';
import { useNotebook } from '../../store/notebookStore';
import { newInputConfig, settingsForGraphInput } from '../../training/taskFit';
import { ModelSummaryTable } from '../output/ModelSummaryTable';
import { graphSummary } from './graphSummary';
import { Inspector } from './Inspector';
import { CellOutputView } from '../output/CellOutputView';
import { DecisionBoundary } from '../training/DecisionBoundary';
import { Palette } from './Palette';
import { StartFrom } from './StartFrom';
import { TrainingPanel } from './TrainingPanel';
import { ModelLab } from '../lab/ModelLab';
import { RunHistory } from '../lab/RunHistory';

const GraphCanvas = lazy(() => import('./GraphCanvas'));

/** Where a new layer goes: below `from` (the layer it takes its input from), or below every layer. */
function placeBelow(graph: ModelGraph, from: string | null): { x: number; y: number } {
  const above = from ? graph.positions[from] : undefined;
  if (above) return { x: above.x, y: above.y + NODE_SIZE.height + 40 };
  const lowest = Math.max(-NODE_SIZE.height, ...Object.values(graph.positions).map((p) => p.y));
  return { x: 40, y: lowest + NODE_SIZE.height + 40 };
}

/** A graph cell: palette, canvas, inspector and summary, over the notebook's graph IR. */
export function GraphCellView({ cell }: { cell: GraphCell }) {
  const graph = useNotebook((s) => s.doc.graphs[cell.graphId]);
  const canEdit = useNotebook((s) => s.access === 'write');
  const history = useNotebook((s) => s.graphHistory[cell.graphId]);
  const editGraph = useNotebook((s) => s.editGraph);
  const undo = useNotebook((s) => s.undoGraph);
  const redo = useNotebook((s) => s.redoGraph);
  const setName = useNotebook((s) => s.setGraphCellName);
  const startFromTemplate = useNotebook((s) => s.startFromTemplate);
  const [canvasKey, setCanvasKey] = useState(0);
  const modelStatus = useNotebook((s) => s.models[cell.name]);
  const kernelOff = useNotebook((s) => s.kernel.status === 'off');
  const [selected, setSelected] = useState<string[]>([]);
  const [reveal, setReveal] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [nameText, setNameText] = useState(cell.name);
  const [notice, setNotice] = useState<string | null>(null);
  const [choosingBackbone, setChoosingBackbone] = useState(false);
  const setTrainConfig = useNotebook((s) => s.setTrainConfig);
  const clipboard = useRef<string[]>([]);
  const info = useMemo(() => inferGraph(graph), [graph]);
  const edit = (update: Parameters<typeof editGraph>[1]) => editGraph(cell.graphId, update);
  const selectedNode = selected.length === 1 ? (info.nodes[selected[0]] ?? null) : null;
  const nameProblem = modelNameProblem(nameText);

  const own = useNotebook((s) => s.userData[cell.id]);
  const add = (className: string, position?: { x: number; y: number }) => {
    const id = newId();
    // An Input takes the shape of the cell's dataset's examples, so the layers after it have shapes at once.
    const config = className === 'Input' ? newInputConfig(cell.training, own) : {};
    // Pressed in the palette (no drop position): the new layer goes below the selected one and takes its output.
    const from = !position && selectedNode && className !== 'Input' ? selectedNode.id : null;
    const at = position ?? placeBelow(graph, from);
    edit((g) => {
      const withNode = addNode(g, { id, className, config }, at);
      return from ? connect(withNode, newId(), from, id) : withNode;
    });
    setSelected([id]);
    if (!position) setReveal(id);
  };

  /**
   * A backbone enters frozen, below the Input whose examples it takes (one is added to an empty
   * graph), selected so that its settings (where it is cut, its layers) are in view.
   */
  const insertBackbone = (block: ModelBlock) => {
    setChoosingBackbone(false);
    const id = newId();
    const inner = inferGraph(cutGraph(block));
    const takes = inner.nodes[inner.inputs[0]]?.shape ?? [];
    let made: ModelGraph | null = null;
    let added = false;
    edit((g) => {
      // Read from the graph as it is now: it may have changed while the backbone's file was fetched.
      const now = inferGraph(g);
      let from = now.inputs.find((i) => formatShape(now.nodes[i].shape ?? []) === formatShape(takes)) ?? null;
      let next = g;
      if (!from && !g.nodes.some((n) => n.className === 'Input')) {
        from = newId();
        next = addNode(next, { id: from, className: 'Input', config: { shape: takes.slice(1) } }, { x: 40, y: 40 });
        made = next;
      }
      next = addNode(next, { id, className: 'Functional', config: {}, block, trainable: false }, placeBelow(next, from));
      added = true;
      return from ? connect(next, newId(), from, id) : next;
    });
    // Another tab holds the notebook: nothing was added (the notebook says so where it can be edited).
    if (!added) return;
    // A new Input takes the backbone's examples: the cell trains on the dataset that has them (MNIST).
    if (made) setTrainConfig(cell.id, settingsForGraphInput(made));
    setSelected([id]);
    setReveal(id);
    setNotice(`${block.name} is in the graph, frozen: add a head after it (Flatten or Dense layers ending in your classes) and train.`);
  };

  const copyCode = async (what: 'tfjs' | 'keras') => {
    const code = what === 'tfjs' ? emitTfjs(graph, cell.name) : emitKeras(graph, cell.name);
    try {
      await navigator.clipboard.writeText(code);
      setNotice(
        what === 'tfjs'
          ? 'TensorFlow.js code copied: paste it into a code cell.'
          : 'Keras Python copied: paste it into a .py file or a Colab cell.',
      );
    } catch {
      setNotice('The browser did not allow copying. Select the code below and copy it by hand.');
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || (e.target as HTMLElement).closest('input, select, textarea')) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) undo(cell.graphId);
    else if (key === 'y' || (key === 'z' && e.shiftKey)) redo(cell.graphId);
    else if (key === 'c') clipboard.current = selected;
    else if (key === 'v' && clipboard.current.length && canEdit) {
      let made: string[] = [];
      edit((g) => {
        const before = new Set(g.nodes.map((n) => n.id));
        const next = duplicateNodes(g, clipboard.current, newId);
        made = next.nodes.filter((n) => !before.has(n.id)).map((n) => n.id);
        return next;
      });
      setSelected(made);
    } else return;
    e.preventDefault();
  };

  return (
    <div className={`graph-cell${expanded ? ' expanded' : ''}`} onKeyDown={onKeyDown}>
      <div className="graph-toolbar">
        <label className="model-name">
          Model name
          <input
            aria-label="Model name"
            value={nameText}
            readOnly={!canEdit}
            aria-invalid={Boolean(nameProblem)}
            onChange={(e) => {
              setNameText(e.target.value);
              if (!modelNameProblem(e.target.value)) setName(cell.id, e.target.value);
            }}
          />
        </label>
        <button type="button" disabled={!canEdit || !history?.past.length} onClick={() => undo(cell.graphId)} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" disabled={!canEdit || !history?.future.length} onClick={() => redo(cell.graphId)} title="Redo (Ctrl+Y)">
          Redo
        </button>
        <button type="button" disabled={!canEdit || !graph.nodes.length} onClick={() => edit((g) => moveNodes(g, autoLayout(g)))}>
          Auto layout
        </button>
        <button
          type="button"
          disabled={!canEdit || !selected.length}
          onClick={() => (edit((g) => removeNodes(g, selected)), setSelected([]))}
        >
          Delete layer
        </button>
        <button type="button" disabled={!canEdit} onClick={() => setChoosingBackbone(true)}>
          Use a model as a backbone
        </button>
        <button type="button" disabled={!info.ok} onClick={() => void copyCode('tfjs')}>
          Copy as tfjs code
        </button>
        <button type="button" disabled={!info.ok} onClick={() => void copyCode('keras')}>
          Copy as Keras Python
        </button>
        <button type="button" aria-pressed={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Shrink' : 'Expand'}
        </button>
      </div>
      {nameProblem && <div className="param-error">{nameProblem}</div>}
      <div className={`graph-kernel-note${modelStatus && !modelStatus.ok ? ' param-error' : ''}`}>
        {kernelOff || !modelStatus
          ? `Code cells will find this model as ${cell.name} once the graph is complete and a cell runs.`
          : `${modelStatus.message}${modelStatus.ok ? ' Editing the graph rebuilds it (its weights start again).' : ''}`}
      </div>
      {notice && (
        <div role="status" className="graph-notice">
          {notice}
        </div>
      )}
      <div className="graph-body">
        <Palette onAdd={(className) => canEdit && add(className)} />
        <section role="region" aria-label="Graph editor" className="graph-canvas">
          <Suspense fallback={<div className="chart-placeholder">Loading the graph editor…</div>}>
            <GraphCanvas
              key={canvasKey}
              graph={graph}
              info={info}
              selected={selected}
              reveal={reveal}
              readOnly={!canEdit}
              onSelect={setSelected}
              onDropLayer={(className, position) => add(className, position)}
              onConnect={(source, target) => edit((g) => connect(g, newId(), source, target))}
              onRemoveNodes={(ids) => (edit((g) => removeNodes(g, ids)), setSelected([]))}
              onRemoveEdges={(ids) => edit((g) => removeEdges(g, ids))}
              onMoved={(moves) => edit((g) => moveNodes(g, moves))}
            />
          </Suspense>
          {!graph.nodes.length &&
            (canEdit ? (
              // A fresh canvas (a new key) fits the template's graph into view, as one opened from storage is.
              <StartFrom onPick={(name) => (startFromTemplate(cell.id, name), setCanvasKey((k) => k + 1))} />
            ) : (
              <p className="graph-empty">Drag layers here from the list, starting with an Input.</p>
            ))}
        </section>
        <Inspector
          node={selectedNode}
          info={info}
          onChange={(patch) => canEdit && selectedNode && edit((g) => setNodeConfig(g, selectedNode.id, patch))}
          onTrainable={(trainable) => canEdit && selectedNode && edit((g) => setNodeTrainable(g, selectedNode.id, trainable))}
          onCut={(layerId) => canEdit && selectedNode && edit((g) => setBlockCut(g, selectedNode.id, layerId))}
          onBlockLayerTrainable={(layerId, trainable) =>
            canEdit && selectedNode && edit((g) => setBlockLayerTrainable(g, selectedNode.id, layerId, trainable))
          }
          onBlockFresh={(fresh) => canEdit && selectedNode && edit((g) => setBlockWeights(g, selectedNode.id, fresh))}
          onConnectFrom={(source) => canEdit && selectedNode && edit((g) => connect(g, newId(), source, selectedNode.id))}
          onDisconnect={(source) =>
            canEdit &&
            selectedNode &&
            edit((g) =>
              removeEdges(
                g,
                g.edges.filter((e) => e.source === source && e.target === selectedNode.id).map((e) => e.id),
              ),
            )
          }
        />
      </div>
      <section role="region" aria-label="Model summary" className="graph-summary">
        {graph.nodes.length ? (
          <ModelSummaryTable summary={graphSummary(info, cell.name)} />
        ) : (
          <p className="inspector-empty">No layers yet.</p>
        )}
        {!info.ok && graph.nodes.length > 0 && (
          <p className="param-error">The graph has problems (shown on the layers); the counts cover the layers that are fine.</p>
        )}
        {cell.python && (
          // Folded, as a reminder of where the graph came from: the graph is what trains and exports.
          <details className="imported-python">
            <summary>Keras Python it was imported from</summary>
            <pre aria-label="Imported Keras Python">{cell.python}</pre>
          </details>
        )}
      </section>
      <TrainingPanel cell={cell} info={info} />
      <CellOutputView cellId={cell.id} />
      <DecisionBoundary cellId={cell.id} />
      <ModelLab cell={cell} info={info} />
      <RunHistory cellId={cell.id} />
      {choosingBackbone && <BackboneDialog onUse={insertBackbone} onClose={() => setChoosingBackbone(false)} />}
    </div>
  );
}
