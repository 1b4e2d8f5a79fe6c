import { useState } from 'react';
import { OpenNotebookFile } from '../features/import/OpenNotebookFile';
import { createNewNotebook } from '../features/home/libraryActions';
import { useDatabase } from '../storage/useDatabase';
import { AppLink } from './AppLink';
import { navigate } from './router';
import { setThemePreference, type ThemePreference } from './theme';

/** The bar on every page: home, new, open, theme. */
export function AppHeader({ themePreference }: { themePreference: ThemePreference }) {
  const db = useDatabase();
  const [error, setError] = useState<string | null>(null);

  const onNew = () =>
    createNewNotebook(db).then(
      (id) => navigate({ page: 'notebook', id }),
      (e) => setError(`A new notebook could not be created: ${(e as Error).message}`),
    );

  return (
    <header className="app-header">
      <AppLink to={{ page: 'home' }} className="brand">
        Layerbook
      </AppLink>
      <nav className="header-actions" aria-label="Notebook library">
        <button type="button" onClick={() => void onNew()}>
          New notebook
        </button>
        <OpenNotebookFile />
      </nav>
      <label className="theme-select">
        Theme
        <select value={themePreference} onChange={(e) => setThemePreference(e.target.value as ThemePreference)}>
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      {error && (
        <div role="alert" className="banner banner-error">
          {error}
        </div>
      )}
    </header>
  );
}
