#!/usr/bin/env node
// `npm run measure:start`: how long the real service takes to start on a seeded store, and how long its first
// analysis answers take. It seeds a fresh store once (a first `node dist/main.js` on an empty data folder), then
// starts the service --runs times on it, as `npm start` does (embedded Neo4j included), and for each start prints:
//   ready   milliseconds from spawn to the "ready" log line, and the CPU time the service and its JVM had used by
//           then (on a busy machine the wall time mostly measures the others; the CPU time much less so)
//   first   the first ValueChainGaps request (operations/ValueChainGaps.graphql, its own variables) right after ready
//           (with --after-warm-up: once the log says the background warm-up is done), and when its
//           answer came, counted from spawn
//   second  the same request again
//   variant another sector, page and selection of ValueChainGaps (one statement text serves them all)
//   others  the slowest first answer of the other example operations (operations/*.graphql), asked after that
// then the medians, the timeline of the last start (every log line, milliseconds after spawn) and the load
// average: the machine may be shared, and the figures mean little without it.
// --compare DIR: each run also starts the service of another checkout (built, e.g. a worktree of an older commit)
// on the same store, right after this one's, so both meet the same load.
// Usage: npm run build && node scripts/measure-start.mjs [--runs 5] [--keep] [--after-warm-up] [--compare DIR]
// (settings such as TG_WARM_UP pass through; TG_NEO4J_CACHE too, which an older checkout may need)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 5;
const keep = argv.includes('--keep');
const afterWarmUp = argv.includes('--after-warm-up');
const compareArg = argv.indexOf('--compare');
const variants = [
  { name: 'this checkout', dir: root },
  ...(compareArg >= 0 ? [{ name: argv[compareArg + 1], dir: argv[compareArg + 1] }] : []),
];

/** An example operation: its document and the variables its `# variables:` comment gives. */
function operation(file) {
  const text = readFileSync(join(root, 'operations', file), 'utf8');
  const vars = /^# variables: (.*)$/m.exec(text);
  return { name: file.replace(/\.graphql$/, ''), query: text, variables: vars ? JSON.parse(vars[1]) : {} };
}
const operations = readdirSync(join(root, 'operations'))
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map(operation);
const gaps = operations.find((o) => o.name === 'ValueChainGaps');
const others = operations.filter((o) => o !== gaps && !/^\s*mutation\b/m.test(o.query));
/** A ValueChainGaps request no example sends: another sector, the last page, other fields, the unrated rows. */
const gapsVariant = {
  name: 'ValueChainGaps (another sector, page and selection)',
  query: `query Variant($sector: ID!) {
    valueChainGaps(sector: $sector, last: 3) {
      totalCount
      nodes { id technology { id nameKo } status gap foreignLeaders { id country } }
      unrated(first: 2) { nodes { id technology { id } status } }
    }
  }`,
  variables: { sector: 'sector:robotics' },
};

const dataDir = mkdtempSync(join(tmpdir(), 'techgraph-measure-start-'));
// debug: the timeline then shows each warm-up operation as it finishes.
const env = { ...process.env, TG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'debug', NODE_ENV: 'production' };
delete env.NEO4J_URI; // the embedded Neo4j is what is measured

/** CPU milliseconds (user + system) that process `pid` and its children still running have used. */
function cpuMs(pid) {
  const ticks = (p) => {
    if (!existsSync(`/proc/${p}/stat`)) return 0;
    const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime (clock ticks, 100 a second on Linux)
  };
  const children = (p) => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const all = (p) => [p, ...children(p).flatMap(all)];
  return all(pid).reduce((sum, p) => sum + ticks(p), 0) * 10;
}

