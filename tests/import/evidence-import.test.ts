// The evidence records (national assessments, supply listings and shares, import dependence) through the import
// path: every rule refused with its path and nothing written, the rules over a listing's shares counted with those
// already stored, idempotent writes, and the JSON, CSV and JSON Schema forms.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvFolder, writeCsvFolder } from '../../src/import/csv.js';
import { exportDocument } from '../../src/import/export.js';
import { importDocument } from '../../src/import/index.js';
import { graphDocumentSchema } from '../../src/import/json-schema.js';
import { resetGraph, testDatabase } from '../helpers/app.js';
import { EVIDENCE_SOURCE as SRC, evidenceDocument } from '../helpers/evidence.js';
import type { Database } from '../../src/db/driver.js';

const I = { provenance: 'ILLUSTRATIVE', sources: [] };

let db: Database;
beforeAll(async () => {
  db = testDatabase();
});
afterAll(async () => {
  await db?.close();
});

const pathsOf = (r: Awaited<ReturnType<typeof importDocument>>) =>
  r.ok ? [] : r.problems.map((p) => `${p.path} ${p.code}`);

/** Imports `doc` into a graph holding evidenceDocument(); asserts the graph is left exactly as it was. */
async function refused(doc: unknown): Promise<string[]> {
  const before = await exportDocument(db);
  const result = await importDocument(db, doc);
  expect(result.ok).toBe(false);
  expect(await exportDocument(db)).toEqual(before);
  return pathsOf(result);
}

