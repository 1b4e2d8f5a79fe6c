import { validSettingsOnly } from './trainConfig';
import { FORMAT_VERSION } from './types';
import { isRecord } from './words';

/** One step: takes a raw document of version `from` and returns one of version `from + 1`. */
export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/**
 * 1 → 2: a graph cell's training settings are checked field by field. Format 1 kept what the
 * panel committed, and one bad field (a learning rate of 0 on the way to 0.001) made the
 * whole panel show, and a run use, the defaults. Its bad or unknown fields are dropped here, so
 * each takes its own default and the others keep their values. From format 2 on, a field keeps
 * what the learner typed, and the panel says what is wrong with it.
 */
const checkSettingsOneByOne: Migration = (raw) => ({
  ...raw,
  version: 2,
  cells: Array.isArray(raw.cells)
    ? raw.cells.map((cell: unknown) =>
        isRecord(cell) && cell.kind === 'graph' && isRecord(cell.training) ? { ...cell, training: validSettingsOnly(cell.training) } : cell,
      )
    : raw.cells,
});

/**
 * 2 → 3: code and graph cells may carry an exercise (task, hints, solution, check, progress).
 * No earlier document has one, so the step only moves the version; it exists so a format-3
 * file is refused by an older build ("made by a newer Layerbook") instead of failing its schema.
 */
const addExercises: Migration = (raw) => ({ ...raw, version: 3 });

/**
 * 3 → 4: a graph cell may keep the Keras Python it was imported from (`python`). No earlier
 * document has it; as with 2 → 3, the step moves the version so older builds refuse format 4.
 */
const keepImportedPython: Migration = (raw) => ({ ...raw, version: 4 });

/**
 * 4 → 5: a graph node may be frozen (`trainable: false`), or be a whole model used as a layer
 * (`block`, a backbone). No earlier document has either; the step moves the version so older
 * builds refuse format 5 rather than drop the fields.
 */
const freezeLayers: Migration = (raw) => ({ ...raw, version: 5 });

/**
 * 5 → 6: a backbone may start from fresh weights (`block.weights: 'fresh'`), to train the same
 * network from scratch. No earlier document has it; the step moves the version so older builds
 * refuse format 6 rather than load pretrained weights the learner switched off.
 */
const freshBackbones: Migration = (raw) => ({ ...raw, version: 6 });

/** Steps keyed by the version they upgrade from; the path runs on every load and is tested. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: checkSettingsOneByOne,
  2: addExercises,
  3: keepImportedPython,
  4: freezeLayers,
  5: freshBackbones,
};

/** Upgrades a raw document to `target`, one step at a time; throws if a step is missing. */
export function migrate(
  raw: Record<string, unknown>,
  steps: Readonly<Record<number, Migration>> = MIGRATIONS,
  target: number = FORMAT_VERSION,
): Record<string, unknown> {
  let doc = raw;
  let version = doc.version as number;
  while (version < target) {
    const step = steps[version];
    if (!step) throw new Error(`no migration from format version ${version}`);
    doc = step(doc);
    if (doc.version !== version + 1) {
      throw new Error(`migration from version ${version} did not produce version ${version + 1}`);
    }
    version += 1;
  }
  return doc;
}
