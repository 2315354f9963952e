// Measures the dependency walks on the adversarial layered graph of issue 20 (tests/analysis/arbitraries.ts
// `layeredGraph`): import time per width, and per width the latency and Neo4j CPU of exposure, the gap lists and
// a cycle-closing addDependency. Starts its own embedded Neo4j in a temporary folder and the API on loopback.
// Usage: npx tsx scripts/walks.ts [widths, default 2,5,6,8] [give-up seconds per step, default 120]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/db/driver.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrations.js';
import { importDocument } from '../src/import/index.js';
import { createLogger } from '../src/server/log.js';
import { layeredGraph } from '../tests/analysis/arbitraries.js';

const widths = (process.argv[2] ?? '2,5,6,8').split(',').map(Number);
const giveUp = Number(process.argv[3] ?? 120);
const TICK = 100; // USER_HZ

/** CPU seconds (user + system) a process has used so far. */
function cpu(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK;
}

async function timed<T>(pid: number, work: () => Promise<T>) {
  const c0 = cpu(pid);
  const t0 = performance.now();
  const value = await work().catch((e: Error) => e);
  return { value, ms: Math.round(performance.now() - t0), cpu: +(cpu(pid) - c0).toFixed(2) };
}

const dir = mkdtempSync(join(tmpdir(), 'walks-'));
const neo = await startEmbeddedNeo4j({
  dataDir: dir,
  boltPort: 0,
  heap: '768m',
  pageCache: '256m',
  txTimeoutSeconds: giveUp,
});
const db = new Database({
  uri: neo.uri,
  user: neo.user,
  password: neo.password,
  database: 'neo4j',
  txTimeoutSeconds: giveUp,
});
const config = loadConfig({
  ...process.env,
  PORT: '0',
  TG_SEED_ON_START: 'false',
  TG_ALLOW_WRITES: 'true',
  TG_REQUEST_TIMEOUT_MS: String(giveUp * 1000),
});
const app = await startApp(db, config, createLogger('silent'));
const gql = async (query: string) => {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const brief = (v: unknown) =>
  v instanceof Error ? `error: ${v.message.slice(0, 120)}` : JSON.stringify(v).slice(0, 160);

try {
  await migrate(db);
  for (const w of widths) {
    await db.write('MATCH (n) DETACH DELETE n');
    const doc = layeredGraph(w);
    const imp = await timed(neo.pid, async () => {
      const r = await importDocument(db, doc);
      return r.ok ? `ok, ${r.counts.nodes} nodes, ${r.counts.relationships} relationships` : r.problems[0].message;
    });
    console.log(`width ${w}: import ${imp.ms} ms, Neo4j CPU ${imp.cpu} s: ${brief(imp.value)}`);
    if (imp.value instanceof Error) continue;
    const questions: Record<string, string> = {
      exposure:
        '{ exposure(organization: "org:user", first: 100) { totalCount depthLimitReached nodes { hops path { id } } } }',
      valueChainGaps:
        '{ valueChainGaps(sector: "sector:layered", first: 100) { totalCount nodes { downstreamCount } } }',
      chokepointRanking: '{ chokepointRanking(first: 100) { totalCount nodes { downstreamCount } } }',
      cycleClosing: `mutation { addDependency(input: { technology: "tech:l10-0", dependsOn: "tech:l00-0", provenance: ILLUSTRATIVE }) { userErrors { code message } } }`,
    };
    for (const [name, q] of Object.entries(questions))
      for (const run of ['cold', 'warm']) {
        if (name === 'cycleClosing' && run === 'warm') continue;
        const r = await timed(neo.pid, () => gql(q));
        const v =
          r.value instanceof Error
            ? r.value
            : r.value.body.errors
              ? { status: r.value.status, errors: r.value.body.errors.map((e: any) => e.message) }
              : {
                  cost: r.value.body.extensions?.cost,
                  answer:
                    name === 'cycleClosing'
                      ? r.value.body.data.addDependency.userErrors[0]?.message
                      : name === 'exposure'
                        ? {
                            total: r.value.body.data.exposure.totalCount,
                            maxHops: Math.max(...r.value.body.data.exposure.nodes.map((n: any) => n.hops)),
                          }
                        : r.value.body.data[name].totalCount,
                };
        console.log(`  ${name} (${run}): ${r.ms} ms, Neo4j CPU ${r.cpu} s: ${brief(v)}`);
      }
  }
} finally {
  await app.stop();
  await db.close();
  await neo.stop();
  rmSync(dir, { recursive: true, force: true });
}
