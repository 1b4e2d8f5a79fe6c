import { beforeAll, describe, expect, it } from 'vitest';
import { inferGraph } from '../../src/graph/infer';
import { importKerasCode } from '../../src/graph/keras/fromKerasPython';
import { IMPORT_CASES } from '../fixtures/keras/importCases';
import { realKeras, type KerasResult } from './realKeras';

// Keras code as tutorials write it: real Keras builds it from the text, Layerbook imports the same
// text, and every layer agrees on its class, parameter count and output shape (issue 27).

const ids = () => {
  let n = 0;
  return () => `k${n++}`;
};

/** Layers as (class, params, shape) lines, sorted, without the inputs: Keras's Sequential lists none. */
const layerLines = (rows: Array<[string, number, unknown]>) =>
  rows
    .filter(([cls]) => cls !== 'Input' && cls !== 'InputLayer')
    .map(([cls, params, shape]) => `${cls} ${params} ${JSON.stringify(shape)}`)
    .sort();

describe('Keras code import, against real Keras', () => {
  let results: Map<string, KerasResult>;
  beforeAll(() => {
    results = realKeras(Object.entries(IMPORT_CASES).map(([name, code]) => ({ name, code }))).results;
  });

  for (const [title, code] of Object.entries(IMPORT_CASES)) {
    it(`${title}: the same layers, parameters and shapes as Keras`, () => {
      const keras = results.get(title);
      if (!keras?.ok) throw new Error(`real Keras could not build "${title}": ${keras?.error}\n${keras?.trace}`);
      const imported = importKerasCode(code, ids());
      const info = inferGraph(imported.graph);
      expect(
        info.ok,
        Object.values(info.nodes)
          .map((n) => n.error)
          .filter(Boolean)
          .join('; '),
      ).toBe(true);
      expect(info.total).toBe(keras.facts.count_params);
      expect(info.trainable).toBe(keras.facts.trainable);
      expect(info.inputs.map((id) => info.nodes[id].shape)).toEqual(keras.facts.inputs);
      expect(info.outputs.map((id) => info.nodes[id].shape)).toEqual(keras.facts.outputs);
      const ours = info.order
        .map((id) => info.nodes[id])
        .map((n) => [n.className, n.trainable + n.nonTrainable, n.shape] as [string, number, unknown]);
      const theirs = keras.facts.layers.map((l) => [l.class_name, l.params, l.output_shapes[0]] as [string, number, unknown]);
      expect(layerLines(ours)).toEqual(layerLines(theirs));
    });
  }
});