/** Starts the service of checkout `dir`; resolves at "ready" with its address, the log so far and a stop function. */
function start(dir = root) {
  return new Promise((resolve, reject) => {
    const spawned = performance.now();
    const child = spawn(process.execPath, ['--max-semi-space-size=16', 'dist/main.js'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timeline = [];
    let buffered = '';
    let tail = '';
    let readyAt;
    let url;
    const exited = new Promise((r) => child.once('exit', (code) => r(code)));
    child.stdout.on('data', (chunk) => {
      const at = performance.now() - spawned;
      buffered += chunk;
      tail = (tail + chunk).slice(-4000);
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        if (line.startsWith('{')) {
          try {
            const entry = JSON.parse(line);
            const { level, time, msg, ...rest } = entry;
            timeline.push({ at, msg, rest });
            if (msg === 'ready') readyAt = at;
          } catch {
            /* not a log line */
          }
        }
        const m = /GraphQL:\s+(http\S+)/.exec(line);
        if (m) url = m[1];
        if (readyAt !== undefined && url) {
          resolve({
            spawned,
            readyMs: readyAt,
            cpuMs: cpuMs(child.pid),
            url,
            timeline,
            warmedUp: () =>
              new Promise((done) => {
                const check = () =>
                  timeline.some((t) => t.msg === 'warmed up the example operations') ? done() : setTimeout(check, 100);
                check();
              }),
            stop: async () => {
              child.kill('SIGTERM');
              await exited;
            },
          });
          readyAt = undefined;
        }
      }
    });
    child.stderr.on('data', (d) => {
      tail = (tail + d).slice(-4000);
    });
    void exited.then((code) => reject(new Error(`the service exited (${code}) before it was ready:\n${tail}`)));
  });
}

async function ask(url, op) {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  });
  const body = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200 || body.errors)
    throw new Error(`${op.name}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = (ms) => Math.round(ms);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const cds = join(process.env.TG_NEO4J_CACHE ?? join(root, '.neo4j'), 'cds');
const archives = () => (existsSync(cds) ? readdirSync(cds).filter((f) => f.endsWith('.jsa')) : []);
const loadBefore = load();
const archivedBefore = archives().length > 0;

/** One start of `dir`: ready, then the questions. */
async function measure(dir) {
  const s = await start(dir);
  if (afterWarmUp && dir === root) await s.warmedUp(); // an older checkout may have no warm-up
  const first = await ask(s.url, gaps);
  const answeredAt = performance.now() - s.spawned;
  const second = await ask(s.url, gaps);
  const variant = await ask(s.url, gapsVariant);
  let slowest = { name: '', ms: 0 };
  for (const op of others) {
    const ms = await ask(s.url, op);
    if (ms > slowest.ms) slowest = { name: op.name, ms };
  }
  await s.stop();
  return {
    ready: s.readyMs,
    cpu: s.cpuMs,
    first,
    answeredAt,
    second,
    variant,
    slowest,
    timeline: s.timeline,
    load: loadavg()[0],
  };
}

try {
  process.stdout.write(`seeding a fresh store in ${dataDir} ...\n`);
  const seeding = await start();
  process.stdout.write(
    `  first start (seeds loaded): ready in ${r(seeding.readyMs)} ms (CPU ${r(seeding.cpuMs)} ms)\n`,
  );
  await seeding.stop();
  process.stdout.write(
    `  class-data archive of the JVM: ${archivedBefore ? 'there before' : archives().length ? 'recorded by that first start' : 'none'}\n`,
  );

  const results = new Map(variants.map((v) => [v, []]));
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const x = await measure(v.dir);
      results.get(v).push(x);
      process.stdout.write(
        `run ${i + 1}${variants.length > 1 ? ` (${v.name})` : ''}: ready ${r(x.ready)} ms (CPU ${r(x.cpu)} ms), ` +
          `first ValueChainGaps ${r(x.first)} ms (answered ${r(x.answeredAt)} ms after spawn), second ${r(x.second)} ms ` +
          `(${(x.first / x.second).toFixed(1)}x), variant ${r(x.variant)} ms, slowest other first answer ${r(x.slowest.ms)} ms (${x.slowest.name}); load ${x.load.toFixed(2)}\n`,
      );
    }
  }
  for (const v of variants) {
    const rs = results.get(v);
    process.stdout.write(`\ntimeline of the last start of ${v.name} (ms after spawn):\n`);
    for (const t of rs.at(-1).timeline) {
      const extra = Object.keys(t.rest).length ? ` ${JSON.stringify(t.rest)}` : '';
      process.stdout.write(`  ${String(r(t.at)).padStart(6)}  ${t.msg}${extra}\n`);
    }
  }
  process.stdout.write('\n');
  for (const v of variants) {
    const rs = results.get(v);
    const med = (k) => median(rs.map((x) => x[k]));
    process.stdout.write(
      `${v.name}, median of ${runs}: ready ${r(med('ready'))} ms (CPU ${r(med('cpu'))} ms); first ValueChainGaps ${r(med('first'))} ms ` +
        `(answered ${r(med('answeredAt'))} ms after spawn), second ${r(med('second'))} ms, ratio ${median(rs.map((x) => x.first / x.second)).toFixed(1)}x; ` +
        `variant ${r(med('variant'))} ms; slowest other first answer ${r(median(rs.map((x) => x.slowest.ms)))} ms\n`,
    );
  }
  process.stdout.write(
    `TG_WARM_UP=${process.env.TG_WARM_UP ?? '(default)'}${afterWarmUp ? ', asked after the warm-up' : ''}; load average (1, 5, 15 min): before ${loadBefore}, after ${load()}; ${cpus().length} cores\n`,
  );
} finally {
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
  else process.stdout.write(`store kept in ${dataDir}\n`);
}
