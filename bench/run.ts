// `npm run bench`: our API against the raw floor and @neo4j/graphql, on the same embedded Neo4j and data, in one run.
//
//   npm run bench                 sizes S and M, 15 s per measurement (two halves, A B C C B A) after every
//                                 server is warm (steady throughput; 3 to 30 s), 10 connections
//   npm run bench -- --quick      size S, 2 s per measurement, 4 connections (what the test suite runs)
//   options: --sizes S,M  --duration 15  --warmup 3 (at least)  --warmup-max 30  --connections 10  --rounds 2 (imports per side)
//            --workloads nested,gaps (a subset)  --cpu-prof (writes the API's and the floor server's CPU profiles to bench/results/profiles/{api,floor})
//            --no-peer  --out file.json
//
// For each size: generate the graph (bench/generate.ts), time the floor's bare import and ours (bench/import.ts),
// leave our import's graph in place, start three servers as child processes (the API as `npm start` runs it, the
// floor's HTTP server, the peer), check that every workload's answer from the API equals the floor's (and the
// peer's for workload 1), then load each with autocannon while sampling the server's RSS from /proc/<pid>/status
// and the CPU time of the server and of Neo4j from /proc/<pid>/stat.
// Prints a table, the targets met or missed, and writes the JSON result to bench/results/ (git-ignored).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { Database } from '../src/db/driver.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrations.js';
import { generate, SIZES, type Probes, type Size } from './generate.js';
import { importDocument } from '../src/import/index.js';
import { clearGraph, floorImport, ourImport, type ImportTiming } from './import.js';
import { ensureApoc } from './plugins.js';
import { PEER_NESTED, WORKLOADS, type WorkloadId } from './workloads.js';
import { rssMb } from './proc.js';

export interface BenchOptions {
  quick: boolean;
  sizes: Size[];
  workloads: WorkloadId[];
  durationSeconds: number;
  warmupSeconds: number;
  /** Warm-up goes on past warmupSeconds, in windows, until throughput is steady or this much has passed. */
  warmupMaxSeconds: number;
  connections: number;
  importRounds: number;
  peer: boolean;
  cpuProf: boolean;
  out?: string;
  log: (line: string) => void;
}

export type Target = 'api' | 'floor' | 'peer';

export interface LoadResult {
  target: Target;
  connections: number;
  requests: number;
  throughput: number;
  /** Milliseconds; null when no request completed within the measurement. */
  p50: number | null;
  p99: number | null;
  errors: number;
  rssMaxMb: number;
  rssIdleMb: number;
  /** CPU time per request of the server's process and of Neo4j's, over the measurement (Linux /proc). */
  serverCpuMs: number | null;
  neo4jCpuMs: number | null;
  dbRoundTrips: number | null;
  /** Seconds of warm-up before the measurement. */
  warmedSeconds?: number;
}

export interface WorkloadResult {
  id: WorkloadId;
  title: string;
  /** The API's answer equals the floor's (and, for workload 1, the peer's). */
  agrees: boolean;
  disagreement?: string;
  runs: LoadResult[];
}

export interface SizeResult {
  size: Size;
  counts: ReturnType<typeof generate>['counts'];
  probes: Probes;
  import: { ours: ImportTiming; floor: ImportTiming; ratio: number };
  workloads: WorkloadResult[];
}

export interface TargetCheck {
  name: string;
  met: boolean | null;
  detail: string;
}

export interface BenchResult {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; freeGb: number; loadAvg: number[]; node: string };
  options: Omit<BenchOptions, 'log'>;
  neo4j: { heap: string; pageCache: string; apoc: boolean };
  sizes: SizeResult[];
  targets: TargetCheck[];
  file?: string;
}

