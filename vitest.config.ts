import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * A test file needs the database when it reaches the run's Neo4j (tests/helpers/app.ts, `inject('neo4j')`) or
 * starts a Neo4j of its own (src/db/embedded.ts, the bench). Every other file is a unit test: it runs first, in
 * parallel, with no Neo4j started. Read from the files, so a new test lands in the right layer by itself.
 */
const NEEDS_DATABASE = /helpers\/app\.js|\binject\(|db\/embedded\.js|bench\/run\.js/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? testFiles(p) : p.endsWith('.test.ts') ? [p.split('\\').join('/')] : [];
  });
}
const unitFiles = testFiles('tests').filter((f) => !NEEDS_DATABASE.test(readFileSync(f, 'utf8')));

/**
 * Files that start a Neo4j of their own (the embedded server's own tests, the outage test, the bench) and never
 * touch the run's: they run beside the files that share the run's Neo4j, one at a time, instead of after them
 * (about three minutes of a CI run on two cores).
 */
const OWN_DATABASE = /\bstartEmbeddedNeo4j\(|\brunBench\(/;
const SHARED_DATABASE = /\binject\(|\bstartTestApp\(/;
const ownFiles = testFiles('tests').filter((f) => {
  const text = readFileSync(f, 'utf8');
  return OWN_DATABASE.test(text) && !SHARED_DATABASE.test(text);
});

export default defineConfig({
  resolve: {
    // One graphql module, as under Node: Vite would give our sources graphql's ESM build while Apollo (loaded
    // by Node) gets the CommonJS one, and graphql refuses types made by the other copy.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One JSON report for the run (scripts/test-summary.mjs); `npm test` runs each layer with a report of its own.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // No warm-up of the example operations in each test file's app (src/server/warm-up.ts): seconds of CPU each.
    env: { LOG_LEVEL: 'silent', TG_WARM_UP: 'false' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: unitFiles,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['tests/**/*.test.ts'],
          exclude: [...unitFiles, ...ownFiles],
          // One embedded Neo4j for these files (tests/global-setup.ts). Community Edition has one user database,
          // so files run one at a time and each starts from a known graph (tests/helpers/app.ts resets it).
          globalSetup: ['tests/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'own',
          include: ownFiles,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
