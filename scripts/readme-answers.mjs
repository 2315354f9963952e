// `npm run readme:answers -- [url] [demo-url]`: re-runs every ```graphql block of README.md that a ```json block
// follows against a running server (default http://127.0.0.1:4000/graphql) and writes the answer's data in the
// README's compact style. A block starting with `# demo set` is asked of demo-url (a server started with
// TG_SEED_DEMO=true). Blocks with variables or mutations are left alone.
import { readFileSync, writeFileSync } from 'node:fs';

const [url = 'http://127.0.0.1:4000/graphql', demoUrl] = process.argv.slice(2);
const file = new URL('../README.md', import.meta.url);

function compact(v, key = null, depth = 0) {
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    if ((key === 'nodes' || key === 'edges') && v.every((x) => x && typeof x === 'object')) {
      return `[\n${v.map((x) => `      ${compact(x, null, depth + 1)}`).join(',\n')} ]`;
    }
    return `[ ${v.map((x) => compact(x, null, depth + 1)).join(', ')} ]`;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length
      ? `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${compact(x, k, depth + 1)}`).join(', ')} }`
      : '{}';
  }
  return JSON.stringify(v);
}

async function run(query) {
  const target = query.trimStart().startsWith('# demo set') ? demoUrl : url;
  if (!target) throw new Error('a "# demo set" block needs the demo server\'s URL as the second argument');
  const res = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`errors for ${query.slice(0, 80)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const text = readFileSync(file, 'utf8');
const block = /```graphql\n((?:(?!```)[\s\S])*?)```\n```json\n((?:(?!```)[\s\S])*?)```/g;
let out = '';
let last = 0;
let count = 0;
for (const m of text.matchAll(block)) {
  const query = m[1];
  out += text.slice(last, m.index);
  if (query.trimStart().startsWith('mutation') || query.includes('$')) out += m[0];
  else {
    out += `\`\`\`graphql\n${query}\`\`\`\n\`\`\`json\n${compact(await run(query))}\n\`\`\``;
    count++;
  }
  last = m.index + m[0].length;
}
writeFileSync(file, out + text.slice(last));
console.log(`${count} answers rewritten`);