export function parseArgs(argv: string[]): BenchOptions {
  const has = (f: string) => argv.includes(`--${f}`);
  const val = (f: string) => {
    const i = argv.indexOf(`--${f}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = has('quick');
  const sizes = (val('sizes') ?? (quick ? 'S' : 'S,M')).split(',').map((s) => s.trim().toUpperCase()) as Size[];
  for (const s of sizes) if (!(s in SIZES)) throw new Error(`--sizes: unknown size ${s} (S or M)`);
  const workloads = (val('workloads')
    ?.split(',')
    .map((w) => w.trim()) ?? WORKLOADS.map((w) => w.id)) as WorkloadId[];
  for (const w of workloads)
    if (!WORKLOADS.some((x) => x.id === w)) throw new Error(`--workloads: unknown workload ${w}`);
  return {
    quick,
    sizes,
    workloads,
    durationSeconds: Number(val('duration') ?? (quick ? 2 : 15)),
    warmupSeconds: Number(val('warmup') ?? (quick ? 1 : 3)),
    warmupMaxSeconds: Number(val('warmup-max') ?? (quick ? 1 : 30)),
    connections: Number(val('connections') ?? (quick ? 4 : 10)),
    importRounds: Number(val('rounds') ?? (quick ? 1 : 2)),
    peer: !has('no-peer'),
    cpuProf: has('cpu-prof'),
    out: val('out'),
    log: (line) => process.stderr.write(`[bench] ${line}\n`),
  };
}

// --- child processes -------------------------------------------------------------------------------------------
interface Child {
  proc: ChildProcess;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/**
 * Node's flags in `npm start` (package.json), which every server of the bench runs with, the floor and the peer
 * too: a larger young generation (`--max-semi-space-size`) is a setting of the process, not of our code.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const args = pkg.scripts.start.split(/\s+/);
  return args.filter((a, i) => a.startsWith('--') && a !== '--import' && args[i - 1] !== '--import');
}

async function startChild(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  nodeArgs: string[] = [],
): Promise<Child> {
  const proc = spawn(process.execPath, [...startFlags(), ...nodeArgs, '--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(proc);
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start in 120 s:\n${out.slice(-2000)}`)),
      120_000,
    );
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${out.slice(-3000)}`));
    });
  });
  proc.stdout!.removeAllListeners('data');
  proc.stdout!.resume();
  proc.removeAllListeners('exit');
  return {
    proc,
    port,
    pid: proc.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) {
          children.delete(proc);
          return resolve();
        }
        const killer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
        proc.once('exit', () => {
          clearTimeout(killer);
          children.delete(proc);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

/** User + system CPU time of a process so far, in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

// --- requests ---------------------------------------------------------------------------------------------------
interface Endpoint {
  target: Target;
  url: string;
  body: string;
  pid: number;
}

async function post(e: Endpoint): Promise<any> {
  const res = await fetch(e.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: e.body });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${e.target} answered ${res.status}: ${text.slice(0, 300)}`);
  }
}

/** JSON with object keys sorted and numbers rounded to 9 significant digits: equal answers give equal strings. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (typeof x === 'number') return Number(x.toPrecision(9));
    if (x && typeof x === 'object' && !Array.isArray(x))
      return Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)));
    return x;
  });
}

/** The peer's workload-1 answer in our shape (capabilities of equal level in a fixed order on both sides). */
function peerAsOurs(data: any): unknown {
  return {
    technologies: {
      nodes: data.technologies.map((t: any) => ({
        id: t.id,
        name: t.name,
        capabilities: {
          nodes: t.capabilitiesConnection.edges.map((e: any) => ({ level: e.properties.level, organization: e.node })),
        },
      })),
    },
  };
}

function sortCaps(data: any): any {
  const copy = JSON.parse(JSON.stringify(data));
  for (const t of copy.technologies.nodes) {
    t.capabilities.nodes.sort(
      (a: any, b: any) =>
        b.level - a.level ||
        a.organization.name.localeCompare(b.organization.name) ||
        a.organization.country.localeCompare(b.organization.country),
    );
  }
  return copy;
}

