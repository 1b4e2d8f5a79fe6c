import kernelUrl from '../../workers/kernel/main.ts?worker&url';
import type { KernelAssets } from './kernelAssets';

// The worker starts from a data: URL, which gives it an opaque origin: cell
// code cannot reach the app's IndexedDB, localStorage, cookies or
// BroadcastChannels, yet WebGL, WebGPU and WASM all work (FACTS.md). The
// bootstrap receives the kernel's source (bytes, transferred) and loads it from a blob: URL of its
// own making, which shares its opaque origin.
const BOOTSTRAP = `self.onmessage = function (event) {
  self.onmessage = null;
  var url = URL.createObjectURL(new Blob([event.data], { type: 'text/javascript' }));
  importScripts(url);
};`;

/** Starts a kernel worker with an opaque origin and loads the kernel into it. */
export function bootKernelWorker(assets: KernelAssets): Worker {
  if (import.meta.env.DEV) {
    // Vite's dev server serves the kernel as ES modules, which importScripts cannot load.
    console.warn(
      'Layerbook dev server: the kernel runs on the app origin, NOT isolated from its storage. Use npm start for the real thing.',
    );
    return new Worker(kernelUrl, { type: 'module', name: 'layerbook-kernel' });
  }
  const worker = new Worker(`data:text/javascript;base64,${btoa(BOOTSTRAP)}`, { name: 'layerbook-kernel' });
  const source = assets.source();
  worker.postMessage(source, [source]);
  return worker;
}
