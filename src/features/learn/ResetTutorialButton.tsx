import { useState } from 'react';
import { tutorialSlugOf } from '../../doc/tutorialCopy';
import { useNotebook } from '../../store/notebookStore';
import { loadTutorialDoc, tutorialEntry } from '../../tutorials/catalogue';
import { ConfirmDialog } from '../home/ConfirmDialog';

/** In a tutorial's copy: puts it back to the shipped tutorial, after asking. */
export function ResetTutorialButton() {
  const entry = useNotebook((s) => {
    const slug = tutorialSlugOf(s.doc);
    return slug ? tutorialEntry(slug) : undefined;
  });
  const canEdit = useNotebook((s) => s.access === 'write');
  const reset = useNotebook((s) => s.resetToTutorial);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!entry) return null;
  return (
    <>
      <button type="button" disabled={!canEdit} aria-haspopup="dialog" onClick={() => setAsking(true)}>
        Reset tutorial
      </button>
      {error && (
        <span role="alert" className="banner banner-error">
          {error}
        </span>
      )}
      {asking && (
        <ConfirmDialog
          title="Reset this tutorial?"
          body={
            `Your copy of “${entry.title}” goes back to the original: your changes to its cells are replaced. ` +
            'Export the notebook first if you want to keep them.'
          }
          confirmLabel="Reset"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            loadTutorialDoc(entry).then(reset, (e: Error) => setError(`Reset failed: ${e.message}`));
          }}
        />
      )}
    </>
  );
}
