// Statement compaction (src/db/compact.ts): layout and comments go, meaning stays.
import { describe, expect, it } from 'vitest';
import { compactCypher } from '../../src/db/compact.js';

describe('compactCypher', () => {
  it('makes every run of whitespace one space and trims the ends', () => {
    expect(compactCypher('\n  MATCH (n:Technology)\n\t  WHERE n.id = $id\r\n  RETURN n  \n')).toBe(
      'MATCH (n:Technology) WHERE n.id = $id RETURN n',
    );
  });

  it('drops line and block comments, which would otherwise swallow the rest of a joined line', () => {
    expect(compactCypher('MATCH (n) // every node\nRETURN n /* all of it\n over lines */ LIMIT 1')).toBe(
      'MATCH (n) RETURN n LIMIT 1',
    );
    expect(compactCypher('RETURN 1//c\n+2')).toBe('RETURN 1 +2');
  });

  it('keeps string literals and quoted names as written, comment markers and escapes included', () => {
    const q = `RETURN 'a  b // not a comment' AS x, "c\\"  d" AS y, 'e\\'  f' AS z, \`odd  name\` AS \`w\`\`  v\``;
    expect(compactCypher(`  ${q}\n`)).toBe(q);
  });

  it('keeps division and tokens that touch', () => {
    expect(compactCypher('RETURN 6/3 AS a, [x IN r|x.k] AS b, n{.id}')).toBe(
      'RETURN 6/3 AS a, [x IN r|x.k] AS b, n{.id}',
    );
  });
});
