import { defineConfig } from 'vitest/config';

/**
 * Hermetic tests: real network is disabled in `test/setup.ts` (only loopback
 * is allowed, for tests that start a server), and nothing reads outside the
 * repository, so the suite runs the same on a laptop and in CI.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    environment: 'node',
    testTimeout: 15_000,
    // Tests share nothing but read-only examples; each opens its own database.
    restoreMocks: true,
  },
});
