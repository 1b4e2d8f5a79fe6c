import { parse, type Pattern, type Program, type Statement } from 'acorn';
import { transform } from 'sucrase';

// A cell becomes the body of an async function, so top-level await works and
// its last expression can be returned. Its top-level declarations are turned
// into assignments to globals, so they persist from cell to cell (as in
// Jupyter). Every rewrite stays on its own line, and the wrapper opens on line
// 1, so a line in the generated code is the same line in the cell.

/** A syntax error at a place in the cell. */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

export interface CompiledCell {
  /** Evaluates (with indirect eval) to `async (console, display, ...params) => …` (params: compileCell's extra names). */
  code: string;
  /** Names the cell declares at top level; they must exist as globals before it runs. */
  declared: string[];
}

/** The sourceURL a cell's code runs under; stack frames are mapped back through it. */
const cellSourceUrl = (cellId: string) => `layerbook-cell-${cellId}.js`;

interface Edit {
  at: number;
  /** Characters removed from `at`. */
  remove: number;
  insert: string;
}

/**
 * Transpiles TypeScript and rewrites top-level declarations; throws CellSyntaxError. `params` names
 * extra parameters of the compiled function (an exercise's check gets `check` so): they shadow any
 * global of that name, and runCompiledCell passes their values.
 */
export function compileCell(source: string, cellId: string, params: readonly string[] = []): CompiledCell {
  let js: string;
  try {
    js = transform(source, { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (e) {
    throw toSyntaxError(e);
  }
  let program: Program;
  try {
    program = parse(js, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
    });
  } catch (e) {
    throw toSyntaxError(e);
  }

  const declared: string[] = [];
  const edits: Edit[] = [];
  const hoisted: string[] = [];
  const body = program.body;
  body.forEach((stmt, i) => {
    if (stmt.type === 'VariableDeclaration') {
      const first = stmt.declarations[0];
      const last = stmt.declarations[stmt.declarations.length - 1];
      for (const d of stmt.declarations) {
        collectNames(d.id, declared);
        if (!d.init) edits.push({ at: d.id.end, remove: 0, insert: ' = undefined' });
      }
      // `const {a} = b` becomes `;({a} = b);`: parenthesised so a pattern is not read as a block.
      edits.push({ at: stmt.start, remove: first.start - stmt.start, insert: ';(' });
      edits.push({ at: last.end, remove: 0, insert: js[stmt.end - 1] === ';' ? ')' : ');' });
    } else if (stmt.type === 'FunctionDeclaration' && stmt.id) {
      declared.push(stmt.id.name);
      // Declarations are hoisted inside the cell; publishing them first keeps that.
      hoisted.push(`globalThis[${JSON.stringify(stmt.id.name)}] = ${stmt.id.name};`);
    } else if (stmt.type === 'ClassDeclaration' && stmt.id) {
      declared.push(stmt.id.name);
      edits.push({ at: stmt.start, remove: 0, insert: `;(${stmt.id.name} = ` });
      edits.push({ at: stmt.end, remove: 0, insert: ');' });
    } else if (i === body.length - 1 && stmt.type === 'ExpressionStatement' && !isDirective(stmt)) {
      edits.push({ at: stmt.start, remove: 0, insert: 'return (' });
      edits.push({ at: stmt.expression.end, remove: 0, insert: ')' });
    }
  });

  // Applied from the end backwards. Two edits at one offset (`let a, b;` inserts
  // ' = undefined' and ')' after b) must keep the order they were made in, so
  // the later-made one is applied first and ends up after the other.
  let code = js;
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  for (const e of ordered) code = code.slice(0, e.at) + e.insert + code.slice(e.at + e.remove);
  const prefix = `(async (${['console', 'display', ...params].join(', ')}) => {${hoisted.join('')}`;
  return {
    code: `${prefix}${code}\n})\n//# sourceURL=${cellSourceUrl(cellId)}`,
    declared: [...new Set(declared)],
  };
}

function isDirective(stmt: Statement): boolean {
  return stmt.type === 'ExpressionStatement' && 'directive' in stmt && typeof stmt.directive === 'string';
}

function collectNames(pattern: Pattern, out: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      return;
    case 'ObjectPattern':
      for (const p of pattern.properties) collectNames(p.type === 'RestElement' ? p.argument : p.value, out);
      return;
    case 'ArrayPattern':
      for (const el of pattern.elements) if (el) collectNames(el, out);
      return;
    case 'RestElement':
      collectNames(pattern.argument, out);
      return;
    case 'AssignmentPattern':
      collectNames(pattern.left, out);
      return;
    default:
      // MemberExpression cannot appear in a declaration.
      return;
  }
}

function toSyntaxError(e: unknown): CellSyntaxError {
  const err = e as Error & { loc?: { line: number; column: number } };
  const line = err.loc?.line ?? 1;
  const column = (err.loc?.column ?? 0) + 1;
  let message = err.message.replace(/\s*\(\d+:\d+\)\s*$/, '');
  if (/'import' and 'export' may appear only/.test(message) || /^(import|export)\b/.test(message)) {
    message = "Cells can't use import or export: tf and display are already in scope";
  }
  return new CellSyntaxError(message, line, column);
}
