import type { BackendName, FromKernel } from '../../src/protocol/messages';
import { installFitHook } from '../../workers/kernel/fitHook';
import { createKernelState, type KernelState } from '../../workers/kernel/kernelState';

/** One test's kernel: its own state, the messages its fits posted, and its Stop button. */
export interface TestKernel {
  state: KernelState;
  sent: FromKernel[];
  stop: boolean;
}

/**
 * Installs the fit hook (once per test file, as the worker does once per kernel) and returns a
 * maker of fresh kernels: each test takes its own, so none reads what another trained or watched.
 * The hook reports to the kernel made last; `backend` is the one the tests set tfjs to.
 */
export function kernelHarness(backend: BackendName = 'cpu'): () => TestKernel {
  let current: TestKernel | null = null;
  installFitHook({
    post: (m) => current?.sent.push(m),
    stopRequested: () => current?.stop ?? false,
    whilePaused: () => Promise.resolve(),
    currentRunId: () => 'run',
    backend: () => backend,
    fitStarted: (live) => {
      if (current) current.state.activeFit = live;
    },
    fitEnded: (live) => {
      if (current?.state.activeFit === live) current.state.activeFit = null;
    },
    recordFit: (model, record) => current?.state.fits.set(model, record),
  });
  return () => (current = { state: createKernelState(backend), sent: [], stop: false });
}
