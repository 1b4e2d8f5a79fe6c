import { afterEach, describe, expect, it } from 'vitest';
import { CellSyntaxError, compileCell } from '../../workers/kernel/cellCode';
import { runCompiledCell, toCellError } from '../../workers/kernel/evaluate';

const created: string[] = [];
afterEach(() => {
  // Cells define globals; remove them so tests stay independent.
  for (const name of created.splice(0)) delete (globalThis as Record<string, unknown>)[name];
});

async function run(source: string, cellId = 'c1', log: unknown[][] = []) {
  const compiled = compileCell(source, cellId);
  created.push(...compiled.declared);
  const console = { log: (...a: unknown[]) => log.push(a) };
  return runCompiledCell(compiled, console, () => undefined);
}

async function errorOf(source: string, cellId = 'c1') {
  try {
    const compiled = compileCell(source, cellId);
    created.push(...compiled.declared);
    await runCompiledCell(compiled, {}, () => undefined);
  } catch (e) {
    return toCellError(e, cellId);
  }
  throw new Error('expected the cell to throw');
}

describe('cell compilation', () => {
  it('returns the value of a last expression, and nothing after a declaration', async () => {
    expect(await run('1 + 2')).toBe(3);
    expect(await run('const x = 5;')).toBeUndefined();
    expect(await run('let a = 2\na * 21')).toBe(42);
    expect(await run('({ a: 1 })')).toEqual({ a: 1 });
  });

  it('keeps top-level declarations from cell to cell, including patterns, functions and classes', async () => {
    await run(
      [
        'const a = 1, b = 2;',
        'let { c, d: [e, ...rest] } = { c: 3, d: [4, 5, 6] };',
        'var v;',
        'function add(x: number, y: number): number { return x + y }',
        'class Box { constructor(public value: number) {} }',
        'const [first = 10] = [];',
      ].join('\n'),
    );
    expect(await run('add(a, b) + c + e + rest.length + first')).toBe(1 + 2 + 3 + 4 + 2 + 10);
    expect(await run('new Box(7).value')).toBe(7);
    expect(await run('v')).toBeUndefined();
  });

  it('declares several names at once, with and without values', async () => {
    await run('let a, b;\nlet x = 1, y;\nvar p = 2, q');
    expect(await run('[a, b, x, y, p, q]')).toEqual([undefined, undefined, 1, undefined, 2, undefined]);
  });

  it('lets a cell be run again, redeclaring its consts (as Jupyter does)', async () => {
    await run('const model = "first";');
    await run('const model = "second";');
    expect(await run('model')).toBe('second');
  });

  it('hoists function declarations within the cell', async () => {
    expect(await run('const r = twice(4);\nfunction twice(n) { return 2 * n }\nr')).toBe(8);
  });

  it('supports top-level await', async () => {
    expect(await run('const v = await Promise.resolve(41);\nv + 1')).toBe(42);
  });

  it('lets a learner name a variable like a read-only global', async () => {
    // `name` and `self` are read-only or special in a worker; in Node, `crypto` is a getter.
    expect(await run('const crypto = "mine";\ncrypto')).toBe('mine');
  });

  it('strips TypeScript, keeping line numbers', () => {
    const source = 'interface P { x: number }\ntype Q = string;\nconst p: P = { x: 1 };\nthrow new Error("here")';
    const { code } = compileCell(source, 'c1');
    expect(code).not.toMatch(/interface|type Q/);
    expect(code.split('\n').length).toBe(source.split('\n').length + 2); // the wrapper's close and sourceURL
  });

  it('gives console to the cell, even for code that finishes later', async () => {
    const log: unknown[][] = [];
    await run('setTimeout(() => console.log("later"), 5);\nconsole.log("now", 1)', 'c1', log);
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual([['now', 1], ['later']]);
  });
});

describe('cell errors point at the cell line', () => {
  it('syntax errors, from the TypeScript and the JavaScript parser', () => {
    expect(() => compileCell('let a = 1;\nlet b = ;', 'c1')).toThrow(CellSyntaxError);
    try {
      compileCell('let a = 1;\n\nlet b: = 2;', 'c1');
    } catch (e) {
      expect((e as CellSyntaxError).line).toBe(3);
    }
    try {
      compileCell('const ok = 1;\nconst x = {', 'c1');
    } catch (e) {
      expect((e as CellSyntaxError).line).toBe(2);
    }
  });

  it('imports get a message that says what to do instead', () => {
    expect(() => compileCell("import { layers } from '@tensorflow/tfjs';\nlayers.dense({ units: 1 });", 'c1')).toThrow(
      /tf and display are already in scope/,
    );
  });

  it('runtime errors, with a stack of cell frames', async () => {
    const err = await errorOf('const a = 1;\nfunction inner() {\n  return missing + 1;\n}\ninner();', 'cellA');
    expect(err).toMatchObject({ name: 'ReferenceError', message: 'missing is not defined', line: 3 });
    expect(err.frames[0]).toMatchObject({ fn: 'inner', cellId: 'cellA', line: 3 });
    expect(err.frames.some((f) => f.line === 5)).toBe(true);
    expect(err.hint).toMatch(/run that cell first/);
  });

  it('errors on line 1 (where the wrapper opens) are on line 1', async () => {
    const err = await errorOf('null.boom', 'c1');
    expect(err).toMatchObject({ name: 'TypeError', line: 1 });
  });

  it('an error inside a function from an earlier cell names that cell', async () => {
    await run('\nfunction explode() { throw new Error("from A") }', 'cellA');
    const err = await errorOf('explode()', 'cellB');
    expect(err.frames.map((f) => [f.cellId, f.line])).toEqual([
      ['cellA', 2],
      ['cellB', 1],
    ]);
    expect(err.line).toBe(1);
  });

  it('errors thrown after an await and in TypeScript code still map to cell lines', async () => {
    const err = await errorOf('const n: number = 1;\nawait Promise.resolve();\n\nthrow new RangeError("too far");', 'c1');
    expect(err).toMatchObject({ name: 'RangeError', message: 'too far', line: 4 });
  });

  it('a thrown non-error is still reported', async () => {
    const err = await errorOf('throw "just a string"');
    expect(err.message).toBe('Uncaught "just a string"');
  });
});
