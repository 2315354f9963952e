import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One embedded Neo4j for the whole run (tests/global-setup.ts). Community Edition has one user database,
    // so files run one at a time and each starts from a known graph (tests/helpers/app.ts resets it).
    globalSetup: ['tests/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    env: { LOG_LEVEL: 'silent' },
  },
});
