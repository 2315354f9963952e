#!/usr/bin/env node
// Bundles the GraphiQL playground (web/playground/client.tsx) with esbuild into dist/playground,
// so the browser loads nothing from a CDN: the server serves these files itself.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
await build({
  entryPoints: { playground: join(root, 'web/playground/client.tsx') },
  outdir: join(root, 'dist/playground'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'warning',
});
process.stdout.write(`[setup] Playground: bundled in ${Date.now() - started} ms\n`);
