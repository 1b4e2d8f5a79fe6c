import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import kernelUrl from '../../workers/kernel/main.ts?worker&url';
import type { WasmBinaries } from '../protocol/messages';

/** What a kernel needs from the app, fetched once per page and kept for restarts. */
export interface KernelAssets {
  /**
   * The kernel's script as bytes, a fresh copy on each call, handed over by transfer. Kept as a
   * string it cost every cold Train a 3 MB text decode and a 3 MB structured clone on the page's
   * main thread, and a V8 heap that soon needed a major collection in the first frames of training.
   */
  source(): ArrayBuffer;
  /** Fresh copies on each call: the kernel takes them by transfer. */
  wasm(): WasmBinaries;
}

export type KernelAssetsLoader = () => Promise<KernelAssets>;

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res;
}

/**
 * The kernel script and the wasm binaries come from the app's own origin
 * (never a CDN, so they work offline); the opaque-origin kernel cannot fetch
 * them itself, so the page does and hands them over.
 */
export function createKernelAssetsLoader(): KernelAssetsLoader {
  let loading: Promise<KernelAssets> | null = null;
  return () => {
    loading ??= Promise.all([
      fetchOk(kernelUrl).then((r) => r.arrayBuffer()),
      fetchOk(wasmSimdUrl).then((r) => r.arrayBuffer()),
      fetchOk(wasmUrl).then((r) => r.arrayBuffer()),
    ]).then(([source, simd, plain]) => ({
      source: () => source.slice(0),
      wasm: () => ({ 'tfjs-backend-wasm-simd.wasm': simd.slice(0), 'tfjs-backend-wasm.wasm': plain.slice(0) }),
    }));
    // A failed load may succeed later (the network came back): do not cache the failure.
    loading.catch(() => (loading = null));
    return loading;
  };
}
