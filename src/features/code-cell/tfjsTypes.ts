import type * as Monaco from 'monaco-editor';
import { CELL_GLOBALS_DTS } from './cellGlobals';

// TensorFlow.js's own declaration files, bundled as text into this lazily
// loaded chunk, so completions and hover docs work offline. Test files and the
// backends' internals are left out; tfjs's index re-exports the backends, so
// they get empty stand-ins.
const files = import.meta.glob<string>(
  [
    '/node_modules/@tensorflow/tfjs/dist/index.d.ts',
    '/node_modules/@tensorflow/tfjs-core/dist/**/*.d.ts',
    '/node_modules/@tensorflow/tfjs-layers/dist/**/*.d.ts',
    '/node_modules/@tensorflow/tfjs-data/dist/**/*.d.ts',
    '/node_modules/@tensorflow/tfjs-converter/dist/**/*.d.ts',
    '!**/*_test.d.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);

const PACKAGES = ['tfjs', 'tfjs-core', 'tfjs-layers', 'tfjs-data', 'tfjs-converter', 'tfjs-backend-cpu', 'tfjs-backend-webgl'];
const STUBS = ['tfjs-backend-cpu', 'tfjs-backend-webgl'];

// Errors a notebook makes on purpose: top-level await, a const redeclared when a
// cell runs again, the same name declared in two cells (cells share one scope).
const IGNORED_DIAGNOSTICS = [1375, 1378, 1108, 2300, 2393, 2451, 1208];

/** Teaches Monaco's TypeScript service about tf, display and the cells' shared scope. */
export function installCellTypes(monaco: typeof Monaco): void {
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    lib: ['esnext', 'webworker'],
    allowNonTsExtensions: true,
    strict: false,
    noEmit: true,
    skipLibCheck: true,
  });
  ts.typescriptDefaults.setDiagnosticsOptions({
    noSemanticValidation: false,
    noSyntaxValidation: false,
    diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS,
  });
  // Every cell's model is type-checked together, so cell 2 knows what cell 1 declared.
  ts.typescriptDefaults.setEagerModelSync(true);
  for (const [path, text] of Object.entries(files)) ts.typescriptDefaults.addExtraLib(text, `file://${path}`);
  for (const name of PACKAGES) {
    const pkg = JSON.stringify({ name: `@tensorflow/${name}`, types: 'dist/index.d.ts' });
    ts.typescriptDefaults.addExtraLib(pkg, `file:///node_modules/@tensorflow/${name}/package.json`);
  }
  for (const name of STUBS) ts.typescriptDefaults.addExtraLib('export {};', `file:///node_modules/@tensorflow/${name}/dist/index.d.ts`);
  ts.typescriptDefaults.addExtraLib(CELL_GLOBALS_DTS, 'file:///layerbook/cell-globals.d.ts');
}
