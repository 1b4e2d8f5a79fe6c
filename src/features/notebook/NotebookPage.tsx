import { useContext, useEffect, useState } from 'react';
import { AppLink } from '../../app/AppLink';
import { readNotebook } from '../../storage/notebookRepo';
import { useDatabase } from '../../storage/useDatabase';
import { ReloadGuardContext } from '../../app/reloadGuard';
import { createNotebookStore, type NotebookStore } from '../../store/notebookStore';
import { useKernelAssets, useShippedFiles } from '../kernel/kernelContext';
import { startKernelSession, type KernelSession } from '../kernel/kernelSession';
import { TrustNotice } from '../kernel/TrustNotice';
import { NotebookBanners } from './NotebookBanners';
import { startNotebookSession, type NotebookSession } from './notebookSession';
import { NotebookView } from './NotebookView';

type PageState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; store: NotebookStore; session: NotebookSession; kernel: KernelSession };

/** A notebook at its own address: loads it, holds its session, shows its cells. */
export function NotebookPage({ id }: { id: string }) {
  const db = useDatabase();
  const loadKernelAssets = useKernelAssets();
  const shippedFiles = useShippedFiles();
  const [state, setState] = useState<PageState>({ status: 'loading' });

  useEffect(() => {
    let session: NotebookSession | null = null;
    let kernel: KernelSession | null = null;
    let cancelled = false;
    readNotebook(db, id).then(
      (record) => {
        if (cancelled) return;
        if (!record) return setState({ status: 'missing' });
        const store = createNotebookStore(record);
        session = startNotebookSession(store, db);
        kernel = startKernelSession(store, db, loadKernelAssets, shippedFiles);
        setState({ status: 'ready', store, session, kernel });
      },
      (e) => !cancelled && setState({ status: 'error', message: (e as Error).message }),
    );
    return () => {
      cancelled = true;
      session?.dispose();
      kernel?.dispose();
    };
  }, [db, id, loadKernelAssets, shippedFiles]);

  const guard = useContext(ReloadGuardContext);
  // A new version of the app waits while this notebook trains or holds unsaved edits.
  useEffect(() => {
    if (state.status !== 'ready' || !guard) return;
    return guard.add(() => {
      const s = state.store.getState();
      if (Object.values(s.outputs).some((o) => o.state === 'running' || o.state === 'queued')) return 'a cell is running (training, say)';
      if (s.save.state !== 'saved') return 'this notebook has edits not yet saved';
      return null;
    });
  }, [state, guard]);

  if (state.status === 'loading') return <main className="notebook" aria-busy="true" />;
  if (state.status !== 'ready') {
    return (
      <main className="notebook">
        <div role="alert" className="banner banner-error">
          {state.status === 'missing'
            ? 'There is no notebook at this address in this browser. It may have been deleted, or made in another browser.'
            : `This notebook could not be opened: ${state.message}`}{' '}
          <AppLink to={{ page: 'home' }}>Back to your notebooks</AppLink>
        </div>
      </main>
    );
  }
  return (
    <NotebookView
      store={state.store}
      kernel={state.kernel}
      area="the notebook"
      banners={
        <>
          <NotebookBanners onTakeOver={state.session.takeOver} />
          <TrustNotice />
        </>
      }
    />
  );
}
