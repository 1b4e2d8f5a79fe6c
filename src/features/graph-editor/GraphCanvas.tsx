import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { NODE_SIZE } from '../../graph/layout';
import type { ModelGraph } from '../../doc/types';
import type { GraphInfo } from '../../graph/infer';
import { LayerNode, type LayerFlowNode } from './LayerNode';
import { LAYER_DRAG_TYPE } from './Palette';

const NODE_TYPES = { layer: LayerNode };

export interface GraphCanvasProps {
  graph: ModelGraph;
  info: GraphInfo;
  selected: string[];
  /** A layer just added from the palette: the view pans to it when it is out of sight. */
  reveal: string | null;
  readOnly: boolean;
  onSelect(ids: string[]): void;
  onDropLayer(className: string, position: { x: number; y: number }): void;
  onConnect(source: string, target: string): void;
  onRemoveNodes(ids: string[]): void;
  onRemoveEdges(ids: string[]): void;
  onMoved(moves: Record<string, { x: number; y: number }>): void;
}

function Canvas(props: GraphCanvasProps) {
  const { graph, info, selected } = props;
  const flow = useReactFlow();
  // While a node is dragged its position lives here; the document changes once, on drop.
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({});
  const wrapper = useRef<HTMLDivElement>(null);

  // A layer added with the palette's keyboard or a click lands below the one selected, often
  // under the canvas's edge: the learner should see what they added, as an editor keeps its cursor in view.
  const { reveal } = props;
  useEffect(() => {
    const at = reveal ? graph.positions[reveal] : undefined;
    const box = wrapper.current?.getBoundingClientRect();
    if (!at || !box) return;
    const from = flow.flowToScreenPosition(at);
    const to = flow.flowToScreenPosition({ x: at.x + NODE_SIZE.width, y: at.y + NODE_SIZE.height });
    if (from.x >= box.left && from.y >= box.top && to.x <= box.right && to.y <= box.bottom) return;
    void flow.setCenter(at.x + NODE_SIZE.width / 2, at.y + NODE_SIZE.height / 2, { zoom: flow.getZoom() });
    // Only a new reveal moves the view; later edits of the graph leave it where the learner put it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);

  const nodes: LayerFlowNode[] = useMemo(
    () =>
      graph.nodes.map((n) => ({
        id: n.id,
        type: 'layer',
        position: dragging[n.id] ?? graph.positions[n.id] ?? { x: 0, y: 0 },
        data: { info: info.nodes[n.id] },
        selected: selected.includes(n.id),
        ariaLabel: `${info.nodes[n.id]?.name} (${n.className})`,
      })),
    [graph, info, selected, dragging],
  );
  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        animated: false,
        className: info.nodes[e.target]?.error ? 'edge-error' : '',
      })),
    [graph, info],
  );

  const onNodesChange = (changes: NodeChange<LayerFlowNode>[]) => {
    const moved: Record<string, { x: number; y: number }> = {};
    let selection: string[] | null = null;
    const removed: string[] = [];
    for (const c of changes) {
      if (c.type === 'position' && c.position) moved[c.id] = c.position;
      if (c.type === 'select') selection = (selection ?? [...selected]).filter((id) => id !== c.id).concat(c.selected ? [c.id] : []);
      if (c.type === 'remove') removed.push(c.id);
    }
    if (Object.keys(moved).length) setDragging((d) => ({ ...d, ...moved }));
    if (selection) props.onSelect(selection);
    if (removed.length && !props.readOnly) props.onRemoveNodes(removed);
  };
  const onEdgesChange = (changes: EdgeChange[]) => {
    const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
    if (removed.length && !props.readOnly) props.onRemoveEdges(removed);
  };

  return (
    <ReactFlow
      ref={wrapper}
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={(c) => !props.readOnly && c.source && c.target && props.onConnect(c.source, c.target)}
      onNodeDragStop={() => {
        if (Object.keys(dragging).length && !props.readOnly) props.onMoved(dragging);
        setDragging({});
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(LAYER_DRAG_TYPE)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={(e) => {
        const className = e.dataTransfer.getData(LAYER_DRAG_TYPE);
        if (!className || props.readOnly) return;
        e.preventDefault();
        props.onDropLayer(className, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
      }}
      nodesDraggable={!props.readOnly}
      nodesConnectable={!props.readOnly}
      deleteKeyCode={props.readOnly ? null : ['Delete', 'Backspace']}
      // Fit once, when a saved graph opens; fitting later would move the view under the user's hand.
      onInit={(instance) => graph.nodes.length && void instance.fitView({ maxZoom: 1, padding: 0.15 })}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={16} />
      <MiniMap pannable zoomable ariaLabel="Graph overview" style={{ width: 120, height: 80 }} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

/** The React Flow canvas of a graph cell (loaded only when a graph cell shows). */
export default function GraphCanvas(props: GraphCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
