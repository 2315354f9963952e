// `npm run import -- <file.json | folder of CSV files>`: validates the whole document, then writes it.
import { statSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCsvFolder } from '../import/csv.js';
import { importDocument, type ImportResult } from '../import/index.js';
import { runWithDatabase, usage } from './run.js';

export function printResult(result: ImportResult): number {
  if (!result.ok) {
    for (const p of result.problems) process.stderr.write(`${p.path}: ${p.message} [${p.code}]\n`);
    process.stderr.write(`${result.problems.length} problem(s); nothing was written.\n`);
    return 1;
  }
  const { nodes, relationships, byCollection } = result.counts;
  for (const [k, v] of Object.entries(byCollection)) process.stdout.write(`  ${k}: ${v}\n`);
  process.stdout.write(`imported ${nodes} nodes and ${relationships} relationships\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2];
  if (!path) usage('usage: npm run import -- <graph.json | folder with <collection>.csv files>');
  let doc: unknown;
  try {
    doc = statSync(path).isDirectory() ? readCsvFolder(path) : JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    usage(`cannot read ${path}: ${(e as Error).message}`);
  }
  await runWithDatabase(async (db) => printResult(await importDocument(db, doc)));
}
