// Measures what a forged x-neo4j-bookmark costs (issue 20, finding 2), on loopback only:
//  - one forged request: its latency and answer, and the embedded Neo4j JVM's CPU time it caused
//    (utime + stime of /proc/<pid>/stat);
//  - N concurrent forged requests (default 20) while a normal read runs every 100 ms: the normal read's latency.
// The forged token is built the way the API's tokens used to be built (base64url of the JSON list of Neo4j
// bookmarks) from a real bookmark with its transaction id moved a few ahead, so it names a transaction the
// database has not reached. With --signed, the same ahead-of-time bookmark is also sent in a token signed with
// the server's secret (what a genuine token looks like after a database restore), to time the no-retry path.
// Starts its own embedded Neo4j and API in a temporary folder and stops both at the end.
//   npx tsx scripts/measure-forged-bookmarks.ts [--concurrent 20] [--signed]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { BOOKMARK_HEADER } from '../src/db/bookmarks.js';
import { Database } from '../src/db/driver.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { createLogger } from '../src/server/log.js';
import { forgeAhead, unsignedToken } from '../tests/helpers/bookmarks.js';

const args = process.argv.slice(2);
const concurrent = Number(args[args.indexOf('--concurrent') + 1]) || 20;
const signed = args.includes('--signed');
const SECRET = 'measure-forged-bookmarks-secret-0123456789abcdef';

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const oldStyleToken = unsignedToken;

const dataDir = mkdtempSync(join(tmpdir(), 'forged-bookmarks-'));
const neo = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap: '512m', pageCache: '128m', txTimeoutSeconds: 60 });
const db = new Database({
  uri: neo.uri,
  user: neo.user,
  password: neo.password,
  database: 'neo4j',
  txTimeoutSeconds: 60,
});
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  TG_DATA_DIR: dataDir,
  TG_SEED_ON_START: 'true',
  TG_BOOKMARK_SECRET: SECRET,
});
const app = await startApp(db, config, createLogger('silent'));

async function read(headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ technologies(first: 5) { nodes { id name } } }' }),
  });
  const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { ms: performance.now() - started, status: res.status, code: body.errors?.[0]?.extensions?.code ?? 'ok' };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

try {
  // A real bookmark, straight from the driver, with its transaction id moved ahead.
  const session = db.driver.session({ database: 'neo4j' });
  await session.executeWrite((tx) => tx.run('MERGE (p:MeasureProbe {id: 1}) DELETE p'));
  const real = session.lastBookmarks()[0];
  await session.close();
  const forged = oldStyleToken([forgeAhead(real, 3)]);

  for (let i = 0; i < 5; i++) await read(); // warm up
  const baseline: number[] = [];
  for (let i = 0; i < 20; i++) baseline.push((await read()).ms);
  console.log(`normal read, alone: median ${round(median(baseline))} ms, max ${round(Math.max(...baseline))} ms`);

  const settle = () => new Promise((r) => setTimeout(r, 1000));
  await settle();
  let cpu0 = cpuSeconds(neo.pid);
  const one = await read({ [BOOKMARK_HEADER]: forged });
  await settle();
  console.log(
    `one forged request: ${round(one.ms)} ms, HTTP ${one.status} ${one.code}; Neo4j CPU ${round(cpuSeconds(neo.pid) - cpu0)} s (to 1 s after the answer)`,
  );

  if (signed) {
    const { bookmarkCodec } = (await import('../src/db/bookmarks.js')) as unknown as {
      bookmarkCodec(secrets: string[]): { encode(b: string[]): string };
    };
    const token = bookmarkCodec([SECRET]).encode([forgeAhead(real, 3)]);
    cpu0 = cpuSeconds(neo.pid);
    const r = await read({ [BOOKMARK_HEADER]: token });
    await settle();
    console.log(
      `one signed token naming a transaction not reached: ${round(r.ms)} ms, HTTP ${r.status} ${r.code}; Neo4j CPU ${round(cpuSeconds(neo.pid) - cpu0)} s`,
    );
  }

  // N forged requests at once, and a normal read every 100 ms until they are all answered.
  cpu0 = cpuSeconds(neo.pid);
  const started = performance.now();
  const flood = Promise.all(Array.from({ length: concurrent }, () => read({ [BOOKMARK_HEADER]: forged })));
  let done = false;
  void flood.then(() => {
    done = true;
  });
  const during: Array<{ ms: number; code: string }> = [];
  do {
    during.push(await read());
    await new Promise((r) => setTimeout(r, 100));
  } while (!done);
  const answers = await flood;
  const codes = new Map<string, number>();
  for (const a of answers) codes.set(`${a.status} ${a.code}`, (codes.get(`${a.status} ${a.code}`) ?? 0) + 1);
  const failed = during.filter((d) => d.code !== 'ok').length;
  console.log(
    `${concurrent} concurrent forged requests: all answered in ${round((performance.now() - started) / 1000)} s (${[...codes].map(([k, v]) => `${v} × ${k}`).join(', ')}); Neo4j CPU ${round(cpuSeconds(neo.pid) - cpu0)} s`,
  );
  console.log(
    `normal reads meanwhile: ${during.length}, median ${round(median(during.map((d) => d.ms)))} ms, max ${round(Math.max(...during.map((d) => d.ms)))} ms, ${failed} failed`,
  );
} finally {
  await app.stop();
  await db.close();
  await neo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
