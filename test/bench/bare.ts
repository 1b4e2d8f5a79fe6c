import BareWorker from './bareWorker.ts?worker';

type Bare = { runBare(backend: string, mnist?: string, liveMetrics?: boolean): Promise<unknown> };

// MNIST jobs share one worker, as Layerbook's rounds share one kernel: after the first
// round both sides are warm (shaders compiled, MNIST read). The MLP job keeps its own
// fresh worker per round, as it always has (it warms up inside the job).
let mnistWorker: Worker | null = null;
let compressed: Uint8Array | null = null;

function ask(worker: Worker, message: unknown, transfer: Transferable[] = []): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => (e.data?.error ? reject(new Error(`bare worker: ${e.data.error}`)) : resolve(e.data));
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(message, transfer);
  });
}

/** Runs side (a) and leaves its result on window for the bench script. */
(window as unknown as Bare).runBare = async (backend, mnist, liveMetrics) => {
  if (!mnist) {
    const worker = new BareWorker();
    try {
      return await ask(worker, { backend });
    } finally {
      worker.terminate();
    }
  }
  // The same shipped MNIST file the app reads (the bench page serves public/ too), fetched once.
  compressed ??= new Uint8Array(await (await fetch('data/mnist.lbd')).arrayBuffer());
  mnistWorker ??= new BareWorker();
  const copy = compressed.slice();
  return ask(mnistWorker, { backend, mnist, compressed: copy, liveMetrics }, [copy.buffer]);
};
