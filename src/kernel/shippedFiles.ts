/** Fetches a data file shipped with the app (public/), once per page; `what` names it in errors. */
export type ShippedFileLoader = (file: string, what: string) => Promise<Uint8Array>;

/**
 * Data files the app ships (MNIST) come from its own origin, which the opaque-origin kernel
 * cannot fetch from, so the page fetches them and hands them over. Each is fetched once per
 * page and kept compressed (the kernel inflates it); a failure is not kept, so the next Train
 * tries again.
 */
export function createShippedFileLoader(): ShippedFileLoader {
  const loading = new Map<string, Promise<Uint8Array>>();
  return (file, what) => {
    const known = loading.get(file);
    if (known) return known;
    const load = fetch(new URL(file, document.baseURI))
      .then(async (res) => {
        if (!res.ok) throw new Error(`The ${what} file could not be read (the server answered ${res.status}).`);
        return new Uint8Array(await res.arrayBuffer());
      })
      .catch((e: Error) => {
        loading.delete(file);
        throw new Error(e.message.startsWith(`The ${what} file`) ? e.message : `The ${what} file could not be read: ${e.message}`);
      });
    loading.set(file, load);
    return load;
  };
}