describe('evidence import', () => {
  beforeAll(async () => {
    await resetGraph(db, evidenceDocument());
  });

  it('stores each record with its reference as a relationship carrying its provenance and sources', async () => {
    const rows = await db.read(
      `MATCH (a:NationalAssessment {id: 'assessment:ev-i-kr-2020'})-[r:ASSESSES]->(t:Technology)
       MATCH (s:SupplyShare {id: 'share:ev-resist-2023-jsr'})-[:SHARE_IN]->(l:SupplyListing)-[:LISTS]->(t2:Technology)
       MATCH (s)-[:HELD_BY]->(o:Organization)
       MATCH (d:ImportDependence)-[:IMPORT_OF]->(t3:Technology)
       RETURN t.id AS t, r.provenance AS prov, r.sourceIds AS src, a.round AS round, l.id AS l, t2.id AS t2, o.id AS o, t3.id AS t3,
              a.technology IS NULL AS refNotAProperty`,
    );
    expect(rows).toEqual([
      {
        t: 'tech:ev-interposer',
        prov: 'REPORTED',
        src: [SRC],
        round: 2020,
        l: 'listing:ev-resist-2023',
        t2: 'tech:ev-resist',
        o: 'org:ev-jsr',
        t3: 'tech:ev-resist',
        refNotAProperty: true,
      },
    ]);
  });

  it('refuses values out of range and bad codes, each with its path', async () => {
    const paths = await refused({
      assessments: [
        {
          id: 'assessment:x1',
          technology: 'tech:ev-interposer',
          country: 'Korea',
          level: 101,
          yearsBehind: -1,
          round: 1899,
          ...I,
        },
        {
          id: 'assessment:x2',
          technology: 'tech:ev-interposer',
          country: 'KR',
          round: 2101,
          publisher: 'p'.repeat(301),
          ...I,
        },
      ],
      supplyListings: [{ id: 'listing:x1', technology: 'tech:ev-resist', year: 2023, complete: 'yes', ...I }],
      supplyShares: [{ id: 'share:x1', listing: 'listing:ev-resist-2021', country: 'ZZ', share: 100.1, ...I }],
      importDependences: [
        {
          id: 'importdep:x1',
          technology: 'tech:ev-resist',
          importer: 'KR',
          exporter: 'jp',
          year: 2023,
          share: -3,
          ...I,
        },
      ],
    });
    expect(paths.sort()).toEqual([
      'assessments[0].country INVALID',
      'assessments[0].level INVALID',
      'assessments[0].round INVALID',
      'assessments[0].yearsBehind INVALID',
      'assessments[1].level REQUIRED',
      'assessments[1].publisher INVALID',
      'assessments[1].round INVALID',
      'importDependences[0].exporter INVALID',
      'importDependences[0].share INVALID',
      'supplyListings[0].complete INVALID',
      'supplyShares[0].country INVALID',
      'supplyShares[0].share INVALID',
    ]);
  });

  it('refuses missing and wrong references, and records without their technology', async () => {
    const paths = await refused({
      assessments: [{ id: 'assessment:x3', country: 'KR', level: 50, round: 2022, ...I }],
      supplyListings: [{ id: 'listing:x2', technology: 'org:ev-jsr', year: 2023, ...I }],
      supplyShares: [{ id: 'share:x2', listing: 'listing:nowhere', organization: 'org:nobody', ...I }],
      importDependences: [
        { id: 'importdep:x2', technology: 'tech:ev-resist', importer: 'KR', exporter: 'JP', share: 10, ...I },
      ],
    });
    expect(paths.sort()).toEqual([
      'assessments[0].technology REQUIRED',
      'importDependences[0].year REQUIRED',
      'supplyListings[0].technology INVALID',
      'supplyShares[0].listing NOT_FOUND',
      'supplyShares[0].organization NOT_FOUND',
    ]);
  });

  it('refuses a complete listing that does not say why', async () => {
    expect(
      await refused({
        supplyListings: [{ id: 'listing:x3', technology: 'tech:ev-resist', year: 2024, complete: true, ...I }],
      }),
    ).toEqual(['supplyListings[0].completeBecause REQUIRED']);
  });

  it("refuses a share that is both or neither a country's and an organization's", async () => {
    expect(
      await refused({
        supplyShares: [
          {
            id: 'share:x3',
            listing: 'listing:ev-resist-2021',
            country: 'DE',
            organization: 'org:ev-jsr',
            share: 1,
            ...I,
          },
          { id: 'share:x4', listing: 'listing:ev-resist-2021', share: 1, ...I },
        ],
      }),
    ).toEqual(['supplyShares[0].organization INVALID', 'supplyShares[1].country REQUIRED']);
  });

  it('refuses an import dependence of a country on itself', async () => {
    const result = await importDocument(db, {
      importDependences: [
        {
          id: 'importdep:x3',
          technology: 'tech:ev-resist',
          importer: 'KR',
          exporter: 'KR',
          year: 2023,
          share: 10,
          ...I,
        },
      ],
    });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: 'importDependences[0].exporter',
        code: 'INVALID',
        message: expect.stringContaining('must differ from importer (KR)'),
      },
    ]);
  });

  it('refuses a second share of one country or one organization in a listing, in the document or already stored', async () => {
    expect(
      (
        await refused({
          supplyShares: [
            { id: 'share:x5', listing: 'listing:ev-resist-2021', country: 'DE', share: 10, ...I },
            { id: 'share:x6', listing: 'listing:ev-resist-2021', country: 'DE', share: 20, ...I },
            { id: 'share:x7', listing: 'listing:ev-resist-2023', organization: 'org:ev-jsr', ...I },
            { id: 'share:x8', listing: 'listing:ev-resist-2023', country: 'KR', share: 0, ...I },
          ],
        })
      ).sort(),
    ).toEqual([
      'supplyShares[1].country DUPLICATE',
      'supplyShares[2].organization DUPLICATE',
      'supplyShares[3].country DUPLICATE',
    ]);
  });

  it('refuses country shares of a complete listing summing over 100.5, counting the stored ones', async () => {
    // Stored: JP 91, KR 5, US 4 = 100. One more point of DE makes 101.
    const result = await importDocument(db, {
      supplyShares: [{ id: 'share:x9', listing: 'listing:ev-resist-2023', country: 'DE', share: 1, ...I }],
    });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: 'supplyShares[0].share',
        code: 'INVALID',
        message:
          'the country shares of complete listing listing:ev-resist-2023 sum to 101, more than 100.5 (JP 91, KR 5, US 4, DE 1)',
      },
    ]);
    // Half a point of rounding is allowed; organizations' shares are not country shares.
    expect(
      pathsOf(
        await importDocument(db, {
          supplyShares: [
            { id: 'share:x9', listing: 'listing:ev-resist-2023', country: 'DE', share: 0.5, ...I },
            { id: 'share:x10', listing: 'listing:ev-resist-2023', organization: 'org:ev-dongjin', share: 40, ...I },
          ],
        }),
      ),
    ).toEqual([]);
    await importDocument(db, evidenceDocument());
    await db.write("MATCH (s:SupplyShare) WHERE s.id IN ['share:x9', 'share:x10'] DETACH DELETE s");
  });

  it('counts a share given again by its stored value once, and a share moved to another listing in the new one only', async () => {
    // JP's share corrected from 91 to 92: 92 + 5 + 4 = 101, refused; to 91.5: 100.5, accepted.
    expect(
      await refused({
        supplyShares: [
          { id: 'share:ev-resist-2023-jp', listing: 'listing:ev-resist-2023', country: 'JP', share: 92, ...I },
        ],
      }),
    ).toEqual(['supplyShares[0].share INVALID']);
    expect(
      pathsOf(
        await importDocument(db, {
          supplyShares: [
            { id: 'share:ev-resist-2023-jp', listing: 'listing:ev-resist-2023', country: 'JP', share: 91.5, ...I },
          ],
        }),
      ),
    ).toEqual([]);
    await importDocument(db, evidenceDocument());
    // US's 4 moved to the 2021 listing leaves 96 in 2023, room for DE's 4.5 (104.5 if US's share still counted there).
    expect(
      pathsOf(
        await importDocument(db, {
          supplyShares: [
            { id: 'share:ev-resist-2023-us', listing: 'listing:ev-resist-2021', country: 'US', share: 4, ...I },
            { id: 'share:x13', listing: 'listing:ev-resist-2023', country: 'DE', share: 4.5, ...I },
          ],
        }),
      ),
    ).toEqual([]);
    await db.write("MATCH (s:SupplyShare {id: 'share:x13'}) DETACH DELETE s");
    await importDocument(db, evidenceDocument());
  });

  it('refuses marking a stored listing complete when its stored country shares exceed 100.5, naming the listing', async () => {
    await importDocument(db, {
      supplyShares: [
        { id: 'share:x11', listing: 'listing:ev-resist-2021', country: 'JP', share: 80, ...I },
        { id: 'share:x12', listing: 'listing:ev-resist-2021', country: 'US', share: 30, ...I },
      ],
    });
    expect(
      await refused({
        supplyListings: [
          {
            id: 'listing:ev-resist-2021',
            technology: 'tech:ev-resist',
            year: 2021,
            complete: true,
            completeBecause: 'the source says so',
            ...I,
          },
        ],
      }),
    ).toEqual(['supplyListings[0].complete INVALID']);
    await db.write("MATCH (s:SupplyShare) WHERE s.id IN ['share:x11', 'share:x12'] DETACH DELETE s");
  });

  it('writes the same graph when the same document is imported twice, and counts each collection', async () => {
    const once = await exportDocument(db);
    const result = await importDocument(db, evidenceDocument());
    expect(result.ok && result.counts.byCollection).toMatchObject({
      assessments: 3,
      supplyListings: 2,
      supplyShares: 5,
      importDependences: 1,
    });
    expect(await exportDocument(db)).toEqual(once);
  });
});

