import { beforeAll, describe, expect, it } from 'vitest';
import { emitKeras } from '../../src/graph/emitKeras';
import { inferGraph } from '../../src/graph/infer';
import { graphFromKerasConfig } from '../../src/graph/keras/fromKerasConfig';
import type { ModelGraph } from '../../src/doc/types';
import { halfFrozen } from '../fixtures/graphs/frozen';
import { REFERENCE } from '../fixtures/graphs/reference';
import { realKeras, type KerasResult } from './realKeras';

// Every reference graph's exported Keras code, run by real Keras 3 on TensorFlow: it builds, and
// its parameter counts and each layer's output shape are the ones Layerbook shows (issue 27).

const GRAPHS: Record<string, ModelGraph> = Object.fromEntries(
  Object.entries(REFERENCE).flatMap(([name, graph]) => [
    [name, graph],
    [`${name}, half its layers frozen`, halfFrozen(graph)],
  ]),
);
const cases = Object.entries(GRAPHS).map(([name, graph]) => ({ name, code: emitKeras(graph, 'model') }));

describe('Keras export, run by real Keras', () => {
  let results: Map<string, KerasResult>;
  beforeAll(() => {
    const run = realKeras(cases);
    console.log(`real Keras ${run.keras}: ${cases.length} reference graphs, half of them with frozen layers`);
    results = run.results;
  });

  it('freezes layers in every reference graph that has two or more layers with weights', () => {
    for (const [title, graph] of Object.entries(REFERENCE)) {
      const frozen = inferGraph(GRAPHS[`${title}, half its layers frozen`]);
      expect(frozen.total, title).toBe(inferGraph(graph).total);
      if (frozen.order.filter((id) => frozen.nodes[id].trainable + frozen.nodes[id].nonTrainable > 0).length > 1)
        expect(frozen.trainable, title).toBeGreaterThan(0);
      expect(frozen.nonTrainable, title).toBeGreaterThan(inferGraph(graph).nonTrainable);
    }
  });

  for (const [title, graph] of Object.entries(GRAPHS)) {
    it(`${title}: builds, with Layerbook's parameter counts and layer shapes`, () => {
      const result = results.get(title);
      if (!result?.ok) throw new Error(`Keras could not run the export of "${title}": ${result?.error}\n${result?.trace}`);
      const info = inferGraph(graph);
      const keras = result.facts;
      expect({ total: keras.count_params, trainable: keras.trainable, nonTrainable: keras.non_trainable }).toEqual({
        total: info.total,
        trainable: info.trainable,
        nonTrainable: info.nonTrainable,
      });
      // Layer by layer, by the name the export gives each one.
      const ours = info.order.map((id) => info.nodes[id]);
      expect(keras.layers.map((l) => l.name).sort()).toEqual(ours.map((n) => n.name).sort());
      for (const node of ours) {
        const layer = keras.layers.find((l) => l.name === node.name)!;
        expect({ layer: node.name, params: layer.params, nonTrainable: layer.non_trainable }).toEqual({
          layer: node.name,
          params: node.trainable + node.nonTrainable,
          nonTrainable: node.nonTrainable,
        });
        expect({ layer: node.name, shape: layer.output_shapes }).toEqual({ layer: node.name, shape: [node.shape] });
      }
      // Keras's own description of what it built (a .keras file's config.json) opens to the same graph;
      // one with a model inside (a backbone) is refused, saying what to do instead.
      let n = 0;
      if (graph.nodes.some((node) => node.block)) {
        expect(() => graphFromKerasConfig(JSON.parse(keras.json), () => `b${n++}`)).toThrow(
          /is a whole model used as a layer \(a backbone\)/,
        );
        return;
      }
      const back = inferGraph(graphFromKerasConfig(JSON.parse(keras.json), () => `b${n++}`).graph);
      const summary = (g: typeof info) =>
        g.order.map((id) => [g.nodes[id].name, g.nodes[id].shape, g.nodes[id].trainable, g.nodes[id].frozen, g.nodes[id].config]);
      expect(summary(back)).toEqual(summary(info));
    });
  }
});
