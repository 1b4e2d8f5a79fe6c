import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { checkPrecache } from './scripts/checkPrecache.ts';

/** Every file the app may need offline: the shell, Monaco and its workers, the kernel, tfjs's wasm, MNIST, the backbone (.bin), icons. */
export const PRECACHE_PATTERNS = ['**/*.{js,css,html,svg,png,wasm,lbd,bin,ttf,woff,woff2,json,webmanifest}'];

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // Our own "New version available" notice decides when to reload (never mid-training or with unsaved edits).
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png', 'data/*'],
      manifest: {
        name: 'Layerbook',
        short_name: 'Layerbook',
        description: 'Learn and build neural networks in your browser: notebooks, layer graphs, training and insight, offline.',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: '#2563eb',
        background_color: '#ffffff',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: PRECACHE_PATTERNS,
        // Workbox silently leaves out files over 2 MiB; Monaco's TS worker is 7 MB, MNIST 3.5 MB.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        // Routes are query strings on the one page (./?notebook=id): every navigation is the app shell.
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
    checkPrecache(),
  ],
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
