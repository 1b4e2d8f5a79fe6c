import { FORMAT_VERSION } from './types';

/** One step: takes a raw document of version `from` and returns one of version `from + 1`. */
export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps keyed by the version they upgrade from. Version 1 is the first format,
 * so there are none yet; the path still runs on every load and is tested.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

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
