// `npm run seed`: loads seeds/*.json through the import path (idempotent: the same records are merged again).
import { importDocument } from '../import/index.js';
import { readSeeds } from '../import/seeds.js';
import { runWithDatabase } from './run.js';
import { printResult } from './import.js';

await runWithDatabase(async (db) => printResult(await importDocument(db, readSeeds())));
