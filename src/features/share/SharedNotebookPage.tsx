import { useEffect, useState } from 'react';
import { AppLink } from '../../app/AppLink';
import { navigate } from '../../app/router';
import { updateExerciseProgress } from '../../doc/exerciseOps';
import { newId } from '../../doc/ids';
import { checkRunKey } from '../../protocol/exercise';
import { decodeShareLink } from '../../doc/shareLink';
import { createNotebookRecord } from '../../storage/notebookRepo';
import { useDatabase } from '../../storage/useDatabase';
import { createNotebookStore, useNotebook, type NotebookStore } from '../../store/notebookStore';
import { useKernelAssets, useShippedFiles } from '../kernel/kernelContext';
import { startKernelSession, type KernelSession } from '../kernel/kernelSession';
import { NotebookView } from '../notebook/NotebookView';

type State = { status: 'error'; message: string } | { status: 'ready'; store: NotebookStore; kernel: KernelSession };

/**
 * A notebook opened from a share link: read-only, untrusted and not stored. Nothing
 * runs until Trust and run; Save a copy puts it in this browser's library.
 */
export function SharedNotebookPage({ fragment }: { fragment: string }) {
  const db = useDatabase();
  const loadKernelAssets = useKernelAssets();
  const shippedFiles = useShippedFiles();
  const [state, setState] = useState<State | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    const opened = decodeShareLink(fragment);
    if (!opened.ok) {
      setState({ status: 'error', message: opened.error.message });
      return;
    }
    const store = createNotebookStore({
      id: opened.doc.id,
      doc: opened.doc,
      rev: 0,
      updatedAt: Date.now(),
      trusted: false,
      origin: 'a share link',
    });
    // Read-only: edits would be lost, since nothing here is saved until Save a copy.
    store.getState().setAccess('read');
    const kernel = startKernelSession(store, db, loadKernelAssets, shippedFiles);
    setState({ status: 'ready', store, kernel });
    return () => kernel.dispose();
  }, [fragment, db, loadKernelAssets, shippedFiles]);

  if (!state) return <main className="notebook" aria-busy="true" />;
  if (state.status === 'error') {
    return (
      <main className="notebook">
        <div role="alert" className="banner banner-error">
          {state.message} <AppLink to={{ page: 'home' }}>Go to your notebooks</AppLink>
        </div>
      </main>
    );
  }
  const { store, kernel } = state;
  const trust = () => {
    store.getState().setTrusted(true);
    kernel.runAll();
  };
  const saveCopy = async () => {
    const { doc, trusted, verdicts } = store.getState();
    // What was passed here, where nothing could be written, goes into the copy as the learner's progress.
    const passed = doc.cells.filter((c) => verdicts[checkRunKey(c.id)]?.verdict.status === 'correct').map((c) => c.id);
    const copy = { ...passed.reduce((d, cellId) => updateExerciseProgress(d, cellId, { solved: true }), doc), id: newId() };
    try {
      await createNotebookRecord(db, copy, trusted, Date.now(), 'a share link');
      navigate({ page: 'notebook', id: copy.id }, true);
    } catch (e) {
      setSaveError(`The copy could not be stored in this browser: ${(e as Error).message}`);
    }
  };
  return (
    <NotebookView
      store={store}
      kernel={kernel}
      area="the shared notebook"
      banners={
        <>
          <SharedBanner onTrust={trust} onSave={() => void saveCopy()} />
          {saveError && (
            <p role="alert" className="banner banner-error">
              {saveError}
            </p>
          )}
        </>
      }
    />
  );
}

function SharedBanner({ onTrust, onSave }: { onTrust(): void; onSave(): void }) {
  const trusted = useNotebook((s) => s.trusted);
  return (
    <div role="region" aria-label="Shared notebook" className="banner banner-info trust-notice">
      <strong>This notebook came from a share link.</strong> It is read-only here and is not saved in this browser.{' '}
      {trusted ? 'Its cells have run.' : 'Its code has not run: read it first. Code runs sandboxed, away from your other notebooks.'}{' '}
      {!trusted && (
        <button type="button" onClick={onTrust}>
          Trust and run
        </button>
      )}{' '}
      <button type="button" onClick={onSave}>
        Save a copy
      </button>
    </div>
  );
}
