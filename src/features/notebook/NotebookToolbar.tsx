import { useEffect, useState, type ReactNode } from 'react';
import { ShareDialog } from '../share/ShareDialog';
import { ExportJupyterDialog } from '../keras/ExportJupyterDialog';
import { ImportKerasDialog } from '../keras/ImportKerasDialog';
import { ResetTutorialButton } from '../learn/ResetTutorialButton';
import { flushSync } from 'react-dom';
import { useNotebook, useNotebookStoreApi } from '../../store/notebookStore';
import type { SaveStatus } from '../../store/runtimeSlice';
import { downloadNotebook } from './downloadNotebook';
import { focusCell } from './focusCell';

const SAVE_TEXT: Record<SaveStatus['state'], string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  failed: 'Not saved',
  conflict: 'Not saved',
};

/** The notebook's title and the tools that act on the whole notebook. */
export function NotebookToolbar({ children }: { children?: ReactNode }) {
  const title = useNotebook((s) => s.doc.title);
  const access = useNotebook((s) => s.access);
  const saveState = useNotebook((s) => s.save.state);
  const setTitle = useNotebook((s) => s.setTitle);
  const store = useNotebookStoreApi();
  const canEdit = access === 'write';
  const [sharing, setSharing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exportingJupyter, setExportingJupyter] = useState(false);

  // The tab and the history list say which notebook this is.
  useEffect(() => {
    document.title = `${title.trim() || 'Untitled'} · Layerbook`;
    return () => {
      document.title = 'Layerbook';
    };
  }, [title]);

  const add = (kind: 'markdown' | 'code' | 'graph') => {
    let id: string | null = null;
    flushSync(() => {
      id = kind === 'graph' ? store.getState().addGraphCell() : store.getState().addCell(kind);
    });
    // A new text cell opens in edit mode, ready for typing, as Jupyter's toolbar does.
    if (id) {
      focusCell(id);
      if (kind !== 'graph') store.getState().setEditing(id);
    }
  };

  return (
    <div className="notebook-toolbar">
      <input
        className="title-input"
        aria-label="Notebook title"
        value={title}
        readOnly={!canEdit}
        placeholder="Untitled notebook"
        onChange={(e) => setTitle(e.target.value)}
      />
      <span role="status" className={`save-status save-${saveState}`}>
        {access === 'read' ? 'Read-only' : access === 'pending' ? 'Opening…' : SAVE_TEXT[saveState]}
      </span>
      <span className="toolbar-actions">
        <button type="button" disabled={!canEdit} onClick={() => add('markdown')}>
          Add markdown cell
        </button>
        <button type="button" disabled={!canEdit} onClick={() => add('code')}>
          Add code cell
        </button>
        <button type="button" disabled={!canEdit} onClick={() => add('graph')}>
          Add graph cell
        </button>
        <button type="button" disabled={!canEdit} aria-haspopup="dialog" onClick={() => setImporting(true)}>
          Import Keras code
        </button>
        <button type="button" onClick={() => downloadNotebook(store.getState().doc)}>
          Export notebook
        </button>
        <button type="button" aria-haspopup="dialog" onClick={() => setExportingJupyter(true)}>
          Export as Jupyter notebook
        </button>
        <button type="button" aria-haspopup="dialog" onClick={() => setSharing(true)}>
          Share
        </button>
        <ResetTutorialButton />
      </span>
      {sharing && <ShareDialog doc={store.getState().doc} onClose={() => setSharing(false)} />}
      {importing && <ImportKerasDialog onClose={() => setImporting(false)} />}
      {exportingJupyter && <ExportJupyterDialog onClose={() => setExportingJupyter(false)} />}
      {children}
    </div>
  );
}
