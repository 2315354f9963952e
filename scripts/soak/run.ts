// The soak: minutes of bounded, mixed loopback load on a real API and a real Neo4j, with faults (the JVM frozen
// by SIGSTOP, clients that vanish mid-body, mid-flight and mid-response, forged keys, bookmarks, Host and Origin
// headers, oversized bodies), then checks that the service came out whole: healthy, no unexplained errors,
// every write all-or-nothing and as its answer said, the seeded graph unchanged, DEPENDS_ON acyclic, no
// transaction left open, memory flat.
//
// What counts as expected: no request may end in an internal error (HTTP 500, or INTERNAL_SERVER_ERROR in a
// body), ever, frozen JVM or not. A request that overlaps a freeze (or starts within FREEZE_GRACE_MS after
// one) may fail with a clear 503 (SERVICE_UNAVAILABLE, or TIMEOUT once TG_REQUEST_TIMEOUT_MS passes) and
// /readyz may say 503; outside freezes every kind has its one expected outcome (ALLOWED). Forged and hostile
// requests must be refused with a 4xx before any database work, so within HOSTILE_MAX_MS even while frozen.
// A write that answered ok must be there, one that was refused, timed out or never fully sent must not be;
// one whose answer was lost (an abort, an unreachable database) may be either, but never half.
//
//   npm run soak                      10 minutes on its own embedded Neo4j in a temporary store
//   npm run soak -- --duration 120    (or SOAK_SECONDS=120); --rps, --concurrency, --freeze-every, --seed
//
// tests/soak/soak-quick.test.ts runs a shorter one in the suite, on the suite's Neo4j.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../../src/config.js';
import { Database } from '../../src/db/driver.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrations.js';
import { importDocument as importGraph } from '../../src/import/index.js';
import { readDefaultGraph } from '../../src/import/seeds.js';
import { newKey } from '../../src/server/auth.js';
import {
  Client,
  CREATE_MUTATION,
  CYCLE_MUTATION,
  DELETE_MUTATION,
  IMPORT_MUTATION,
  IMPORT_NODES,
  IMPORT_RELATIONSHIPS,
  UPDATE_MUTATION,
  bookmarkAhead,
  importDocument,
  prng,
  readOperations,
  unsignedToken,
  type AbortMode,
  type Outcome,
  type Sent,
} from './traffic.js';
import { rssMb } from '../../bench/proc.js';

export interface SoakOptions {
  durationSeconds: number;
  /** Requests started per second, at most (a tick that finds `concurrency` requests in flight is skipped). */
  rps: number;
  concurrency: number;
  /** A freeze of the JVM starts every this many seconds (0: none); each lasts the next of `freezeSeconds`. */
  freezeEverySeconds: number;
  freezeSeconds: number[];
  /** The API's TG_REQUEST_TIMEOUT_MS: shorter than the longest freeze, so some requests time out during one. */
  requestTimeoutMs: number;
  /** The client gives up on a request after this long (a "hang"). */
  clientTimeoutMs: number;
  seed: number;
  /** Use this Neo4j (its JVM's pid, if known, is what gets frozen); default: start an embedded one. */
  neo4j?: { uri: string; user: string; password?: string; database: string; pid?: number };
  log: (line: string) => void;
}

export function defaultOptions(durationSeconds: number): SoakOptions {
  return {
    durationSeconds,
    rps: 20,
    concurrency: 8,
    freezeEverySeconds: durationSeconds >= 300 ? 30 : 14,
    freezeSeconds: [3, 10, 2, 5],
    requestTimeoutMs: 8000,
    clientTimeoutMs: 20_000,
    seed: 20,
    log: (line) =>
      process.stderr.write(`[soak ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`),
  };
}

/** Every check the soak makes, in the order it reports them. */
export const INVARIANTS = [
  'healthy at the end',
  'no internal errors',
  'every request ended as its kind allows',
  'forged and hostile requests refused at once',
  'no 500 and no error logged by the server',
  'every write all or nothing',
  'every write as its answer said',
  'seeded graph intact',
  'DEPENDS_ON acyclic',
  'no transaction left open',
  'memory bounded',
] as const;
export type InvariantName = (typeof INVARIANTS)[number];

export interface Invariant {
  name: InvariantName;
  ok: boolean;
  detail: string;
}

export interface SoakResult {
  invariants: Invariant[];
  requests: number;
  byKind: Record<string, Partial<Record<Outcome, number>>>;
  freezes: Array<{ start: number; end: number }>;
  summary: string;
}

export type Kind =
  | 'read'
  | 'readyz'
  | 'import'
  | 'create'
  | 'update'
  | 'delete'
  | 'cycle'
  | 'abort-mid-body'
  | 'abort-in-flight'
  | 'abort-mid-response'
  | 'bad-key'
  | 'bookmark-garbage'
  | 'bookmark-ahead'
  | 'hostile-host'
  | 'foreign-origin-import'
  | 'oversized';

/** Weights of what a tick starts (update and delete follow their create). */
const MIX: Array<[Kind, number]> = [
  ['read', 40],
  ['readyz', 4],
  ['import', 8],
  ['create', 8],
  ['cycle', 2],
  ['abort-mid-body', 3],
  ['abort-in-flight', 3],
  ['abort-mid-response', 3],
  ['bad-key', 3],
  ['bookmark-garbage', 2],
  ['bookmark-ahead', 1],
  ['hostile-host', 2],
  ['foreign-origin-import', 1],
  ['oversized', 1],
];

