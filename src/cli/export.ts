// `npm run export -- <file.json>` writes the whole graph in the import format; `-- --csv <folder>` writes one
// CSV file per collection plus relationships.csv.
import { writeFileSync } from 'node:fs';
import { writeCsvFolder } from '../import/csv.js';
import { exportDocument } from '../import/export.js';
import { runWithDatabase, usage } from './run.js';

const args = process.argv.slice(2);
const csv = args[0] === '--csv';
const target = csv ? args[1] : args[0];
if (!target) usage('usage: npm run export -- <file.json>   or   npm run export -- --csv <folder>');

await runWithDatabase(
  async (db) => {
    const doc = await exportDocument(db);
    if (csv) writeCsvFolder(doc, target);
    else writeFileSync(target, `${JSON.stringify(doc, null, 1)}\n`);
    const nodes = Object.entries(doc)
      .filter(([k, v]) => k !== 'relationships' && Array.isArray(v))
      .reduce((s, [, v]) => s + (v as unknown[]).length, 0);
    process.stdout.write(`exported ${nodes} nodes and ${doc.relationships?.length ?? 0} relationships to ${target}\n`);
    return 0;
  },
  { migrate: false },
);
