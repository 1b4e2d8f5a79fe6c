// What the kernel says of a promise rejected with no handler, and the one browser quirk that
// made it say so when there was none to say.

/** What was rejected, as the learner's "Uncaught (in promise) …" line shows it. */
export function describeRejection(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  switch (typeof reason) {
    case 'undefined':
      return 'undefined (the promise was rejected with no reason)';
    case 'string':
      return JSON.stringify(reason);
    case 'object':
      if (reason === null) return 'null';
      try {
        return JSON.stringify(reason).slice(0, 200);
      } catch {
        return Object.prototype.toString.call(reason);
      }
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
    case 'function':
      return String(reason);
  }
}

/** Where the kernel runs: its origin, and IndexedDB's factory class (absent where there is none). */
export type IDBScope = { origin: string; IDBFactory?: { prototype: Pick<IDBFactory, 'databases'> } };

/**
 * In the kernel's opaque origin IndexedDB is denied, as it should be. Chromium's
 * `indexedDB.databases()` then rejects the promise it returns (which cell code can catch) and
 * also an internal one with `undefined`, which nobody can: every cell that listed databases and
 * caught the SecurityError still printed "Uncaught (in promise) undefined" (measured in Chromium
 * 156; `open`, `deleteDatabase`, caches, storage and fetch do not do this). Where IndexedDB is
 * denied anyway, `databases()` is answered here with the same SecurityError, and nothing else
 * is rejected.
 */
export function answerDeniedDatabases(scope: IDBScope): void {
  const proto = scope.IDBFactory?.prototype;
  if (scope.origin !== 'null' || !proto || typeof proto.databases !== 'function') return;
  proto.databases = () =>
    Promise.reject(
      new DOMException(
        "Failed to execute 'databases' on 'IDBFactory': Access to the IndexedDB API is denied in this context.",
        'SecurityError',
      ),
    );
}
