import { strFromU8, unzipSync } from 'fflate';
import { jsonDepth, MAX_DEPTH, MAX_FILE_BYTES } from '../../doc/load';
import type { ModelGraph } from '../../doc/types';
import { graphFromKerasConfig, ModelFileError } from './fromKerasConfig';

// A saved model opened as a graph: a Keras 3 `.keras` file (a zip whose config.json describes the
// model), the JSON Keras's model.to_json() writes, or a TensorFlow.js model.json (its
// modelTopology). The layers and settings come over; the weights stay in the file for now.

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
): { graph: ModelGraph; name: string; notes: string[] } {
  if (bytes.length > MAX_FILE_BYTES)
    throw new ModelFileError(`This file is over ${MAX_FILE_BYTES / 1024 / 1024} MB; model files here are smaller.`);
  let description: unknown;
  const notes: string[] = [];
  if (fileName.toLowerCase().endsWith('.keras')) {
    let files: Record<string, Uint8Array>;
    try {
      // Only the two small descriptions are inflated; the weights stay packed.
      files = unzipSync(bytes, { filter: (f) => f.name === 'config.json' || f.name === 'metadata.json' });
    } catch {
      throw new ModelFileError('This .keras file is not a readable zip archive: was it cut short?');
    }
    if (!files['config.json']) throw new ModelFileError('This .keras file has no config.json, which describes the model.');
    const metadata = files['metadata.json'] ? (json(strFromU8(files['metadata.json'])) as { keras_version?: string }) : {};
    const major = Number(String(metadata.keras_version ?? '3').split('.')[0]);
    if (major > 3)
      throw new ModelFileError(`This file was saved by Keras ${metadata.keras_version}, newer than the Keras 3 Layerbook reads.`);
    description = json(strFromU8(files['config.json']));
    notes.push('The trained weights stay in the file: the graph cell starts from fresh weights.');
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
  const opened = graphFromKerasConfig(description, newId);
  return { ...opened, notes: [...notes, ...opened.notes] };
}
