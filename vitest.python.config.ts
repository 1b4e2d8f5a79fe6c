import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The Python side: what Layerbook says about Keras, checked against real Keras and TensorFlow in
// the project's .venv/ (scripts/pythonEnv.mjs makes it). One file per core: the small models here
// keep TensorFlow on about one core each (measured: 112 s one file at a time, 76 s two at a time,
// the same CPU time); no test here asserts a time.
export default defineConfig({
  test: {
    include: ['test/python/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup/seededMathRandom.ts'],
    maxWorkers: availableParallelism(),
    testTimeout: 300_000,
    // Each file asks real Keras in beforeAll: importing TensorFlow alone takes 4–12 s here.
    hookTimeout: 300_000,
  },
});
