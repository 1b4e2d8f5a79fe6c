import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
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
  it('opens a .keras file (without weights, saying so) and a tfjs model.json', () => {
    const opened = graphFromModelFile('net.keras', kerasFile(sequential([input, dense(3)])), ids());
    expect(opened.graph.nodes.map((n) => n.className)).toEqual(['Input', 'Dense']);
    expect(opened.name).toBe('net');
    expect(opened.notes).toEqual(['The file holds no weights (model.weights.h5): the graph cell starts from fresh weights.']);
    expect(opened.weights).toBeUndefined();
    const tfjs = { modelTopology: { model_config: sequential([input, dense(2)]) }, weightsManifest: [] };
    expect(graphFromModelFile('model.json', strToU8(JSON.stringify(tfjs)), ids()).graph.nodes[1].config).toMatchObject({ units: 2 });
  });

  it('reads a .keras file’s weights (HDF5) for the graph’s layers, in Keras’s order', () => {
    const opened = graphFromModelFile('mnist_cnn.keras', new Uint8Array(readFileSync('test/fixtures/keras/mnist_cnn.keras')), ids());
    const names = opened.weights?.specs.map((s) => `${s.name} ${s.shape.join('x')}`);
    expect(names).toEqual(['conv2d/0 3x3x1x32', 'conv2d/1 32', 'conv2d_1/0 3x3x32x64', 'conv2d_1/1 64', 'dense/0 1600x10', 'dense/1 10']);
    // 34,826 values, Keras's count for this model.
    expect(opened.weights?.data.byteLength).toBe(34_826 * 4);
    expect(opened.notes.join(' ')).not.toContain('fresh weights');
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

  it('keeps the layers of a .keras file whose weights are damaged, newer or hostile, and says the weights were not read', () => {
    const fixture = unzipSync(new Uint8Array(readFileSync('test/fixtures/keras/mnist_cnn.keras')));
    const withWeights = (h5: Uint8Array) => zipSync({ ...fixture, 'model.weights.h5': h5 });
    const h5 = fixture['model.weights.h5'];
    const notesFor = (bytes: Uint8Array) => {
      const opened = graphFromModelFile('mnist_cnn.keras', withWeights(bytes), ids());
      expect(opened.graph.nodes).toHaveLength(8);
      return opened.notes.join(' ');
    };
    expect(notesFor(h5.slice(0, h5.length / 2))).toMatch(
      /^The weights were not read \(The weights file is damaged: [^)]*\): the graph cell starts from fresh weights\.$/,
    );
    expect(notesFor(strToU8('not HDF5 at all, but long enough to have a signature where one would be'))).toBe(
      'The weights were not read (This is not an HDF5 file.): the graph cell starts from fresh weights.',
    );
    const newer = h5.slice();
    newer[8] = 2;
    expect(notesFor(newer)).toContain('HDF5 superblock version 2; Layerbook reads the layout h5py writes by default');
    // A group listed inside itself (the first member of the first group index pointed at the root group).
    const cyclic = h5.slice();
    const view = new DataView(cyclic.buffer, cyclic.byteOffset, cyclic.byteLength);
    const root = Number(view.getBigUint64(24 + 4 * 8 + 8, true));
    const snod = cyclic.findIndex((_, i) => String.fromCharCode(...cyclic.subarray(i, i + 4)) === 'SNOD');
    view.setBigUint64(snod + 8 + 8, BigInt(root), true);
    expect(notesFor(cyclic)).toMatch(
      /^The weights were not read \(The weights file is damaged: (a group holds itself|its groups do not end)\.\)/,
    );
    // A zip that says its weights unpack to more than any model here.
    const entry = { ...fixture, 'model.weights.h5': new Uint8Array(81 * 1024 * 1024) };
    expect(refusal('mnist_cnn.keras', zipSync(entry))).toBe('This .keras file unpacks to more than 80 MB, more than Layerbook opens.');
    // Hostile bytes anywhere past the signature: the weights are read or refused, never a crash or a hang.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const bad = h5.slice();
      for (let i = 0; i < 8; i++) bad[8 + Math.floor(random() * (bad.length - 8))] = Math.floor(random() * 256);
      const opened = graphFromModelFile('mnist_cnn.keras', withWeights(bad), ids());
      expect(opened.weights === undefined || opened.weights.data.byteLength <= 34_826 * 4).toBe(true);
    }
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
