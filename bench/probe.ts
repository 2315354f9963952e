// `npm run bench:probe`: where the time of one request goes, without load. For each workload, on a generated
// graph in a fresh embedded Neo4j: the API (Apollo in this process, as the server runs it) and the floor's
// statement, one request at a time, with wall time and this process's CPU time per request, then every
// statement the API sent for one request and the floor's statement under PROFILE (db hits, rows).
// It complements `npm run bench`, which measures throughput under load; this says what one request costs.
//
//   npm run bench:probe -- --size S --workloads nested,gaps --n 30 [--plans]
//   PROBE_API_ONLY=1 times the API alone (for a CPU profile of it: node --cpu-prof --import tsx bench/probe.ts)
//   --alloc: where the API's allocations per request come from (V8's sampling heap profiler, objects collected
//   since counted too), the functions allocating most, by bytes per request
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import neo4j from 'neo4j-driver';
import { buildSchema, execute, parse } from 'graphql';
import { loadConfig } from '../src/config.js';
import { Database, type Row } from '../src/db/driver.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrations.js';
import { importDocument } from '../src/import/index.js';
import { loadTypeDefs } from '../src/graph/index.js';
import { createApollo } from '../src/server/apollo.js';
import { createContext } from '../src/server/context.js';
import { createLogger } from '../src/server/log.js';
import { FLOOR, runFloor } from './floor.js';
import { generate, type Size } from './generate.js';
import { WORKLOADS, type WorkloadId } from './workloads.js';

const argv = process.argv.slice(2);
const val = (f: string) => {
  const i = argv.indexOf(`--${f}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const size = (val('size') ?? 'S').toUpperCase() as Size;
const n = Number(val('n') ?? 20);
const only = val('workloads')?.split(',') as WorkloadId[] | undefined;

/** Records every statement sent through a Database. */
function recording(db: Database): Array<{ cypher: string; params: Row }> {
  const sent: Array<{ cypher: string; params: Row }> = [];
  const read = db.read.bind(db);
  db.read = (cypher, params = {}, stats) => {
    if (stats) sent.push({ cypher, params });
    return read(cypher, params, stats);
  };
  return sent;
}

interface Plan {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: Record<string, unknown>;
  children: Plan[];
}

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
  for (const op of topOperators(plan)
    .sort((a, b) => b.dbHits - a.dbHits)
    .slice(0, 8)) {
    const details = String(op.arguments.Details ?? '')
      .replace(/\s+/g, ' ')
      .slice(0, 110);
    console.log(
      `      ${String(op.dbHits).padStart(9)}  ${op.operatorType.padEnd(28)} rows ${String(op.rows).padStart(7)}  ${details}`,
    );
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

interface SampleNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SampleNode[];
}

/** With --alloc: bytes allocated per request by function (self), from `n` runs of `fn` under the sampling heap profiler. */
async function allocations(fn: () => Promise<unknown>): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < n; i++) await fn();
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SampleNode } };
  session.disconnect();
  const bytes = new Map<string, number>();
  const walk = (node: SampleNode) => {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/[^/]+\//, '')}:${f.lineNumber + 1}`;
    bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
    node.children.forEach(walk);
  };
  walk(profile.head);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  console.log(`  allocations: ${(total / n / 1024).toFixed(0)} KiB/request (sampled); by function:`);
  for (const [key, b] of [...bytes].sort((x, y) => y[1] - x[1]).slice(0, 25)) {
    console.log(`    ${(b / n / 1024).toFixed(1).padStart(8)} KiB  ${key}`);
  }
}

/** The schema without resolvers: graphql-js's default resolvers read the fields of the values as they are. */
const bareSchema = buildSchema(loadTypeDefs());

const dataDir = mkdtempSync(join(tmpdir(), 'techgraph-probe-'));
const neo = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap: '1g', pageCache: '512m', txTimeoutSeconds: 0 });
const db = new Database({
  uri: neo.uri,
  user: neo.user,
  password: neo.password,
  database: 'neo4j',
  txTimeoutSeconds: 0,
});
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
      dbMillis += contextValue.db.stats.millis;
      if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error(JSON.stringify(res.body));
      return JSON.stringify(res.body.singleResult);
    };
    const floor = async () => JSON.stringify({ data: await runFloor(driver, 'neo4j', w.id, variables) });
    sent.length = 0;
    await api();
    const statements = [...sent];
    // The API's statements alone, sent one after the other as the API sends them: the rest of its time is GraphQL.
    const replay = async () => {
      for (const s of statements) await db.read(s.cypher, s.params);
    };
    dbMillis = 0;
    const a = await timed(api);
    console.log(`  (api: ${(dbMillis / (n + 1)).toFixed(1)} ms/request in its database calls)`);
    if (process.env.PROBE_API_ONLY) continue;
    const r = await timed(replay);
    const f = await timed(floor);
    // The API with its statements' rows served from memory, in the order it asked for them: what the API spends
    // besides the database and the driver.
    const answers = await Promise.all(statements.map((s) => db.read(s.cypher, s.params)));
    const read = db.read;
    let next = 0;
    db.read = async () => answers[next++ % answers.length];
    const m = await timed(api);
    db.read = read;
    // graphql-js alone: the same query executed over the floor's answer, already in the shape of the result, with
    // graphql-js's default resolvers and no database, then serialised. No GraphQL server can spend less on it.
    const answer = await runFloor(driver, 'neo4j', w.id, variables);
    const document = parse(w.query);
    const executed = () => execute({ schema: bareSchema, document, rootValue: answer, variableValues: variables });
    const bare = (executed() as { errors?: unknown[] }).errors
      ? null
      : await timed(async () => JSON.stringify(await executed()));
    // Serialising graphql-js's result (objects without a prototype, which V8 keeps as dictionaries) against the
    // same answer in ordinary objects.
    const result = await executed();
    const plain = JSON.parse(JSON.stringify(result)) as unknown;
    const [asResult, asPlain] = [
      await timed(async () => JSON.stringify(result)),
      await timed(async () => JSON.stringify(plain)),
    ];
    console.log(`\n${w.title}`);
    console.log(`  api         ${a.wallMs.toFixed(1).padStart(7)} ms/request, node CPU ${a.cpuMs.toFixed(1)} ms`);
    console.log(
      `  statements  ${r.wallMs.toFixed(1).padStart(7)} ms/request, node CPU ${r.cpuMs.toFixed(1)} ms (the API's statements alone)`,
    );
    console.log(
      `  floor       ${f.wallMs.toFixed(1).padStart(7)} ms/request, node CPU ${f.cpuMs.toFixed(1)} ms   (api/floor ${(a.wallMs / f.wallMs).toFixed(2)}×)`,
    );
    console.log(
      `  api, no db  ${m.wallMs.toFixed(1).padStart(7)} ms/request, node CPU ${m.cpuMs.toFixed(1)} ms (the API with the statements' rows from memory)`,
    );
    console.log(
      bare
        ? `  graphql-js  ${bare.wallMs.toFixed(1).padStart(7)} ms/request, node CPU ${bare.cpuMs.toFixed(1)} ms (executing the floor's answer, no database)`
        : "  graphql-js  n/a (the floor's answer does not execute with default resolvers)",
    );
    if (bare)
      console.log(
        `  serialise   ${asResult.cpuMs.toFixed(2).padStart(7)} ms the result as graphql-js builds it, ${asPlain.cpuMs.toFixed(2)} ms the same as plain objects`,
      );
    if (argv.includes('--alloc')) await allocations(api);
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
