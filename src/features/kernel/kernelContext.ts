import { createContext, useContext } from 'react';
import type { KernelAssetsLoader } from '../../kernel/kernelAssets';
import type { ShippedFileLoader } from '../../kernel/shippedFiles';
import type { KernelSession } from './kernelSession';

export const KernelSessionContext = createContext<KernelSession | null>(null);

/** The open notebook's kernel session (run, interrupt, restart, trust). */
export function useKernelSession(): KernelSession {
  const session = useContext(KernelSessionContext);
  if (!session) throw new Error('useKernelSession outside a notebook page');
  return session;
}

/** Loads the kernel's script and wasm once per page; restarts reuse them. */
export const KernelAssetsContext = createContext<KernelAssetsLoader | null>(null);

/** The page's loader of the kernel's assets. */
export function useKernelAssets(): KernelAssetsLoader {
  const load = useContext(KernelAssetsContext);
  if (!load) throw new Error('useKernelAssets outside the app');
  return load;
}

/** Fetches the data files the app ships (MNIST) once per page, for the kernel and for previews. */
export const ShippedFilesContext = createContext<ShippedFileLoader | null>(null);

/** The page's loader of shipped data files. */
export function useShippedFiles(): ShippedFileLoader {
  const files = useContext(ShippedFilesContext);
  if (!files) throw new Error('useShippedFiles outside the app');
  return files;
}
