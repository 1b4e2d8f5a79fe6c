import type { ModelGraph } from '../doc/types';
import { cutGraph, ownInput } from './block';
import { frozenNames, inferGraph } from './infer';
import type { TfjsLayerCall } from './types';

const js = (value: unknown) =>
  JSON.stringify(value)
    .replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, '$1: ')
    .replace(/,(?=\S)/g, ', ');

function layerCall(call: TfjsLayerCall, name: string): string {
  if (call.factory === 'bidirectional') {
    const inner = call.config.layer as TfjsLayerCall;
    return (
      `tf.layers.bidirectional({ layer: tf.layers.${inner.factory}(${js(inner.config)}) as tf.RNN, ` +
      `mergeMode: ${js(call.config.mergeMode)}, name: ${js(name)} })`
    );
  }
  return `${call.custom ? 'lb' : 'tf'}.layers.${call.factory}(${js({ ...call.config, name })})`;
}

/**
 * TypeScript for a code cell that rebuilds the graph's model as `name`. It sits
 * in an arrow function, so its layer variables stay out of the notebook's shared scope.
 */
export function emitTfjs(graph: ModelGraph, name: string): string {
  return [`// The model of graph cell "${name}", as TensorFlow.js code.`, ...modelLines(graph, name), name].join('\n');
}

/** `const variable = (() => { …layers…; return tf.model({ …, name }); })();` */
function modelLines(graph: ModelGraph, variable: string, name = variable): string[] {
  const info = inferGraph(graph);
  const lines = [`const ${variable} = (() => {`];
  for (const id of info.order) {
    const node = info.nodes[id];
    if (!node.spec) continue;
    if (node.block) {
      // A model used as a layer: built first, then called on its input, as in Keras. It starts
      // from fresh weights here; Train in its graph cell loads the pretrained ones.
      const inner = modelLines(cutGraph(node.block.model), `${node.name}_model`, node.name).map((l) => `  ${ownInput(l, node.name)}`);
      lines.push(`  // ${node.name}: a trained model used as a layer (its pretrained weights are loaded by Train, not by this code).`);
      lines.push(...inner, `  const ${node.name} = ${node.name}_model.apply(${info.nodes[node.inputs[0]].name}) as tf.SymbolicTensor;`);
      continue;
    }
    const call = node.spec.tfjs(node.config);
    if (call.factory === 'input') {
      lines.push(`  const ${node.name} = tf.input(${js({ ...call.config, name: node.name })});`);
      continue;
    }
    const args = node.inputs.map((i) => info.nodes[i].name);
    const arg = args.length === 1 ? args[0] : `[${args.join(', ')}]`;
    lines.push(`  const ${node.name} = ${layerCall(call, node.name)}.apply(${arg}) as tf.SymbolicTensor;`);
  }
  const list = (ids: string[]) => `[${ids.map((id) => info.nodes[id].name).join(', ')}]`;
  const model = `tf.model({ inputs: ${list(info.inputs)}, outputs: ${list(info.outputs)}, name: ${js(name)} })`;
  const frozen = frozenNames(info);
  if (frozen.length) {
    // Frozen on the built model, as in Keras: the setter also reaches a wrapper's inner layers (Bidirectional).
    lines.push(`  const model = ${model};`, '  // Frozen layers: training leaves their weights as they are.');
    lines.push(`  for (const frozen of ${js(frozen)}) model.getLayer(frozen).trainable = false;`, '  return model;', '})();');
  } else lines.push(`  return ${model};`, '})();');
  return lines;
}
