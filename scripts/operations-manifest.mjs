#!/usr/bin/env node
// Writes operations/manifest.json, the server's list of registered (trusted) operations, in Apollo's
// persisted-query manifest format, from client/persisted-documents.json, which graphql-codegen's client preset
// writes from operations/*.graphql (ids are sha256 of the normalized document, as the typed client sends them).
// Run by `npm run codegen`; `--check` (run by `npm test`) fails when the manifest is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'client', 'persisted-documents.json');
const target = join(root, 'operations', 'manifest.json');

const documents = JSON.parse(readFileSync(source, 'utf8'));
const operations = Object.entries(documents)
  .map(([hash, body]) => {
    const op = parse(body).definitions.find((d) => d.kind === 'OperationDefinition');
    return { id: hash.replace(/^sha256:/, ''), name: op?.name?.value ?? null, type: op?.operation ?? 'query', body };
  })
  .sort((a, b) => String(a.name).localeCompare(String(b.name)) || a.id.localeCompare(b.id));
const text = `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;

if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    process.stderr.write('operations/manifest.json is stale: run `npm run codegen`.\n');
    process.exit(1);
  }
  process.stdout.write('operations/manifest.json is up to date.\n');
} else {
  writeFileSync(target, text);
  process.stdout.write(`Wrote operations/manifest.json (${operations.length} operations).\n`);
}
