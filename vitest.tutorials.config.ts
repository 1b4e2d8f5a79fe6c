import { defineConfig } from 'vitest/config';

// Every tutorial run as shipped, top to bottom, on wasm in Node (test/tutorials/runTutorial.ts).
// One file at a time: each trains for seconds and these machines have 2 cores, and a tutorial's
// time is reported, so it should not share the CPU with another.
export default defineConfig({
  test: {
    include: ['test/tutorials/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup/seededMathRandom.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
  },
});
