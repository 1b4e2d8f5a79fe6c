import { useState } from 'react';
import type { NotebookSummary } from '../../storage/db';
import { useDatabase } from '../../storage/useDatabase';
import { LearnGallery } from '../learn/LearnGallery';
import { ConfirmDialog } from './ConfirmDialog';
import { deleteStoredNotebook, duplicateStoredNotebook, renameNotebook } from './libraryActions';
import { NotebookListItem } from './NotebookListItem';
import { useNotebookList } from './useNotebookList';

/** The library: every notebook in this browser. */
export function HomePage() {
  const db = useDatabase();
  const { list, error, reload } = useNotebookList();
  const [actionError, setActionError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<NotebookSummary | null>(null);

  const act = (what: string, run: () => Promise<unknown>) =>
    run().then(
      () => {
        setActionError(null);
        reload();
      },
      (e) => setActionError(`${what} failed: ${(e as Error).message}`),
    );

  return (
    <main className="home">
      <LearnGallery library={list} />
      <h1>Your notebooks</h1>
      {(error || actionError) && (
        <div role="alert" className="banner banner-error">
          {error ?? actionError}
        </div>
      )}
      {list && list.length === 0 && (
        <p className="empty">
          No notebooks of your own yet. Open a tutorial above, press <strong>New notebook</strong> to start one, or{' '}
          <strong>Open notebook file</strong> to import a <code>.layerbook.json</code> file.
        </p>
      )}
      {/* Busy until the first listing arrives: an empty list then means "not read yet", not "none". */}
      <ul aria-label="Notebooks" aria-busy={list === null} role="list" className="notebook-list">
        {list?.map((nb) => (
          <NotebookListItem
            key={nb.id}
            notebook={nb}
            onRename={(title) => void act('Rename', () => renameNotebook(db, nb.id, title))}
            onDuplicate={() => void act('Duplicate', () => duplicateStoredNotebook(db, nb.id))}
            onDelete={() => setDeleting(nb)}
          />
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title="Delete this notebook?"
          body={
            `“${deleting.title.trim() || 'Untitled'}” will be removed from this browser. ` +
            'This cannot be undone; export it first to keep a copy.'
          }
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void act('Delete', () => deleteStoredNotebook(db, id));
          }}
        />
      )}
    </main>
  );
}
