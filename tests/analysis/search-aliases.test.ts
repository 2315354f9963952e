// Other names: a source's spelling (스탠포드 where the graph says 스탠퍼드) finds the record, as an exact name or a
// part of one, through the full-text index and the substring test alike; aliases are written, exported and refused
// like any property.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/domain/document.js';
import { exportDocument } from '../../src/import/export.js';
import { readCsvFolder, writeCsvFolder } from '../../src/import/csv.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app.js';

const fact = { provenance: 'REPORTED', sources: ['source:a'] };
const DOC = {
  sources: [{ id: 'source:a', title: 'A report', kind: 'NEWS', provenance: 'REPORTED', sources: [] }],
  organizations: [
    {
      id: 'org:stanford',
      name: 'Stanford University',
      nameKo: '스탠퍼드대학교',
      aliases: ['스탠포드', '스탠포드대', 'Leland Stanford Junior University'],
      type: 'UNIVERSITY',
      country: 'US',
      ...fact,
    },
    { id: 'org:yale', name: 'Yale University', nameKo: '예일대학교', type: 'UNIVERSITY', country: 'US', ...fact },
  ],
  technologies: [
    {
      id: 'tech:hbm',
      name: 'High-bandwidth memory',
      nameKo: '고대역폭 메모리',
      aliases: ['HBM'],
      kind: 'OTHER',
      ...fact,
    },
  ],
} as unknown as GraphDocument;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: DOC, env: { TG_ALLOW_WRITES: 'true' } });
});
afterAll(async () => {
  await t?.stop();
});

const SEARCH = `query($text: String!) { search(text: $text) { nodes { node { id } match } } }`;
const hits = async (text: string) =>
  (await t.gql(SEARCH, { text })).body.data.search.nodes.map((h: any) => [h.node.id, h.match]);

describe('search over aliases', () => {
  it("finds the article's spelling as an exact name", async () => {
    expect(await hits('스탠포드')).toEqual([['org:stanford', 'EXACT']]);
    expect(await hits('hbm')).toEqual([['tech:hbm', 'EXACT']]);
  });

  it('finds a part of an alias, and the stored spelling still', async () => {
    expect(await hits('Junior')).toEqual([['org:stanford', 'SUBSTRING']]);
    expect(await hits('스탠퍼드')).toEqual([['org:stanford', 'SUBSTRING']]);
  });

  it('finds an alias through the full-text index when the words are apart', async () => {
    expect(await hits('junior leland')).toEqual([['org:stanford', 'WORDS']]);
  });

  it('reads aliases on the node, empty where none', async () => {
    const { body } = await t.gql(
      '{ a: organization(id: "org:stanford") { aliases } b: organization(id: "org:yale") { aliases } }',
    );
    expect(body.data).toEqual({
      a: { aliases: ['스탠포드', '스탠포드대', 'Leland Stanford Junior University'] },
      b: { aliases: [] },
    });
  });
});

describe('writing aliases', () => {
  it('sets them with a mutation, and search follows', async () => {
    const { body } = await t.gql(`mutation { updateOrganization(input: { id: "org:yale", aliases: ["예일대"] }) {
      organization { aliases } userErrors { message } } }`);
    expect(body.data.updateOrganization).toEqual({ organization: { aliases: ['예일대'] }, userErrors: [] });
    expect(await hits('예일대')).toEqual([['org:yale', 'EXACT']]);
  });

  it('refuses a duplicate, an empty name or a ";" with the field, and writes nothing', async () => {
    const before = await exportDocument(t.db);
    for (const [aliases, words] of [
      [['x', 'x'], 'twice'],
      [[' '], 'non-empty'],
      [['a;b'], '";"'],
    ] as const) {
      const { body } = await t.gql(
        `mutation($a: [String!]) { updateOrganization(input: { id: "org:yale", aliases: $a }) {
        organization { id } userErrors { field message } } }`,
        { a: aliases },
      );
      expect(body.data.updateOrganization.organization).toBeNull();
      expect(body.data.updateOrganization.userErrors).toEqual([
        { field: ['input', 'aliases'], message: expect.stringContaining(words) },
      ]);
    }
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('keeps them through a JSON export and a CSV round trip, an alias that looks like a formula included', async () => {
    const doc = await exportDocument(t.db);
    expect(doc.organizations?.find((o) => o.id === 'org:stanford')?.aliases).toEqual([
      '스탠포드',
      '스탠포드대',
      'Leland Stanford Junior University',
    ]);
    const withFormula = { ...doc, technologies: doc.technologies?.map((x) => ({ ...x, aliases: ['=HBM()', 'HBM'] })) };
    const dir = mkdtempSync(join(tmpdir(), 'aliases-'));
    writeCsvFolder(withFormula as GraphDocument, dir);
    const back = readCsvFolder(dir);
    expect(back.technologies?.[0].aliases).toEqual(['=HBM()', 'HBM']);
    expect(back.organizations?.find((o) => o.id === 'org:stanford')?.aliases).toEqual([
      '스탠포드',
      '스탠포드대',
      'Leland Stanford Junior University',
    ]);
  });
});
