import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

// Monaco is bundled and served by the app (never a CDN), so it works offline.
// Under Vite its workers must be handed over explicitly (FACTS.md).
self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

// tfjs's declarations are a large chunk of their own; the editor works while they load.
void import('./tfjsTypes').then(({ installCellTypes }) => installCellTypes(monaco));

/**
 * The cells' language until a code editor is first focused: TypeScript's colours (Monaco's own
 * grammar for it) without its language service. A model in 'typescript' starts Monaco's
 * TypeScript worker at once, and that worker type-checks tfjs's 1,100 declaration files: a
 * 43 MB heap in every notebook with a code cell, even one the learner only reads, or trains
 * graphs in, and its garbage collections ran beside training (docs/decisions.md).
 */
const AT_REST = 'layerbook-typescript-at-rest';
const grammar = () => import('monaco-editor/languages/definitions/typescript/typescript.js');
monaco.languages.register({ id: AT_REST });
monaco.languages.registerTokensProviderFactory(AT_REST, { create: async () => (await grammar()).language });
monaco.languages.onLanguageEncountered(AT_REST, () => {
  // Not awaited by Monaco: a grammar chunk that fails to load is logged here, not left unhandled.
  grammar()
    .then(({ conf }) => monaco.languages.setLanguageConfiguration(AT_REST, conf))
    .catch((e) => console.error(e));
});

/**
 * Whether TypeScript's service has started: some cell's model is in 'typescript'. Monaco's own
 * models say so, so no flag of ours can drift from them (once started, every cell is switched).
 */
const serviceStarted = () => monaco.editor.getModels().some((model) => model.getLanguageId() === 'typescript');

/** The language a new cell's model gets: TypeScript's service once it has started, its colours alone before. */
export function cellLanguage(): string {
  return serviceStarted() ? 'typescript' : AT_REST;
}

/**
 * Starts TypeScript's language service (completions, hover docs, type errors) for every code
 * cell at once: cells share one scope, so each needs the others' declarations.
 */
export function startLanguageService(): void {
  for (const model of monaco.editor.getModels()) {
    if (model.getLanguageId() === AT_REST) monaco.editor.setModelLanguage(model, 'typescript');
  }
}

export { monaco };
