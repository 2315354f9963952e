import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One graphql module, as under Node: Vite would give our sources graphql's ESM build while Apollo (loaded
    // by Node) gets the CommonJS one, and graphql refuses types made by the other copy.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // One embedded Neo4j for the whole run (tests/global-setup.ts). Community Edition has one user database,
    // so files run one at a time and each starts from a known graph (tests/helpers/app.ts resets it).
    globalSetup: ['tests/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // No warm-up of the example operations in each test file's app (src/server/warm-up.ts): seconds of CPU each.
    env: { LOG_LEVEL: 'silent', TG_WARM_UP: 'false' },
  },
});
