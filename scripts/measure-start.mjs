#!/usr/bin/env node
// Start-up cost of the API process alone: TypeScript through tsx (`node --import tsx src/main.ts`, what
// `npm start` ran before the build step) against the compiled JavaScript (`node dist/main.js`). Both run against
// one Neo4j that this script starts once (the embedded one, from dist/), so the JVM's start is not in the figures.
// Prints, per variant, the median over --runs: milliseconds from spawn to the "ready" line, the API process's
// peak RSS at that moment, and how many processes it had started (tsx's esbuild service is one).
// Usage: npm run build && node scripts/measure-start.mjs [--runs 5]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const { startEmbeddedNeo4j } = await import(join(root, 'dist/db/embedded.js'));
const dataDir = mkdtempSync(join(tmpdir(), 'techgraph-measure-'));
const neo = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap: '512m', pageCache: '128m', txTimeoutSeconds: 120 });
const env = {
  ...process.env, NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password, PORT: '0',
  TG_SEED_ON_START: 'false', LOG_LEVEL: 'info', NODE_ENV: 'production',
};

function children(pid) {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch { return []; }
}
function descendants(pid) {
  const out = [];
  for (const c of children(pid)) out.push(c, ...descendants(c));
  return out;
}
function peakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function once(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let ready = false;
    const onData = (d) => {
      out += d;
      if (/"msg":"ready"/.test(out)) {
        child.stdout.off('data', onData);
        const ms = performance.now() - started;
        const result = { ms, rssMb: peakRssMb(child.pid), processes: descendants(child.pid).length };
        ready = true;
        child.once('exit', () => resolve(result));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => { out += d; });
    child.once('exit', (code) => ready || reject(new Error(`exited with ${code} before ready:\n${out.slice(-2000)}`)));
  });
}

const variants = {
  'tsx src/main.ts': ['--max-semi-space-size=16', '--import', 'tsx', 'src/main.ts'],
  'node dist/main.js': ['--max-semi-space-size=16', 'dist/main.js'],
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await once(variants['node dist/main.js']); // warms the file cache; the store stays empty (no seeding: only the start itself is measured)
  const results = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(variants)) results[name].push(await once(args));
  }
  for (const [name, rs] of Object.entries(results)) {
    console.log(`${name.padEnd(20)} ready in ${Math.round(median(rs.map((r) => r.ms)))} ms (runs: ${rs.map((r) => Math.round(r.ms)).join(', ')}), `
      + `peak RSS ${median(rs.map((r) => r.rssMb))} MB, child processes ${median(rs.map((r) => r.processes))}`);
  }
} finally {
  await neo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