/** What each kind may end in; during (or just after) a freeze, database-facing kinds may also be unavailable. */
const ALLOWED: Record<Kind, Outcome[]> = {
  read: ['ok'],
  readyz: ['ok'],
  import: ['ok'],
  create: ['ok'],
  update: ['ok'],
  delete: ['ok'],
  cycle: ['refused'],
  'abort-mid-body': ['aborted', 'client_error'],
  'abort-in-flight': ['aborted', 'ok', 'refused', 'client_error'],
  'abort-mid-response': ['aborted'],
  'bad-key': ['client_error'],
  'bookmark-garbage': ['client_error'],
  'bookmark-ahead': ['client_error'],
  'hostile-host': ['client_error'],
  'foreign-origin-import': ['client_error'],
  oversized: ['client_error', 'reset'],
};
const FREEZE_ALLOWED: Outcome[] = ['unavailable', 'timeout', 'not_ready'];
/** Kinds that must be refused before any database work: a clear 4xx, fast, whatever the database is doing. */
const HOSTILE: Kind[] = [
  'bad-key',
  'bookmark-garbage',
  'bookmark-ahead',
  'hostile-host',
  'foreign-origin-import',
  'oversized',
];
/** "At once": a hostile request answered later than this counts as not refused at once (a forged bookmark made
 *  Neo4j wait 30 s). Generous, for a loaded two-core machine. */
const HOSTILE_MAX_MS = 2000;
/** A request that overlaps a freeze, or starts within this long after one, may fail as unavailable: once the JVM
 *  runs again it has a backlog to work through. */
const FREEZE_GRACE_MS = 15_000;

/** Which finding of issue 20 a violation most likely belongs to, to make the report actionable. */
function hint(kind: Kind, outcome: Outcome | 'slow'): string {
  if (kind === 'hostile-host') return 'finding 4: no Host allowlist';
  if (kind === 'foreign-origin-import') return 'finding 4: no Origin check on writes';
  if (kind.startsWith('bookmark')) return 'finding 2: forged bookmarks reach Neo4j';
  if (outcome === 'not_ready') return 'finding 7: readiness under load';
  if (outcome === 'timeout') return 'slower than TG_REQUEST_TIMEOUT_MS outside a freeze';
  return '';
}

interface Rec {
  kind: Kind;
  outcome: Outcome;
  codes: string[];
  status?: number;
  t0: number;
  t1: number;
}

export type WriteState = 'absent' | 'present';
export interface ImportTrack {
  marker: string;
  kind: Kind;
  outcome: Outcome;
  allowed: WriteState[];
}
export type LifeState = 'absent' | 'original' | 'updated';
export interface Lifecycle {
  id: string;
  name: string;
  allowed: Set<LifeState>;
  steps: string[];
}

/**
 * Each tracked write against what the database holds: `partial` lists writes found half done (an import with some
 * of its records, a technology with a name no step gave it); `wrongState` lists writes whose state the answer
 * did not allow (an import that answered ok but is absent, or answered TIMEOUT but is present).
 */
export function judgeWrites(
  imports: ImportTrack[],
  lifecycles: Lifecycle[],
  nodes: Array<{ id: string; name: string }>,
  relFroms: string[],
) {
  const markerOf = (id: string) => /(soak-[a-z0-9]+-i\d+)/.exec(id)?.[1];
  const nodeCount = new Map<string, number>();
  const relCount = new Map<string, number>();
  for (const n of nodes) {
    const m = markerOf(n.id);
    if (m) nodeCount.set(m, (nodeCount.get(m) ?? 0) + 1);
  }
  for (const a of relFroms) {
    const m = markerOf(a);
    if (m) relCount.set(m, (relCount.get(m) ?? 0) + 1);
  }
  const partial: string[] = [];
  const wrongState: string[] = [];
  for (const t of imports) {
    const n = nodeCount.get(t.marker) ?? 0;
    const r = relCount.get(t.marker) ?? 0;
    const state: WriteState | 'partial' =
      n === 0 && r === 0 ? 'absent' : n === IMPORT_NODES && r === IMPORT_RELATIONSHIPS ? 'present' : 'partial';
    if (state === 'partial')
      partial.push(
        `${t.marker} (${t.kind} → ${t.outcome}): ${n}/${IMPORT_NODES} nodes, ${r}/${IMPORT_RELATIONSHIPS} relationships`,
      );
    else if (!t.allowed.includes(state)) {
      const why = t.outcome === 'timeout' ? 'finding 6: the timed-out import committed' : hint(t.kind, t.outcome);
      wrongState.push(`${t.kind} answered ${t.outcome} but is ${state}${why ? ` (${why})` : ''}`);
    }
  }
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  for (const l of lifecycles) {
    const name = names.get(l.id);
    const state: LifeState | 'other' =
      name === undefined ? 'absent' : name === l.name ? 'original' : name === `${l.name} updated` ? 'updated' : 'other';
    if (state === 'other') partial.push(`${l.id}: name "${name}"`);
    else if (!l.allowed.has(state)) {
      wrongState.push(
        `technology after ${l.steps.join(', ')} is ${state}${l.steps.some((x) => x.endsWith(':timeout')) ? ' (finding 6: a write that answered TIMEOUT committed)' : ''}`,
      );
    }
  }
  return { partial, wrongState };
}

