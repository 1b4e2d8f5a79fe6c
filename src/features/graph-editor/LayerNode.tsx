import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NodeInfo } from '../../graph/infer';
import { formatShape } from '../../graph/shape';

type LayerNodeData = { info: NodeInfo };
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

/** A layer on the canvas: its kind and name, its output shape and parameter count, or what is wrong. */
function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { info } = data;
  const params = info.trainable + info.nonTrainable;
  return (
    <div className={`layer-node${info.error ? ' has-error' : ''}${selected ? ' selected' : ''}`} data-layer={info.className}>
      {info.spec?.arity !== 'none' && <Handle type="target" position={Position.Top} aria-label={`Input of ${info.name}`} />}
      <div className="layer-node-head">
        <span className="layer-node-class">{info.className}</span>
        <span className="layer-node-name">{info.name}</span>
      </div>
      <div className="layer-node-shape" aria-label="Output shape">
        {info.shape ? formatShape(info.shape) : '?'}
      </div>
      <div className="layer-node-params">{params.toLocaleString('en-US')} params</div>
      {info.error && (
        // Long messages are cut to three lines on the node; the whole one shows on hover.
        <div className="layer-node-error" role="note" title={info.error}>
          {info.error}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} aria-label={`Output of ${info.name}`} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
