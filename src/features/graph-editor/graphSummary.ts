import type { GraphInfo } from '../../graph/infer';
import { formatShape } from '../../graph/shape';
import type { ModelSummary } from '../../protocol/display';

/** The Keras summary of a graph, from inference alone: the same table a built model shows. */
export function graphSummary(info: GraphInfo, name: string): ModelSummary {
  const rows = info.order.map((id) => {
    const n = info.nodes[id];
    return {
      name: n.name,
      className: n.className === 'Input' ? 'InputLayer' : n.className,
      outputShape: n.shape ? formatShape(n.shape) : '?',
      params: n.trainable + n.nonTrainable,
      connectedTo: n.inputs.map((i) => `${info.nodes[i].name}[0][0]`),
    };
  });
  return { name, rows, total: info.total, trainable: info.trainable, nonTrainable: info.nonTrainable };
}
