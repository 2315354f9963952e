// Neo4j goes away under a running API and comes back: requests fail fast with SERVICE_UNAVAILABLE (503),
// /readyz turns 503, nothing is half written, and the API recovers by itself, without a restart.
// Uses its own embedded Neo4j (fixed Bolt port, same store and password across the restart).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/driver.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedOptions } from '../../src/db/embedded.js';
import { exportDocument } from '../../src/import/export.js';
import { createLogger } from '../../src/server/log.js';
import { resetGraph } from '../helpers/app.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'techgraph-outage-'));
let opts: EmbeddedOptions;
let neo: EmbeddedNeo4j | undefined;
let db: Database;
let app: App;

beforeAll(async () => {
  opts = {
    dataDir: dir,
    boltPort: await freePort(),
    heap: '256m',
    pageCache: '64m',
    txTimeoutSeconds: 60,
    password: randomBytes(12).toString('base64url'),
  };
  neo = await startEmbeddedNeo4j(opts);
  db = new Database({ uri: neo.uri, user: neo.user, password: neo.password, database: 'neo4j', txTimeoutSeconds: 60 });
  await db.waitUntilReady();
  await resetGraph(db);
  app = await startApp(
    db,
    loadConfig({ ...process.env, PORT: '0', TG_SEED_ON_START: 'false', TG_ALLOW_WRITES: 'true' }),
    createLogger('silent'),
  );
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await db?.close();
  await neo?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

/** Every request here gives up after 15 s: a hang fails the test instead of stalling it. */
async function post(query: string) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

const readyz = async () => (await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(15_000) })).status;
const QUERY = '{ technologies(first: 3) { totalCount nodes { id name } } }';

describe('when Neo4j goes away and comes back', () => {
  it('fails fast with SERVICE_UNAVAILABLE, reports not ready, writes nothing, and recovers without a restart', async () => {
    const before = await post(QUERY);
    expect(before.body.errors).toBeUndefined();
    expect(await readyz()).toBe(200);
    const graph = await exportDocument(db);

    await neo!.stop();
    neo = undefined;

    const down = await post(QUERY);
    expect(down.status).toBe(503);
    expect(down.retryAfter).toBe('5');
    expect(down.body.data).toBeNull();
    expect(down.body.errors[0].extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      requestId: expect.any(String),
    });
    expect(down.body.errors[0].message).toBe('The database is not reachable right now; try again shortly.');
    // Further calls do not even try until the database answers again.
    const again = await post('{ node(id: "tech:advanced-packaging-interposer") { id } }');
    expect(again.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    const write = await post(
      'mutation { createSector(input: { id: "sector:during-outage", name: "X", provenance: ILLUSTRATIVE }) { sector { id } } }',
    );
    expect(write.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(await readyz()).toBe(503);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^techgraph_db_up 0$/m);
    expect(metrics).toMatch(/^techgraph_graphql_errors_total\{code="SERVICE_UNAVAILABLE"\} [1-9]/m);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200); // the process itself is fine

    neo = await startEmbeddedNeo4j(opts); // same port, store and password
    const deadline = Date.now() + 60_000;
    while ((await readyz()) !== 200) {
      if (Date.now() > deadline) throw new Error('the API did not become ready again within 60 s of Neo4j being back');
      await new Promise((r) => setTimeout(r, 250));
    }
    const after = await post(QUERY);
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual(before.body.data);
    expect(await exportDocument(db)).toEqual(graph); // the refused write left nothing behind
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(/^techgraph_db_up 1$/m);
  }, 300_000);
});
