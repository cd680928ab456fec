import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Each test ends by letting the worker read the runner's replies (see the file).
    setupFiles: ['test/helpers/yield-between-tests.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2 } },
    // The JSON results let .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
  },
});
