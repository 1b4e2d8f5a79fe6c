import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Every tutorial run as shipped, top to bottom, on wasm in Node (test/tutorials/runTutorial.ts).
// One file per core: tfjs's wasm runs each on one thread, so one file at a time left a core
// of these 2-core machines idle (measured: 396 s one at a time, 207 s two at a time; docs/decisions.md).
// The times a tutorial prints are for reading, never asserted.
export default defineConfig({
  test: {
    include: ['test/tutorials/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup/seededMathRandom.ts'],
    maxWorkers: availableParallelism(),
    testTimeout: 180_000,
  },
});
