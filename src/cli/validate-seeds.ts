// `npx tsx src/cli/validate-seeds.ts`: checks the seeds as an import into an empty database would, without one.
import { readSeeds } from '../import/seeds.js';
import { EMPTY_GRAPH, validateDocument } from '../import/validate.js';

const doc = readSeeds();
const problems = await validateDocument(doc, EMPTY_GRAPH);
for (const p of problems) console.log(`${p.path}: ${p.message} [${p.code}]`);
const counts = Object.entries(doc).map(([k, v]) => `${k} ${(v as unknown[]).length}`).join(', ');
console.log(problems.length ? `${problems.length} problems` : `seeds valid: ${counts}`);
process.exit(problems.length ? 1 : 0);
