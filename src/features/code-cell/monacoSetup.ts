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

export { monaco };
