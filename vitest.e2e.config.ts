import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium against the production build. They
// run one file at a time: these machines have 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
