// The README's Settings table is the list of every setting: each variable the configuration reads has a row, and
// each row is a variable something reads. Runs without a database.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

/** The variables loadConfig reads, recorded as it reads them (not parsed from the source, so none is missed). */
function readByConfig(): string[] {
  const seen = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, key) {
      if (typeof key === 'string') seen.add(key);
      return undefined;
    },
  });
  loadConfig(env);
  return [...seen];
}

/** Read outside loadConfig, by the install script and the embedded launcher (where the jars are). */
const READ_ELSEWHERE = ['TG_NEO4J_CACHE'];

function readmeSettings(): string[] {
  const section = readFileSync('README.md', 'utf8').split('\n## Settings')[1].split('\n## ')[0];
  return [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
}

describe("the README's Settings table", () => {
  it('has a row for every variable the configuration reads', () => {
    const rows = new Set(readmeSettings());
    expect(readByConfig().filter((v) => !rows.has(v))).toEqual([]);
  });

  it('lists no variable that nothing reads', () => {
    const read = new Set([...readByConfig(), ...READ_ELSEWHERE]);
    expect(readmeSettings().filter((v) => !read.has(v))).toEqual([]);
  });

  it('lists each variable once', () => {
    const rows = readmeSettings();
    expect(rows.filter((v, i) => rows.indexOf(v) !== i)).toEqual([]);
  });
});
