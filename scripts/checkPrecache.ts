import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

// Offline means every file of the build is in the service worker's precache.
// Workbox leaves out files over its size cap and files its patterns miss, and
// says so only as a warning: this plugin fails the build instead.

/** Files of the build that are not precached and need not be: the service worker itself and its runtime. */
const NOT_PRECACHED = [/^sw\.js$/, /^workbox-[\w-]+\.js$/, /\.map$/];

/** Paths of every file under `dir`, relative to it, with forward slashes. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((f) => `${name}/${f}`) : [name];
  });
}

/** The URLs a generated sw.js precaches. */
export function precachedUrls(sw: string): Set<string> {
  return new Set([...sw.matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]));
}

/** Files of a build that its service worker does not precache. */
export function missingFromPrecache(outDir: string): string[] {
  const swPath = join(outDir, 'sw.js');
  if (!existsSync(swPath)) return ['sw.js (no service worker was generated)'];
  const urls = precachedUrls(readFileSync(swPath, 'utf8'));
  return filesUnder(outDir).filter((f) => !NOT_PRECACHED.some((p) => p.test(f)) && !urls.has(f));
}

/** A Vite plugin that fails the build when a file of it would be missing offline. */
export function checkPrecache(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'layerbook:check-precache',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    closeBundle: {
      // After vite-plugin-pwa has written sw.js in its own closeBundle.
      sequential: true,
      order: 'post',
      handler() {
        const outDir = resolve(config.root, config.build.outDir);
        const missing = missingFromPrecache(outDir);
        if (missing.length) {
          throw new Error(
            `These files would be missing offline (not in the service worker's precache): ` +
              `${missing.map((f) => relative('.', join(outDir, f))).join(', ')}. ` +
              'Add their type to PRECACHE_PATTERNS or raise maximumFileSizeToCacheInBytes in vite.config.ts.',
          );
        }
      },
    },
  };
}
