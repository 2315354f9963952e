#!/usr/bin/env node
// Bundles the gap explorer (web/explorer/client.tsx: React + cytoscape from npm) with esbuild into
// dist/explorer, so the page loads nothing from outside: the server serves these files itself (server/explorer.ts).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
await build({
  entryPoints: { explorer: join(root, 'web/explorer/client.tsx') },
  outdir: join(root, 'dist/explorer'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  loader: { '.svg': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'warning',
});
process.stdout.write(`[setup] Explorer: bundled in ${Date.now() - started} ms\n`);
