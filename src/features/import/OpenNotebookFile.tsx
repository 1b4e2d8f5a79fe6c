import { useState } from 'react';
import { navigate } from '../../app/router';
import { useDatabase } from '../../storage/useDatabase';
import { importNotebookFile } from './importNotebook';

/** The "Open notebook file" control, with the import's error (if any) shown as an alert. */
export function OpenNotebookFile() {
  const db = useDatabase();
  const [error, setError] = useState<{ file: string; message: string } | null>(null);

  const onChange = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Clearing the input lets the same file be picked again after fixing it.
    input.value = '';
    if (!file) return;
    const result = await importNotebookFile(db, file);
    if (result.ok) {
      setError(null);
      navigate({ page: 'notebook', id: result.id });
    } else {
      setError({ file: file.name, message: result.message });
    }
  };

  return (
    <>
      <label className="button">
        Open notebook file
        <input
          type="file"
          accept=".json,.ipynb,application/json,application/x-ipynb+json"
          className="visually-hidden"
          onChange={(e) => void onChange(e)}
        />
      </label>
      {error && (
        <div role="alert" className="banner banner-error import-error">
          <strong>Could not open “{error.file}”.</strong> {error.message} Nothing in your library was changed.{' '}
          <button type="button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
