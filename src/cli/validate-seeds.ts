// `npm run seeds:check [-- --demo]`: checks the default graph (the seeds and CSET's dataset; with
// --demo, the demo set too) as an import into an empty database would, without one.
import { readDefaultGraph } from '../import/seeds.js';
import { EMPTY_GRAPH, validateDocument } from '../import/validate.js';

const doc = readDefaultGraph({ demo: process.argv.includes('--demo') });
const problems = await validateDocument(doc, EMPTY_GRAPH);
for (const p of problems) console.log(`${p.path}: ${p.message} [${p.code}]`);
const counts = Object.entries(doc)
  .filter(([, v]) => Array.isArray(v))
  .map(([k, v]) => `${k} ${(v as unknown[]).length}`)
  .join(', ');
console.log(problems.length ? `${problems.length} problems` : `seeds valid: ${counts}`);
process.exit(problems.length ? 1 : 0);
