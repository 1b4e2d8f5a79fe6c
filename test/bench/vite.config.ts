import { defineConfig } from 'vite';

// Builds the bare-tfjs side of the benchmark into its own folder, next to the app's dist/.
export default defineConfig({
  root: 'test/bench',
  base: './',
  logLevel: 'warn',
  worker: { format: 'iife' },
  // The shipped MNIST file, for the MNIST workloads.
  publicDir: '../../public',
  build: { outDir: '../../dist-bench', emptyOutDir: true, rolldownOptions: { checks: { pluginTimings: false } } },
});