function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (canonical(a) === canonical(b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as any)[k], (b as any)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path || '(root)'}: ${canonical(a)?.slice(0, 200)} ≠ ${canonical(b)?.slice(0, 200)}`;
}

function cannon(e: Endpoint, connections: number, duration: number, onBody?: (status: number, body: string) => void) {
  return autocannon({
    url: e.url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: e.body,
        ...(onBody ? { onResponse: onBody } : {}),
      },
    ],
  } as autocannon.Options);
}

/** Windows of the warm-up; a server is warm once a window no longer beats every earlier one by more than this. */
const WARM_WINDOW_SECONDS = 2;
const STEADY = 0.03;
const MIN_WINDOWS = 3;

/**
 * Warms every server of a workload before any is measured, until each is steady: Neo4j's JVM compiles the code
 * paths of each statement as it runs, and a fixed 3 s was not enough. With it the API's partner statement, the
 * first of its kind the JVM saw, cost Neo4j 1.6 ms of CPU per request against the floor's 0.9; after 30 s, 1.1
 * against 1.0. So each server is loaded for `warmupSeconds`, then in windows of 2 s, round-robin, until its
 * throughput has stopped rising (at least 3 windows, the last no more than 3% above the best before it; while
 * the JIT works every window sets a new best) or `warmupMaxSeconds` have passed. Returns the seconds each was
 * warmed.
 */
async function warm(endpoints: readonly Endpoint[], opts: BenchOptions, connections: number): Promise<number[]> {
  const rates: number[][] = endpoints.map(() => []);
  const seconds = (i: number) => opts.warmupSeconds + rates[i].length * WARM_WINDOW_SECONDS;
  for (const e of endpoints) await cannon(e, connections, opts.warmupSeconds);
  const pending = new Set(endpoints.keys());
  while (pending.size) {
    for (const i of [...pending]) {
      if (seconds(i) + WARM_WINDOW_SECONDS > opts.warmupMaxSeconds) {
        pending.delete(i);
        continue;
      }
      const r = await cannon(endpoints[i], connections, WARM_WINDOW_SECONDS);
      const rate = r.requests.total / WARM_WINDOW_SECONDS;
      const best = Math.max(0, ...rates[i]);
      rates[i].push(rate);
      if (rates[i].length >= MIN_WINDOWS && rate <= best * (1 + STEADY)) pending.delete(i);
    }
  }
  return endpoints.map((_, i) => seconds(i));
}

/** One stretch of load on one server. */
interface Sample {
  requests: number;
  seconds: number;
  /** Every response's latency, ms. */
  latencies: number[];
  errors: number;
  rssIdleMb: number;
  rssMaxMb: number;
  serverCpuMs: number;
  neo4jCpuMs: number;
}

async function sample(e: Endpoint, connections: number, seconds: number, neo4jPid?: number): Promise<Sample> {
  const rssIdleMb = rssMb(e.pid);
  let rssMaxMb = rssIdleMb;
  const sampler = setInterval(() => {
    rssMaxMb = Math.max(rssMaxMb, rssMb(e.pid));
  }, 100);
  let gqlErrors = 0;
  const latencies: number[] = [];
  const cpu0 = [cpuMs(e.pid), cpuMs(neo4jPid)];
  const run = cannon(e, connections, seconds, (status, body) => {
    if (status === 200 && body.includes('"errors":')) gqlErrors += 1;
  });
  run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  const r = await run;
  clearInterval(sampler);
  return {
    requests: r.requests.total,
    seconds: r.duration,
    latencies,
    errors: r.errors + r.non2xx + r.timeouts + gqlErrors,
    rssIdleMb,
    rssMaxMb: Math.max(rssMaxMb, rssMb(e.pid)),
    serverCpuMs: cpuMs(e.pid) - cpu0[0],
    neo4jCpuMs: cpuMs(neo4jPid) - cpu0[1],
  };
}

/** The `p` quantile (nearest rank) of sorted values, to 0.1 ms; null for none. */
function quantile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return Math.round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] * 10) / 10;
}

/** The samples of one server, as one measurement (latency quantiles over every response of all of them). */
function combine(e: Endpoint, connections: number, samples: readonly Sample[]): LoadResult {
  const requests = samples.reduce((n, x) => n + x.requests, 0);
  const seconds = samples.reduce((n, x) => n + x.seconds, 0);
  const latencies = samples.flatMap((x) => x.latencies).sort((a, b) => a - b);
  const perRequest = (total: number) =>
    Number.isFinite(total) && requests ? Math.round((total / requests) * 10) / 10 : null;
  return {
    target: e.target,
    connections,
    requests,
    throughput: seconds ? requests / seconds : 0,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors: samples.reduce((n, x) => n + x.errors, 0),
    rssMaxMb: Math.round(Math.max(...samples.map((x) => x.rssMaxMb))),
    rssIdleMb: Math.round(samples[0].rssIdleMb),
    serverCpuMs: perRequest(samples.reduce((n, x) => n + x.serverCpuMs, 0)),
    neo4jCpuMs: perRequest(samples.reduce((n, x) => n + x.neo4jCpuMs, 0)),
    dbRoundTrips: null,
  };
}

/**
 * Loads each server for the measurement's duration in two halves, in the order given and then in reverse
 * (A B C C B A): whatever drifts during a workload (the JVM's JIT and garbage collection, the machine's other
 * load) then falls on every server alike instead of on the one measured first.
 */
async function measure(
  endpoints: readonly Endpoint[],
  opts: BenchOptions,
  connections: number,
  neo4jPid?: number,
): Promise<LoadResult[]> {
  const warmed = await warm(endpoints, opts, connections);
  const samples = new Map<Endpoint, Sample[]>(endpoints.map((e) => [e, []]));
  for (const order of [endpoints, [...endpoints].reverse()]) {
    for (const e of order) samples.get(e)!.push(await sample(e, connections, opts.durationSeconds / 2, neo4jPid));
  }
  return endpoints.map((e, i) => ({ ...combine(e, connections, samples.get(e)!), warmedSeconds: warmed[i] }));
}

// --- one size -----------------------------------------------------------------------------------------------------
async function runSize(
  size: Size,
  conn: { uri: string; user: string; password: string; pid?: number },
  opts: BenchOptions,
): Promise<SizeResult> {
  const { log } = opts;
  const db = new Database({
    uri: conn.uri,
    user: conn.user,
    password: conn.password,
    database: 'neo4j',
    txTimeoutSeconds: 0,
    maxRetryTimeMs: 30_000,
  });
  const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
  try {
    await migrate(db);
    const g = generate(size);
    log(
      `size ${size}: ${g.counts.nodes} nodes, ${g.counts.relationships} relationships (${g.counts.technologies} technologies, ` +
        `${g.counts.organizations} organizations, ${g.counts.capabilities} capabilities, ${g.counts.dependencies} dependencies); ` +
        `value chain of ${g.probes.chainSector}: ${g.probes.chainSize} technologies`,
    );

    let ours: ImportTiming | undefined;
    let floor: ImportTiming | undefined;
    // Best of the rounds, each side going first in turn (the first import on a fresh Neo4j also pays for planning
    // and JIT warm-up).
    for (let round = 1; round <= opts.importRounds; round++) {
      for (const side of round % 2 === 1 ? ['floor', 'ours'] : ['ours', 'floor']) {
        await clearGraph(driver, 'neo4j');
        if (side === 'floor') {
          const f = await floorImport(driver, 'neo4j', g.doc);
          log(`  import round ${round}: floor ${f.seconds.toFixed(2)} s`);
          if (!floor || f.seconds < floor.seconds) floor = f;
        } else {
          const o = await ourImport(db, g.doc);
          log(
            `  import round ${round}: ours ${o.seconds.toFixed(2)} s (validation alone ${o.validateSeconds!.toFixed(2)} s)`,
          );
          if (!ours || o.seconds < ours.seconds) ours = o;
        }
      }
    }
    if (opts.importRounds % 2 === 0) {
      // The floor's graph is in place: the servers are to serve the one our import path wrote (not timed).
      await clearGraph(driver, 'neo4j');
      const again = await importDocument(db, g.doc);
      if (!again.ok) throw new Error('import failed');
    }
    await db.write('CALL db.awaitIndexes(300)');

    const env = { NEO4J_URI: conn.uri, NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password, NEO4J_DATABASE: 'neo4j' };
    const profDir = join(PROJECT_ROOT, 'bench', 'results', 'profiles');
    const profile = (name: string) => {
      if (!opts.cpuProf) return [];
      mkdirSync(join(profDir, name), { recursive: true });
      return ['--cpu-prof', `--cpu-prof-dir=${join(profDir, name)}`];
    };
    log('  starting the API, the floor server and the peer');
    const [api, floorServer, peer] = await Promise.all([
      startChild(
        'src/main.ts',
        {
          ...env,
          HOST: '127.0.0.1',
          PORT: '0',
          TG_SEED_ON_START: 'false',
          LOG_LEVEL: 'warn',
          // Workload 1 asks for 100 technologies × 40 capabilities: 12,201 by the server's cost estimate. A budget
          // below the default (100,000), so that a cost model grown much dearer shows here as refusals.
          TG_MAX_COST: '50000',
          TG_SHUTDOWN_GRACE_MS: '1000',
        },
        /GraphQL:\s+http:\/\/127\.0\.0\.1:(\d+)\/graphql/,
        profile('api'),
      ),
      startChild('bench/floor-server.ts', env, /FLOOR_READY (\d+)/, profile('floor')),
      opts.peer ? startChild('bench/peer-server.ts', env, /PEER_READY (\d+)/) : Promise.resolve(undefined),
    ]);
    try {
      const workloads: WorkloadResult[] = [];
      for (const w of WORKLOADS.filter((x) => opts.workloads.includes(x.id))) {
        const variables = w.variables(g.probes);
        const endpoints: Endpoint[] = [
          {
            target: 'api',
            url: `http://127.0.0.1:${api.port}/graphql`,
            body: JSON.stringify({ query: w.query, variables }),
            pid: api.pid,
          },
          {
            target: 'floor',
            url: `http://127.0.0.1:${floorServer.port}/${w.id}`,
            body: JSON.stringify({ variables }),
            pid: floorServer.pid,
          },
        ];
        if (w.id === 'nested' && peer) {
          endpoints.push({
            target: 'peer',
            url: `http://127.0.0.1:${peer.port}/graphql`,
            body: JSON.stringify({ query: PEER_NESTED }),
            pid: peer.pid,
          });
        }
        // The answers first: a fast wrong answer is no result.
        const answers = await Promise.all(endpoints.map(async (e) => ({ e, body: await post(e) })));
        const trips = new Map(
          answers.map(({ e, body }) => [e.target, (body.extensions?.dbRoundTrips as number | undefined) ?? null]),
        );
        let disagreement = '';
        for (const { e, body } of answers) {
          if (body.errors) disagreement ||= `${e.target} answered errors: ${JSON.stringify(body.errors).slice(0, 300)}`;
        }
        const apiData = answers[0].body.data;
        if (!disagreement) disagreement = firstDifference(apiData, answers[1].body.data);
        if (!disagreement && answers[2]) {
          const d = firstDifference(sortCaps(apiData), sortCaps(peerAsOurs(answers[2].body.data)));
          if (d) disagreement = `peer: ${d}`;
        }
        log(`  ${w.title}: answers ${disagreement ? `DIFFER (${disagreement})` : 'agree'}`);
        const runs = await measure(
          endpoints,
          opts,
          Math.min(opts.connections, w.maxConnections ?? opts.connections),
          conn.pid,
        );
        for (const r of runs) {
          r.dbRoundTrips = trips.get(r.target) ?? null;
          log(
            `    ${r.target.padEnd(5)} ${r.throughput.toFixed(1).padStart(8)} req/s  p50 ${String(r.p50 ?? '–').padStart(5)} ms  ` +
              `p99 ${String(r.p99 ?? '–').padStart(5)} ms  errors ${r.errors}  RSS ${r.rssMaxMb} MB  ` +
              `CPU/request: server ${r.serverCpuMs ?? '–'} ms, Neo4j ${r.neo4jCpuMs ?? '–'} ms  (warmed ${r.warmedSeconds ?? '–'} s)`,
          );
        }
        workloads.push({
          id: w.id,
          title: w.title,
          agrees: !disagreement,
          ...(disagreement ? { disagreement } : {}),
          runs,
        });
      }
      return {
        size,
        counts: g.counts,
        probes: g.probes,
        import: { ours: ours!, floor: floor!, ratio: ours!.recordsPerSecond / floor!.recordsPerSecond },
        workloads,
      };
    } finally {
      await Promise.all([api.stop(), floorServer.stop(), peer?.stop()]);
    }
  } finally {
    await driver.close();
    await db.close();
  }
}

