import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Relative asset paths, so the built app runs from any folder of a static host.
  base: './',
  build: {
    target: 'es2022',
    // Monaco is large and loaded lazily, only when a code cell shows.
    chunkSizeWarningLimit: 4096,
    // Rolldown warns that plugins are slow whenever a 2-core machine is; it says nothing we can act on.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  // Classic (IIFE) workers: the kernel is loaded with importScripts inside an opaque-origin worker.
  worker: { format: 'iife' },
  preview: { host: '127.0.0.1', port: 4173 },
});
