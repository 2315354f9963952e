// Runs the API's statement and the floor's under concurrency, measuring Neo4j's CPU per statement.
import { mkdtempSync, readFileSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/db/driver.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrations.js';
import { importDocument } from '../src/import/index.js';
import { createApollo } from '../src/server/apollo.js';
import { createContext } from '../src/server/context.js';
import { createLogger } from '../src/server/log.js';
import { FLOOR } from './floor.js';
import { generate } from './generate.js';
import { WORKLOADS } from './workloads.js';
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const size = (process.argv[3] ?? 'S') as 'S' | 'M';
const dataDir = mkdtempSync(join(tmpdir(), 'tg-'));
const neo = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap: size === 'M' ? '3g' : '1g', pageCache: '512m', txTimeoutSeconds: 0 });
const db = new Database({ uri: neo.uri, user: neo.user, password: neo.password, database: 'neo4j', txTimeoutSeconds: 0 });
await migrate(db); const g = generate(size); await importDocument(db, g.doc); await db.write('CALL db.awaitIndexes(300)');
const sent: any[] = []; const read = db.read.bind(db);
db.read = (c, p = {}, s) => { sent.push({ c, p }); return read(c, p, s); };
const config = loadConfig({ TG_MAX_COST: '50000' });
const apollo = createApollo(createLogger('silent'), config); await apollo.start();
const w = WORKLOADS.find((x) => x.id === (process.argv[2] ?? 'nested'))!;
await apollo.executeOperation({ query: w.query, variables: w.variables(g.probes) }, { contextValue: createContext(db, config, 'reader', 'p') });
const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password), { disableLosslessIntegers: true, maxConnectionPoolSize: 50 });
const V: Record<string, [string, any]> = { api: [sent[0].c, sent[0].p], floor: [FLOOR[w.id].cypher, FLOOR[w.id].params(w.variables(g.probes))] };
process.argv.slice(4).forEach((f, i) => { V[`alt${i + 1}`] = [readFileSync(f, 'utf8'), sent[0].p]; });
if (process.env.SHOW) console.log(sent[0].c);
const secs = Number(process.env.SECS ?? 6);
async function loadFor(c: string, p: any, s: number) {
  let n = 0; const end = Date.now() + s * 1000;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (Date.now() < end) { const ss = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ }); try { await ss.executeRead((tx) => tx.run(c, p)); } finally { await ss.close(); } n++; }
  }));
  return n;
}
for (const [, [c, p]] of Object.entries(V)) await loadFor(c, p, 3);
const acc: Record<string, [number, number]> = {};
const names = Object.keys(V);
for (const order of [names, [...names].reverse(), names, [...names].reverse()]) for (const name of order) {
  const c0 = cpu(neo.pid); const n = await loadFor(V[name][0], V[name][1], secs / 2);
  const a = (acc[name] ??= [0, 0]); a[0] += cpu(neo.pid) - c0; a[1] += n;
}
for (const [name, [c, n]] of Object.entries(acc)) console.log(name.padEnd(6), 'per s', (n / (secs * 2)).toFixed(1), 'neo4j cpu/stmt', (c / n).toFixed(2));
await apollo.stop(); await driver.close(); await db.close(); await neo.stop();
