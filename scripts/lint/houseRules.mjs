// Layerbook's own lint rules, run by oxlint as a JS plugin: the house rules of DESIGN.md that no
// published rule states. Each message says what to do instead.

const MUTABLE_COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

/** The declaration a top-level statement holds, if any (`export const …` included). */
function declarationOf(statement) {
  if (statement.type === 'ExportNamedDeclaration' && statement.declaration) return statement.declaration;
  return statement;
}

/** Whether an initializer is an empty collection made to be filled: `new Map()`, `new Set()` … */
function isEmptyCollection(init) {
  return (
    init?.type === 'NewExpression' &&
    init.callee.type === 'Identifier' &&
    MUTABLE_COLLECTIONS.has(init.callee.name) &&
    init.arguments.length === 0
  );
}

const noModuleState = {
  meta: {
    type: 'problem',
    docs: { description: 'No module-level mutable state (DESIGN.md rule 6): it leaks between notebooks, kernels and tests.' },
    schema: [{ type: 'object', properties: { allow: { type: 'array' } }, additionalProperties: false }],
  },
  create(context) {
    // Each allowed binding is named in the config with the reason it must live at module level.
    const allowed = new Set(
      (context.options[0]?.allow ?? []).filter((a) => context.filename.replaceAll('\\', '/').endsWith(a.file)).map((a) => a.name),
    );
    return {
      Program(program) {
        for (const statement of program.body) {
          const declaration = declarationOf(statement);
          if (declaration.type !== 'VariableDeclaration') continue;
          for (const declarator of declaration.declarations) {
            const name = declarator.id.type === 'Identifier' ? declarator.id.name : '(pattern)';
            if (allowed.has(name)) continue;
            if (declaration.kind === 'let' || declaration.kind === 'var') {
              context.report({
                node: declarator,
                message:
                  `Module-level \`${declaration.kind} ${name}\` is state shared by everything that imports this file. ` +
                  'Keep it in a closure made per use (see src/kernel/kernelAssets.ts) or in the store.',
              });
            } else if (isEmptyCollection(declarator.init)) {
              context.report({
                node: declarator,
                message:
                  `Module-level \`${name} = new ${declarator.init.callee.name}()\` is a cache shared by everything ` +
                  'that imports this file. Hold it in a closure made per use (see src/kernel/kernelAssets.ts).',
              });
            }
          }
        }
      },
    };
  },
};

const maxLineLength = {
  meta: {
    type: 'layout',
    docs: { description: 'No line longer than Prettier’s printWidth: Prettier leaves long strings and comments as they are.' },
    schema: [{ type: 'object', properties: { max: { type: 'integer' } }, additionalProperties: false }],
  },
  create(context) {
    const max = context.options[0]?.max ?? 140;
    return {
      Program() {
        const lines = context.sourceCode.lines;
        lines.forEach((text, index) => {
          // Characters, not UTF-16 units: "–" and "×" count once, as they look.
          const length = [...text].length;
          if (length <= max) return;
          context.report({
            loc: { start: { line: index + 1, column: 0 }, end: { line: index + 1, column: text.length } },
            message: `Line ${index + 1} is ${length} characters; the limit is ${max}. Split the string or comment: Prettier will not.`,
          });
        });
      },
    };
  },
};

export default {
  meta: { name: 'layerbook' },
  rules: { 'no-module-state': noModuleState, 'max-line-length': maxLineLength },
};
