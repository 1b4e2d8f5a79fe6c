import { createContext } from 'react';

// A new version of the app must not reload the page under the learner: open
// notebooks say here why not now (training runs, edits not yet saved).

/** Says why the page must not reload now, or null when it may. */
type ReloadCheck = () => string | null;

export interface ReloadGuard {
  /** Adds a check; returns the function that removes it. */
  add(check: ReloadCheck): () => void;
  /** Every reason not to reload now (empty: reloading loses nothing). */
  reasons(): string[];
}

/** A guard for one page's lifetime. */
export function createReloadGuard(): ReloadGuard {
  const checks = new Set<ReloadCheck>();
  return {
    add(check) {
      checks.add(check);
      return () => checks.delete(check);
    },
    reasons: () => [...checks].map((c) => c()).filter((r): r is string => r !== null),
  };
}

export const ReloadGuardContext = createContext<ReloadGuard | null>(null);
