import { plural } from '../../doc/words';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NodeInfo } from '../../graph/infer';
import { formatShape } from '../../graph/shape';
import { useLayerTaskProblem } from './TaskProblems';

type LayerNodeData = { info: NodeInfo };
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

/**
 * A layer on the canvas: its kind and name, its output shape and parameter count, or what is wrong
 * with it. A layer that is fine in the graph but does not fit the cell's dataset or loss (the
 * Input's shape, the last layer's units or activation) says so apart, as the training panel does
 * with its fix: the graph itself is valid, and code cells can use it as it is.
 */
function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { info } = data;
  const params = info.trainable + info.nonTrainable;
  const task = useLayerTaskProblem(info.id);
  const misfit = !info.error && task?.blocking ? task.message : undefined;
  const classes = ['layer-node', info.frozen && 'frozen', info.error && 'has-error', misfit && 'misfit', selected && 'selected'];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-layer={info.className}>
      {info.spec?.arity !== 'none' && <Handle type="target" position={Position.Top} aria-label={`Input of ${info.name}`} />}
      <div className="layer-node-head">
        <span className="layer-node-class">{info.className}</span>
        <span className="layer-node-name">{info.name}</span>
      </div>
      {info.block && (
        // A backbone: its layers are listed in its settings (select it), where it can be cut elsewhere.
        <div className="layer-node-block">
          {plural(info.block.info.order.length - 1, 'layer')}, cut at {info.block.info.nodes[info.block.model.cut]?.name ?? '?'}
        </div>
      )}
      <div className="layer-node-shape" aria-label="Output shape">
        {info.shape ? formatShape(info.shape) : '?'}
      </div>
      <div className="layer-node-params">
        {params.toLocaleString('en-US')} params
        {info.frozen && (
          // Drawn, not an emoji: not every system has a font with 🔒.
          <svg className="layer-node-frozen" role="img" aria-label="Frozen" viewBox="0 0 12 14" width="10" height="12">
            <title>Frozen: training leaves these weights as they are</title>
            <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <rect x="1" y="6" width="10" height="7" rx="1.5" fill="currentColor" />
          </svg>
        )}
      </div>
      {info.error && (
        // Long messages are cut to three lines on the node; the whole one shows on hover.
        <div className="layer-node-error" role="note" title={info.error}>
          {info.error}
        </div>
      )}
      {misfit && (
        <div className="layer-node-misfit" role="note" title={misfit}>
          {misfit}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} aria-label={`Output of ${info.name}`} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
