import { useCallback, useEffect, useState } from 'react';
import type { NotebookSummary } from '../../storage/db';
import { listNotebooks } from '../../storage/notebookRepo';
import { listenToTabs } from '../../storage/tabChannel';
import { useDatabase } from '../../storage/useDatabase';

/** This browser's notebooks, kept fresh as this tab or others change them. */
export function useNotebookList() {
  const db = useDatabase();
  const [list, setList] = useState<NotebookSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    listNotebooks(db).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e) => setError(`Your notebooks could not be listed: ${(e as Error).message}`),
    );
  }, [db]);

  useEffect(() => {
    reload();
    const close = listenToTabs(reload);
    window.addEventListener('focus', reload);
    return () => {
      close();
      window.removeEventListener('focus', reload);
    };
  }, [reload]);

  return { list, error, reload };
}
