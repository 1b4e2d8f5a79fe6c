import { createContext, useContext } from 'react';
import type { Database } from './db';

export const DatabaseContext = createContext<Database | null>(null);

/** The app's open database; the app renders nothing that needs it before it opens. */
export function useDatabase(): Database {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase outside DatabaseContext');
  return db;
}
