import { useRef } from 'react';
import { flushSync } from 'react-dom';
import { useNotebook, useNotebookStoreApi } from '../../store/notebookStore';
import { useKernelSession } from '../kernel/kernelContext';
import { useRunActions } from '../kernel/useRunActions';
import { CellView } from './CellView';
import { commandKey, initialCommandKeyState } from './commandKeys';
import { focusCell } from './focusCell';

/** The column of cells, with Jupyter's command-mode keys on the focused cell frame. */
export function CellList() {
  const cells = useNotebook((s) => s.doc.cells);
  const store = useNotebookStoreApi();
  const keyState = useRef(initialCommandKeyState);
  const kernel = useKernelSession();
  const runActions = useRunActions();

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    // Keys typed inside an editor belong to the editor; command mode is focus on the frame itself.
    const cellId = target.dataset.cellId;
    if (!cellId) return;
    const step = commandKey(keyState.current, e, Date.now());
    keyState.current = step.state;
    if (!step.action) return;
    e.preventDefault();
    const s = store.getState();
    const index = s.doc.cells.findIndex((c) => c.id === cellId);
    const run = (fn: () => string | null | undefined | void) => {
      let next: string | null | undefined | void;
      flushSync(() => {
        next = fn();
      });
      focusCell(next || store.getState().selectedCellId);
    };
    switch (step.action) {
      case 'insert-above':
        return run(() => s.addCell('code', index));
      case 'insert-below':
        return run(() => s.addCell('code', index + 1));
      case 'delete':
        return run(() => s.deleteCell(cellId));
      case 'select-previous':
        return run(() => s.doc.cells[Math.max(0, index - 1)]?.id);
      case 'select-next':
        return run(() => s.doc.cells[Math.min(s.doc.cells.length - 1, index + 1)]?.id);
      case 'edit':
        return s.setEditing(cellId);
      case 'to-markdown':
        return s.setCellKind(cellId, 'markdown');
      case 'to-code':
        return s.setCellKind(cellId, 'code');
      case 'run':
        return runActions.runInPlace(cellId);
      case 'run-and-advance':
        return runActions.runAndAdvance(cellId);
      case 'interrupt':
        return void kernel.interrupt();
      case 'restart':
        return void kernel.restart();
    }
  };

  return (
    <div className="cells" onKeyDown={onKeyDown}>
      {cells.map((cell, i) => (
        <CellView key={cell.id} cell={cell} index={i} count={cells.length} />
      ))}
      {cells.length === 0 && <p className="empty">This notebook has no cells. Add one with the buttons above.</p>}
    </div>
  );
}
