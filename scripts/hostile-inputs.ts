// Counts how the API and the import answer hostile input (tests/helpers/hostile.ts), for before/after figures:
//   TG_NEO4J_CACHE=... npx tsx scripts/hostile-inputs.ts [cases per class, default 200]
// Starts its own embedded Neo4j in a temporary folder and the API on a loopback port, loads the seeds, sends a
// fixed-seed sample of each class, prints one line per class, and stops both. Nothing outside loopback.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/db/driver.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrations.js';
import { readCsvFolder, writeCsvFolder } from '../src/import/csv.js';
import { importDocument } from '../src/import/index.js';
import { readDefaultGraph } from '../src/import/seeds.js';
import { newKey } from '../src/server/auth.js';
import { createLogger } from '../src/server/log.js';
import {
  baseDocument,
  formulaName,
  hostileUrl,
  PROTO_KEYS,
  protoCaseArb,
  protoDataDocument,
  setOwn,
} from '../tests/helpers/hostile.js';

const N = Number(process.argv[2] ?? 200);
const SEED = 20;
const dir = mkdtempSync(join(tmpdir(), 'tg-hostile-'));
const neo = await startEmbeddedNeo4j({
  dataDir: dir,
  boltPort: 0,
  heap: '512m',
  pageCache: '128m',
  txTimeoutSeconds: 60,
});
const db = new Database({
  uri: neo.uri,
  user: neo.user,
  password: neo.password,
  database: 'neo4j',
  txTimeoutSeconds: 60,
});
const editor = newKey('editor');
let app: Awaited<ReturnType<typeof startApp>> | undefined;

interface Tally {
  cases: number;
  internal: number;
  refusedWithPath: number;
  refusedNoPath: number;
  accepted: number;
  changedOnRefusal: number;
}
const tallies = new Map<string, Tally>();
const tally = (name: string) => {
  let t = tallies.get(name);
  if (!t)
    tallies.set(
      name,
      (t = { cases: 0, internal: 0, refusedWithPath: 0, refusedNoPath: 0, accepted: 0, changedOnRefusal: 0 }),
    );
  return t;
};
const count = async () => (await db.read('MATCH (n) RETURN count(n) AS n'))[0].n as number;
let seq = 0;
const tag = () => `m${SEED}-${++seq}`;

async function mutation(name: string, query: string, variables: Record<string, unknown>, field: string): Promise<void> {
  const t = tally(name);
  t.cases += 1;
  const before = await count();
  const res = await fetch(`${app!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editor.key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as any;
  if (res.status >= 500 || (body.errors ?? []).some((e: any) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
    t.internal += 1;
    return;
  }
  const payload = body.data?.[field];
  const errors = payload?.userErrors ?? body.errors ?? [];
  if (!payload || errors.length || payload.ok === false) {
    if (errors.length && errors.every((e: any) => (Array.isArray(e.field) ? e.field.length > 0 : true)))
      t.refusedWithPath += 1;
    else t.refusedNoPath += 1;
    if ((await count()) !== before) t.changedOnRefusal += 1;
  } else t.accepted += 1;
}

const IMPORT = 'mutation($d: JSON!) { importGraph(document: $d) { ok userErrors { field code message } } }';
const CREATE_SOURCE =
  'mutation($i: CreateSourceInput!) { createSource(input: $i) { source { id } userErrors { field code message } } }';
const UPDATE_SOURCE =
  'mutation($i: UpdateSourceInput!) { updateSource(input: $i) { source { id } userErrors { field code message } } }';
const CREATE_TECH =
  'mutation($i: CreateTechnologyInput!) { createTechnology(input: $i) { technology { id name } userErrors { field code message } } }';

try {
  await migrate(db);
  const seeded = await importDocument(db, readDefaultGraph());
  if (!seeded.ok) throw new Error('seeds refused');
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    TG_SEED_ON_START: 'false',
    TG_ALLOW_WRITES: 'false',
    TG_API_KEYS: JSON.stringify([editor.record]),
  });
  app = await startApp(db, config, createLogger('silent'));
  const started = performance.now();

  for (const c of fc.sample(protoCaseArb(tag), { numRuns: N, seed: SEED }))
    await mutation('importGraph: prototype key at any depth', IMPORT, { d: c.doc }, 'importGraph');
  for (const key of PROTO_KEYS)
    await mutation('importGraph: prototype names as data', IMPORT, { d: protoDataDocument(tag(), key) }, 'importGraph');
  const urls = fc.sample(hostileUrl, { numRuns: N, seed: SEED });
  for (const url of urls) {
    const doc = baseDocument(tag());
    doc.sources[0].url = url;
    await mutation('importGraph: hostile Source.url', IMPORT, { d: doc }, 'importGraph');
    await mutation(
      'createSource: hostile url',
      CREATE_SOURCE,
      { i: { id: `source:u-${tag()}`, title: 't', kind: 'NEWS', url, provenance: 'ILLUSTRATIVE' } },
      'createSource',
    );
    await mutation('updateSource: hostile url', UPDATE_SOURCE, { i: { id: 'source:wikidata', url } }, 'updateSource');
  }
  for (const name of fc.sample(formulaName, { numRuns: N, seed: SEED })) {
    await mutation(
      'createTechnology: formula-leading name',
      CREATE_TECH,
      { i: { id: `tech:f-${tag()}`, name, kind: 'OTHER', provenance: 'ILLUSTRATIVE' } },
      'createTechnology',
    );
  }

  // The CLI's path: a CSV folder read by readCsvFolder, then importDocument (in process, no HTTP).
  for (const key of PROTO_KEYS) {
    const t = tally('CSV import: prototype key as a column');
    t.cases += 1;
    const csvDir = join(dir, `csv-${tag()}`);
    mkdirSync(csvDir);
    const doc = baseDocument(tag());
    setOwn(doc.technologies[0], key, 'x');
    writeCsvFolder(doc as never, csvDir);
    // writeCsvFolder writes only model columns; add the hostile one by hand.
    const techs = join(csvDir, 'technologies.csv');
    writeFileSync(
      techs,
      `id,name,kind,provenance,sources,${key}\n${doc.technologies[0].id},T,OTHER,ASSESSED,${doc.sources[0].id},x\n`,
    );
    const before = await count();
    try {
      const r = await importDocument(db, readCsvFolder(csvDir));
      if (r.ok) t.accepted += 1;
      else if (r.problems.some((p) => p.path.endsWith(key))) t.refusedWithPath += 1;
      else t.refusedNoPath += 1;
      if (!r.ok && (await count()) !== before) t.changedOnRefusal += 1;
    } catch {
      t.internal += 1;
    }
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`hostile inputs, seed ${SEED}, ${N} per generated class, ${seconds} s`);
  console.log(
    [
      'class'.padEnd(44),
      'cases',
      '500/internal',
      'refused+path',
      'refused-path',
      'accepted',
      'written on refusal',
    ].join(' | '),
  );
  for (const [name, t] of tallies) {
    console.log(
      [name.padEnd(44), t.cases, t.internal, t.refusedWithPath, t.refusedNoPath, t.accepted, t.changedOnRefusal]
        .map(String)
        .join(' | '),
    );
  }
  const total = [...tallies.values()].reduce((s, t) => s + t.internal, 0);
  console.log(`total 500/internal: ${total} of ${[...tallies.values()].reduce((s, t) => s + t.cases, 0)}`);
} finally {
  await app?.stop();
  await db.close();
  await neo.stop();
  rmSync(dir, { recursive: true, force: true });
}
