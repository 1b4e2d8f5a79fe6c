// Reads the Python that Keras tutorials write to build a model: imports, assignments, calls with
// positional and keyword arguments, lists, tuples, dicts, numbers, strings and arithmetic on them.
// Anything else (a loop, a def, a comprehension, a lambda) is kept as an opaque piece with its line,
// so the importer can refuse it where it matters and skip it where it does not: never guess.

/** A Python expression, as far as model-building code needs one. */
export type PyExpr =
  | { k: 'name'; id: string; line: number }
  | { k: 'num'; value: number; int: boolean; line: number }
  | { k: 'str'; value: string; line: number }
  | { k: 'const'; value: boolean | null; line: number }
  | { k: 'attr'; obj: PyExpr; name: string; line: number }
  | { k: 'call'; fn: PyExpr; args: PyExpr[]; kwargs: Array<{ name: string; value: PyExpr }>; line: number }
  | { k: 'list' | 'tuple'; items: PyExpr[]; line: number }
  | { k: 'dict'; entries: Array<[PyExpr, PyExpr]>; line: number }
  | { k: 'binop'; op: string; left: PyExpr; right: PyExpr; line: number }
  | { k: 'neg'; operand: PyExpr; line: number }
  | { k: 'index'; obj: PyExpr; index: PyExpr; line: number }
  /** Something this reader does not take apart (a lambda, a comprehension, an f-string); `what` names it. */
  | { k: 'opaque'; what: string; line: number };

/** One statement of the source, with its first line (1-based). */
export type PyStmt =
  | { k: 'import'; module: string; alias?: string; line: number }
  | { k: 'from'; module: string; name: string; alias?: string; line: number }
  | { k: 'assign'; targets: PyExpr[]; value: PyExpr; line: number }
  | { k: 'expr'; value: PyExpr; line: number }
  /** A block (for, while, if, def, class, with, try) or a statement this reader does not take apart. */
  | { k: 'other'; keyword: string; text: string; line: number; endLine: number };

interface Token {
  t: 'name' | 'num' | 'str' | 'op' | 'newline' | 'fstr';
  v: string;
  line: number;
  /** Indentation of the logical line this token starts (newline tokens carry the next line's). */
  indent?: number;
}

/** A syntax error in the learner's Python, with its line. */
class PythonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`Line ${line}: ${message}`);
    this.name = 'PythonSyntaxError';
  }
}

