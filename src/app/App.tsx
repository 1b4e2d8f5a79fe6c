import { HomePage } from '../features/home/HomePage';
import { NotebookPage } from '../features/notebook/NotebookPage';
import type { Database } from '../storage/db';
import { DatabaseContext } from '../storage/useDatabase';
import { AppHeader } from './AppHeader';
import { ErrorBoundary } from './ErrorBoundary';
import { parseRoute, useHref } from './router';
import { useTheme } from './theme';

/** The shell: header, and the page the address names. */
export function App({ db }: { db: Database }) {
  const route = parseRoute(new URL(useHref()));
  const { preference } = useTheme();
  return (
    <DatabaseContext value={db}>
      <AppHeader themePreference={preference} />
      <ErrorBoundary area={route.page === 'home' ? 'the notebook list' : 'the notebook page'}>
        {route.page === 'home' ? <HomePage /> : <NotebookPage key={route.id} id={route.id} />}
      </ErrorBoundary>
    </DatabaseContext>
  );
}
