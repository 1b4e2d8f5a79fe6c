import { flushSync } from 'react-dom';
import { useNotebookStoreApi } from '../../store/notebookStore';
import { focusCell } from '../notebook/focusCell';
import { useKernelSession } from './kernelContext';

/** Jupyter's two ways to run: in place (Ctrl/Cmd+Enter), and run and move on (Shift+Enter). */
export function useRunActions() {
  const store = useNotebookStoreApi();
  const kernel = useKernelSession();

  const run = (cellId: string) => {
    const cell = store.getState().doc.cells.find((c) => c.id === cellId);
    // Running a markdown cell renders it, as in Jupyter.
    if (cell?.kind === 'markdown') store.getState().setEditing(null);
    else kernel.runCell(cellId);
  };

  return {
    runInPlace(cellId: string) {
      run(cellId);
      if (store.getState().editingCellId !== cellId) focusCell(cellId);
    },
    runAndAdvance(cellId: string) {
      run(cellId);
      const s = store.getState();
      const index = s.doc.cells.findIndex((c) => c.id === cellId);
      const next = s.doc.cells[index + 1];
      if (next) {
        s.setEditing(null);
        s.selectCell(next.id);
        focusCell(next.id);
        return;
      }
      // At the end, Jupyter opens a new cell to keep typing in.
      let id: string | null = null;
      flushSync(() => {
        id = s.addCell('code', index + 1);
      });
      if (id) {
        focusCell(id);
        store.getState().setEditing(id);
      } else {
        s.setEditing(null);
        focusCell(cellId);
      }
    },
  };
}
