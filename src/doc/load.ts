import { migrate, MIGRATIONS, type Migration } from './migrate';
import { formatPath, notebookDocSchema } from './schema';
import { FORMAT, FORMAT_VERSION, type NotebookDoc } from './types';

// The one way in for a document, whatever it came from (IndexedDB, a file, a
// link): parse, check, migrate, validate. Everything here treats its input as
// hostile, because a file or link can come from anyone.

/** Largest notebook file accepted, in bytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Deepest nesting of arrays and objects accepted; real notebooks stay under 12. */
export const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type LoadErrorCode = 'too-large' | 'invalid-json' | 'too-deep' | 'forbidden-key' | 'not-notebook' | 'newer-version' | 'schema';

/** A load that failed, with a message written for the learner. */
export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

export type LoadResult = { ok: true; doc: NotebookDoc } | { ok: false; error: LoadError };

interface LoadOptions {
  migrations?: Readonly<Record<number, Migration>>;
  version?: number;
}

/** Rejects a file by its size before it is read. */
export function checkFileSize(bytes: number): LoadError | null {
  if (bytes <= MAX_FILE_BYTES) return null;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return new LoadError('too-large', `This file is ${mb} MB; notebook files can be at most 20 MB. Is it the right file?`);
}

/** Deepest bracket nesting of JSON text, counted without parsing (and so without recursion). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) max = Math.max(max, ++depth);
    else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return max;
}

/** More values than any notebook holds: past this, a file is refused before it can exhaust memory. */
const MAX_VALUES = 2_000_000;

interface Visit {
  value: unknown;
  key: string | number;
  parent: Visit | null;
}

const pathOf = (v: Visit): string => {
  const keys: Array<string | number> = [];
  for (let at: Visit | null = v; at?.parent; at = at.parent) keys.unshift(at.key);
  return formatPath(keys);
};

/** What scanValue found: more values than MAX_VALUES, or a key (at `path`) that could pollute a prototype. */
type ScanProblem = { kind: 'too-many' } | { kind: 'forbidden-key'; path: string };

/**
 * Walks a parsed value once, iteratively (no recursion to overflow): returns
 * the first key that could pollute a prototype once merged somewhere, with
 * its path, or 'too-many' past MAX_VALUES. Paths are built only when needed.
 */
function scanValue(root: unknown): ScanProblem | null {
  const stack: Visit[] = [{ value: root, key: '', parent: null }];
  let count = 0;
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const v = visit.value;
    if (v === null || typeof v !== 'object') continue;
    const keys = Array.isArray(v) ? null : Object.keys(v);
    const size = keys ? keys.length : (v as unknown[]).length;
    count += size;
    if (count > MAX_VALUES) return { kind: 'too-many' };
    for (let i = 0; i < size; i++) {
      const key = keys ? keys[i] : i;
      const child = keys ? (v as Record<string, unknown>)[key as string] : (v as unknown[])[i];
      if (keys && FORBIDDEN_KEYS.has(key as string)) return { kind: 'forbidden-key', path: pathOf({ value: child, key, parent: visit }) };
      // Only containers go on the stack: a long array of numbers costs nothing here.
      if (child !== null && typeof child === 'object') stack.push({ value: child, key, parent: visit });
    }
  }
  return null;
}

/**
 * Parses a file's JSON text as untrusted: its size, nesting, value count and keys are checked
 * before anything uses it. Every notebook file (Layerbook's or Jupyter's) comes in this way.
 */
export function parseUntrustedJson(text: string): { ok: true; value: unknown } | { ok: false; error: LoadError } {
  // A JS string holds at most 3 UTF-8 bytes per UTF-16 unit; length is a cheap first bound.
  if (text.length > MAX_FILE_BYTES) {
    const tooBig = checkFileSize(new TextEncoder().encode(text).length);
    if (tooBig) return { ok: false, error: tooBig };
  }
  if (jsonDepth(text) > MAX_DEPTH) {
    return {
      ok: false,
      error: new LoadError(
        'too-deep',
        `This file nests data more than ${MAX_DEPTH} levels deep, which no notebook does. ` +
          'It may be damaged or crafted to crash the app.',
      ),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const why = `This file is not valid JSON (${(e as Error).message}). Was it cut short or edited by hand?`;
    return { ok: false, error: new LoadError('invalid-json', why) };
  }
  const problem = scanProblem(value);
  return problem ? { ok: false, error: problem } : { ok: true, value };
}

/** Loads JSON text (a file's contents) as a notebook document. */
export function loadNotebookText(text: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseUntrustedJson(text);
  return parsed.ok ? loadNotebookValue(parsed.value, options) : parsed;
}

/** Too many values, or a key that could pollute a prototype: said for a learner. */
function scanProblem(raw: unknown): LoadError | null {
  const problem = scanValue(raw);
  if (problem?.kind === 'too-many') {
    return new LoadError(
      'too-large',
      `This file holds more than ${MAX_VALUES.toLocaleString('en-US')} values, far more than any notebook. ` +
        'It may be damaged or crafted to exhaust memory.',
    );
  }
  if (problem?.kind === 'forbidden-key') {
    return new LoadError(
      'forbidden-key',
      `This file has a key at ${problem.path} that notebooks never use and that can be used to attack the app, so it was not opened.`,
    );
  }
  return null;
}

/** Loads an already parsed value (from IndexedDB or JSON) as a notebook document. */
export function loadNotebookValue(raw: unknown, options: LoadOptions = {}): LoadResult {
  const target = options.version ?? FORMAT_VERSION;
  const problem = scanProblem(raw);
  if (problem) return { ok: false, error: problem };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || (raw as Record<string, unknown>).format !== FORMAT) {
    return fail(
      'not-notebook',
      'This is not a Layerbook notebook: the file has no "format": "layerbook" field. ' +
        'Layerbook opens files saved with Export notebook (.layerbook.json) and Jupyter notebooks (.ipynb).',
    );
  }
  const record = raw as Record<string, unknown>;
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('schema', `version: expected a whole number of 1 or more, got ${JSON.stringify(version)}.`);
  }
  if (version > target) {
    return fail(
      'newer-version',
      `This notebook was saved by a newer Layerbook (format ${version}); this one reads formats up to ${target}. ` +
        'Update the app (reload it online) to open it.',
    );
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(record, options.migrations ?? MIGRATIONS, target);
  } catch (e) {
    return fail('schema', `This notebook could not be upgraded from format ${version}: ${(e as Error).message}.`);
  }
  const parsed = notebookDocSchema.safeParse(migrated);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message}`);
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
    return fail('schema', `This notebook file has a mistake at ${issues.join('; ')}${more}.`);
  }
  return { ok: true, doc: parsed.data };
}

function fail(code: LoadErrorCode, message: string): LoadResult {
  return { ok: false, error: new LoadError(code, message) };
}