describe('evidence export', () => {
  beforeAll(async () => {
    await resetGraph(db, evidenceDocument());
  });

  it('exports every record with its references as fields, and an import of the export into an empty graph exports the same', async () => {
    const first = await exportDocument(db);
    expect(first.supplyShares!.find((s) => s.id === 'share:ev-resist-2023-jsr')).toEqual({
      id: 'share:ev-resist-2023-jsr',
      listing: 'listing:ev-resist-2023',
      organization: 'org:ev-jsr',
      share: 30,
      provenance: 'ILLUSTRATIVE',
      sources: [],
    });
    expect(first.assessments!.map((a) => a.id)).toEqual([
      'assessment:ev-i-kr-2020',
      'assessment:ev-i-kr-2022',
      'assessment:ev-i-us-2022',
    ]);
    await resetGraph(db, null);
    expect((await importDocument(db, first)).ok).toBe(true);
    expect(await exportDocument(db)).toEqual(first);
  });

  it('round-trips through CSV, one file per collection whose header names the reference fields', async () => {
    const first = await exportDocument(db);
    const dir = mkdtempSync(join(tmpdir(), 'tg-ev-csv-'));
    try {
      writeCsvFolder(first, dir);
      expect(readFileSync(join(dir, 'supplyShares.csv'), 'utf8').split('\n')[0]).toBe(
        'id,country,share,note,listing,organization,provenance,sources',
      );
      expect(readFileSync(join(dir, 'assessments.csv'), 'utf8').split('\n')[0]).toBe(
        'id,country,level,yearsBehind,round,publisher,note,technology,provenance,sources',
      );
      const back = readCsvFolder(dir);
      // Empty collections too (people, programs, … are empty here): a header alone reads back as an empty list.
      expect(readFileSync(join(dir, 'people.csv'), 'utf8')).toBe('id,name,nameKo,aliases,provenance,sources\n');
      expect({ ...back, format: first.format }).toEqual(first);
      await resetGraph(db, null);
      expect((await importDocument(db, back)).ok).toBe(true);
      expect(await exportDocument(db)).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('evidence in the JSON Schema', () => {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(graphDocumentSchema());

  it('accepts the evidence records', () => {
    expect(
      validate({ format: 'techgraph/graph@1', ...evidenceDocument() }),
      JSON.stringify(validate.errors?.slice(0, 3)),
    ).toBe(true);
  });

  it('rejects a share of both a country and an organization, a complete listing without its reason, and a round out of range', () => {
    const share = {
      id: 'share:s',
      listing: 'listing:l',
      country: 'KR',
      organization: 'org:o',
      provenance: 'ILLUSTRATIVE',
    };
    expect(validate({ supplyShares: [share] })).toBe(false);
    expect(
      validate({ supplyShares: [{ id: 'share:s', listing: 'listing:l', country: 'KR', provenance: 'ILLUSTRATIVE' }] }),
    ).toBe(true);
    expect(validate({ supplyShares: [{ id: 'share:s', listing: 'listing:l', provenance: 'ILLUSTRATIVE' }] })).toBe(
      false,
    );
    expect(
      validate({
        supplyListings: [
          { id: 'listing:l', technology: 'tech:t', year: 2023, complete: true, provenance: 'ILLUSTRATIVE' },
        ],
      }),
    ).toBe(false);
    expect(
      validate({
        assessments: [
          {
            id: 'assessment:a',
            technology: 'tech:t',
            country: 'KR',
            level: 50,
            round: 1800,
            provenance: 'ILLUSTRATIVE',
          },
        ],
      }),
    ).toBe(false);
  });
});