// --- child processes -------------------------------------------------------------------------------------------

const children = new Set<ChildProcess>();
const frozen = new Set<number>();
process.once('exit', () => {
  for (const pid of frozen)
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      /* gone */
    }
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

async function startApi(env: Record<string, string>): Promise<{ proc: ChildProcess; url: string; logs: string[] }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  const logs: string[] = [];
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start in 60 s:\n${out.slice(-2000)}`)), 60_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /GraphQL:\s+(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.stderr!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}) before it was ready:\n${out.slice(-3000)}`));
    });
  });
  proc.removeAllListeners('exit');
  // Keep the API's log lines (warnings and errors only, by LOG_LEVEL) for the report.
  let partial = '';
  const collect = (c: Buffer) => {
    const lines = (partial + c.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) if (l.startsWith('{')) logs.push(l);
  };
  proc.stdout!.removeAllListeners('data');
  proc.stdout!.on('data', collect);
  proc.stderr!.removeAllListeners('data');
  proc.stderr!.on('data', collect);
  return { proc, url, logs };
}

function stopChild(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      children.delete(proc);
      return resolve();
    }
    const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    proc.once('exit', () => {
      clearTimeout(killer);
      children.delete(proc);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

const started = performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- the graph, as the checks see it ---------------------------------------------------------------------------

/** A value as text that does not depend on key order or driver types (Integer, temporal values). */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (neo4j.isInt(v)) return String(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.constructor && o.constructor !== Object) return JSON.stringify(String(v));
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

interface Fingerprint {
  labels: Record<string, number>;
  types: Record<string, number>;
  nodesHash: string;
  relsHash: string;
}

/** Counts and content hashes of everything but the soak's own records (ids containing "soak-"). */
export async function fingerprint(driver: Driver, database: string): Promise<Fingerprint> {
  const s = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    // WriteLock: the import's lock node (src/write/document.ts), stamped by every write.
    const nodes = await s.run(`MATCH (n) WHERE NOT n:WriteLock AND (n.id IS NULL OR NOT n.id CONTAINS 'soak-')
      RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id`);
    const rels = await s.run(`MATCH (a)-[r]->(b)
      WHERE (a.id IS NULL OR NOT a.id CONTAINS 'soak-') AND (b.id IS NULL OR NOT b.id CONTAINS 'soak-')
      RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props ORDER BY a, type, b`);
    const labels: Record<string, number> = {};
    for (const r of nodes.records)
      for (const l of [...(r.get('labels') as string[])].sort()) labels[l] = (labels[l] ?? 0) + 1;
    const types: Record<string, number> = {};
    for (const r of rels.records) types[r.get('type')] = (types[r.get('type')] ?? 0) + 1;
    const hash = (rows: string[]) => createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16);
    return {
      labels,
      types,
      nodesHash: hash(nodes.records.map((r) => canonical(r.toObject()))),
      relsHash: hash(rels.records.map((r) => canonical(r.toObject()))),
    };
  } finally {
    await s.close();
  }
}

/** A cycle of DEPENDS_ON, found in memory (no variable-length walk on the database), or undefined. */
export async function dependencyCycle(driver: Driver, database: string): Promise<string[] | undefined> {
  const { records } = await driver.executeQuery(
    'MATCH (a:Technology)-[:DEPENDS_ON]->(b:Technology) RETURN a.id AS a, b.id AS b',
    {},
    { database },
  );
  const out = new Map<string, string[]>();
  for (const r of records) {
    const a = r.get('a') as string;
    if (!out.has(a)) out.set(a, []);
    out.get(a)!.push(r.get('b') as string);
  }
  const state = new Map<string, 1 | 2>(); // 1: on the path, 2: done
  for (const start of out.keys()) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const succ = out.get(top.node) ?? [];
      if (top.next >= succ.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const n = succ[top.next++];
      if (state.get(n) === 1) return [...stack.slice(stack.findIndex((f) => f.node === n)).map((f) => f.node), n];
      if (!state.has(n)) {
        state.set(n, 1);
        stack.push({ node: n, next: 0 });
      }
    }
  }
  return undefined;
}

export async function openTransactions(driver: Driver): Promise<string[]> {
  const { records } = await driver.executeQuery(
    'SHOW TRANSACTIONS YIELD transactionId, currentQuery, status, elapsedTime RETURN transactionId, currentQuery, status, elapsedTime',
    {},
    { database: 'system' },
  );
  return records
    .filter((r) => !/^\s*SHOW TRANSACTIONS/i.test(String(r.get('currentQuery') ?? '')))
    .map(
      (r) =>
        `${r.get('transactionId')} ${r.get('status')} ${r.get('elapsedTime')} ${String(r.get('currentQuery') ?? '')
          .slice(0, 80)
          .replace(/\s+/g, ' ')}`,
    );
}

