import type { ModelFiles } from '../../protocol/lab';

// The files tf.loadLayersModel reads: model.json (topology and a weights
// manifest) and the binary weights it names. Download writes them; Load
// weights reads them back.

export interface ModelJson {
  modelTopology: unknown;
  format: string;
  generatedBy: string;
  convertedBy: string | null;
  weightsManifest: Array<{ paths: string[]; weights: ModelFiles['weightSpecs'] }>;
}

/** model.json for `files`, naming its weights file `weightsName`. */
export function toModelJson(files: ModelFiles, weightsName: string): ModelJson {
  return {
    modelTopology: files.modelTopology,
    format: files.format ?? 'layers-model',
    generatedBy: files.generatedBy ?? 'TensorFlow.js',
    convertedBy: null,
    weightsManifest: [{ paths: [`./${weightsName}`], weights: files.weightSpecs }],
  };
}

const fileName = (path: string) => path.split('/').pop() ?? path;

/**
 * Reads model.json and its weight files, as picked together in a file dialog.
 * Errors say which file is missing or wrong.
 */
export async function readModelFiles(picked: File[]): Promise<ModelFiles> {
  const jsonFile = picked.find((f) => f.name.endsWith('.json'));
  if (!jsonFile) throw new Error('Pick the model.json file together with its weights (.bin) file.');
  let json: Partial<ModelJson>;
  try {
    json = JSON.parse(await jsonFile.text()) as Partial<ModelJson>;
  } catch {
    throw new Error(`${jsonFile.name} is not JSON: pick the model.json that Download model (or model.save) wrote.`);
  }
  if (!Array.isArray(json.weightsManifest))
    throw new Error(`${jsonFile.name} has no weightsManifest: it is not a TensorFlow.js layers model.`);
  const parts: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) {
    for (const path of group.paths) {
      const wanted = fileName(path);
      const file = picked.find((f) => f.name === wanted);
      if (!file) throw new Error(`${jsonFile.name} needs ${wanted}: pick it together with ${jsonFile.name}.`);
      parts.push(await file.arrayBuffer());
    }
  }
  const total = parts.reduce((a, b) => a + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    weightData.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: weightData.buffer,
    format: json.format,
    generatedBy: json.generatedBy,
  };
}

/** Saves a blob under a name through the browser's downloads. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
