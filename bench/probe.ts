// `npm run bench:probe`: where the time of one request goes, without load. For each workload, on a generated
// graph in a fresh embedded Neo4j: the API (Apollo in this process, as the server runs it) and the floor's
// statement, one request at a time, with wall time and this process's CPU time per request, then every
// statement the API sent for one request and the floor's statement under PROFILE (db hits, rows).
// It complements `npm run bench`, which measures throughput under load; this says what one request costs.
//
//   npm run bench:probe -- --size S --workloads nested,gaps --n 30 [--plans]
//   PROBE_API_ONLY=1 times the API alone (for a CPU profile of it: node --cpu-prof --import tsx bench/probe.ts)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { Database, type Row } from '../src/db/driver.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrations.js';
import { importDocument } from '../src/import/index.js';
import { createApollo } from '../src/server/apollo.js';
import { createContext } from '../src/server/context.js';
import { createLogger } from '../src/server/log.js';
import { FLOOR, runFloor } from './floor.js';
import { generate, type Size } from './generate.js';
import { WORKLOADS, type WorkloadId } from './workloads.js';

const argv = process.argv.slice(2);
const val = (f: string) => { const i = argv.indexOf(`--${f}`); return i >= 0 ? argv[i + 1] : undefined; };
const size = (val('size') ?? 'S').toUpperCase() as Size;
const n = Number(val('n') ?? 20);
const only = val('workloads')?.split(',') as WorkloadId[] | undefined;

/** Records every statement sent through a Database. */
function recording(db: Database): Array<{ cypher: string; params: Row }> {
  const sent: Array<{ cypher: string; params: Row }> = [];
  const read = db.read.bind(db);
  db.read = (cypher, params = {}, stats) => { if (stats) sent.push({ cypher, params }); return read(cypher, params, stats); };
  return sent;
}

interface Plan { operatorType: string; dbHits: number; rows: number; arguments: Record<string, unknown>; children: Plan[] }

function dbHits(plan: Plan): number {
  return plan.dbHits + plan.children.reduce((s, c) => s + dbHits(c), 0);
}

/** With --plans: the operators with the most db hits, to see which part of a statement costs. */
function topOperators(plan: Plan, out: Plan[] = []): Plan[] {
  out.push(plan);
  for (const c of plan.children) topOperators(c, out);
  return out;
}

function printPlan(label: string, plan: Plan, rows: number): void {
  console.log(`  ${label}: ${dbHits(plan)} db hits, ${rows} rows`);
  if (!argv.includes('--plans')) return;
  for (const op of topOperators(plan).sort((a, b) => b.dbHits - a.dbHits).slice(0, 8)) {
    const details = String(op.arguments.Details ?? '').replace(/\s+/g, ' ').slice(0, 110);
    console.log(`      ${String(op.dbHits).padStart(9)}  ${op.operatorType.padEnd(28)} rows ${String(op.rows).padStart(7)}  ${details}`);
  }
}

async function timed(fn: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number }> {
  await fn(); // warm
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: (performance.now() - t0) / n, cpuMs: (cpu.user + cpu.system) / 1000 / n };
}

const dataDir = mkdtempSync(join(tmpdir(), 'techgraph-probe-'));
const neo = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap: '1g', pageCache: '512m', txTimeoutSeconds: 0 });
const db = new Database({ uri: neo.uri, user: neo.user, password: neo.password, database: 'neo4j', txTimeoutSeconds: 0 });
const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password), { disableLosslessIntegers: true });
try {
  await migrate(db);
  const g = generate(size);
  const imported = await importDocument(db, g.doc);
  if (!imported.ok) throw new Error('import failed');
  await db.write('CALL db.awaitIndexes(300)');
  const config = loadConfig({ TG_MAX_COST: '50000' });
  const apollo = createApollo(createLogger('silent'), config);
  await apollo.start();
  const sent = recording(db);

  for (const w of WORKLOADS.filter((x) => !only || only.includes(x.id))) {
    const variables = w.variables(g.probes);
    let dbMillis = 0;
    const api = async () => {
      const contextValue = createContext(db, config, 'reader', 'probe');
      const res = await apollo.executeOperation({ query: w.query, variables }, { contextValue });
      dbMillis += contextValue.stats.millis;
      if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error(JSON.stringify(res.body));
      return JSON.stringify(res.body.singleResult);
    };
    const floor = async () => JSON.stringify({ data: await runFloor(driver, 'neo4j', w.id, variables) });
    sent.length = 0;
    await api();
    const statements = [...sent];
    // The API's statements alone, sent one after the other as the API sends them: the rest of its time is GraphQL.
    const replay = async () => { for (const s of statements) await db.read(s.cypher, s.params); };
    dbMillis = 0;
    const a = await timed(api);
    console.log(`  (api: ${(dbMillis / (n + 1)).toFixed(1)} ms/request in its database calls)`);
    if (process.env.PROBE_API_ONLY) continue;
    const r = await timed(replay);
    const f = await timed(floor);
    console.log(`\n${w.title}`);
    console.log(`  api         ${a.wallMs.toFixed(1).padStart(7)} ms/request, node CPU ${a.cpuMs.toFixed(1)} ms`);
    console.log(`  statements  ${r.wallMs.toFixed(1).padStart(7)} ms/request, node CPU ${r.cpuMs.toFixed(1)} ms (the API's statements alone)`);
    console.log(`  floor       ${f.wallMs.toFixed(1).padStart(7)} ms/request, node CPU ${f.cpuMs.toFixed(1)} ms   (api/floor ${(a.wallMs / f.wallMs).toFixed(2)}×)`);
    for (const [i, s] of statements.entries()) {
      const res = await driver.executeQuery(`PROFILE ${s.cypher}`, s.params, { database: 'neo4j' });
      printPlan(`api statement ${i + 1}`, res.summary.profile as unknown as Plan, res.records.length);
      if (argv.includes('--cypher')) console.log(s.cypher);
    }
    const fq = FLOOR[w.id];
    const res = await driver.executeQuery(`PROFILE ${fq.cypher}`, fq.params(variables), { database: 'neo4j' });
    printPlan('floor statement', res.summary.profile as unknown as Plan, res.records.length);
  }
  await apollo.stop();
} finally {
  await driver.close();
  await db.close();
  await neo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
