import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { BACKENDS, type BackendChoice, type BackendName, type WasmBinaries } from '../../src/protocol/messages';
import { useWasmPaths } from './wasmPaths';

/**
 * Points tfjs at wasm binaries the page sent. The kernel runs on an opaque
 * origin and cannot fetch the app's files, so it makes its own blob: URLs.
 */
export function useWasmBinaries(wasm: WasmBinaries): void {
  const paths: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(wasm)) {
    paths[name] = URL.createObjectURL(new Blob([bytes], { type: 'application/wasm' }));
  }
  useWasmPaths(paths);
}

/** Why WebGPU should not be picked automatically here, or null if it may be. */
async function webgpuConcern(): Promise<string | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'this browser has no WebGPU';
  const adapter = (await gpu.requestAdapter().catch(() => null)) as {
    info?: { isFallbackAdapter?: boolean };
    isFallbackAdapter?: boolean;
  } | null;
  if (!adapter) return 'no WebGPU adapter is available';
  // A fallback adapter is a software renderer: far slower than WebGL or WASM.
  if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) return 'WebGPU runs in software here (fallback adapter)';
  return null;
}

/** The software rasteriser a WebGL renderer string names (SwiftShader, llvmpipe, …), or null for a GPU. */
export function softwareRenderer(renderer: string): string | null {
  return /swiftshader|llvmpipe|softpipe|basic render driver|software/i.exec(renderer)?.[0] ?? null;
}

/** The WebGL renderer this worker would get (unmasked where the browser allows), or null. */
function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/**
 * 'auto''s order: WebGPU, WebGL, WASM, CPU, less a software WebGPU, and with a software WebGL
 * after WASM. On a software rasteriser (SwiftShader on these machines) WASM trains the MNIST
 * CNN about 9× and the MLP about 2× faster than WebGL, and WebGL's shaders run in the process
 * that composites the page, so its frames stall (docs/decisions.md).
 */
async function autoOrder(notes: string[]): Promise<BackendName[]> {
  let order: BackendName[] = [...BACKENDS];
  const concern = await webgpuConcern();
  if (concern) {
    notes.push(`Skipped webgpu: ${concern}.`);
    order = order.filter((b) => b !== 'webgpu');
  }
  const software = softwareRenderer(webglRenderer() ?? '');
  if (software) {
    notes.push(`Chose wasm before webgl: WebGL runs in software here (${software}), where wasm trains faster and keeps the page smooth.`);
    order = [...order.filter((b) => b !== 'webgl' && b !== 'cpu'), 'webgl', 'cpu'];
  }
  return order;
}

/**
 * Starts the chosen backend, or with 'auto' the first in autoOrder that initialises.
 * Returns what was used and a note for each one passed over.
 */
export async function startBackend(choice: BackendChoice): Promise<{ backend: BackendName; available: BackendName[]; notes: string[] }> {
  const notes: string[] = [];
  const failed = new Set<BackendName>();
  const order: BackendName[] = choice === 'auto' ? await autoOrder(notes) : [choice, ...BACKENDS.filter((b) => b !== choice)];
  for (const backend of order) {
    try {
      if ((await tf.setBackend(backend)) && tf.getBackend() === backend) {
        await tf.ready();
        if (choice !== 'auto' && backend !== choice) notes.push(`${choice} could not start here, so the kernel uses ${backend}.`);
        return { backend, available: BACKENDS.filter((b) => !failed.has(b)), notes };
      }
      failed.add(backend);
      notes.push(`${backend} did not initialise.`);
    } catch (e) {
      failed.add(backend);
      notes.push(`${backend} failed: ${(e as Error).message}`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start. ${notes.join(' ')}`);
}
