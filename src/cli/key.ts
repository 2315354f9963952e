// `npm run key -- --role editor [--kind service] [--note "CI importer"]`: makes a new API key, stores its
// SHA-256 in the keys file (TG_KEYS_FILE, default ./keys.json, git-ignored) and prints the key once: it is not
// stored anywhere, so copy it now. A running API picks the new key up within a second.
// `npm run key -- --list` shows the stored keys (ids, roles, notes; never the keys).
// With `--env` it prints the record as JSON for TG_API_KEYS instead of writing the file.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { appendKeyToFile, newKey, readKeysFile, type KeyRole } from '../server/auth.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    kind: { type: 'string', default: 'person' },
    note: { type: 'string' },
    env: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const usage =
  'usage: npm run key -- --role reader|editor [--kind person|service] [--note TEXT] [--env]\n       npm run key -- --list';
const file = loadConfig().auth.keysFile;

if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.list) {
  const keys = readKeysFile(file);
  if (!keys.length) console.log(`no keys in ${file}`);
  for (const k of keys)
    console.log(`${k.id}  ${k.role.padEnd(6)}  ${(k.kind ?? 'person').padEnd(7)}  ${k.created ?? ''}  ${k.note ?? ''}`);
  process.exit(0);
}
if (values.role !== 'reader' && values.role !== 'editor') {
  console.error(`--role must be reader or editor\n${usage}`);
  process.exit(2);
}
if (values.kind !== 'person' && values.kind !== 'service') {
  console.error(`--kind must be person or service\n${usage}`);
  process.exit(2);
}
const { key, record } = newKey(values.role as KeyRole, { note: values.note, kind: values.kind });
if (values.env) {
  console.error('Add this record to the JSON array in TG_API_KEYS:');
  console.log(JSON.stringify(record));
} else {
  appendKeyToFile(file, record);
  console.error(`Stored the hash of a new ${record.role} key (id ${record.id}) in ${file}.`);
}
console.error('The key (shown only now; send it as "Authorization: Bearer <key>"):');
console.log(key);
