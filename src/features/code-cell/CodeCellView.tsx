import { lazy, Suspense, useMemo } from 'react';
import { useTheme } from '../../app/theme';
import type { CodeCell } from '../../doc/types';
import { useNotebook, useNotebookStoreApi } from '../../store/notebookStore';
import { useRunActions } from '../kernel/useRunActions';
import { focusCell } from '../notebook/focusCell';
import { CellOutputView } from '../output/CellOutputView';

const CodeEditor = lazy(() => import('./CodeEditor'));

/** A code cell's editor; its text shows at once while Monaco loads. */
export function CodeCellView({ cell, editing }: { cell: CodeCell; editing: boolean }) {
  const readOnly = useNotebook((s) => s.access !== 'write');
  const setCellSource = useNotebook((s) => s.setCellSource);
  const setEditing = useNotebook((s) => s.setEditing);
  const store = useNotebookStoreApi();
  const { theme } = useTheme();
  const runActions = useRunActions();
  // The selector returns the stored item itself, so the marker changes only with a new error.
  const errorItem = useNotebook((s) => s.outputs[cell.id]?.items.find((i) => i.kind === 'error'));
  const error = useMemo(() => {
    if (errorItem?.kind !== 'error') return null;
    const { line, column, name, message } = errorItem.error;
    if (line === undefined) return null;
    return { line, column, message: `${name}: ${message}` };
  }, [errorItem]);

  const fallback = (
    <pre className="code-fallback" aria-busy="true">
      {cell.source || ' '}
    </pre>
  );
  return (
    <>
      <Suspense fallback={fallback}>
        <CodeEditor
          cellId={cell.id}
          value={cell.source}
          readOnly={readOnly}
          editing={editing}
          theme={theme}
          onChange={(v) => setCellSource(cell.id, v)}
          onFocus={() => setEditing(cell.id)}
          onBlur={() => store.getState().editingCellId === cell.id && setEditing(null)}
          onEscape={() => {
            setEditing(null);
            focusCell(cell.id);
          }}
          onRun={(advance) => (advance ? runActions.runAndAdvance(cell.id) : runActions.runInPlace(cell.id))}
          error={error}
        />
      </Suspense>
      <CellOutputView cellId={cell.id} />
    </>
  );
}
