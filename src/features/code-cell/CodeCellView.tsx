import { lazy, Suspense } from 'react';
import { useTheme } from '../../app/theme';
import type { CodeCell } from '../../doc/types';
import { useNotebook, useNotebookStoreApi } from '../../store/notebookStore';
import { focusCell } from '../notebook/focusCell';

const CodeEditor = lazy(() => import('./CodeEditor'));

/** A code cell's editor; its text shows at once while Monaco loads. */
export function CodeCellView({ cell, editing }: { cell: CodeCell; editing: boolean }) {
  const readOnly = useNotebook((s) => s.access !== 'write');
  const setCellSource = useNotebook((s) => s.setCellSource);
  const setEditing = useNotebook((s) => s.setEditing);
  const store = useNotebookStoreApi();
  const { theme } = useTheme();

  const fallback = (
    <pre className="code-fallback" aria-busy="true">
      {cell.source || ' '}
    </pre>
  );
  return (
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
      />
    </Suspense>
  );
}
