import backboneJson from '../../public/data/digits-0-4.json?raw';
import { BACKBONES } from '../data/backbones';
import type { ModelGraph } from '../doc/types';
import { blockFromModelJson } from '../graph/backboneBlock';
import { buildGraph } from '../graph/build';

// The transfer-learning tutorial's graphs: the shipped digits 0–4 CNN as a frozen backbone (as
// "Use a model as a backbone" inserts it) under a head of the tutorial's choosing. Its ids are
// fixed, so the shipped notebook is the same on every build.

const spec = BACKBONES[0];

type Layer = readonly [className: string, config?: Record<string, unknown>];

/** Input → the frozen digits 0–4 backbone, cut at its features → `head` (layers wired in a chain). */
export const onBackbone = (...head: ReadonlyArray<Layer>): ModelGraph => cutAt(spec.cut, ...head);

/** As onBackbone, with the backbone cut at its layer named `cut` (conv2d, flatten, dense …). */
export function cutAt(cut: string, ...head: ReadonlyArray<Layer>): ModelGraph {
  let n = 0;
  const block = blockFromModelJson(backboneJson, { kind: 'shipped', id: spec.id }, cut, () => `bb${n++}`);
  const layers = head.map(([className, config], i) => [`head${i}`, className, config] as const);
  const graph = buildGraph(
    [['input', 'Input', { shape: [28, 28, 1] }], ['backbone', 'Functional', {}], ...layers],
    [['input', 'backbone'], ...layers.map(([id], i) => [i ? layers[i - 1][0] : 'backbone', id] as const)],
  );
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === 'backbone' ? { ...node, block, trainable: false } : node)) };
}
