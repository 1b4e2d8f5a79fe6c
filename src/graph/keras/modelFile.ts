import { strFromU8, unzipSync } from 'fflate';
import { jsonDepth, MAX_DEPTH, MAX_FILE_BYTES } from '../../doc/load';
import type { ModelGraph } from '../../doc/types';
import { inferGraph } from '../infer';
import { graphFromKerasConfig, ModelFileError } from './fromKerasConfig';
import { type Hdf5Dataset, Hdf5Error, readHdf5 } from './hdf5';

// A saved model opened as a graph: a Keras 3 `.keras` file (a zip whose config.json describes the
// model), the JSON Keras's model.to_json() writes, or a TensorFlow.js model.json (its
// modelTopology). The layers and settings come over, and a .keras file's weights with them.

/** What one file inside a .keras archive may unpack to (float32 weights compress little). */
const MAX_INFLATED_BYTES = 4 * MAX_FILE_BYTES;

const json = (text: string): unknown => {
  if (jsonDepth(text) > MAX_DEPTH) throw new ModelFileError('This file nests data deeper than any model description does.');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`This file is not valid JSON (${(e as Error).message}).`);
  }
};

/** The graph in a saved model file; throws ModelFileError saying why it cannot be opened. */
export function graphFromModelFile(
  fileName: string,
  bytes: Uint8Array,
  newId: () => string,
): { graph: ModelGraph; name: string; notes: string[]; weights?: KerasWeights } {
  if (bytes.length > MAX_FILE_BYTES)
    throw new ModelFileError(`This file is over ${MAX_FILE_BYTES / 1024 / 1024} MB; model files here are smaller.`);
  let description: unknown;
  const notes: string[] = [];
  if (fileName.toLowerCase().endsWith('.keras')) {
    let files: Record<string, Uint8Array>;
    let tooBig = false;
    try {
      // Only the descriptions and the weights are inflated, and each only up to a size a model of
      // this file's size can have: a zip that would inflate to gigabytes is not opened.
      files = unzipSync(bytes, {
        filter: (f) => {
          const wanted = ['config.json', 'metadata.json', 'model.weights.h5'].includes(f.name);
          if (wanted && f.originalSize > MAX_INFLATED_BYTES) tooBig = true;
          return wanted && f.originalSize <= MAX_INFLATED_BYTES;
        },
      });
    } catch {
      throw new ModelFileError('This .keras file is not a readable zip archive: was it cut short?');
    }
    if (tooBig)
      throw new ModelFileError(`This .keras file unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB, more than Layerbook opens.`);
    if (!files['config.json']) throw new ModelFileError('This .keras file has no config.json, which describes the model.');
    const metadata = files['metadata.json'] ? (json(strFromU8(files['metadata.json'])) as { keras_version?: string }) : {};
    const major = Number(String(metadata.keras_version ?? '3').split('.')[0]);
    if (major > 3)
      throw new ModelFileError(`This file was saved by Keras ${metadata.keras_version}, newer than the Keras 3 Layerbook reads.`);
    description = json(strFromU8(files['config.json']));
    const h5 = files['model.weights.h5'];
    if (h5) {
      const { savedAs, ...opened } = graphFromKerasConfig(description, newId);
      // What the weights could not bring is said among the notes.
      const weights = kerasWeights(h5, opened.graph, savedAs, opened.notes);
      return { ...opened, notes: [...notes, ...opened.notes], weights };
    }
    notes.push('The file holds no weights (model.weights.h5): the graph cell starts from fresh weights.');
  } else {
    const value = json(new TextDecoder().decode(bytes)) as { modelTopology?: { model_config?: unknown } };
    // A TensorFlow.js model.json wraps the Keras description in modelTopology (sometimes in model_config).
    description = value.modelTopology?.model_config ?? value.modelTopology ?? value;
    if (value.modelTopology)
      notes.push(
        'The weights files beside model.json were not picked with it: the graph cell starts from fresh weights ' +
          '(pick model.json and its .bin files together to bring them).',
      );
  }
  const { graph, name, notes: more } = graphFromKerasConfig(description, newId);
  return { graph, name, notes: [...notes, ...more] };
}

/** A Keras file's weights for the graph: each array named "<layer>/<index>" by the graph's layer names, in Keras's order. */
export interface KerasWeights {
  specs: Array<{ name: string; shape: number[]; dtype: 'float32' }>;
  data: ArrayBuffer;
}

/**
 * Where a layer keeps its arrays below layers/<name>/, in the order of its weights in tfjs (and
 * Keras): its own vars; a recurrent layer's cell; Bidirectional's forward then backward layer;
 * MultiHeadAttention's query, key, value and output projections.
 */
const PARTS = ['vars', 'cell', 'forward_layer', 'backward_layer', 'query_dense', 'key_dense', 'value_dense', 'output_dense'];

/** A sort key for a path below a layer ("forward_layer/cell/vars/2"), or null for a part Layerbook does not know. */
function partKey(path: string): number[] | null {
  const parts = path.split('/');
  const key = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : PARTS.indexOf(part)));
  // It ends in the array's index, after one or more known parts.
  return key.includes(-1) || !/^\d+$/.test(parts[parts.length - 1]) ? null : key;
}

const before = (a: number[], b: number[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
};

/**
 * The arrays of model.weights.h5 for the graph's layers, each named "<layer>/<index>" (its place among
 * the layer's weights); notes what cannot be read. The optimizer's state, also in the file, is not wanted.
 */
function kerasWeights(h5: Uint8Array, graph: ModelGraph, savedAs: Map<string, string>, notes: string[]): KerasWeights | undefined {
  let arrays;
  try {
    arrays = readHdf5(h5, (path) => path.startsWith('layers/'));
  } catch (e) {
    if (!(e instanceof Hdf5Error)) throw e;
    notes.push(`The weights were not read (${e.message}): the graph cell starts from fresh weights.`);
    return undefined;
  }
  const info = inferGraph(graph);
  const byLayer = new Map<string, Array<{ key: number[]; array: Hdf5Dataset }>>();
  const left: string[] = [];
  for (const [path, array] of arrays) {
    const at = /^layers\/([^/]+)\/(.+)$/.exec(path);
    const id = at && savedAs.get(at[1]);
    const key = at && partKey(at[2]);
    if (!id || !key || !info.nodes[id]) {
      left.push(path);
      continue;
    }
    byLayer.set(id, [...(byLayer.get(id) ?? []), { key, array }]);
  }
  if (left.length)
    notes.push(`Some weights are in a place Layerbook does not read (${left.slice(0, 3).join(', ')}): those layers start fresh.`);
  const specs: KerasWeights['specs'] = [];
  const parts: Float32Array[] = [];
  for (const [id, found] of byLayer) {
    found.sort((a, b) => before(a.key, b.key));
    found.forEach(({ array }, index) => {
      specs.push({ name: `${info.nodes[id].name}/${index}`, shape: array.shape, dtype: 'float32' });
      parts.push(array.values);
    });
  }
  const data = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((at, p) => (data.set(p, at), at + p.length), 0);
  return specs.length ? { specs, data: data.buffer } : undefined;
}
