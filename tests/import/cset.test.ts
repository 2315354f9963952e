// CSET's Advanced Semiconductor Supply Chain dataset (data/cset-eto-chip-explorer/) through its importer: the kept
// files parse whole and clean, a file with merge-conflict markers is refused, known rows land where the data puts
// them (the direction of a dependency, a country share, a provider without a number, a negligible one), the document
// passes validation on the seeds and makes of them exactly the default graph (the importer reproduces the shipped
// graph from the kept files), a second run changes nothing, and the analysis then answers from REPORTED shares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCsetDocument,
  CSET_DATASET_SOURCE,
  CSET_REPORT_SOURCE,
  CSET_YEAR,
  NOTE_NEGLIGIBLE,
  NOTE_NO_NUMBER,
  readCsetMapping,
} from '../../src/import/cset.js';
import { CSET_DIR, CsetDataError, parseCsetFiles, readCsetFiles, type CsetFiles } from '../../src/import/cset-files.js';
import { exportDocument } from '../../src/import/export.js';
import { importDocument } from '../../src/import/index.js';
import { readDefaultGraph, readSeeds } from '../../src/import/seeds.js';
import type { GraphDocument, NodeRecord } from '../../src/domain/document.js';
import { resetGraph, startTestApp, type TestApp } from '../helpers/app.js';

/** The seeds in two: the records that refer to a CSET technology, and the rest. */
function splitOnCset(seeds: GraphDocument): { core: GraphDocument; onCset: GraphDocument } {
  const core: Record<string, unknown[]> = {};
  const onCset: Record<string, unknown[]> = {};
  for (const [key, list] of Object.entries(seeds)) {
    if (!Array.isArray(list)) continue;
    for (const rec of list) ((JSON.stringify(rec).includes('"tech:cset-') ? onCset : core)[key] ??= []).push(rec);
  }
  return { core: core as GraphDocument, onCset: onCset as GraphDocument };
}

const FILES = ['stages', 'inputs', 'sequence', 'providers', 'provision'] as const;
const texts = () =>
  Object.fromEntries(FILES.map((f) => [f, readFileSync(join(CSET_DIR, `${f}.csv`), 'utf8')])) as Record<
    (typeof FILES)[number],
    string
  >;

let files: CsetFiles;
let doc: GraphDocument;
beforeAll(() => {
  files = readCsetFiles();
  doc = buildCsetDocument(files, readCsetMapping());
});

const byId = (list: NodeRecord[] | undefined, id: string) => list?.find((r) => r.id === id);

describe('CSET files', () => {
  it('parses every row of the five kept files', () => {
    expect({
      stages: files.stages.length,
      inputs: files.inputs.length,
      sequence: files.sequence.length,
      providers: files.providers.length,
      provision: files.provision.length,
    }).toEqual({ stages: 3, inputs: 79, sequence: 93, providers: 294, provision: 660 });
    expect(files.inputs[0]).toMatchObject({ id: 'N1', name: 'Logic chip design: Advanced CPUs' }); // the BOM is not part of the header
  });

  it('keeps files without merge-conflict markers', () => {
    for (const [file, text] of Object.entries(texts())) expect(text, file).not.toMatch(/^(<{7}|={7}|>{7})(\s|$)/m);
  });

  it('refuses a file with merge-conflict markers, naming the file and line', () => {
    const t = texts();
    const lines = t.provision.split('\n');
    lines.splice(2, 0, '<<<<<<< HEAD');
    lines.splice(5, 0, '=======', 'USA,P1,EUV scanners,N20,100%,', '>>>>>>> other');
    expect(() => parseCsetFiles({ ...t, provision: lines.join('\n') })).toThrow(CsetDataError);
    expect(() => parseCsetFiles({ ...t, provision: lines.join('\n') })).toThrow(
      /^provision\.csv line 3: merge-conflict marker "<<<<<<< HEAD"/,
    );
  });

  it('refuses a provision row whose provider is not in providers.csv', () => {
    const t = texts();
    expect(() =>
      parseCsetFiles({ ...t, provision: `${t.provision.trimEnd()}\nNobody,P9999,EUV scanners,N20,5%,\n` }),
    ).toThrow(/provision\.csv line 662: provider P9999 is not in providers\.csv/);
  });
});

