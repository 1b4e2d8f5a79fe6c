import { useNotebook, useNotebookStoreApi } from '../../store/notebookStore';
import { downloadNotebook } from './downloadNotebook';

/** Read-only and storage-failure notices; each stays until its cause is gone. */
export function NotebookBanners({ onTakeOver }: { onTakeOver(): void }) {
  const access = useNotebook((s) => s.access);
  const save = useNotebook((s) => s.save);
  const store = useNotebookStoreApi();

  return (
    <>
      {access === 'read' && (
        <div role="status" className="banner banner-info">
          <strong>Read-only here.</strong> This notebook is open for editing in another tab. You see its latest saved version.{' '}
          <button type="button" onClick={onTakeOver}>
            Take over
          </button>
        </div>
      )}
      {(save.state === 'failed' || save.state === 'conflict') && (
        <div role="alert" className="banner banner-error">
          <strong>Changes are not being saved.</strong> {save.message}{' '}
          {/* Not named "Export notebook": that name is the toolbar button's, and must stay unique. */}
          <button type="button" onClick={() => downloadNotebook(store.getState().doc)}>
            Download a copy
          </button>
          {save.state === 'conflict' && (
            <button type="button" onClick={() => window.location.reload()}>
              Reload
            </button>
          )}
        </div>
      )}
    </>
  );
}
