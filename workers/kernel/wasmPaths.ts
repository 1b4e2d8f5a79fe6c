import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradients } from './wasmGradients';

/**
 * Points tfjs's wasm backend at its binaries (file name → URL), single-threaded: threads
 * hang minified builds and gain nothing on 2 cores (FACTS.md), but tfjs insists on a path
 * for the threaded binary too. It also adds the gradient kernels tfjs's wasm lacks, so CNNs
 * and embeddings train there. The kernel and the bench's bare worker both start wasm here.
 */
export function useWasmPaths(paths: Record<string, string>): void {
  paths['tfjs-backend-wasm-threaded-simd.wasm'] ??= paths['tfjs-backend-wasm-simd.wasm'];
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(paths);
  registerWasmGradients();
}
