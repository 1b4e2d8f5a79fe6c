import type { ReactNode } from 'react';
import { ErrorBoundary } from '../../app/ErrorBoundary';
import { NotebookStoreContext, type NotebookStore } from '../../store/notebookStore';
import { KernelSessionContext } from '../kernel/kernelContext';
import type { KernelSession } from '../kernel/kernelSession';
import { KernelControls } from '../kernel/KernelControls';
import { StatusBar } from '../kernel/StatusBar';
import { ExerciseProgress } from '../exercise/ExerciseProgress';
import { CellList } from './CellList';
import { NotebookToolbar } from './NotebookToolbar';

/**
 * An open notebook as the learner sees it, whether it is stored here or came from a link: its
 * banners, toolbar, cells and kernel status.
 */
export function NotebookView({
  store,
  kernel,
  area,
  banners,
}: {
  store: NotebookStore;
  kernel: KernelSession;
  area: string;
  banners: ReactNode;
}) {
  return (
    <NotebookStoreContext value={store}>
      <KernelSessionContext value={kernel}>
        <main className="notebook">
          <ErrorBoundary area={area}>
            {banners}
            <NotebookToolbar>
              <KernelControls />
            </NotebookToolbar>
            <ExerciseProgress />
            <CellList />
          </ErrorBoundary>
        </main>
        <StatusBar />
      </KernelSessionContext>
    </NotebookStoreContext>
  );
}
