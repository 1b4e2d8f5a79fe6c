import { useState } from 'react';
import { HomePage } from '../features/home/HomePage';
import { KernelAssetsContext, ShippedFilesContext } from '../features/kernel/kernelContext';
import { createKernelAssetsLoader } from '../kernel/kernelAssets';
import { createShippedFileLoader } from '../kernel/shippedFiles';
import { NotebookPage } from '../features/notebook/NotebookPage';
import { SharedNotebookPage } from '../features/share/SharedNotebookPage';
import { TutorialPage } from '../features/learn/TutorialPage';
import type { Database } from '../storage/db';
import { DatabaseContext } from '../storage/useDatabase';
import { AppHeader } from './AppHeader';
import { ErrorBoundary } from './ErrorBoundary';
import { parseRoute, useHref } from './router';
import { useTheme } from './theme';
import { createReloadGuard, ReloadGuardContext } from './reloadGuard';
import { UpdateNotice } from './UpdateNotice';

/** The shell: header, and the page the address names. */
export function App({ db }: { db: Database }) {
  const route = parseRoute(new URL(useHref()));
  const { preference } = useTheme();
  // One loader for the page's lifetime: every notebook and every restart reuses what it fetched.
  const [loadKernelAssets] = useState(createKernelAssetsLoader);
  const [shippedFiles] = useState(createShippedFileLoader);
  const [reloadGuard] = useState(createReloadGuard);
  return (
    <DatabaseContext value={db}>
      <KernelAssetsContext value={loadKernelAssets}>
        <ShippedFilesContext value={shippedFiles}>
          <ReloadGuardContext value={reloadGuard}>
            <AppHeader themePreference={preference} />
            <UpdateNotice />
            <ErrorBoundary area={route.page === 'home' ? 'the notebook list' : 'the notebook page'}>
              {route.page === 'home' ? (
                <HomePage />
              ) : route.page === 'shared' ? (
                <SharedNotebookPage key={route.fragment} fragment={route.fragment} />
              ) : route.page === 'tutorial' ? (
                <TutorialPage key={route.slug} slug={route.slug} />
              ) : (
                <NotebookPage key={route.id} id={route.id} />
              )}
            </ErrorBoundary>
          </ReloadGuardContext>
        </ShippedFilesContext>
      </KernelAssetsContext>
    </DatabaseContext>
  );
}