const OPS = ['**=', '//=', '->', '**', '//', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', ':='];
const STRING_START = /^([rRbBuUfF]{0,2})('''|"""|'|")/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let depth = 0;
  let atLineStart = true;
  const open: number[] = [];
  const push = (t: Token['t'], v: string, at = line) => tokens.push({ t, v, line: at });
  while (i < source.length) {
    if (atLineStart) {
      // A logical line's indentation; blank and comment-only lines do not count.
      let col = 0;
      while (source[i] === ' ' || source[i] === '\t') col += source[i++] === '\t' ? 8 : 1;
      if (source[i] === '\n' || source[i] === '#' || source[i] === '\r' || i >= source.length) {
        while (i < source.length && source[i] !== '\n') i++;
        if (source[i] === '\n') {
          i++;
          line++;
        }
        continue;
      }
      tokens.push({ t: 'newline', v: '', line, indent: col });
      atLineStart = false;
      continue;
    }
    const c = source[i];
    if (c === '\n') {
      i++;
      line++;
      if (depth === 0) atLineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const str = STRING_START.exec(source.slice(i, i + 5));
    if (str && (str[1] === '' || /[a-zA-Z]/.test(c))) {
      const prefix = str[1].toLowerCase();
      const quote = str[2];
      const start = line;
      i += str[0].length;
      let value = '';
      for (;;) {
        if (i >= source.length) throw new PythonSyntaxError('a string is not closed', start);
        if (source.startsWith(quote, i)) {
          i += quote.length;
          break;
        }
        const ch = source[i];
        if (ch === '\n') {
          if (quote.length === 1) throw new PythonSyntaxError('a string is not closed', start);
          line++;
        }
        if (ch === '\\' && !prefix.includes('r')) {
          const next = source[i + 1];
          const escapes: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"', '\n': '' };
          value += escapes[next] ?? `\\${next}`;
          if (next === '\n') line++;
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      push(prefix.includes('f') ? 'fstr' : 'str', value, start);
      continue;
    }
    const num = /^(\d[\d_]*\.?[\d_]*([eE][+-]?\d+)?|\.\d[\d_]*([eE][+-]?\d+)?)/.exec(source.slice(i, i + 40));
    if (num && /[\d.]/.test(c) && !(c === '.' && !/\d/.test(source[i + 1] ?? ''))) {
      push('num', num[0].replaceAll('_', ''));
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 200));
    if (name) {
      push('name', name[0]);
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i)) ?? c;
    if ('([{'.includes(op)) {
      depth++;
      open.push(line);
    }
    if (')]}'.includes(op)) {
      depth = Math.max(0, depth - 1);
      open.pop();
    }
    push('op', op);
    i += op.length;
  }
  if (open.length) throw new PythonSyntaxError('a bracket opened here is never closed', open[open.length - 1]);
  return tokens;
}

const BLOCKS = new Set(['for', 'while', 'if', 'elif', 'else', 'def', 'class', 'with', 'try', 'except', 'finally', 'async']);

/** A parser over one logical line's tokens. */
class LineParser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  private isOp(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.t === 'op' && t.v === v;
  }
  private take(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new PythonSyntaxError('the line ends too early', this.tokens[this.tokens.length - 1]?.line ?? 1);
    return t;
  }
  private expectOp(v: string) {
    const t = this.take();
    if (t.t !== 'op' || t.v !== v) throw new PythonSyntaxError(`expected "${v}" but found "${t.v}"`, t.line);
  }
  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** Skips to the end of the current bracket level's item: what an opaque expression covers. */
  private skipItem(): void {
    let depth = 0;
    while (!this.done()) {
      const t = this.tokens[this.pos];
      if (t.t === 'op' && '([{'.includes(t.v)) depth++;
      if (t.t === 'op' && ')]}'.includes(t.v)) {
        if (depth === 0) return;
        depth--;
      }
      if (depth === 0 && t.t === 'op' && (t.v === ',' || t.v === '=' || t.v === ':')) return;
      this.pos++;
    }
  }

  /** An expression; a conditional, lambda or comparison becomes opaque. */
  expr(): PyExpr {
    const start = this.peek();
    if (start?.t === 'name' && start.v === 'lambda') {
      this.skipLambda();
      return { k: 'opaque', what: 'a lambda', line: start.line };
    }
    const value = this.sum();
    const next = this.peek();
    const stops = next === undefined || (next.t === 'op' && [',', ')', ']', '}', '=', ':'].includes(next.v));
    if (stops) return value;
    // `x if c else y`, comparisons, `for` in a comprehension, `and`/`or`: not model-building syntax.
    const what = next.t === 'name' && next.v === 'for' ? 'a comprehension' : `an expression with "${next.v}"`;
    this.skipItem();
    return { k: 'opaque', what, line: value.line };
  }

  private skipLambda(): void {
    // A lambda's own parameters may hold ',' and ':', so skip to its ':' first.
    while (!this.done() && !this.isOp(':')) this.pos++;
    this.pos++;
    this.skipItem();
  }

  private sum(): PyExpr {
    let left = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.take().v;
      left = { k: 'binop', op, left, right: this.product(), line: left.line };
    }
    return left;
  }

  private product(): PyExpr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%') || this.isOp('@')) {
      const op = this.take().v;
      left = { k: 'binop', op, left, right: this.unary(), line: left.line };
    }
    return left;
  }

  private unary(): PyExpr {
    if (this.isOp('-')) {
      const t = this.take();
      return { k: 'neg', operand: this.unary(), line: t.line };
    }
    if (this.isOp('+')) this.take();
    const base = this.postfix();
    if (this.isOp('**')) {
      this.take();
      return { k: 'binop', op: '**', left: base, right: this.unary(), line: base.line };
    }
    return base;
  }

  private postfix(): PyExpr {
    let e = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.take();
        const name = this.take();
        if (name.t !== 'name') throw new PythonSyntaxError(`expected a name after "." but found "${name.v}"`, name.line);
        e = { k: 'attr', obj: e, name: name.v, line: e.line };
      } else if (this.isOp('(')) {
        e = this.call(e);
      } else if (this.isOp('[')) {
        this.take();
        const index = this.isOp(':') || this.isOp(']') ? this.opaqueUntil(']', 'a slice') : this.exprOrTuple(']');
        this.expectOp(']');
        e = { k: 'index', obj: e, index, line: e.line };
      } else return e;
    }
  }

  private opaqueUntil(close: string, what: string): PyExpr {
    const line = this.peek()?.line ?? 1;
    let depth = 0;
    while (!this.done() && !(depth === 0 && this.isOp(close))) {
      const t = this.take();
      if (t.t === 'op' && '([{'.includes(t.v)) depth++;
      if (t.t === 'op' && ')]}'.includes(t.v)) depth--;
    }
    return { k: 'opaque', what, line };
  }

  private call(fn: PyExpr): PyExpr {
    this.expectOp('(');
    const args: PyExpr[] = [];
    const kwargs: Array<{ name: string; value: PyExpr }> = [];
    while (!this.isOp(')')) {
      if (this.isOp('*') || this.isOp('**')) {
        const star = this.take();
        this.expr();
        args.push({ k: 'opaque', what: `"${star.v}" unpacking`, line: star.line });
      } else if (this.peek()?.t === 'name' && this.isOp('=', 1)) {
        const name = this.take().v;
        this.take();
        kwargs.push({ name, value: this.expr() });
      } else args.push(this.expr());
      if (!this.isOp(',')) break;
      this.take();
    }
    this.expectOp(')');
    return { k: 'call', fn, args, kwargs, line: fn.line };
  }

  /** Items up to `close`: one expression, or a tuple when there is a comma. */
  private exprOrTuple(close: string): PyExpr {
    const line = this.peek()?.line ?? 1;
    const items: PyExpr[] = [];
    let comma = false;
    while (!this.isOp(close)) {
      items.push(this.expr());
      if (!this.isOp(',')) break;
      this.take();
      comma = true;
    }
    return items.length === 1 && !comma ? items[0] : { k: 'tuple', items, line };
  }

  private atom(): PyExpr {
    const t = this.take();
    if (t.t === 'num') {
      const int = /^\d+$/.test(t.v);
      return { k: 'num', value: Number(t.v), int, line: t.line };
    }
    if (t.t === 'str' || t.t === 'fstr') {
      let value = t.v;
      let formatted = t.t === 'fstr';
      // Adjacent literals join, as in Python.
      while (this.peek()?.t === 'str' || this.peek()?.t === 'fstr') {
        const next = this.take();
        formatted ||= next.t === 'fstr';
        value += next.v;
      }
      return formatted ? { k: 'opaque', what: 'an f-string', line: t.line } : { k: 'str', value, line: t.line };
    }
    if (t.t === 'name') {
      if (t.v === 'True' || t.v === 'False') return { k: 'const', value: t.v === 'True', line: t.line };
      if (t.v === 'None') return { k: 'const', value: null, line: t.line };
      if (t.v === 'lambda') {
        this.pos--;
        this.skipLambda();
        return { k: 'opaque', what: 'a lambda', line: t.line };
      }
      return { k: 'name', id: t.v, line: t.line };
    }
    if (t.t === 'op' && t.v === '(') {
      const e = this.exprOrTuple(')');
      this.expectOp(')');
      return e;
    }
    if (t.t === 'op' && t.v === '[') {
      const e = this.exprOrTuple(']');
      this.expectOp(']');
      return { k: 'list', items: e.k === 'tuple' ? e.items : [e], line: t.line };
    }
    if (t.t === 'op' && t.v === '{') {
      const entries: Array<[PyExpr, PyExpr]> = [];
      while (!this.isOp('}')) {
        const key = this.expr();
        if (!this.isOp(':')) {
          this.opaqueUntil('}', 'a set');
          this.expectOp('}');
          return { k: 'opaque', what: 'a set', line: t.line };
        }
        this.take();
        entries.push([key, this.expr()]);
        if (!this.isOp(',')) break;
        this.take();
      }
      this.expectOp('}');
      return { k: 'dict', entries, line: t.line };
    }
    if (t.t === 'op' && t.v === ')') throw new PythonSyntaxError('a ")" without its "("', t.line);
    throw new PythonSyntaxError(`unexpected "${t.v}"`, t.line);
  }

  /** A dotted module path: `tensorflow.keras.layers`. */
  dotted(): string {
    const parts = [this.take().v];
    while (this.isOp('.')) {
      this.take();
      parts.push(this.take().v);
    }
    return parts.join('.');
  }

  statement(text: string): PyStmt[] {
    const first = this.tokens[this.pos];
    const line = first.line;
    if (first.t === 'name' && first.v === 'import') {
      this.take();
      const out: PyStmt[] = [];
      do {
        if (this.isOp(',')) this.take();
        const module = this.dotted();
        const alias = this.peek()?.v === 'as' ? (this.take(), this.take().v) : undefined;
        out.push({ k: 'import', module, alias, line });
      } while (this.isOp(','));
      return out;
    }
    if (first.t === 'name' && first.v === 'from') {
      this.take();
      const module = this.dotted();
      if (this.take().v !== 'import') throw new PythonSyntaxError('expected "import" in a from-import', line);
      const out: PyStmt[] = [];
      const paren = this.isOp('(');
      if (paren) this.take();
      while (!this.done() && !this.isOp(')')) {
        const name = this.take().v;
        const alias = this.peek()?.v === 'as' ? (this.take(), this.take().v) : undefined;
        out.push({ k: 'from', module, name, alias, line });
        if (!this.isOp(',')) break;
        this.take();
      }
      return out;
    }
    const value = this.exprOrTupleToEnd();
    if (this.isOp('=')) {
      const targets = [value];
      let rhs: PyExpr = value;
      while (this.isOp('=')) {
        this.take();
        rhs = this.exprOrTupleToEnd();
        targets.push(rhs);
      }
      targets.pop();
      return [{ k: 'assign', targets, value: rhs, line }];
    }
    const rest = this.peek();
    if (rest) return [{ k: 'other', keyword: rest.v, text, line, endLine: line }];
    return [{ k: 'expr', value, line }];
  }

  private exprOrTupleToEnd(): PyExpr {
    const line = this.peek()?.line ?? 1;
    const items = [this.expr()];
    let comma = false;
    while (this.isOp(',')) {
      this.take();
      comma = true;
      if (this.done() || this.isOp('=')) break;
      items.push(this.expr());
    }
    return comma ? { k: 'tuple', items, line } : items[0];
  }
}

/** The source's top-level statements in order; blocks come whole as `other` with their lines. */
export function parsePython(source: string): PyStmt[] {
  const tokens = tokenize(source.replace(/\r\n?/g, '\n'));
  const lines = source.split('\n');
  // Split into logical lines at newline tokens.
  const logical: Array<{ indent: number; tokens: Token[] }> = [];
  for (const t of tokens) {
    if (t.t === 'newline') logical.push({ indent: t.indent ?? 0, tokens: [] });
    else logical[logical.length - 1]?.tokens.push(t);
  }
  const out: PyStmt[] = [];
  const base = logical[0]?.indent ?? 0;
  for (let i = 0; i < logical.length; i++) {
    const { indent, tokens: toks } = logical[i];
    if (!toks.length) continue;
    const line = toks[0].line;
    if (indent > base) throw new PythonSyntaxError('unexpected indentation', line);
    const head = toks[0];
    const textOf = (from: number, to: number) => lines.slice(from - 1, to).join('\n');
    if ((head.t === 'name' && BLOCKS.has(head.v)) || (head.t === 'op' && head.v === '@')) {
      // The block and its indented body, kept whole; decorators go with the def or class below them.
      let j = i;
      while (j + 1 < logical.length && logical[j].tokens[0]?.t === 'op' && logical[j].tokens[0]?.v === '@') j++;
      const keyword = logical[j].tokens[0]?.v ?? head.v;
      j++;
      while (j < logical.length && logical[j].indent > base) j++;
      const last = logical[j - 1].tokens.at(-1)?.line ?? line;
      out.push({ k: 'other', keyword, text: textOf(line, last), line, endLine: last });
      i = j - 1;
      continue;
    }
    // Semicolons split a logical line into statements.
    const parts: Token[][] = [[]];
    let depth = 0;
    for (const t of toks) {
      if (t.t === 'op' && '([{'.includes(t.v)) depth++;
      if (t.t === 'op' && ')]}'.includes(t.v)) depth--;
      if (depth === 0 && t.t === 'op' && t.v === ';') parts.push([]);
      else parts[parts.length - 1].push(t);
    }
    for (const part of parts) {
      if (!part.length) continue;
      const lastLine = part[part.length - 1].line;
      const text = textOf(part[0].line, lastLine);
      try {
        out.push(...new LineParser(part).statement(text));
      } catch (e) {
        // Python this reader cannot take apart: kept whole, for the importer to judge.
        if (!(e instanceof PythonSyntaxError)) throw e;
        out.push({ k: 'other', keyword: e.message.replace(/^Line \d+: /, ''), text, line: part[0].line, endLine: lastLine });
      }
    }
  }
  return out;
}
