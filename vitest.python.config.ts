import { defineConfig } from 'vitest/config';

// The Python side: what Layerbook says about Keras, checked against real Keras and TensorFlow in
// the project's .venv/ (scripts/pythonEnv.mjs makes it). One file at a time: two at a time took
// 76 s instead of 112 s, but a clean-clone run then lost a Jupyter kernel under the load
// (nbclient: "Kernel died"), and a test that passes by luck is a bug.
export default defineConfig({
  test: {
    include: ['test/python/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup/seededMathRandom.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    // Each file asks real Keras in beforeAll: importing TensorFlow alone takes 4–12 s here.
    hookTimeout: 300_000,
  },
});
