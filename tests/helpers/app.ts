// Test harness: the run's Neo4j (see global-setup.ts), a graph reset to a known document, and the real HTTP
// server on a free port. Each test file calls startTestApp() once in beforeAll.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { Database } from '../../src/db/driver.js';
import { migrate } from '../../src/db/migrations.js';
import type { GraphDocument } from '../../src/domain/document.js';
import { importDocument } from '../../src/import/index.js';
import { readDefaultGraph } from '../../src/import/seeds.js';
import { createLogger } from '../../src/server/log.js';

export function testDatabase(): Database {
  const n = inject('neo4j');
  return new Database({ uri: n.uri, user: n.user, password: n.password, database: n.database, txTimeoutSeconds: 60 });
}

/**
 * The default graph and the fictional demo set (seeds/demo/): for tests that need capability levels, projects,
 * reviews and selection inputs, which the default graph (REPORTED and ASSESSED records only) does not hold.
 */
export function readSeedsWithDemo(): GraphDocument {
  return readDefaultGraph({ demo: true });
}

/** Empties the graph (keeping the schema) and loads `doc` (default: the default graph) through the real import path. */
export async function resetGraph(db: Database, doc: GraphDocument | null = readDefaultGraph()): Promise<void> {
  await migrate(db);
  await db.write('MATCH (n) DETACH DELETE n');
  if (doc) {
    const result = await importDocument(db, doc);
    if (!result.ok) throw new Error(`test graph invalid: ${JSON.stringify(result.problems.slice(0, 5))}`);
  }
}

export interface TestApp {
  db: Database;
  app: App;
  url: string;
  config: Config;
  /** POSTs a GraphQL request as JSON and returns status and parsed body. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GqlBody<T> }>;
  stop(): Promise<void>;
}

export interface GqlBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions: Record<string, any> }>;
  extensions?: Record<string, any>;
}

export async function startTestApp(
  opts: { doc?: GraphDocument | null; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = testDatabase();
  await resetGraph(db, opts.doc === undefined ? readDefaultGraph() : opts.doc);
  // A bookmark secret of the test's own, rather than one generated into the repository's data folder.
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    TG_SEED_ON_START: 'false',
    TG_BOOKMARK_SECRET: `test-${randomBytes(24).toString('hex')}`,
    ...opts.env,
  });
  const app = await startApp(db, config, createLogger(process.env.TG_TEST_LOG_LEVEL ?? 'silent'));
  return {
    db,
    app,
    url: app.url,
    config,
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GqlBody<any> };
    },
    async stop() {
      await app.stop();
      await db.close();
    },
  };
}
