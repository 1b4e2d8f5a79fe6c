import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The project's Python environment (scripts/pythonEnv.mjs makes it). */
const VENV_PYTHON = '.venv/bin/python';

// Asks real Keras (the project's .venv, made by the test command) what a piece of Python builds.

/** What Keras reports for one layer of a built model. */
export interface KerasLayerFacts {
  name: string;
  class_name: string;
  params: number;
  trainable: number;
  non_trainable: number;
  /** One shape per output tensor, the batch as null. */
  output_shapes: Array<Array<number | null>>;
}

export interface KerasModelFacts {
  count_params: number;
  trainable: number;
  non_trainable: number;
  inputs: Array<Array<number | null>>;
  outputs: Array<Array<number | null>>;
  layers: KerasLayerFacts[];
  /** model.to_json(): what a .keras file's config.json holds. */
  json: string;
  /** The .keras file the model was saved to, when realKeras was given a folder. */
  saved?: string;
  /** With `saved`: two examples per input, flattened, and what Keras predicts for them, per output. */
  probe?: { inputs: number[][]; outputs: number[][] };
}

export type KerasResult = { name: string; ok: true; facts: KerasModelFacts } | { name: string; ok: false; error: string; trace: string };

/** Python that binds a Keras model to `model` (or the variable `model` names). */
export interface KerasCase {
  name: string;
  code: string;
  model?: string;
}

/** Runs every case in one Python process (TensorFlow is imported once) and returns Keras's facts by case name. */
export function realKeras(cases: KerasCase[], saveDir?: string): { keras: string; results: Map<string, KerasResult> } {
  if (!existsSync(VENV_PYTHON)) {
    throw new Error('No Python environment in .venv/: `npm test` makes it (or run `node scripts/pythonEnv.mjs`).');
  }
  const r = spawnSync(VENV_PYTHON, ['test/python/model_facts.py'], {
    input: JSON.stringify(cases),
    env: { ...process.env, ...(saveDir ? { LAYERBOOK_SAVE_DIR: saveDir } : {}) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`model_facts.py failed (${r.status}):\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as { keras: string; results: KerasResult[] };
  return { keras: out.keras, results: new Map(out.results.map((x) => [x.name, x])) };
}
