import type { CellError, StackFrame } from '../../src/protocol/messages';
import { CellSyntaxError, type CompiledCell } from './cellCode';

// Runs a compiled cell and turns what it throws into a CellError in the cell's
// own lines. No tfjs here, so it is tested in Node.

/**
 * Makes each declared name an own, writable property of the global object
 * before the cell assigns it. Defining it (not assigning) lets a learner's
 * `const name = …` shadow a read-only browser global like `self.name`.
 */
export function declareGlobals(names: string[]): void {
  for (const name of names) {
    const own = Object.getOwnPropertyDescriptor(globalThis, name);
    if (own?.writable) continue;
    if (own && !own.configurable) {
      throw new CellSyntaxError(`"${name}" is a built-in name that cannot be redefined; pick another name`, 1, 1);
    }
    Object.defineProperty(globalThis, name, { value: undefined, writable: true, configurable: true, enumerable: false });
  }
}

/**
 * Runs a compiled cell with its own console and display, and `args` for the extra params it was
 * compiled with; resolves to its last expression's value.
 */
export async function runCompiledCell(compiled: CompiledCell, console: unknown, display: unknown, args: unknown[] = []): Promise<unknown> {
  declareGlobals(compiled.declared);
  // Indirect eval runs in global scope, so the cell sees globals (tf, earlier cells) and nothing of the kernel's.
  const fn = (0, eval)(compiled.code) as (console: unknown, display: unknown, ...args: unknown[]) => Promise<unknown>;
  return fn(console, display, ...args);
}

const FRAME = /layerbook-cell-([A-Za-z0-9_-]+)\.js:(\d+):\d+/g;

/**
 * Stack frames that point into cells, in the cells' own lines. Lines survive
 * transpiling exactly; columns do not (types are stripped, declarations
 * rewritten), so none are reported.
 */
export function mapStack(stack: string | undefined): StackFrame[] {
  if (!stack) return [];
  const frames: StackFrame[] = [];
  for (const raw of stack.split('\n').slice(1)) {
    const matches = [...raw.matchAll(FRAME)];
    if (!matches.length) continue;
    // In "eval at …" frames the cell's own position is the last one on the line.
    const [, cellId, line] = matches[matches.length - 1];
    const name = /^\s*at (?:async )?(.*?) \(/.exec(raw)?.[1] ?? '';
    const fn = name && name !== 'eval' && !name.startsWith('eval at') ? name.replace(/^Object\./, '') : '(cell)';
    frames.push({ fn, cellId, line: Number(line) });
  }
  return frames;
}

/** What a cell threw, as a learner reads it. */
export function toCellError(thrown: unknown, cellId: string): CellError {
  if (thrown instanceof CellSyntaxError) {
    return { name: 'SyntaxError', message: thrown.message, line: thrown.line, column: thrown.column, frames: [] };
  }
  const err = thrown instanceof Error ? thrown : null;
  const name = err?.name ?? 'Error';
  const message = err ? err.message : `Uncaught ${describeThrown(thrown)}`;
  const frames = mapStack(err?.stack);
  const here = frames.find((f) => f.cellId === cellId);
  return { name, message, line: here?.line, frames, hint: hintFor(name, message) };
}

function describeThrown(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    return 'a value that cannot be shown';
  }
}

function hintFor(name: string, message: string): string | undefined {
  const undefinedName = /^(\S+) is not defined$/.exec(message);
  if (name === 'ReferenceError' && undefinedName) {
    return `Nothing called ${undefinedName[1]} exists yet. If another cell defines it, run that cell first; check the spelling too.`;
  }
  if (/shapes? .*(do not match|must match|incompatible)|expected .* to have shape/i.test(message)) {
    return 'A tensor has a different shape than this operation expects. Print the shapes (t.shape) of its inputs to compare.';
  }
  if (name === 'TypeError' && /is not a function/.test(message)) {
    return 'Check the name and where it comes from: tfjs names are camelCase (tf.layers.dense, model.fit).';
  }
  return undefined;
}
