// Hostile import input (issue 20, finding 8): keys that name Object.prototype members anywhere in a document,
// Source URLs that are not absolute http(s), and names a spreadsheet would run as formulas. Each is a clear
// problem with its path and nothing written, or ordinary data stored as sent, in every way in: a JSON document,
// a CSV folder, the importGraph and Source mutations, and `npm run import`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { readCsvFolder, writeCsvFolder } from '../../src/import/csv.js';
import type { GraphDocument } from '../../src/domain/document.js';
import { exportDocument, exportNode } from '../../src/import/export.js';
import { importDocument } from '../../src/import/index.js';
import { newKey } from '../../src/server/auth.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  baseDocument,
  FORMULA_LEADS,
  HOSTILE_URLS,
  PLACES,
  PROTO_KEYS,
  protoCase,
  protoDataDocument,
} from '../helpers/hostile.js';

const editor = newKey('editor');
let t: TestApp;
let seq = 0;
const tag = () => `t${++seq}`;
const asEditor = { authorization: `Bearer ${editor.key}` };

beforeAll(async () => {
  t = await startTestApp({ env: { TG_ALLOW_WRITES: 'false', TG_API_KEYS: JSON.stringify([editor.record]) } });
});
afterAll(async () => {
  await t?.stop();
});

const pathOf = (field: string[]) => field.join('.');

