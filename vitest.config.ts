import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // fast-check runs with a fixed seed in CI; set FC_SEED / FC_RUNS for a longer, random run.
  },
});
