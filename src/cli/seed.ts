// `npm run seed [-- --demo]`: loads the default graph (seeds/*.json and CSET's dataset from the kept CSV files)
// through the import path; `--demo` adds the fictional demo set (seeds/demo/). Idempotent: the same records are
// merged again.
import { importDocument } from '../import/index.js';
import { readDefaultGraph } from '../import/seeds.js';
import { printResult } from './import.js';
import { runWithDatabase, usage } from './run.js';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--demo');
if (unknown.length) usage(`usage: npm run seed [-- --demo]  (unknown argument: ${unknown.join(' ')})`);
const demo = args.includes('--demo');

await runWithDatabase(async (db) => printResult(await importDocument(db, readDefaultGraph({ demo }))));