// --- targets and report -----------------------------------------------------------------------------------------
export function checkTargets(sizes: SizeResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const run = (s: SizeResult, w: WorkloadId, t: Target) =>
    s.workloads.find((x) => x.id === w)?.runs.find((r) => r.target === t);
  for (const s of sizes) {
    const api = run(s, 'nested', 'api');
    const peer = run(s, 'nested', 'peer');
    if (api && peer) {
      const ratio = api.throughput / peer.throughput;
      checks.push({
        name: `${s.size}: workload 1 throughput ≥ 1.5× the peer's`,
        met: ratio >= 1.5,
        detail: `${ratio.toFixed(2)}× (${api.throughput.toFixed(0)} vs ${peer.throughput.toFixed(0)} req/s)`,
      });
    }
    for (const w of ['nested', 'gaps', 'partners'] as const) {
      const a = run(s, w, 'api');
      const f = run(s, w, 'floor');
      if (a && f && (a.p50 === null || f.p50 === null)) {
        checks.push({
          name: `${s.size}: ${w} p50 ≤ 1.5× the floor's`,
          met: null,
          detail: 'no request completed within the measurement',
        });
      } else if (a && f) {
        const ratio = a.p50! / Math.max(f.p50!, 0.5);
        checks.push({
          name: `${s.size}: ${w} p50 ≤ 1.5× the floor's`,
          met: ratio <= 1.5,
          detail: `${ratio.toFixed(2)}× (${a.p50} vs ${f.p50} ms)`,
        });
      }
    }
    checks.push({
      name: `${s.size}: import ≥ 0.7× the floor's rate`,
      met: s.import.ratio >= 0.7,
      detail: `${s.import.ratio.toFixed(2)}× (${s.import.ours.recordsPerSecond.toFixed(0)} vs ${s.import.floor.recordsPerSecond.toFixed(0)} records/s)`,
    });
    const rss = Math.max(
      ...s.workloads.flatMap((w) => w.runs.filter((r) => r.target === 'api').map((r) => r.rssMaxMb)),
    );
    checks.push({ name: `${s.size}: API RSS under load ≤ 300 MB`, met: rss <= 300, detail: `${rss} MB at most` });
  }
  const gS = sizes.find((s) => s.size === 'S');
  const gM = sizes.find((s) => s.size === 'M');
  const aS = gS && run(gS, 'gaps', 'api');
  const aM = gM && run(gM, 'gaps', 'api');
  if (aS && aM && aS.p50 !== null && aM.p50 !== null) {
    const ratio = aM.p50 / Math.max(aS.p50, 0.5);
    checks.push({
      name: 'value-chain gaps on M within 1.5× of the same-sized chain on S (p50)',
      met: ratio <= 1.5,
      detail: `${ratio.toFixed(2)}× (${aM.p50} vs ${aS.p50} ms)`,
    });
  }
  return checks;
}

