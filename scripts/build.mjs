#!/usr/bin/env node
// `npm run build`: what production runs, in dist/.
//  - the server: src/**/*.ts transpiled file by file to plain ES modules (dist/main.js, dist/cli/*.js, ...), so
//    that `npm start` and the Docker image run JavaScript and load no TypeScript compiler at start. dist/ sits
//    beside src/, so PROJECT_ROOT (one level above the module) is the same for both. Types are checked by
//    `npm run typecheck`, not here: esbuild only strips them (tsconfig has isolatedModules for this).
//  - the browser bundles, from web/: the playground (dist/playground) and the gap explorer (dist/explorer).
// --if-stale: build only the parts whose sources changed since their last build (a hash in dist/.stamps), so
// that `npm start` (prestart) costs a few milliseconds when nothing changed.
// --optional: do nothing when esbuild is absent (`npm ci --omit=dev`: the install must not fail for that).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stamps = join(dist, '.stamps');
const args = new Set(process.argv.slice(2));
const ifStale = args.has('--if-stale');

// Browser code (web/, a TypeScript project of its own): bundled for the browser, never loaded by the server.
const BROWSER_DIRS = ['web/playground', 'web/explorer'].map((d) => join(root, d));

function filesUnder(dir, keep) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out.sort();
}

function hashOf(files) {
  const h = createHash('sha256');
  for (const f of files) h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

const serverSources = () => filesUnder(join(root, 'src'), (p) => /\.ts$/.test(p) && !p.endsWith('.d.ts'));

const targets = [
  {
    name: 'server',
    inputs: () => [...serverSources(), join(root, 'scripts/build.mjs'), join(root, 'package.json')],
    output: join(dist, 'main.js'),
    async build(esbuild) {
      const started = Date.now();
      const entryPoints = serverSources();
      // Only what a previous build of the server wrote goes (not the bundles beside it).
      for (const d of readdirSync(join(root, 'src'), { withFileTypes: true })) {
        rmSync(join(dist, d.isDirectory() ? d.name : d.name.replace(/\.ts$/, '.js')), { recursive: true, force: true });
      }
      await esbuild.build({
        entryPoints,
        outdir: dist,
        outbase: join(root, 'src'),
        bundle: false,
        format: 'esm',
        platform: 'node',
        // The oldest Node that package.json's engines allows.
        target: 'node20',
        logLevel: 'warning',
      });
      return `${entryPoints.length} modules in ${Date.now() - started} ms`;
    },
  },
  {
    name: 'playground',
    inputs: () => [...filesUnder(BROWSER_DIRS[0], () => true), join(root, 'scripts/build-playground.mjs')],
    output: join(dist, 'playground', 'playground.js'),
    build: () => runScript('scripts/build-playground.mjs'),
  },
  {
    name: 'explorer',
    inputs: () => [...filesUnder(BROWSER_DIRS[1], () => true), join(root, 'scripts/build-explorer.mjs')],
    output: join(dist, 'explorer', 'explorer.js'),
    build: () => runScript('scripts/build-explorer.mjs'),
  },
];

function runScript(script) {
  execFileSync(process.execPath, [join(root, script)], { stdio: 'inherit' });
  return 'bundled';
}

let esbuild;
try {
  esbuild = createRequire(import.meta.url)('esbuild');
} catch {
  if (args.has('--optional')) {
    process.stdout.write('[build] esbuild is not installed (a production install): nothing built\n');
    process.exit(0);
  }
  process.stderr.write('[build] esbuild is missing: run `npm ci` (with the dev dependencies) before building\n');
  process.exit(1);
}

mkdirSync(stamps, { recursive: true });
for (const t of targets) {
  const hash = hashOf(t.inputs());
  const stampFile = join(stamps, t.name);
  if (ifStale && existsSync(t.output) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) continue;
  const what = await t.build(esbuild);
  writeFileSync(stampFile, hash);
  process.stdout.write(`[build] ${t.name}: ${what}\n`);
}
