// The shipped MNIST file (public/data/mnist.lbd), fetched once per page from
// the app's own origin: the opaque-origin kernel cannot fetch it, so the page
// hands it over. Kept compressed; the kernel inflates it.

let loading: Promise<Uint8Array> | null = null;

export function loadMnistFile(): Promise<Uint8Array> {
  loading ??= fetch(new URL('data/mnist.lbd', document.baseURI))
    .then(async (res) => {
      if (!res.ok) throw new Error(`The MNIST file could not be read (the server answered ${res.status}).`);
      return new Uint8Array(await res.arrayBuffer());
    })
    .catch((e: Error) => {
      // A failure is not kept: the next Train tries again.
      loading = null;
      throw new Error(e.message.startsWith('The MNIST') ? e.message : `The MNIST file could not be read: ${e.message}`);
    });
  return loading;
}