describe('prototype keys in an import document', () => {
  it('are refused at every place and depth with a problem at their path, through importDocument, and nothing is written', async () => {
    const before = await exportDocument(t.db);
    for (const key of PROTO_KEYS) {
      for (let place = 0; place < PLACES.length; place++) {
        for (const depth of [0, 3]) {
          const c = protoCase(tag(), key, place, depth, 1);
          // Through JSON text, as every caller sends it: JSON.parse makes "__proto__" an own key.
          const result = await importDocument(t.db, JSON.parse(JSON.stringify(c.doc)));
          const where = `${key} at ${PLACES[place].at.join('.') || '(document)'} depth ${depth}`;
          expect(result.ok, where).toBe(false);
          const paths = result.ok ? [] : result.problems.map((p) => p.path.split(/[.[\]]/).filter(Boolean));
          expect(
            paths.some((p) => pathOf(p).startsWith(pathOf(c.expect))),
            `${where}: ${JSON.stringify(paths)}`,
          ).toBe(true);
          if (depth === 0 && c.expect[c.expect.length - 1] === key && !result.ok) {
            expect(result.problems.find((p) => p.path.endsWith(key))?.code, where).toBe('UNKNOWN_FIELD');
          }
        }
      }
    }
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('are reported through the importGraph mutation as userErrors with their path, never an internal error', async () => {
    const before = await exportDocument(t.db);
    for (const key of PROTO_KEYS) {
      const c = protoCase(tag(), key, 2, 0, 'x'); // technologies[0].<key>
      const { status, body } = await t.gql(
        'mutation($d: JSON!) { importGraph(document: $d) { ok userErrors { field code message } } }',
        { d: c.doc },
        asEditor,
      );
      expect(status, key).toBe(200);
      expect(body.errors, key).toBeUndefined();
      expect(body.data.importGraph.ok).toBe(false);
      expect(body.data.importGraph.userErrors).toEqual([
        {
          field: ['technologies', '0', key],
          code: 'UNKNOWN_FIELD',
          message: `unknown property "${key}" of Technology`,
        },
      ]);
    }
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('are ordinary data as ids, names and titles: stored and read back as sent', async () => {
    for (const key of PROTO_KEYS) {
      const doc = protoDataDocument(tag(), key);
      const result = await importDocument(t.db, JSON.parse(JSON.stringify(doc)));
      expect(result.ok ? [] : result.problems, key).toEqual([]);
      const tech = await exportNode(t.db, doc.technologies[1].id);
      expect(tech?.name, key).toBe(key);
      expect((await exportNode(t.db, doc.sources[0].id))?.title, key).toBe(key);
    }
  });

  it('as a CSV column are refused as an unknown field with their path, and nothing is written', async () => {
    const before = await exportDocument(t.db);
    for (const key of PROTO_KEYS) {
      const dir = mkdtempSync(join(tmpdir(), 'tg-proto-csv-'));
      try {
        const s = `source:c-${tag()}`;
        writeFileSync(join(dir, 'sources.csv'), `id,title,kind,provenance\n${s},T,NEWS,ILLUSTRATIVE\n`);
        writeFileSync(
          join(dir, 'technologies.csv'),
          `id,name,kind,provenance,sources,${key}\ntech:c-${tag()},T,OTHER,ASSESSED,${s},x\n`,
        );
        const result = await importDocument(t.db, readCsvFolder(dir));
        expect(result.ok ? [] : result.problems, key).toEqual([
          { path: `technologies[0].${key}`, code: 'UNKNOWN_FIELD', message: `unknown property "${key}" of Technology` },
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('npm run import names the problem and its path, exits 1 and writes nothing, for a JSON file and a CSV folder', async () => {
    const before = await exportDocument(t.db);
    const dir = mkdtempSync(join(tmpdir(), 'tg-proto-cli-'));
    try {
      const file = join(dir, 'doc.json');
      writeFileSync(file, JSON.stringify(protoCase(tag(), 'constructor', 2, 0, 1).doc));
      const csv = join(dir, 'csv');
      writeCsvFolder(baseDocument(tag()) as GraphDocument, csv);
      const techs = join(csv, 'technologies.csv');
      const [header, row] = readFileSync(techs, 'utf8').trim().split('\n');
      writeFileSync(techs, `${header},__proto__\n${row},x\n`);
      const n = inject('neo4j');
      for (const [target, expected] of [
        [file, 'technologies[0].constructor: unknown property "constructor" of Technology [UNKNOWN_FIELD]'],
        [csv, 'technologies[0].__proto__: unknown property "__proto__" of Technology [UNKNOWN_FIELD]'],
      ]) {
        const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', target], {
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...process.env,
            NEO4J_URI: n.uri,
            NEO4J_USER: n.user,
            NEO4J_PASSWORD: n.password ?? '',
            NEO4J_DATABASE: n.database,
          },
        });
        expect(run.stderr, target).toContain(expected);
        expect(run.stderr, target).toContain('nothing was written');
        expect(run.status, target).toBe(1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await exportDocument(t.db)).toEqual(before);
  });
});

describe('Source.url', () => {
  const SOURCE_FIELDS = 'source { id url } userErrors { field code message }';

  it('refuses every URL that is not an absolute http(s) URL, in an import, with its path, and writes nothing', async () => {
    const before = await exportDocument(t.db);
    for (const url of HOSTILE_URLS) {
      const doc = baseDocument(tag());
      doc.sources[0].url = url;
      const result = await importDocument(t.db, doc);
      expect(result.ok ? [] : result.problems, JSON.stringify(url)).toEqual([
        {
          path: 'sources[0].url',
          code: 'INVALID',
          message: expect.stringMatching(/^must be an absolute http:\/\/ or https:\/\/ URL, got /),
        },
      ]);
    }
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('refuses them in createSource and updateSource as a userError on input.url, and writes nothing', async () => {
    const before = await exportDocument(t.db);
    for (const url of HOSTILE_URLS) {
      const created = await t.gql(
        `mutation($i: CreateSourceInput!) { createSource(input: $i) { ${SOURCE_FIELDS} } }`,
        { i: { id: `source:u-${tag()}`, title: 'x', kind: 'NEWS', url, provenance: 'ILLUSTRATIVE' } },
        asEditor,
      );
      expect(created.body.data.createSource, JSON.stringify(url)).toEqual({
        source: null,
        userErrors: [
          {
            field: ['input', 'url'],
            code: 'INVALID',
            message: expect.stringContaining('must be an absolute http:// or https:// URL'),
          },
        ],
      });
      const updated = await t.gql(
        `mutation($i: UpdateSourceInput!) { updateSource(input: $i) { ${SOURCE_FIELDS} } }`,
        { i: { id: 'source:wikidata', url } },
        asEditor,
      );
      expect(updated.body.data.updateSource.userErrors, JSON.stringify(url)).toEqual([
        {
          field: ['input', 'url'],
          code: 'INVALID',
          message: expect.stringContaining('must be an absolute http:// or https:// URL'),
        },
      ]);
    }
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('accepts absolute http and https URLs and stores them exactly as sent', async () => {
    for (const url of [
      'https://example.com/',
      'http://example.com/a?b=c#d',
      'HTTPS://Example.com/Path',
      'https://한국.example/경로',
      'https://user@example.com:8443/x',
    ]) {
      const id = `source:ok-${tag()}`;
      const { body } = await t.gql(
        `mutation($i: CreateSourceInput!) { createSource(input: $i) { ${SOURCE_FIELDS} } }`,
        { i: { id, title: 'x', kind: 'NEWS', url, provenance: 'ILLUSTRATIVE' } },
        asEditor,
      );
      expect(body.data.createSource, url).toEqual({ source: { id, url }, userErrors: [] });
    }
  });
});

describe('names that start like a spreadsheet formula', () => {
  const names = [
    ...FORMULA_LEADS.map((c) => `${c}HYPERLINK("http://evil.example","x")`),
    "'=already quoted",
    "''two quotes",
    "'plain quote",
    '=',
    '-5',
  ];

  it('are data: stored as sent, and the CSV export writes them behind a single quote and reads them back exactly', async () => {
    const doc = { technologies: [] as Array<Record<string, unknown> & { id: string }> };
    doc.technologies = names.map((name, i) => ({
      id: `tech:formula-${tag()}-${i}`,
      name,
      nameKo: name,
      kind: 'OTHER',
      provenance: 'ILLUSTRATIVE',
      sources: [],
    }));
    const result = await importDocument(t.db, doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
    for (const [i, rec] of doc.technologies.entries())
      expect((await exportNode(t.db, rec.id))?.name, JSON.stringify(names[i])).toBe(names[i]);

    const dir = mkdtempSync(join(tmpdir(), 'tg-formula-csv-'));
    try {
      const exported = { technologies: doc.technologies } as GraphDocument;
      writeCsvFolder(exported, dir);
      const text = readFileSync(join(dir, 'technologies.csv'), 'utf8');
      // No cell starts with a formula character: each such name is written behind a single quote.
      const cells = text.split(/\n/).slice(1).join('\n');
      for (const name of names.filter((n) => /^[=+\-@\t\r']/.test(n))) {
        const written = name.includes('"') || name.includes('\r') ? `"'${name.replace(/"/g, '""')}"` : `'${name}`;
        expect(cells, JSON.stringify(name)).toContain(`,${written},`);
      }
      expect(readCsvFolder(dir).technologies).toEqual(doc.technologies);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
