// The schema as an artifact: schema.graphql (written by `npm run schema:print`) is the contract consumers
// build against. Breaking it fails here; adding to it only asks for the file to be printed again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareSdl, describeChanges, printCurrentSdl, readCommittedSdl, writeSdl } from '../../src/server/sdl.js';

const scratch = mkdtempSync(join(tmpdir(), 'techgraph-sdl-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The SDL text without the field `name` (its first definition in the text) and the description line above it. */
function withoutField(text: string, name: string): string {
  return text.replace(new RegExp(`^[ \\t]*"[^\\n]*"\\n[ \\t]*${name}: [^\\n]*\\n`, 'm'), '');
}

/** A copy of schema/ in which `edit` has changed one file. */
function editedSchemaDir(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(scratch, 'schema-'));
  cpSync('schema', dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

describe('schema.graphql, the committed SDL', () => {
  it('is not broken by the schema in schema/ (run `npm run schema:print` after a change; see README)', () => {
    const { breaking } = compareSdl(readCommittedSdl(), printCurrentSdl());
    expect(
      breaking,
      `schema/ breaks the committed schema.graphql (if intended: npm run schema:print -- --accept-breaking, and list it under "Schema" in CHANGELOG.md):\n${describeChanges(breaking)}`,
    ).toEqual([]);
  });

  it('is up to date: it equals what `npm run schema:print` writes now', () => {
    const committed = readCommittedSdl();
    const current = printCurrentSdl();
    expect(committed === current, 'schema.graphql is stale: run `npm run schema:print` and commit schema.graphql').toBe(
      true,
    );
  });
});

describe('the breaking-change check', () => {
  const base = printCurrentSdl();

  it('reports a removed field as breaking', () => {
    const dir = editedSchemaDir('technology.graphql', (t) => withoutField(t, 'nameKo'));
    const { breaking } = compareSdl(base, printCurrentSdl(dir));
    expect(breaking.map((c) => c.description)).toContain('Technology.nameKo was removed.');
  });

  it('reports a field made nullable and a new required argument as breaking', () => {
    const dir = editedSchemaDir('source.graphql', (t) =>
      t.replace('title: String!', 'title: String').replace('  sources(\n', '  sources(\n    region: String!\n'),
    );
    const types = compareSdl(base, printCurrentSdl(dir)).breaking.map((c) => c.type);
    expect(types).toEqual(expect.arrayContaining(['FIELD_CHANGED_KIND', 'REQUIRED_ARG_ADDED']));
  });

  it('lets an added field, type and optional argument through', () => {
    const dir = editedSchemaDir(
      'source.graphql',
      (t) => `${t
        .replace('url: String', 'url: String\n  language: String')
        .replace('  sources(\n', '  sources(\n    language: String\n')}
type SourceStats { count: Int! }
extend type Query { sourceStats: SourceStats! }
`,
    );
    expect(compareSdl(base, printCurrentSdl(dir)).breaking).toEqual([]);
  });

  it('schema:print writes additions but refuses to record a break unless it is accepted', () => {
    const file = join(scratch, 'schema.graphql');
    writeFileSync(file, base);
    expect(writeSdl({ file }).outcome).toBe('unchanged');

    const added = editedSchemaDir('source.graphql', (t) => t.replace('url: String', 'url: String\n  language: String'));
    expect(writeSdl({ file, schemaDir: added }).outcome).toBe('written');
    expect(readFileSync(file, 'utf8')).toContain('language: String');

    const removed = editedSchemaDir('source.graphql', (t) => withoutField(t, 'publisher'));
    const refused = writeSdl({ file, schemaDir: removed });
    expect(refused.outcome).toBe('refused');
    expect(refused.breaking.map((c) => c.description)).toContain('Source.publisher was removed.');
    const sourceType = () => /type Source implements[^}]*\}/.exec(readFileSync(file, 'utf8'))?.[0];
    expect(sourceType()).toContain('publisher: String');

    expect(writeSdl({ file, schemaDir: removed, acceptBreaking: true }).outcome).toBe('written');
    expect(sourceType()).not.toContain('publisher');
  });
});
