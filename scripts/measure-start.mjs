#!/usr/bin/env node
// `npm run measure:start`: how long the real service takes to start on a seeded store, and how long its first
// analysis answers take. It seeds a fresh store once (a first `node dist/main.js` on an empty data folder), then
// starts the service --runs times on it, as `npm start` does (embedded Neo4j included), and for each start prints:
//   ready   milliseconds from spawn to the "ready" log line
//   first   the first ValueChainGaps request (operations/ValueChainGaps.graphql, its own variables) right after ready
//   second  the same request again
//   others  the slowest first answer of the other example operations (operations/*.graphql), asked after that
// then the medians, the timeline of the last start (every log line, milliseconds after spawn) and the load
// average before and after: the machine may be shared, and the figures mean little without it.
// Usage: npm run build && node scripts/measure-start.mjs [--runs 5] [--keep]   (settings such as TG_WARM_UP pass through)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 5;
const keep = argv.includes('--keep');

/** An example operation: its document and the variables its `# variables:` comment gives. */
function operation(file) {
  const text = readFileSync(join(root, 'operations', file), 'utf8');
  const vars = /^# variables: (.*)$/m.exec(text);
  return { name: file.replace(/\.graphql$/, ''), query: text, variables: vars ? JSON.parse(vars[1]) : {} };
}
const operations = readdirSync(join(root, 'operations')).filter((f) => f.endsWith('.graphql')).sort().map(operation);
const gaps = operations.find((o) => o.name === 'ValueChainGaps');
const others = operations.filter((o) => o !== gaps && !/^\s*mutation\b/m.test(o.query));

const dataDir = mkdtempSync(join(tmpdir(), 'techgraph-measure-start-'));
const env = { ...process.env, TG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production' };
delete env.NEO4J_URI; // the embedded Neo4j is what is measured

/** Starts the service; resolves at "ready" with its address, the log so far and a stop function. */
function start() {
  return new Promise((resolve, reject) => {
    const spawned = performance.now();
    const child = spawn(process.execPath, ['--max-semi-space-size=16', 'dist/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
          } catch { /* not a log line */ }
        }
        const m = /GraphQL:\s+(http\S+)/.exec(line);
        if (m) url = m[1];
        if (readyAt !== undefined && url) {
          resolve({ readyMs: readyAt, url, timeline, stop: async () => { child.kill('SIGTERM'); await exited; } });
          readyAt = undefined;
        }
      }
    });
    child.stderr.on('data', (d) => { tail = (tail + d).slice(-4000); });
    void exited.then((code) => reject(new Error(`the service exited (${code}) before it was ready:\n${tail}`)));
  });
}

async function ask(url, op) {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  });
  const body = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200 || body.errors) throw new Error(`${op.name}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = (ms) => Math.round(ms);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const loadBefore = load();
try {
  process.stdout.write(`seeding a fresh store in ${dataDir} ...\n`);
  const seeding = await start();
  process.stdout.write(`  first start (seeds loaded): ready in ${r(seeding.readyMs)} ms\n`);
  await seeding.stop();

  const results = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const s = await start();
    const first = await ask(s.url, gaps);
    const second = await ask(s.url, gaps);
    let slowest = { name: '', ms: 0 };
    for (const op of others) {
      const ms = await ask(s.url, op);
      if (ms > slowest.ms) slowest = { name: op.name, ms };
    }
    await s.stop();
    results.push({ ready: s.readyMs, first, second, slowest });
    last = s;
    process.stdout.write(`run ${i + 1}: ready ${r(s.readyMs)} ms, first ValueChainGaps ${r(first)} ms, second ${r(second)} ms `
      + `(${(first / second).toFixed(1)}x), slowest other first answer ${r(slowest.ms)} ms (${slowest.name})\n`);
  }
  process.stdout.write('\ntimeline of the last start (ms after spawn):\n');
  for (const t of last.timeline) {
    const extra = Object.keys(t.rest).length ? ` ${JSON.stringify(t.rest)}` : '';
    process.stdout.write(`  ${String(r(t.at)).padStart(6)}  ${t.msg}${extra}\n`);
  }
  const med = (k) => median(results.map((x) => x[k]));
  process.stdout.write(`\nmedian of ${runs}: ready ${r(med('ready'))} ms; first ValueChainGaps ${r(med('first'))} ms, `
    + `second ${r(med('second'))} ms, ratio ${median(results.map((x) => x.first / x.second)).toFixed(1)}x; `
    + `slowest other first answer ${r(median(results.map((x) => x.slowest.ms)))} ms\n`);
  process.stdout.write(`TG_WARM_UP=${process.env.TG_WARM_UP ?? '(default)'}; load average (1, 5, 15 min): before ${loadBefore}, after ${load()}; ${
    (await import('node:os')).cpus().length} cores\n`);
} finally {
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
  else process.stdout.write(`store kept in ${dataDir}\n`);
}
