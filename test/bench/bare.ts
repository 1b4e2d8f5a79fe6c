import BareWorker from './bareWorker.ts?worker';

/** Runs side (a) and leaves its result on window for the bench script. */
(window as unknown as { runBare(backend: string): Promise<unknown> }).runBare = (backend) =>
  new Promise((resolve, reject) => {
    const worker = new BareWorker();
    worker.onmessage = (e) => {
      resolve(e.data);
      worker.terminate();
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ backend });
  });
