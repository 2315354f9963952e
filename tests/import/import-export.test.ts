// The graph document: whole-document validation with paths, nothing written on error, idempotent writes,
// the export round trip, CSV, and the JSON Schema kept in step with the model.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/domain/document.js';
import { readCsvFolder, writeCsvFolder, parseCsv } from '../../src/import/csv.js';
import { exportDocument } from '../../src/import/export.js';
import { importDocument } from '../../src/import/index.js';
import { graphDocumentSchema } from '../../src/import/json-schema.js';
import { readDefaultGraph } from '../../src/import/seeds.js';
import { resetGraph, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { TG_ALLOW_WRITES: 'true' } });
});
afterAll(async () => {
  await t?.stop();
});

const badDoc = {
  sectors: [
    { id: 'sector:ok', name: 'OK', provenance: 'ILLUSTRATIVE', sources: [] },
    { id: 'sector:ok', name: 'Twice', provenance: 'ILLUSTRATIVE' },
  ],
  technologies: [
    { id: 'tech:good', name: 'Good', kind: 'OTHER', provenance: 'ILLUSTRATIVE' },
    { id: 'tech:bad', name: 'Bad', kind: 'MAGIC', provenance: 'SOMEWHAT', colour: 'red' },
  ],
  organizations: [{ id: 'org:x', name: 'X', type: 'COMPANY', country: 'XX', provenance: 'ILLUSTRATIVE' }],
  relationships: [
    { type: 'HAS_CAPABILITY', from: 'org:x', to: 'tech:good', level: 101, provenance: 'ILLUSTRATIVE' },
    { type: 'DEPENDS_ON', from: 'tech:good', to: 'tech:missing', provenance: 'ILLUSTRATIVE' },
    { type: 'LIKES', from: 'org:x', to: 'tech:good', provenance: 'ILLUSTRATIVE' },
  ],
};

describe('import', () => {
  it('returns every problem with its path and writes nothing', async () => {
    const before = await exportDocument(t.db);
    const result = await importDocument(t.db, badDoc);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => `${p.path} ${p.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'sectors[1].id DUPLICATE',
        'technologies[1].kind INVALID',
        'technologies[1].provenance INVALID',
        'technologies[1].colour UNKNOWN_FIELD',
        'organizations[0].country INVALID',
        'relationships[0].level INVALID',
        'relationships[1].to NOT_FOUND',
        'relationships[2].type INVALID',
      ]),
    );
    expect(paths).toHaveLength(8);
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('reports the same problems through the importGraph mutation, with paths as lists', async () => {
    const { body } = await t.gql(
      `mutation($d: JSON!) { importGraph(document: $d) { ok nodes userErrors { field code } } }`,
      { d: badDoc },
    );
    expect(body.data.importGraph.ok).toBe(false);
    expect(body.data.importGraph.nodes).toBe(0);
    expect(body.data.importGraph.userErrors).toContainEqual({ field: ['technologies', '1', 'kind'], code: 'INVALID' });
    expect(body.data.importGraph.userErrors).toHaveLength(8);
  });

  it('refuses a document whose dependencies form a cycle, naming it', async () => {
    const doc = {
      technologies: ['a', 'b'].map((x) => ({ id: `tech:c-${x}`, name: x, kind: 'OTHER', provenance: 'ILLUSTRATIVE' })),
      relationships: [
        { type: 'DEPENDS_ON', from: 'tech:c-a', to: 'tech:c-b', provenance: 'ILLUSTRATIVE' },
        { type: 'DEPENDS_ON', from: 'tech:c-b', to: 'tech:c-a', provenance: 'ILLUSTRATIVE' },
      ],
    };
    const result = await importDocument(t.db, doc);
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'relationships', code: 'CYCLE', message: expect.stringContaining('tech:c-a -> tech:c-b -> tech:c-a') },
    ]);
  });

  it('writes a valid document idempotently and reports counts', async () => {
    const doc = {
      technologies: [{ id: 'tech:idem', name: 'Idem', kind: 'OTHER', provenance: 'ILLUSTRATIVE', sources: [] }],
      relationships: [
        {
          type: 'HAS_CAPABILITY',
          from: 'org:mobilint',
          to: 'tech:idem',
          level: 40,
          provenance: 'ILLUSTRATIVE',
          sources: [],
        },
      ],
    };
    const first = await importDocument(t.db, doc);
    expect(first).toEqual({
      ok: true,
      counts: { nodes: 1, relationships: 1, byCollection: { technologies: 1, 'relationships.HAS_CAPABILITY': 1 } },
    });
    const once = await exportDocument(t.db);
    await importDocument(t.db, doc);
    expect(await exportDocument(t.db)).toEqual(once);
  });
});

describe('export', () => {
  it('exports the default graph and the demo set so that importing the export into an empty database exports the same document', async () => {
    // Both: the default graph's evidence (CSET's listings and shares) and the demo set's levels, projects and reviews.
    await resetGraph(t.db, readDefaultGraph({ demo: true }));
    const first = await exportDocument(t.db);
    expect(first.technologies!.length).toBeGreaterThanOrEqual(40);
    expect(first.supplyShares!.length).toBeGreaterThan(0);
    expect(first.reviews!.length).toBeGreaterThan(0);
    await resetGraph(t.db, null);
    const result = await importDocument(t.db, first);
    expect(result.ok).toBe(true);
    expect(await exportDocument(t.db)).toEqual(first);
  });

  it('round-trips through CSV files, quotes and Korean included', async () => {
    const first = await exportDocument(t.db);
    const dir = mkdtempSync(join(tmpdir(), 'tg-csv-'));
    try {
      writeCsvFolder(first, dir);
      const back = readCsvFolder(dir) as GraphDocument;
      expect({ ...back, format: first.format }).toEqual(first);
      expect(readFileSync(join(dir, 'technologies.csv'), 'utf8')).toContain(
        '차세대 인터포저를 활용한 첨단 패키징 기술',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });
});

describe('JSON Schema', () => {
  it('is the committed docs/graph-document.schema.json (run npm run schema:json after changing the model)', () => {
    expect(JSON.parse(readFileSync('docs/graph-document.schema.json', 'utf8'))).toEqual(graphDocumentSchema());
  });

  it('accepts the default graph with the demo set and the example document, and rejects a bad record', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(graphDocumentSchema());
    expect(validate(readDefaultGraph({ demo: true })), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(
      validate(JSON.parse(readFileSync('docs/examples/worked-example.json', 'utf8'))),
      JSON.stringify(validate.errors?.slice(0, 3)),
    ).toBe(true);
    expect(validate({ technologies: [{ id: 'tech:x', name: 'x', kind: 'MAGIC', provenance: 'ILLUSTRATIVE' }] })).toBe(
      false,
    );
  });
});
