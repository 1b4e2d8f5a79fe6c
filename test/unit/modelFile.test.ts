import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../src/graph/keras/fromKerasConfig';
import { graphFromModelFile } from '../../src/graph/keras/modelFile';

// Opening a saved model: what a damaged, newer or foreign file gets. Real Keras's own files are
// opened in test/python/kerasImport.test.ts.

const ids = () => {
  let n = 0;
  return () => `f${n++}`;
};

const sequential = (layers: unknown[]) => ({ class_name: 'Sequential', config: { name: 'net', layers } });
const input = { class_name: 'InputLayer', config: { batch_shape: [null, 4], dtype: 'float32', name: 'input_layer' } };
const dense = (units: number, extra: Record<string, unknown> = {}) => ({
  class_name: 'Dense',
  config: { name: `dense_${units}`, units, activation: 'relu', use_bias: true, kernel_regularizer: null, ...extra },
});
const kerasFile = (config: unknown, version = '3.15.1') =>
  zipSync({ 'config.json': strToU8(JSON.stringify(config)), 'metadata.json': strToU8(JSON.stringify({ keras_version: version })) });

/** The message a file is refused with. */
function refusal(name: string, bytes: Uint8Array): string {
  try {
    graphFromModelFile(name, bytes, ids());
  } catch (e) {
    if (e instanceof ModelFileError) return e.message;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('opening a saved model file', () => {
  it('opens a .keras file and a tfjs model.json, saying the weights stay behind', () => {
    const opened = graphFromModelFile('net.keras', kerasFile(sequential([input, dense(3)])), ids());
    expect(opened.graph.nodes.map((n) => n.className)).toEqual(['Input', 'Dense']);
    expect(opened.name).toBe('net');
    expect(opened.notes).toEqual(['The trained weights stay in the file: the graph cell starts from fresh weights.']);
    const tfjs = { modelTopology: { model_config: sequential([input, dense(2)]) }, weightsManifest: [] };
    expect(graphFromModelFile('model.json', strToU8(JSON.stringify(tfjs)), ids()).graph.nodes[1].config).toMatchObject({ units: 2 });
  });

  it('refuses a damaged, newer, foreign or hostile file with a clear message', () => {
    expect(refusal('net.keras', strToU8('not a zip'))).toBe('This .keras file is not a readable zip archive: was it cut short?');
    expect(refusal('net.keras', zipSync({ 'other.json': strToU8('{}') }))).toBe(
      'This .keras file has no config.json, which describes the model.',
    );
    expect(refusal('net.keras', kerasFile(sequential([input]), '4.0.0'))).toContain('saved by Keras 4.0.0, newer than the Keras 3');
    expect(refusal('x.json', strToU8('['.repeat(100) + ']'.repeat(100)))).toBe(
      'This file nests data deeper than any model description does.',
    );
    expect(refusal('x.json', strToU8(JSON.stringify({ class_name: 'MyModel', config: {} })))).toContain(
      'a subclassed model keeps its layers in Python',
    );
    const foreign = sequential([input, { class_name: 'Conv3D', config: { name: 'c' } }, { class_name: 'Lambda', config: { name: 'l' } }]);
    expect(refusal('x.json', strToU8(JSON.stringify(foreign)))).toBe('This model has layers Layerbook does not have: Conv3D, Lambda.');
    expect(refusal('x.json', strToU8(JSON.stringify(sequential([input, dense(3, { use_bias: 'maybe' })]))))).toBe(
      'Layer dense_3: Dense\'s use_bias must be True or False, not "maybe".',
    );
  });

  it('says what it left out: a regularizer', () => {
    const opened = graphFromModelFile(
      'x.json',
      strToU8(JSON.stringify(sequential([input, dense(3, { kernel_regularizer: { class_name: 'L2' } })]))),
      ids(),
    );
    expect(opened.notes).toContain(
      "Layer dense_3's kernel_regularizer was left out: Layerbook trains without regularizers and constraints.",
    );
  });
});
