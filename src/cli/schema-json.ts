// `npm run schema:json`: writes docs/graph-document.schema.json from the model.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { graphDocumentSchema } from '../import/json-schema.js';

const file = join(PROJECT_ROOT, 'docs', 'graph-document.schema.json');
writeFileSync(file, `${JSON.stringify(graphDocumentSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
