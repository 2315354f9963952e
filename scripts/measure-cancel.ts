// Measures what a request timeout and a saturated pool do (issue 20, findings 6 and 7), on its own embedded Neo4j:
//  1. an importGraph that waits on a lock past TG_REQUEST_TIMEOUT_MS: its status, whether its transaction is
//     still running after the answer, and how many of its technologies the graph holds once the lock is freed;
//  2. /readyz while every connection of the API's pool is held: how many probes answer 503, and how long they take;
//  3. whether one pool-acquisition timeout puts the API into its "Neo4j unreachable, fail fast" state.
// Loopback only; bounded in time. Run: TG_NEO4J_CACHE=... npx tsx scripts/measure-cancel.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/db/driver.js';
import { migrate } from '../src/db/migrations.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { importDocument } from '../src/import/index.js';
import { readDefaultGraph } from '../src/import/seeds.js';
import { createLogger } from '../src/server/log.js';

// The pool size: 50 (the driver's size before TG_DB_POOL_SIZE existed) unless MEASURE_POOL says otherwise.
const POOL = Number(process.env.MEASURE_POOL ?? 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'techgraph-measure-'));
const neo = await startEmbeddedNeo4j({
  dataDir: dir,
  boltPort: 0,
  heap: '512m',
  pageCache: '64m',
  txTimeoutSeconds: 60,
});
const env = {
  ...process.env,
  PORT: '0',
  TG_SEED_ON_START: 'false',
  TG_ALLOW_WRITES: 'true',
  TG_REQUEST_TIMEOUT_MS: '1000',
  TG_DB_ACQUIRE_TIMEOUT_MS: '1500',
  TG_DB_POOL_SIZE: String(POOL),
};
const config = loadConfig(env);
// The service's own wiring where it exists (connect.ts passes config.db through after the fix); the same numbers here.
const db = new Database({
  uri: neo.uri,
  user: neo.user,
  password: neo.password,
  database: 'neo4j',
  txTimeoutSeconds: 60,
  acquisitionTimeoutMs: config.db.acquisitionTimeoutMs,
  ...({ maxPoolSize: POOL } as object),
});
try {
  await db.waitUntilReady();
  await migrate(db);
  const seeded = await importDocument(db, readDefaultGraph());
  if (!seeded.ok) throw new Error('seeds invalid');
  const app = await startApp(db, config, createLogger('silent'));
  const gql = async (query: string, variables?: unknown) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  // 1. The import answered 503: did it commit?
  const blocker = db.driver.session({ database: 'neo4j' });
  const tx = await blocker.beginTransaction();
  await tx.run("MATCH (o:Organization {id: 'org:samsung-electronics'}) SET o.lockedBy = 'measure'");
  const technologies = Array.from({ length: 44 }, (_, i) => ({
    id: `tech:measure-${i}`,
    name: `Measure ${i}`,
    kind: 'OTHER',
    provenance: 'ILLUSTRATIVE',
    sources: [],
  }));
  const organizations = [
    {
      id: 'org:samsung-electronics',
      name: 'Samsung Electronics',
      type: 'COMPANY',
      country: 'KR',
      provenance: 'ILLUSTRATIVE',
      sources: [],
    },
  ];
  const t0 = performance.now();
  const imp = await gql('mutation($d: JSON!) { importGraph(document: $d) { ok nodes userErrors { message } } }', {
    d: { technologies, organizations },
  });
  const answeredMs = Math.round(performance.now() - t0);
  await sleep(200);
  const running = await db.read(
    "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'UNWIND $rows' AND NOT currentQuery CONTAINS 'SHOW' RETURN count(*) AS n",
  );
  await sleep(2000);
  await tx.rollback();
  await blocker.close();
  await sleep(1500);
  const [{ n: committed }] = await db.read(
    "MATCH (t:Technology) WHERE t.id STARTS WITH 'tech:measure-' RETURN count(t) AS n",
  );
  console.log(
    `import past the timeout: HTTP ${imp.status} (${imp.body.errors?.[0]?.extensions?.code ?? JSON.stringify(imp.body.data)}) after ${answeredMs} ms; ` +
      `its transaction still running 200 ms later: ${running[0].n}; technologies committed once the lock was freed: ${committed} of 44`,
  );

  // 2. /readyz with every pooled connection held.
  const held: Array<{ close(): Promise<void> }> = [];
  const holders = [];
  for (let i = 0; i < POOL; i++) {
    // one at a time: opening them all at once outlasts the acquisition timeout
    const s = db.driver.session({ database: 'neo4j' });
    const t = await s.beginTransaction();
    await t.run('RETURN 1');
    held.push(s);
    holders.push(t);
  }
  let unready = 0;
  let slowest = 0;
  const probes = 19;
  for (let i = 0; i < probes; i++) {
    const s = performance.now();
    const r = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
    slowest = Math.max(slowest, performance.now() - s);
    if (r.status !== 200) unready += 1;
  }
  console.log(
    `/readyz with the pool held: ${unready} of ${probes} probes answered 503; slowest ${Math.round(slowest)} ms`,
  );

  // 3. One acquisition timeout (the pool is still held): does the API then treat Neo4j as unreachable?
  const busy = await db.read('RETURN 1').then(
    () => 'ok',
    (e: Error) => e.message.slice(0, 60),
  );
  const availableAfter = db.available;
  for (const t of holders) await t.rollback();
  for (const s of held) await s.close();
  const next = await gql('{ technologies(first: 1) { nodes { id } } }');
  console.log(
    `a database call with the pool held: ${busy}; ` +
      `API marked Neo4j unreachable: ${!availableAfter}; next request once freed: HTTP ${next.status} ${next.body.errors?.[0]?.extensions?.code ?? 'ok'}`,
  );
  await app.stop();
} finally {
  await db.close();
  await neo.stop();
  rmSync(dir, { recursive: true, force: true });
}
