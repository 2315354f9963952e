// /readyz and the "Neo4j unreachable" state under load (issue 20, finding 7): with every pooled connection busy,
// readiness still answers 200 at once (it has a connection of its own), and a pool-acquisition timeout is load,
// answered 503 "busy", which does not put the API into its fail-fast outage state.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Transaction } from 'neo4j-driver';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { driverSettings } from '../../src/db/connect.js';
import { Database } from '../../src/db/driver.js';
import { createLogger } from '../../src/server/log.js';
import { resetGraph } from '../helpers/app.js';

const POOL = 3;
let db: Database;
let app: App;

beforeAll(async () => {
  const n = inject('neo4j');
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    TG_SEED_ON_START: 'false',
    TG_DB_POOL_SIZE: String(POOL),
    TG_DB_ACQUIRE_TIMEOUT_MS: '700',
  });
  db = new Database({
    uri: n.uri,
    user: n.user,
    password: n.password,
    database: n.database,
    ...driverSettings(config),
  });
  await resetGraph(db);
  app = await startApp(db, config, createLogger('silent'));
});

afterAll(async () => {
  await app?.stop();
  await db?.close();
});

/** Holds every connection of the API's pool in open transactions until release() is called. */
async function holdPool(): Promise<{ release(): Promise<void> }> {
  const held: Array<{ session: ReturnType<Database['driver']['session']>; tx: Transaction }> = [];
  for (let i = 0; i < POOL; i++) {
    const session = db.driver.session({ database: 'neo4j' });
    const tx = await session.beginTransaction();
    await tx.run('RETURN 1');
    held.push({ session, tx });
  }
  return {
    async release() {
      for (const h of held) {
        await h.tx.rollback();
        await h.session.close();
      }
    },
  };
}

describe('with every pooled connection busy', () => {
  it('/readyz answers 200 quickly, on its own connection', async () => {
    const pool = await holdPool();
    try {
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
        expect(res.status).toBe(200);
        expect(performance.now() - started).toBeLessThan(500);
      }
    } finally {
      await pool.release();
    }
  });

  it('a request that cannot get a connection is told the service is busy, and the API does not treat Neo4j as gone', async () => {
    const pool = await holdPool();
    let busy: Response;
    try {
      busy = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ technologies(first: 1) { nodes { id } } }' }),
      });
      expect(db.available).toBe(true);
    } finally {
      await pool.release();
    }
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    const body = (await busy.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors[0].message).toMatch(/busy/);
    // Freed, the very next request goes through: no fail-fast state to wait out.
    const next = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ technologies(first: 1) { nodes { id } } }' }),
    });
    expect(next.status).toBe(200);
  });
});
