import BareWorker from './bareWorker.ts?worker';

/** Runs side (a) and leaves its result on window for the bench script. */
(window as unknown as { runBare(backend: string, mnist?: string): Promise<unknown> }).runBare = async (backend, mnist) => {
  // The same shipped MNIST file the app reads, fetched here (the bench page serves public/ too).
  const compressed = mnist ? new Uint8Array(await (await fetch('data/mnist.lbd')).arrayBuffer()) : undefined;
  return new Promise((resolve, reject) => {
    const worker = new BareWorker();
    worker.onmessage = (e) => {
      resolve(e.data);
      worker.terminate();
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ backend, mnist, compressed }, compressed ? [compressed.buffer] : []);
  });
};
