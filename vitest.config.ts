import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One test file per core. Vitest's default is one fewer, which on these 2-core machines ran the
// files one at a time (measured: 196 s with one worker, 102 s with two; docs/decisions.md).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup/seededMathRandom.ts'],
    maxWorkers: availableParallelism(),
    // A timeout here catches a hang, never slowness: Vitest's 5 s failed a 3.4 s test on a busy
    // machine (a clean-clone run with two files at a time beside other work).
    testTimeout: 60_000,
  },
});
