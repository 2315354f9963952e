// `npm run import:cset [-- <folder>]`: CSET's semiconductor supply-chain dataset (data/cset-eto-chip-explorer/ by
// default) through the import path. The default graph (`npm run seed`, the seeds at start) already holds what it
// makes of the kept files, so on a seeded graph it changes nothing; another folder's files (a newer snapshot) are
// merged over it. It refers to the seeds' sector, stages and mapped records: on an empty database run
// `npm run seed` first.
import { buildCsetDocument, readCsetMapping } from '../import/cset.js';
import { CSET_DIR, readCsetFiles } from '../import/cset-files.js';
import { importDocument } from '../import/index.js';
import { printResult } from './import.js';
import { runWithDatabase, usage } from './run.js';

const dir = process.argv[2] ?? CSET_DIR;
let doc;
try {
  doc = buildCsetDocument(readCsetFiles(dir), readCsetMapping(dir));
} catch (e) {
  usage(`cannot import the CSET dataset from ${dir}: ${(e as Error).message}`);
}
await runWithDatabase(async (db) => printResult(await importDocument(db, doc)));
