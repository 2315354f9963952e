// Statements are written across indented lines with comments, for people; Neo4j needs none of it. The driver
// packs a statement's text byte by byte and sends it in chunks of 1,400 bytes, each its own socket write, so the
// layout cost CPU and writes on every call (the partner statement: 2,858 bytes as written, 5 socket writes per
// request against the floor's 4). A compacted text is also a stable key for Neo4j's plan cache.

const MAX_CACHED = 2000;
const cache = new Map<string, string>();

/**
 * The statement without comments and with every run of whitespace outside string literals and backquoted names
 * made one space (none at either end). Memoised: statements come from a bounded set of templates, but the set is
 * not fixed (projections follow the selection), so the memo is cleared when it grows past MAX_CACHED.
 */
export function compactCypher(cypher: string): string {
  const hit = cache.get(cypher);
  if (hit !== undefined) return hit;
  const out = compact(cypher);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(cypher, out);
  return out;
}

function compact(q: string): string {
  let out = '';
  let space = false;
  let i = 0;
  const emit = (s: string) => {
    if (space && out.length) out += ' ';
    space = false;
    out += s;
  };
  while (i < q.length) {
    const c = q[i];
    if (c === "'" || c === '"' || c === '`') {
      // A literal or quoted name, copied as it is: a backslash escapes the next character in strings, and a
      // doubled backquote is a backquote inside a name.
      let j = i + 1;
      while (j < q.length) {
        if (q[j] === '\\' && c !== '`') j += 2;
        else if (q[j] === c && c === '`' && q[j + 1] === '`') j += 2;
        else if (q[j] === c) break;
        else j += 1;
      }
      emit(q.slice(i, j + 1));
      i = j + 1;
    } else if (c === '/' && q[i + 1] === '/') {
      const end = q.indexOf('\n', i);
      i = end < 0 ? q.length : end;
      space = true;
    } else if (c === '/' && q[i + 1] === '*') {
      const end = q.indexOf('*/', i + 2);
      i = end < 0 ? q.length : end + 2;
      space = true;
    } else if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      space = true;
      i += 1;
    } else {
      let j = i + 1;
      while (j < q.length && !' \n\t\r\'"`/'.includes(q[j])) j += 1;
      emit(q.slice(i, j));
      i = j;
    }
  }
  return out;
}
