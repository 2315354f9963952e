// `npm run schema:print`: writes the full SDL to schema.graphql. It refuses to record a breaking change
// (a removed field, a narrowed type, a new required argument...) unless given --accept-breaking.
import { relative } from 'node:path';
import { describeChanges, SDL_FILE, writeSdl } from '../server/sdl.js';

const name = relative(process.cwd(), SDL_FILE) || SDL_FILE;
const result = writeSdl({ acceptBreaking: process.argv.includes('--accept-breaking') });

if (result.outcome === 'refused') {
  process.stderr.write(
    `The schema in schema/ breaks ${name} for existing clients:\n${describeChanges(result.breaking)}\n` +
      'Nothing was written. Undo the change, or, if the break is intended and announced to consumers, run\n' +
      '  npm run schema:print -- --accept-breaking\n' +
      'and record it under "Schema" in CHANGELOG.md.\n',
  );
  process.exit(1);
}
if (result.breaking.length > 0) {
  process.stdout.write(
    `Recorded breaking changes (accepted):\n${describeChanges(result.breaking)}\nList them under "Schema" in CHANGELOG.md.\n`,
  );
}
if (result.dangerous.length > 0)
  process.stdout.write(`Changes that may affect clients:\n${describeChanges(result.dangerous)}\n`);
process.stdout.write(result.outcome === 'unchanged' ? `${name} is up to date.\n` : `Wrote ${name}.\n`);