export function formatTable(result: BenchResult): string {
  const lines: string[] = [];
  const m = result.machine;
  lines.push(
    `techgraph bench, ${result.startedAt}: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, load ${m.loadAvg.map((x) => x.toFixed(2)).join(' ')}, node ${m.node}`,
  );
  lines.push(
    `${result.options.connections} connections (fewer where the table says), ${result.options.durationSeconds} s per measurement after a warm-up of ${result.options.warmupSeconds}–${result.options.warmupMaxSeconds} s (until steady); ` +
      `Neo4j heap ${result.neo4j.heap}, page cache ${result.neo4j.pageCache}`,
  );
  for (const s of result.sizes) {
    lines.push('');
    lines.push(
      `Size ${s.size}: ${s.counts.technologies} technologies, ${s.counts.organizations} organizations, ${s.counts.capabilities} capabilities, ` +
        `${s.counts.dependencies} dependencies (${s.counts.nodes} nodes, ${s.counts.relationships} relationships); value chain ${s.probes.chainSize}`,
    );
    lines.push(
      '| workload | server | conn. | req/s | p50 ms | p99 ms | errors | RSS MB | CPU ms/req server | CPU ms/req Neo4j | round trips | answer |',
    );
    lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const w of s.workloads) {
      for (const r of w.runs) {
        lines.push(
          `| ${r === w.runs[0] ? w.title : ''} | ${r.target} | ${r.connections} | ${r.throughput.toFixed(1)} | ${r.p50 ?? '–'} | ${r.p99 ?? '–'} | ${r.errors} | ${r.rssMaxMb} | ${r.serverCpuMs ?? '–'} | ${r.neo4jCpuMs ?? '–'} | ${r.dbRoundTrips ?? '?'} | ${r === w.runs[0] ? (w.agrees ? 'agrees' : 'DIFFERS') : ''} |`,
        );
      }
    }
    const i = s.import;
    lines.push(
      `| import, records/s | ours | | ${i.ours.recordsPerSecond.toFixed(0)} | ${i.ours.seconds.toFixed(2)} s (validation ${i.ours.validateSeconds?.toFixed(2)} s) | | | | | | | ${i.ratio.toFixed(2)}× floor |`,
    );
    lines.push(
      `| | floor | | ${i.floor.recordsPerSecond.toFixed(0)} | ${i.floor.seconds.toFixed(2)} s | | | | | | | |`,
    );
  }
  lines.push('');
  lines.push('Targets:');
  for (const t of result.targets)
    lines.push(`  ${t.met === null ? '?' : t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${t.detail}`);
  return lines.join('\n');
}

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const heap = process.env.TG_NEO4J_HEAP ?? (opts.sizes.includes('M') ? '3g' : '1g');
  const pageCache = process.env.TG_NEO4J_PAGECACHE ?? '512m';
  // The compilers `npm start` gives the embedded Neo4j (TG_NEO4J_JIT), which every target shares.
  const jit = loadConfig().neo4j.jit;
  const plugins = opts.peer ? ensureApoc(opts.log) : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'techgraph-bench-'));
  opts.log(
    `starting the embedded Neo4j (heap ${heap}, page cache ${pageCache}, JIT ${jit}${plugins ? ', APOC core' : ''}) in ${dataDir}`,
  );
  const neo = await startEmbeddedNeo4j({
    dataDir,
    boltPort: 0,
    heap,
    pageCache,
    jit,
    txTimeoutSeconds: 0,
    ...(plugins ? { plugins, unrestrictedProcedures: ['apoc.*'] } : {}),
  });
  try {
    const sizes: SizeResult[] = [];
    for (const size of opts.sizes) sizes.push(await runSize(size, neo, opts));
    const { log: _log, ...options } = opts;
    const result: BenchResult = {
      startedAt,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? '?',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        freeGb: Math.round(freemem() / 2 ** 30),
        loadAvg: loadavg(),
        node: process.version,
      },
      options,
      neo4j: { heap, pageCache, apoc: !!plugins },
      sizes,
      targets: checkTargets(sizes),
    };
    const dir = join(PROJECT_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = opts.out ?? join(dir, `bench-${opts.quick ? 'quick-' : ''}${startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(dir, opts.quick ? 'latest-quick.json' : 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    result.file = file;
    return result;
  } finally {
    await neo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  const result = await runBench(opts);
  process.stdout.write(`\n${formatTable(result)}\n\nResult: ${result.file}\n`);
  process.exit(result.sizes.every((s) => s.workloads.every((w) => w.agrees)) ? 0 : 1);
}