describe('CSET document', () => {
  it('makes "A goes into B" into B DEPENDS_ON A, REPORTED', () => {
    const dep = (from: string, to: string) =>
      doc.relationships!.find((r) => r.type === 'DEPENDS_ON' && r.from === from && r.to === to);
    // sequence.csv: "Crystal growing furnaces,N8,Wafer,N26": the wafer needs the furnaces.
    expect(dep('tech:cset-wafer', 'tech:cset-crystal-growing-furnaces')).toMatchObject({
      provenance: 'REPORTED',
      sources: [CSET_DATASET_SOURCE, CSET_REPORT_SOURCE],
    });
    expect(dep('tech:cset-crystal-growing-furnaces', 'tech:cset-wafer')).toBeUndefined();
    // "EUV scanners is a type of advanced photolithography equipment": the category needs its kinds (ASSESSED), onto
    // the seeds' EUV scanner, which mapping.json says is the same thing.
    expect(dep('tech:cset-advanced-photolithography-equipment', 'tech:euv-scanner')).toMatchObject({
      provenance: 'ASSESSED',
    });
  });

  it("maps a mapped input onto the seeds' technology without rewriting it, and names the rest tech:cset-<slug>", () => {
    expect(byId(doc.technologies, 'tech:euv-scanner')).toBeUndefined();
    expect(byId(doc.technologies, 'tech:cset-euv-scanners')).toBeUndefined();
    expect(byId(doc.technologies, 'tech:cset-wafer-handlers')).toMatchObject({
      name: 'Wafer handlers',
      kind: 'OTHER',
      provenance: 'REPORTED',
    });
    expect(byId(doc.supplyListings, `listing:cset-euv-scanners-${CSET_YEAR}`)).toMatchObject({
      technology: 'tech:euv-scanner',
      complete: true,
    });
  });

  it('keeps a country share with its number, and countries out of the organizations', () => {
    // provision.csv: "JPN,P7,Crystal machining tools,N9,95%," and "CHE,P79,...,5%," (100 in all: complete).
    expect(byId(doc.supplyShares, 'share:cset-crystal-machining-tools-2019-jp')).toMatchObject({
      listing: 'listing:cset-crystal-machining-tools-2019',
      country: 'JP',
      share: 95,
      provenance: 'REPORTED',
    });
    expect(byId(doc.supplyListings, 'listing:cset-crystal-machining-tools-2019')).toMatchObject({
      year: 2019,
      complete: true,
    });
    expect(doc.organizations!.filter((o) => ['USA', 'JPN', 'KOR', 'Various'].includes(o.name as string))).toEqual([]);
  });

  it('lists an organization named without a number, with no share', () => {
    // "Toyo,P64,Crystal machining tools,N9,,"
    const s = byId(doc.supplyShares, 'share:cset-crystal-machining-tools-2019-cset-toyo')!;
    expect(s).toMatchObject({ organization: 'org:cset-toyo', note: NOTE_NO_NUMBER });
    expect(s).not.toHaveProperty('share');
    expect(byId(doc.organizations, 'org:cset-toyo')).toMatchObject({ name: 'Toyo', type: 'COMPANY', country: 'JP' });
  });

  it('keeps "negligible" as a note without a number, for organizations and countries', () => {
    // "JSG,P59,Crystal machining tools,N9,,negligible" and "CHN,P2,Crystal machining tools,N9,,negligible"
    for (const id of [
      'share:cset-crystal-machining-tools-2019-cset-jsg',
      'share:cset-crystal-machining-tools-2019-cn',
    ]) {
      const s = byId(doc.supplyShares, id)!;
      expect(s, id).toMatchObject({ note: NOTE_NEGLIGIBLE });
      expect(s, id).not.toHaveProperty('share');
    }
  });

  it("does not mark complete a listing whose country shares pass 100.5 % by CSET's rounding, and says so", () => {
    // Dicing tools: country shares sum to 104 %.
    const l = byId(doc.supplyListings, 'listing:cset-dicing-tools-2019')!;
    expect(l.complete).toBe(false);
    expect(l.note).toMatch(/sum to 104 %.*rounds shares under 1 % up to 1 %/);
  });

  it('maps only onto records the seeds hold, of the same country', () => {
    const seeds = readSeeds();
    const ids = new Map(
      Object.values(seeds)
        .flat()
        .map((r: any) => [r.id, r]),
    );
    const mapping = readCsetMapping();
    for (const m of mapping.technologies) expect(ids.has(m.technology), m.technology).toBe(true);
    for (const m of mapping.notMapped ?? []) expect(ids.has(m.near), m.near).toBe(true);
    for (const m of mapping.stages) expect(ids.get(m.stage)?.sector, m.stage).toBe(mapping.sector);
    const iso: Record<string, string> = { USA: 'US', TWN: 'TW', KOR: 'KR', NLD: 'NL', JPN: 'JP' };
    for (const m of mapping.organizations) {
      const cset = files.providers.find((p) => p.id === m.cset)!;
      expect(ids.get(m.organization)?.country, m.organization).toBe(iso[cset.country]);
    }
  });
});

describe('CSET import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ doc: readDefaultGraph() });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('passes validation on the seeds, makes the default graph of them, and a second run changes nothing', async () => {
    const shipped = await exportDocument(t.db); // the default graph, as the app and `npm run seed` load it
    // The seeds' evidence about CSET's technologies (assessments, import figures) needs them: it goes in after.
    const { core, onCset } = splitOnCset(readSeeds());
    await resetGraph(t.db, core);
    const first = await importDocument(t.db, doc);
    expect(first.ok ? [] : first.problems.slice(0, 5)).toEqual([]);
    expect(first.ok && first.counts.byCollection).toMatchObject({
      technologies: 78,
      organizations: 231,
      supplyListings: 64,
      supplyShares: 613,
    });
    expect((await importDocument(t.db, onCset)).ok).toBe(true);
    const before = await exportDocument(t.db);
    expect(before).toEqual(shipped);
    const second = await importDocument(t.db, buildCsetDocument(readCsetFiles(), readCsetMapping()));
    expect(second.ok).toBe(true);
    expect(await exportDocument(t.db)).toEqual(before);
  }, 120_000);

  it('then answers from REPORTED shares: EUV scanners ABSENT for KR (NL 100 %), wafer handlers PRESENT (KR 5 %)', async () => {
    const q = `query($id: ID!) { technology(id: $id) {
      standing(lens: { minEvidence: REPORTED, asOf: "2025-01-01" }) { status basis homeShare hhi listingYear } } }`;
    const euv = await t.gql(q, { id: 'tech:euv-scanner' });
    expect(euv.body.errors).toBeUndefined();
    expect(euv.body.data.technology.standing).toEqual({
      status: 'ABSENT',
      basis: 'REPORTED',
      homeShare: 0,
      hhi: 10000,
      listingYear: 2019,
    });
    const handlers = await t.gql(q, { id: 'tech:cset-wafer-handlers' });
    expect(handlers.body.data.technology.standing).toMatchObject({
      status: 'PRESENT',
      basis: 'REPORTED',
      homeShare: 5,
      listingYear: 2019,
    });
  }, 60_000);
});