// --- the run ---------------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const log = opts.log;
  const random = prng(opts.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  let tmp: string | undefined;
  let embedded: EmbeddedNeo4j | undefined;
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  let driver: Driver | undefined;
  let db: Database | undefined;
  let client: Client | undefined;
  let jvmPid: number | undefined;
  const setupStart = performance.now();
  try {
    tmp = mkdtempSync(join(tmpdir(), 'techgraph-soak-'));
    let conn = opts.neo4j;
    if (!conn) {
      log('starting an embedded Neo4j in a temporary store');
      embedded = await startEmbeddedNeo4j({
        dataDir: tmp,
        boltPort: 0,
        heap: '512m',
        pageCache: '128m',
        txTimeoutSeconds: 30,
      });
      conn = {
        uri: embedded.uri,
        user: embedded.user,
        password: embedded.password,
        database: 'neo4j',
        pid: embedded.pid,
      };
    }
    jvmPid = conn.pid;
    driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password ?? ''), {
      connectionTimeout: 5000,
      maxConnectionPoolSize: 4,
    });
    db = new Database({
      uri: conn.uri,
      user: conn.user,
      password: conn.password,
      database: conn.database,
      txTimeoutSeconds: 60,
    });
    await db.waitUntilReady();

    // The schema first; then the seeds and the API's start (which finds the schema in place) side by side.
    await migrate(db);
    const editor = newKey('editor', { note: 'soak' });
    const reader = newKey('reader', { note: 'soak' });
    log('seeding the graph and starting the API');
    const seeding = (async () => {
      await db!.write('MATCH (n) DETACH DELETE n');
      const seeded = await importGraph(db!, readDefaultGraph());
      if (!seeded.ok)
        throw new Error(`the default graph did not import: ${JSON.stringify(seeded.problems.slice(0, 3))}`);
    })();
    const starting = startApi({
      NEO4J_URI: conn.uri,
      NEO4J_USER: conn.user,
      NEO4J_PASSWORD: conn.password ?? '',
      NEO4J_DATABASE: conn.database,
      HOST: '127.0.0.1',
      PORT: '0',
      TG_SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      TG_API_KEYS: JSON.stringify([editor.record, reader.record]),
      TG_KEYS_FILE: join(tmp, 'keys.json'),
      TG_ALLOW_WRITES: 'false',
      TG_REQUEST_TIMEOUT_MS: String(opts.requestTimeoutMs),
      TG_SHUTDOWN_GRACE_MS: '2000',
    });
    starting.then(
      (a) => {
        api = a;
      },
      () => undefined,
    ); // stopped in finally even if seeding fails
    const seedMs = seeding.then(
      () => performance.now() - setupStart,
      () => NaN,
    );
    const apiMs = starting.then(
      () => performance.now() - setupStart,
      () => NaN,
    );
    await Promise.all([seeding, starting]);
    const setupText = `seeded after ${((await seedMs) / 1000).toFixed(0)} s, API up after ${((await apiMs) / 1000).toFixed(0)} s`;
    api = await starting;
    const seededTechs = (await db.read('MATCH (t:Technology) RETURN t.id AS id ORDER BY id')).map(
      (r) => r.id as string,
    );
    const before = await fingerprint(driver, conn.database);
    // A real bookmark of this database, to forge ones from the future.
    const session = driver.session({ database: conn.database });
    let realBookmark: string;
    try {
      await session.run('CREATE (n:SoakProbe) DELETE n');
      realBookmark = session.lastBookmarks()[0];
    } finally {
      await session.close();
    }
    const apiPid = api.proc.pid!;
    client = new Client(api.url, opts.concurrency);
    const operations = readOperations(join(PROJECT_ROOT, 'operations'));
    const run = `soak-${Date.now().toString(36)}`;
    // Warm-up, not counted: each operation and an import once, so that the first seconds of load do not time out
    // on a cold API and cold query plans (the marker "-w0" is not judged as a write).
    await Promise.all([
      ...operations.map((op) =>
        client!.send({ body: JSON.stringify({ query: op.query, variables: op.variables }), timeoutMs: 30_000 }),
      ),
      client.send({
        body: JSON.stringify({ query: IMPORT_MUTATION, variables: { d: importDocument(`${run}-w0`, seededTechs[0]) } }),
        headers: { authorization: `Bearer ${editor.key}` },
        timeoutMs: 30_000,
      }),
    ]);

    // --- traffic ---
    const recs: Rec[] = [];
    const imports: ImportTrack[] = [];
    const lifecycles: Lifecycle[] = [];
    const followUps: Array<() => Promise<void>> = [];
    const okMarkers: string[] = [];
    let nImport = 0;
    let nLife = 0;
    const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    const send = async (kind: Kind, o: Omit<Parameters<Client['send']>[0], 'timeoutMs'>): Promise<Sent> => {
      const s = await client!.send({ ...o, timeoutMs: opts.clientTimeoutMs });
      recs.push({ kind, outcome: s.outcome, codes: s.codes, status: s.status, t0: s.t0, t1: s.t1 });
      return s;
    };
    const readBody = () => {
      const op = pick(operations);
      return gql(op.query, op.variables);
    };
    const importTracked = async (kind: Kind, headers: Record<string, string>, abort?: AbortMode) => {
      const marker = `${run}-i${nImport++}`;
      const s = await send(kind, {
        body: gql(IMPORT_MUTATION, { d: importDocument(marker, pick(seededTechs)) }),
        headers,
        abort,
      });
      // What the answer allows the database to hold: an answer that says ok, all; a refusal, a timeout or a
      // body that never arrived, nothing; an answer we never saw (or a database we could not reach), either.
      const allowed: WriteState[] =
        s.outcome === 'ok'
          ? ['present']
          : s.outcome === 'refused' || s.outcome === 'client_error' || s.outcome === 'timeout' || abort === 'mid-body'
            ? ['absent']
            : ['absent', 'present'];
      imports.push({ marker, kind, outcome: s.outcome, allowed });
      if (s.outcome === 'ok') okMarkers.push(marker);
    };
    const lifeStep = (life: Lifecycle, step: 'update' | 'delete') => async () => {
      const s =
        step === 'update'
          ? await send('update', {
              body: gql(UPDATE_MUTATION, { i: { id: life.id, name: `${life.name} updated` } }),
              headers: auth(editor.key),
            })
          : await send('delete', { body: gql(DELETE_MUTATION, { i: { id: life.id } }), headers: auth(editor.key) });
      life.steps.push(`${step}:${s.outcome}`);
      const to: LifeState = step === 'update' ? 'updated' : 'absent';
      const definite = s.outcome === 'refused' || s.outcome === 'client_error' || s.outcome === 'timeout';
      if (s.outcome === 'ok') life.allowed = new Set([to]);
      else if (!definite) life.allowed.add(to);
      if (step === 'update' && random() < 0.5) followUps.push(lifeStep(life, 'delete'));
    };

    const tasks: Record<Exclude<Kind, 'update' | 'delete'>, () => Promise<unknown>> = {
      read: () => send('read', { body: readBody(), headers: random() < 0.5 ? auth(reader.key) : {} }),
      readyz: () => send('readyz', { method: 'GET', path: '/readyz' }),
      import: () => importTracked('import', auth(editor.key)),
      create: async () => {
        const n = nLife++;
        const life: Lifecycle = { id: `tech:${run}-m${n}`, name: `Soak m${n}`, allowed: new Set(), steps: [] };
        lifecycles.push(life);
        const s = await send('create', {
          body: gql(CREATE_MUTATION, {
            i: { id: life.id, name: life.name, kind: 'ORIGINAL', provenance: 'ILLUSTRATIVE', sources: [] },
          }),
          headers: auth(editor.key),
        });
        life.steps.push(`create:${s.outcome}`);
        const definite = s.outcome === 'refused' || s.outcome === 'client_error' || s.outcome === 'timeout';
        life.allowed = new Set(s.outcome === 'ok' ? ['original'] : definite ? ['absent'] : ['absent', 'original']);
        if (s.outcome === 'ok') followUps.push(lifeStep(life, 'update'));
      },
      cycle: async () => {
        if (okMarkers.length === 0) return send('read', { body: readBody() });
        const m = pick(okMarkers);
        return send('cycle', {
          body: gql(CYCLE_MUTATION, {
            i: { technology: `tech:${m}-3`, dependsOn: `tech:${m}-0`, provenance: 'ILLUSTRATIVE', sources: [] },
          }),
          headers: auth(editor.key),
        });
      },
      'abort-mid-body': () =>
        random() < 0.5
          ? importTracked('abort-mid-body', auth(editor.key), 'mid-body')
          : send('abort-mid-body', { body: readBody(), abort: 'mid-body' }),
      'abort-in-flight': () =>
        random() < 0.5
          ? importTracked('abort-in-flight', auth(editor.key), 'in-flight')
          : send('abort-in-flight', { body: readBody(), abort: 'in-flight' }),
      'abort-mid-response': () =>
        random() < 0.5
          ? importTracked('abort-mid-response', auth(editor.key), 'mid-response')
          : send('abort-mid-response', { body: readBody(), abort: 'mid-response' }),
      'bad-key': () =>
        send('bad-key', {
          body: readBody(),
          headers: auth(`tg_${Buffer.from(String(random())).toString('base64url')}forged`),
          fresh: true,
        }),
      'bookmark-garbage': () =>
        send('bookmark-garbage', {
          body: readBody(),
          headers: { 'x-neo4j-bookmark': unsignedToken([`FB:forged-${Math.floor(random() * 1e6)}`]) },
        }),
      'bookmark-ahead': () =>
        send('bookmark-ahead', {
          body: readBody(),
          headers: {
            'x-neo4j-bookmark': unsignedToken([bookmarkAhead(realBookmark, 1_000_000 + Math.floor(random() * 1000))]),
          },
        }),
      'hostile-host': () =>
        send('hostile-host', {
          body: readBody(),
          headers: { host: 'attacker.example', origin: 'http://attacker.example' },
          fresh: true,
        }),
      'foreign-origin-import': () =>
        importTracked('foreign-origin-import', { ...auth(editor.key), origin: 'http://attacker.example' }),
      oversized: () =>
        send('oversized', {
          body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }),
          fresh: true,
        }),
    };
    const totalWeight = MIX.reduce((a, [, w]) => a + w, 0);
    const chooseKind = (): keyof typeof tasks => {
      let r = random() * totalWeight;
      for (const [k, w] of MIX) if ((r -= w) < 0) return k as keyof typeof tasks;
      return 'read';
    };

    const inFlight = new Set<Promise<unknown>>();

    // --- faults: the JVM frozen, on a fixed schedule ---
    const freezes: Array<{ start: number; end: number }> = [];
    const t0 = performance.now();
    const end = t0 + opts.durationSeconds * 1000;
    let faultLoop: Promise<void> = Promise.resolve();
    let loadOver = false;
    if (jvmPid && opts.freezeEverySeconds > 0) {
      const pid = jvmPid;
      faultLoop = (async () => {
        let i = 0;
        for (let at = t0 + (opts.freezeEverySeconds * 1000) / 2; ; at += opts.freezeEverySeconds * 1000) {
          const length = opts.freezeSeconds[i++ % opts.freezeSeconds.length] * 1000;
          if (at + length > end - 3000) break; // the last freeze ends well before the load does
          await sleep(at - performance.now());
          if (loadOver) break;
          const start = performance.now();
          frozen.add(pid);
          process.kill(pid, 'SIGSTOP');
          try {
            // A write caught by every freeze (besides the rate-capped traffic), so that each run sees what a
            // write does when the database stops under it, and, when the freeze outlasts the request timeout,
            // whether an import that answered TIMEOUT stays unwritten.
            const caught = [tasks.import(), tasks.create()].map((p) =>
              p.catch((e) => log(`task failed: ${(e as Error).message}`)),
            );
            for (const p of caught) {
              inFlight.add(p);
              void p.finally(() => inFlight.delete(p));
            }
            await sleep(length);
          } finally {
            try {
              process.kill(pid, 'SIGCONT');
            } catch {
              /* the JVM is gone: the checks will say so */
            }
            frozen.delete(pid);
          }
          freezes.push({ start, end: performance.now() });
          log(`froze the JVM for ${(length / 1000).toFixed(1)} s`);
        }
      })();
    } else {
      log('no JVM pid known: running without freezes');
    }

    // --- memory of the API process ---
    const rss: Array<{ t: number; mb: number }> = [];
    const sampler = setInterval(() => rss.push({ t: performance.now() - t0, mb: rssMb(apiPid) }), 1000);

    log(`load for ${opts.durationSeconds} s: at most ${opts.rps} requests/s, ${opts.concurrency} at a time`);
    let skipped = 0;
    let nextTick = t0;
    let lastReport = t0;
    while (performance.now() < end) {
      nextTick += 1000 / opts.rps;
      const wait = nextTick - performance.now();
      if (wait > 0) await sleep(wait);
      if (inFlight.size >= opts.concurrency) {
        skipped++;
        continue;
      }
      const task = followUps.length > 0 && random() < 0.5 ? followUps.shift()! : tasks[chooseKind()];
      const p: Promise<unknown> = Promise.resolve()
        .then(task)
        .catch((e) => log(`task failed: ${(e as Error).message}`))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        log(
          `${Math.round((lastReport - t0) / 1000)} s: ${recs.length} requests, ${inFlight.size} in flight, API RSS ${rssMb(apiPid).toFixed(0)} MB`,
        );
      }
    }
    loadOver = true;
    await faultLoop;
    await Promise.allSettled([...inFlight]);
    clearInterval(sampler);
    const loadSeconds = (performance.now() - t0) / 1000;
    log(`load done: ${recs.length} requests in ${loadSeconds.toFixed(0)} s`);

    // --- checks ---
    const checksStart = performance.now();
    const invariants: Invariant[] = [];
    const check = (name: InvariantName, ok: boolean, detail: string) => invariants.push({ name, ok, detail });

    // Healthy: ready again, and a query answers with the seeded data.
    const healthyBy = performance.now() + 30_000;
    let ready = 0;
    while (performance.now() < healthyBy) {
      const r = await client.send({ method: 'GET', path: '/readyz', timeoutMs: 5000 });
      ready = r.status ?? 0;
      if (ready === 200) break;
      await sleep(500);
    }
    const q = await client.send({ body: gql('{ technologies(first: 100) { totalCount } }', {}), timeoutMs: 10_000 });
    const seededCount = before.labels.Technology ?? 0;
    const total = q.body?.data?.technologies?.totalCount;
    check(
      'healthy at the end',
      ready === 200 && q.outcome === 'ok' && typeof total === 'number' && total >= seededCount,
      `/readyz ${ready}; a query answered ${q.outcome} with ${total} technologies (seeded ${seededCount})`,
    );

    // Every request's outcome, judged against its kind and the freezes.
    const freezeText = () =>
      freezes.map((f) => `${((f.start - t0) / 1000).toFixed(0)}-${((f.end - t0) / 1000).toFixed(0)} s`).join(', ') ||
      'none';
    const duringFreeze = (r: Rec) => freezes.some((f) => r.t0 < f.end + FREEZE_GRACE_MS && r.t1 > f.start);
    const internal = recs.filter((r) => r.outcome === 'internal');
    check(
      'no internal errors',
      internal.length === 0,
      internal.length === 0
        ? 'none'
        : `${internal.length}: ${tally(internal.map((r) => `${r.kind} (HTTP ${r.status}, ${r.codes.join('+') || 'no body'})`))}`,
    );
    // A stale kept-alive socket is the client's race with the server's idle timeout, not the server's doing.
    const unexpected = recs.filter(
      (r) =>
        !HOSTILE.includes(r.kind) &&
        r.outcome !== 'internal' &&
        r.outcome !== 'stale_socket' &&
        !ALLOWED[r.kind].includes(r.outcome) &&
        !(duringFreeze(r) && FREEZE_ALLOWED.includes(r.outcome)),
    );
    check(
      'every request ended as its kind allows',
      unexpected.length === 0,
      unexpected.length === 0
        ? 'yes'
        : tally(
            unexpected.map(
              (r) =>
                `${r.kind} → ${r.outcome}${r.codes.length ? ` ${r.codes.join('+')}` : ''}${hint(r.kind, r.outcome) ? ` (${hint(r.kind, r.outcome)})` : ''}`,
            ),
          ) +
            `; at ${unexpected
              .map((r) => `${((r.t0 - t0) / 1000).toFixed(0)}-${((r.t1 - t0) / 1000).toFixed(0)} s`)
              .slice(0, 8)
              .join(', ')} (freezes at ${freezeText()})`,
    );
    const hostileBad = recs.filter(
      (r) =>
        HOSTILE.includes(r.kind) &&
        r.outcome !== 'internal' &&
        r.outcome !== 'stale_socket' &&
        (!ALLOWED[r.kind].includes(r.outcome) || r.t1 - r.t0 > HOSTILE_MAX_MS),
    );
    check(
      'forged and hostile requests refused at once',
      hostileBad.length === 0,
      hostileBad.length === 0
        ? `all ${recs.filter((r) => HOSTILE.includes(r.kind)).length} refused within ${HOSTILE_MAX_MS} ms`
        : tally(
            hostileBad.map((r) => {
              const slow = ALLOWED[r.kind].includes(r.outcome);
              return `${r.kind} → ${slow ? `refused but after > ${HOSTILE_MAX_MS} ms` : r.outcome}${r.status ? ` (HTTP ${r.status})` : ''} (${hint(r.kind, slow ? 'slow' : r.outcome) || 'hostile request not refused'})`;
            }),
          ),
    );

    // The server's own count of 500s, and what it logged as errors.
    const scrape = await fetch(`${api.url}/metrics`, {
      headers: auth(reader.key),
      signal: AbortSignal.timeout(10_000),
    });
    const raw = await scrape.text();
    const fivehundreds = [...raw.matchAll(/^techgraph_http_responses_total\{([^}]*)status="5\d\d"[^}]*\} (\d+)/gm)]
      .filter((m) => !/status="503"/.test(m[0]))
      .map((m) => `${m[1].replace(/,$/, '')} ${m[2]}`);
    const errorLogs = api.logs
      .map((l) => {
        try {
          return JSON.parse(l);
        } catch {
          return {};
        }
      })
      .filter((l) => (l.level ?? 0) >= 50);
    check(
      'no 500 and no error logged by the server',
      scrape.status === 200 && fivehundreds.length === 0 && errorLogs.length === 0,
      fivehundreds.length === 0 && errorLogs.length === 0
        ? 'none'
        : `500s: ${fivehundreds.join('; ') || 'none'}; ${errorLogs.length} error log lines: ${tally(errorLogs.map((l) => `${l.msg}${l.err?.message ? `: ${String(l.err.message).replace(/\d+/g, 'N').slice(0, 80)}` : ''}`))}` +
            (errorLogs.some((l) => /not up to the requested version/.test(String(l.err?.message)))
              ? ' (finding 2: a forged bookmark made Neo4j wait, then failed as internal)'
              : '') +
            (errorLogs.some((l) => l.err?.message === 'aborted')
              ? ' (finding 8: a client gone mid-body is logged and counted as a 500)'
              : ''),
    );

    // Writes: each marker's records all there or none, and as the answer said.
    const { records: soakNodes } = await driver.executeQuery(
      `MATCH (n:Entity) WHERE n.id CONTAINS $run RETURN n.id AS id, n.name AS name`,
      { run },
      { database: conn.database },
    );
    const { records: soakRels } = await driver.executeQuery(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id CONTAINS $run RETURN a.id AS a`,
      { run },
      { database: conn.database },
    );
    const { partial, wrongState } = judgeWrites(
      imports,
      lifecycles,
      soakNodes.map((r) => ({ id: r.get('id') as string, name: r.get('name') as string })),
      soakRels.map((r) => r.get('a') as string),
    );
    const writes = imports.length + lifecycles.length;
    check(
      'every write all or nothing',
      partial.length === 0,
      partial.length === 0
        ? `${imports.length} imports, ${lifecycles.length} create/update/delete lifecycles`
        : partial.slice(0, 10).join('; '),
    );
    check(
      'every write as its answer said',
      wrongState.length === 0,
      wrongState.length === 0 ? `all ${writes}` : tally(wrongState),
    );

    // The seeded graph, the dependency graph, open transactions.
    const after = await fingerprint(driver, conn.database);
    const same = canonical(before) === canonical(after);
    check(
      'seeded graph intact',
      same,
      same
        ? `${before.labels.Entity ?? 0} nodes, ${sum(before.types)} relationships, same content`
        : `before ${canonical(before)}; after ${canonical(after)}`,
    );
    const cycle = await dependencyCycle(driver, conn.database);
    check('DEPENDS_ON acyclic', cycle === undefined, cycle ? `cycle: ${cycle.join(' → ')}` : 'yes');
    let open: string[] = [];
    const drainBy = performance.now() + 15_000;
    const drainStart = performance.now();
    while (true) {
      open = await openTransactions(driver);
      if (open.length === 0 || performance.now() > drainBy) break;
      await sleep(500);
    }
    check(
      'no transaction left open',
      open.length === 0,
      open.length === 0
        ? `none (after ${((performance.now() - drainStart) / 1000).toFixed(1)} s)`
        : `${open.length} still open 15 s after the load: ${open.slice(0, 5).join('; ')}`,
    );

    // Memory: after a warm-up fifth of the run, the last third's mean RSS within 64 MB (or 50%) of the first's.
    const warm = rss.filter((s) => s.t > loadSeconds * 200 && Number.isFinite(s.mb));
    const third = Math.max(1, Math.floor(warm.length / 3));
    const mean = (xs: typeof warm) => xs.reduce((a, s) => a + s.mb, 0) / Math.max(1, xs.length);
    const first = mean(warm.slice(0, third));
    const last = mean(warm.slice(-third));
    const maxRss = Math.max(...rss.map((s) => s.mb).filter(Number.isFinite));
    check(
      'memory bounded',
      warm.length >= 3 && last - first <= Math.max(64, first * 0.5),
      `API RSS ${first.toFixed(0)} MB → ${last.toFixed(0)} MB (first vs last third after warm-up), max ${maxRss.toFixed(0)} MB`,
    );

    // --- summary ---
    const byKind: SoakResult['byKind'] = {};
    for (const r of recs) (byKind[r.kind] ??= {})[r.outcome] = (byKind[r.kind]![r.outcome] ?? 0) + 1;
    const lines: string[] = [];
    lines.push(
      `soak ${run}: ${loadSeconds.toFixed(0)} s, ${recs.length} requests (${(recs.length / loadSeconds).toFixed(1)}/s, cap ${opts.rps}/s, ${opts.concurrency} at a time, ${skipped} ticks skipped at the cap)`,
    );
    lines.push('');
    lines.push(`${'kind'.padEnd(24)}${'n'.padStart(6)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}  outcomes`);
    for (const [kind] of [...MIX, ['update', 0], ['delete', 0]] as Array<[Kind, number]>) {
      const rs = recs.filter((r) => r.kind === kind);
      if (rs.length === 0) continue;
      const ms = rs.map((r) => r.t1 - r.t0).sort((a, b) => a - b);
      const outcomes = Object.entries(byKind[kind] ?? {})
        .sort((a, b) => b[1] - a[1])
        .map(([o, n]) => `${o} ${n}`)
        .join(', ');
      lines.push(
        `${kind.padEnd(24)}${String(rs.length).padStart(6)}${percentile(ms, 50).toFixed(0).padStart(9)}${percentile(ms, 99).toFixed(0).padStart(9)}  ${outcomes}`,
      );
    }
    const all = recs.map((r) => r.t1 - r.t0).sort((a, b) => a - b);
    lines.push(
      `${'all'.padEnd(24)}${String(recs.length).padStart(6)}${percentile(all, 50).toFixed(0).padStart(9)}${percentile(all, 99).toFixed(0).padStart(9)}`,
    );
    lines.push('');
    const aborts = recs.filter((r) => r.kind.startsWith('abort')).length;
    const forged = recs.filter((r) => HOSTILE.includes(r.kind)).length;
    lines.push(
      `faults: ${freezes.length} JVM freezes (at ${freezeText()}), ${aborts} client aborts, ${forged} forged or hostile requests`,
    );
    lines.push(
      `time: ${((t0 - setupStart) / 1000).toFixed(0)} s to set up (${setupText}), ${loadSeconds.toFixed(0)} s of load, ${((performance.now() - checksStart) / 1000).toFixed(0)} s of checks`,
    );
    lines.push(
      `writes: ${imports.length} imports (${okMarkers.length} answered ok), ${lifecycles.length} lifecycles; API RSS ${first.toFixed(0)} → ${last.toFixed(0)} MB, max ${maxRss.toFixed(0)} MB`,
    );
    lines.push('');
    for (const i of invariants) lines.push(`${i.ok ? 'PASS' : 'FAIL'}  ${i.name}: ${i.detail}`);
    const summary = lines.join('\n');
    return { invariants, requests: recs.length, byKind, freezes, summary };
  } finally {
    if (jvmPid && frozen.has(jvmPid)) {
      try {
        process.kill(jvmPid, 'SIGCONT');
      } catch {
        /* gone */
      }
      frozen.delete(jvmPid);
    }
    client?.close();
    if (api) await stopChild(api.proc);
    await db?.close();
    await driver?.close();
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

function sum(o: Record<string, number>): number {
  return Object.values(o).reduce((a, b) => a + b, 0);
}

/** "a ×3; b ×1": a list of findings counted by kind, most frequent first. */
function tally(items: string[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ×${n}`)
    .join('; ');
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SoakOptions {
  const val = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const num = (name: string, fallback: number) => {
    const raw = val(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, got "${raw}"`);
    return n;
  };
  const opts = defaultOptions(num('duration', Number(env.SOAK_SECONDS || 600)));
  return {
    ...opts,
    rps: num('rps', opts.rps),
    concurrency: num('concurrency', opts.concurrency),
    freezeEverySeconds: num('freeze-every', opts.freezeEverySeconds),
    seed: num('seed', opts.seed),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseArgs(process.argv.slice(2));
  try {
    const result = await runSoak(opts);
    process.stdout.write(`\n${result.summary}\n`);
    process.exitCode = result.invariants.every((i) => i.ok) ? 0 : 1;
  } catch (e) {
    process.stderr.write(`soak failed: ${(e as Error).stack}\n`);
    process.exitCode = 2;
  }
}
