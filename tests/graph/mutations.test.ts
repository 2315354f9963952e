// Mutations: valid writes, every kind of refusal as userErrors, and nothing written when refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocument } from '../../src/import/export.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { TG_ALLOW_WRITES: 'true' } });
});
afterAll(async () => {
  await t?.stop();
});

const SRC = 'source:inews24-2023-12-05-motie-global-tech-cooperation';
const snapshot = () => exportDocument(t.db);

async function expectUnchanged<T>(work: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await work();
  expect(await snapshot()).toEqual(before);
  return result;
}

describe('create', () => {
  it('creates a technology with provenance and sources, readable at once', async () => {
    const { body } = await t.gql(
      `mutation($input: CreateTechnologyInput!) { createTechnology(input: $input) {
      technology { id name nameKo kind provenance sources { id } } userErrors { field message code } } }`,
      {
        input: {
          id: 'tech:test-hybrid-bonding-2',
          name: 'Hybrid bonding II',
          nameKo: '하이브리드 본딩 II',
          kind: 'OTHER',
          provenance: 'ASSESSED',
          sources: [SRC],
        },
      },
    );
    expect(body.data.createTechnology).toEqual({
      technology: {
        id: 'tech:test-hybrid-bonding-2',
        name: 'Hybrid bonding II',
        nameKo: '하이브리드 본딩 II',
        kind: 'OTHER',
        provenance: 'ASSESSED',
        sources: [{ id: SRC }],
      },
      userErrors: [],
    });
  });

  it('refuses an id that exists, naming the field', async () => {
    const { body } = await expectUnchanged(() =>
      t.gql(`mutation { createSector(input: { id: "sector:semiconductors", name: "x", provenance: ILLUSTRATIVE }) {
      sector { id } userErrors { field code message } } }`),
    );
    expect(body.data.createSector.sector).toBeNull();
    expect(body.data.createSector.userErrors).toEqual([
      { field: ['input', 'id'], code: 'ALREADY_EXISTS', message: expect.stringContaining('already exists') },
    ]);
  });

  it('refuses an id of the wrong type or shape', async () => {
    for (const id of ['org:wrong-prefix', 'tech:Has Spaces', 'tech:']) {
      const { body } = await expectUnchanged(() =>
        t.gql(
          `mutation($id: ID!) { createTechnology(input: { id: $id, name: "x", kind: OTHER, provenance: ILLUSTRATIVE }) {
        userErrors { field code } } }`,
          { id },
        ),
      );
      expect(body.data.createTechnology.userErrors, id).toEqual([{ field: ['input', 'id'], code: 'BAD_ID' }]);
    }
  });

  it('refuses a REPORTED fact without a source and an unknown source', async () => {
    const { body } = await expectUnchanged(() =>
      t.gql(`mutation { a: createSector(input: { id: "sector:t1", name: "T1", provenance: REPORTED }) { userErrors { field code } }
      b: createSector(input: { id: "sector:t2", name: "T2", provenance: ASSESSED, sources: ["source:nowhere"] }) { userErrors { field code } } }`),
    );
    expect(body.data.a.userErrors).toEqual([{ field: ['input', 'sources'], code: 'REQUIRED' }]);
    expect(body.data.b.userErrors).toEqual([{ field: ['input', 'sources', '0'], code: 'NOT_FOUND' }]);
  });

  it('refuses implausible years, a budget ending before it starts, and a stage of an unknown sector', async () => {
    const { body } = await expectUnchanged(() =>
      t.gql(`mutation {
      a: createBudgetLine(input: { id: "budget:t1", program: "program:chokepoint-joint-rnd", fromYear: 2030, toYear: 2024, amountKrw: 1, provenance: ILLUSTRATIVE }) { userErrors { field code } }
      b: createProject(input: { id: "project:t1", title: "x", status: ACTIVE, startYear: 1492, provenance: ILLUSTRATIVE }) { userErrors { field code message } }
      c: createValueChainStage(input: { id: "stage:t1", name: "x", order: 1, sector: "sector:nowhere", provenance: ILLUSTRATIVE }) { userErrors { field code } } }`),
    );
    expect(body.data.a.userErrors).toEqual([{ field: ['input', 'toYear'], code: 'INVALID' }]);
    expect(body.data.b.userErrors).toEqual([
      { field: ['input', 'startYear'], code: 'INVALID', message: expect.stringMatching(/between 1900 and 2100/) },
    ]);
    expect(body.data.c.userErrors).toEqual([{ field: ['input', 'sector'], code: 'NOT_FOUND' }]);
  });

  it('refuses a country that is not an ISO code before running the mutation', async () => {
    const { status, body } = await expectUnchanged(() =>
      t.gql(
        `mutation { createOrganization(input: { id: "org:t1", name: "x", type: COMPANY, country: "Korea", provenance: ILLUSTRATIVE }) { organization { id } } }`,
      ),
    );
    expect(status).toBe(200); // a request error, to an application/json client (GraphQL over HTTP)
    expect(body.data).toBeUndefined();
    expect(body.errors![0].extensions.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(body.errors![0].message).toMatch(/ISO 3166-1 alpha-2/);
  });
});

describe('relationships', () => {
  it('sets a capability with its level and shows its provenance on the edge', async () => {
    const { body } =
      await t.gql(`mutation { setCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2", level: 61.5, holdsCoreIp: true, provenance: ILLUSTRATIVE }) {
      from { id } to { id } link { provenance } userErrors { code } } }`);
    expect(body.data.setCapability).toEqual({
      from: { id: 'org:mobilint' },
      to: { id: 'tech:test-hybrid-bonding-2' },
      link: { provenance: 'ILLUSTRATIVE' },
      userErrors: [],
    });
    const read = await t.gql(
      `{ technology(id: "tech:test-hybrid-bonding-2") { capabilities { nodes { level holdsCoreIp provenance organization { id } } } } }`,
    );
    expect(read.body.data.technology.capabilities.nodes).toEqual([
      { level: 61.5, holdsCoreIp: true, provenance: 'ILLUSTRATIVE', organization: { id: 'org:mobilint' } },
    ]);
  });

  it('replaces, not duplicates, a capability set twice', async () => {
    await t.gql(
      `mutation { setCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2", level: 70, provenance: ILLUSTRATIVE }) { userErrors { code } } }`,
    );
    const read = await t.gql(
      `{ technology(id: "tech:test-hybrid-bonding-2") { capabilities { totalCount nodes { level holdsCoreIp } } } }`,
    );
    expect(read.body.data.technology.capabilities).toEqual({
      totalCount: 1,
      nodes: [{ level: 70, holdsCoreIp: false }],
    });
  });

  it('refuses a level outside 0–100 and an unknown organization, naming each field', async () => {
    const { body } = await expectUnchanged(() =>
      t.gql(`mutation {
      a: setCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2", level: 120, provenance: ILLUSTRATIVE }) { userErrors { field code message } }
      b: setCapability(input: { organization: "org:nobody", technology: "tech:test-hybrid-bonding-2", level: 50, provenance: ILLUSTRATIVE }) { userErrors { field code } } }`),
    );
    expect(body.data.a.userErrors).toEqual([
      { field: ['input', 'level'], code: 'INVALID', message: 'must be at most 100, got 120' },
    ]);
    expect(body.data.b.userErrors).toEqual([{ field: ['input', 'organization'], code: 'NOT_FOUND' }]);
  });

  it('refuses a dependency that would close a cycle, naming the cycle, and writes nothing', async () => {
    await t.gql(`mutation { a: createTechnology(input: { id: "tech:cyc-a", name: "A", kind: OTHER, provenance: ILLUSTRATIVE }) { userErrors { code } }
      b: createTechnology(input: { id: "tech:cyc-b", name: "B", kind: OTHER, provenance: ILLUSTRATIVE }) { userErrors { code } }
      c: createTechnology(input: { id: "tech:cyc-c", name: "C", kind: OTHER, provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    await t.gql(`mutation { a: addDependency(input: { technology: "tech:cyc-a", dependsOn: "tech:cyc-b", provenance: ILLUSTRATIVE }) { userErrors { code } }
      b: addDependency(input: { technology: "tech:cyc-b", dependsOn: "tech:cyc-c", provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    const { body } = await expectUnchanged(() =>
      t.gql(
        `mutation { addDependency(input: { technology: "tech:cyc-c", dependsOn: "tech:cyc-a", provenance: ILLUSTRATIVE }) { userErrors { field code message } } }`,
      ),
    );
    const [err] = body.data.addDependency.userErrors;
    expect(err.code).toBe('CYCLE');
    expect(err.field).toEqual(['input', 'dependsOn']);
    expect(err.message).toContain('tech:cyc-a -> tech:cyc-b -> tech:cyc-c -> tech:cyc-a');
    const self = await t.gql(
      `mutation { addDependency(input: { technology: "tech:cyc-a", dependsOn: "tech:cyc-a", provenance: ILLUSTRATIVE }) { userErrors { code } } }`,
    );
    expect(self.body.data.addDependency.userErrors).toEqual([{ code: 'CYCLE' }]);
  });

  it('removes a relationship, and says so when there was none', async () => {
    const q = `mutation { removeCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2" }) { removed userErrors { code } } }`;
    expect((await t.gql(q)).body.data.removeCapability).toEqual({ removed: true, userErrors: [] });
    expect((await t.gql(q)).body.data.removeCapability).toEqual({
      removed: false,
      userErrors: [{ code: 'NOT_FOUND' }],
    });
  });
});

describe('update', () => {
  it('changes the given fields, clears a field given as null, keeps the rest', async () => {
    const { body } =
      await t.gql(`mutation { updateTechnology(input: { id: "tech:test-hybrid-bonding-2", name: "Hybrid bonding (Cu-Cu)", nameKo: null, domesticYearsToDevelop: 4 }) {
      technology { name nameKo kind domesticYearsToDevelop provenance } userErrors { code } } }`);
    expect(body.data.updateTechnology).toEqual({
      technology: {
        name: 'Hybrid bonding (Cu-Cu)',
        nameKo: null,
        kind: 'OTHER',
        domesticYearsToDevelop: 4,
        provenance: 'ASSESSED',
      },
      userErrors: [],
    });
  });

  it('refuses clearing a required field and an unknown id', async () => {
    const { body } = await expectUnchanged(() =>
      t.gql(`mutation {
      a: updateTechnology(input: { id: "tech:test-hybrid-bonding-2", name: null }) { userErrors { field code } }
      b: updateTechnology(input: { id: "tech:nothing-here", name: "x" }) { userErrors { field code } } }`),
    );
    expect(body.data.a.userErrors).toEqual([{ field: ['input', 'name'], code: 'REQUIRED' }]);
    expect(body.data.b.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
  });

  it('moves a project to another program', async () => {
    await t.gql(
      `mutation { createProject(input: { id: "project:t-move", title: "Move me", status: PLANNED, program: "program:chokepoint-joint-rnd", provenance: ILLUSTRATIVE }) { userErrors { code } } }`,
    );
    const { body } = await t.gql(
      `mutation { updateProject(input: { id: "project:t-move", program: "program:original-tech-joint-rnd" }) { project { program { id } } userErrors { code } } }`,
    );
    expect(body.data.updateProject).toEqual({
      project: { program: { id: 'program:original-tech-joint-rnd' } },
      userErrors: [],
    });
  });
});

describe('delete', () => {
  it('refuses to delete a node others refer to unless forced, then removes it with its relationships', async () => {
    await t.gql(
      `mutation { setCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2", level: 50, provenance: ILLUSTRATIVE }) { userErrors { code } } }`,
    );
    const refused = await expectUnchanged(() =>
      t.gql(
        `mutation { deleteTechnology(input: { id: "tech:test-hybrid-bonding-2" }) { deletedId userErrors { field code } } }`,
      ),
    );
    expect(refused.body.data.deleteTechnology).toEqual({
      deletedId: null,
      userErrors: [{ field: ['input', 'force'], code: 'REFERENCED' }],
    });
    const forced = await t.gql(
      `mutation { deleteTechnology(input: { id: "tech:test-hybrid-bonding-2", force: true }) { deletedId removedRelationships userErrors { code } } }`,
    );
    expect(forced.body.data.deleteTechnology).toEqual({
      deletedId: 'tech:test-hybrid-bonding-2',
      removedRelationships: 1,
      userErrors: [],
    });
    expect((await t.gql('{ node(id: "tech:test-hybrid-bonding-2") { id } }')).body.data.node).toBeNull();
  });

  it('deletes a program with its budget lines when forced', async () => {
    await t.gql(`mutation { createProgram(input: { id: "program:t-del", name: "Temp", provenance: ILLUSTRATIVE }) { userErrors { code } }
      createBudgetLine(input: { id: "budget:t-del", program: "program:t-del", fromYear: 2024, toYear: 2025, amountKrw: 1000, provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    const { body } = await t.gql(
      `mutation { deleteProgram(input: { id: "program:t-del", force: true }) { deletedId userErrors { code } } }`,
    );
    expect(body.data.deleteProgram.deletedId).toBe('program:t-del');
    expect((await t.gql('{ node(id: "budget:t-del") { id } }')).body.data.node).toBeNull();
  });

  it('never deletes a source that facts cite', async () => {
    const { body } = await expectUnchanged(() =>
      t.gql(`mutation { deleteSource(input: { id: "${SRC}", force: true }) { deletedId userErrors { code } } }`),
    );
    expect(body.data.deleteSource).toEqual({ deletedId: null, userErrors: [{ code: 'REFERENCED' }] });
  });
});

describe('evidence', () => {
  const ok = (p: { userErrors: unknown[] }) => expect(p.userErrors).toEqual([]);
  const count = async (label: string, prefix: string) =>
    (await t.db.read(`MATCH (n:${label}) WHERE n.id STARTS WITH $prefix RETURN count(n) AS c`, { prefix }))[0].c;

  it('creates an assessment, a complete listing with shares and an import dependence, readable from the technology', async () => {
    const { body } = await t.gql(`mutation {
      tech: createTechnology(input: { id: "tech:t-ev", name: "Evidence test", kind: OTHER, provenance: ILLUSTRATIVE }) { userErrors { code } }
      org: createOrganization(input: { id: "org:t-ev", name: "Evidence Corp", type: COMPANY, country: "JP", provenance: ILLUSTRATIVE }) { userErrors { code } }
      a: createNationalAssessment(input: { id: "assessment:t-ev-kr-2022", technology: "tech:t-ev", country: "KR", level: 72.5, yearsBehind: 2, round: 2022, publisher: "KISTEP", provenance: ASSESSED, sources: ["${SRC}"] }) {
        assessment { id country level round technology { id } provenance } userErrors { field code } }
      l: createSupplyListing(input: { id: "listing:t-ev-2023", technology: "tech:t-ev", year: 2023, complete: true, completeBecause: "country shares sum to 100", provenance: ILLUSTRATIVE }) {
        supplyListing { id complete } userErrors { field code } }
      jp: createSupplyShare(input: { id: "share:t-ev-jp", listing: "listing:t-ev-2023", country: "JP", share: 90, provenance: ILLUSTRATIVE }) { supplyShare { id share } userErrors { field code } }
      kr: createSupplyShare(input: { id: "share:t-ev-kr", listing: "listing:t-ev-2023", country: "KR", share: 10, provenance: ILLUSTRATIVE }) { userErrors { field code } }
      corp: createSupplyShare(input: { id: "share:t-ev-corp", listing: "listing:t-ev-2023", organization: "org:t-ev", provenance: ILLUSTRATIVE }) { supplyShare { organization { id } share } userErrors { field code } }
      d: createImportDependence(input: { id: "importdep:t-ev-kr-jp", technology: "tech:t-ev", importer: "KR", exporter: "JP", year: 2023, share: 97, provenance: ILLUSTRATIVE }) {
        importDependence { id importer exporter share technology { id } } userErrors { field code } } }`);
    for (const k of ['tech', 'org', 'a', 'l', 'jp', 'kr', 'corp', 'd']) ok(body.data[k]);
    expect(body.data.a.assessment).toEqual({
      id: 'assessment:t-ev-kr-2022',
      country: 'KR',
      level: 72.5,
      round: 2022,
      technology: { id: 'tech:t-ev' },
      provenance: 'ASSESSED',
    });
    expect(body.data.corp.supplyShare).toEqual({ organization: { id: 'org:t-ev' }, share: null });
    const read =
      await t.gql(`{ technology(id: "tech:t-ev") { assessments { totalCount } supplyListings { nodes { countryShareSum shares { totalCount } } }
      importDependence { nodes { id } } } }`);
    expect(read.body.data.technology).toEqual({
      assessments: { totalCount: 1 },
      supplyListings: { nodes: [{ countryShareSum: 100, shares: { totalCount: 3 } }] },
      importDependence: { nodes: [{ id: 'importdep:t-ev-kr-jp' }] },
    });
  });

  it('refuses what the evidence rules forbid, naming the input field, and writes nothing', async () => {
    const { body } = await expectUnchanged(() =>
      t.gql(`mutation {
      sum: createSupplyShare(input: { id: "share:t-ev-us", listing: "listing:t-ev-2023", country: "US", share: 1, provenance: ILLUSTRATIVE }) { supplyShare { id } userErrors { field code message } }
      twice: createSupplyShare(input: { id: "share:t-ev-jp2", listing: "listing:t-ev-2023", country: "JP", provenance: ILLUSTRATIVE }) { userErrors { field code } }
      both: createSupplyShare(input: { id: "share:t-ev-both", listing: "listing:t-ev-2023", country: "US", organization: "org:mobilint", provenance: ILLUSTRATIVE }) { userErrors { field code } }
      why: createSupplyListing(input: { id: "listing:t-ev-2024", technology: "tech:t-ev", year: 2024, complete: true, provenance: ILLUSTRATIVE }) { userErrors { field code } }
      self: createImportDependence(input: { id: "importdep:t-ev-self", technology: "tech:t-ev", importer: "KR", exporter: "KR", year: 2023, share: 5, provenance: ILLUSTRATIVE }) { userErrors { field code } }
      round: createNationalAssessment(input: { id: "assessment:t-ev-old", technology: "tech:t-ev", country: "KR", level: 50, round: 1850, provenance: ILLUSTRATIVE }) { userErrors { field code } }
      level: updateNationalAssessment(input: { id: "assessment:t-ev-kr-2022", level: 100.5 }) { userErrors { field code } } }`),
    );
    expect(body.data.sum).toEqual({
      supplyShare: null,
      userErrors: [
        { field: ['input', 'share'], code: 'INVALID', message: expect.stringContaining('sum to 101, more than 100.5') },
      ],
    });
    expect(body.data.twice.userErrors).toEqual([{ field: ['input', 'country'], code: 'DUPLICATE' }]);
    expect(body.data.both.userErrors).toEqual([{ field: ['input', 'organization'], code: 'INVALID' }]);
    expect(body.data.why.userErrors).toEqual([{ field: ['input', 'completeBecause'], code: 'REQUIRED' }]);
    expect(body.data.self.userErrors).toEqual([{ field: ['input', 'exporter'], code: 'INVALID' }]);
    expect(body.data.round.userErrors).toEqual([{ field: ['input', 'round'], code: 'INVALID' }]);
    expect(body.data.level.userErrors).toEqual([{ field: ['input', 'level'], code: 'INVALID' }]);
  });

  it("updates a share against the listing's other shares, not against its own stored value", async () => {
    const raised = await t.gql(
      'mutation { updateSupplyShare(input: { id: "share:t-ev-kr", share: 10.5 }) { supplyShare { share } userErrors { code } } }',
    );
    expect(raised.body.data.updateSupplyShare).toEqual({ supplyShare: { share: 10.5 }, userErrors: [] });
    const tooMuch = await expectUnchanged(() =>
      t.gql('mutation { updateSupplyShare(input: { id: "share:t-ev-kr", share: 11 }) { userErrors { field code } } }'),
    );
    expect(tooMuch.body.data.updateSupplyShare.userErrors).toEqual([{ field: ['input', 'share'], code: 'INVALID' }]);
    // The organization's entry becomes a country's: the reference goes, the country comes.
    const turned = await t.gql(
      'mutation { updateSupplyShare(input: { id: "share:t-ev-corp", organization: null, country: "DE" }) { supplyShare { country organization { id } } userErrors { code } } }',
    );
    expect(turned.body.data.updateSupplyShare).toEqual({
      supplyShare: { country: 'DE', organization: null },
      userErrors: [],
    });
    const unmarked = await t.gql(
      'mutation { updateSupplyListing(input: { id: "listing:t-ev-2023", complete: false, completeBecause: null, provenance: ASSESSED, sources: ["' +
        SRC +
        '"] }) { supplyListing { complete completeBecause } userErrors { code } } }',
    );
    expect(unmarked.body.data.updateSupplyListing).toEqual({
      supplyListing: { complete: false, completeBecause: null },
      userErrors: [],
    });
    // The LISTS edge carries the listing's new provenance.
    const link = await t.gql(
      '{ technology(id: "tech:t-ev") { supplyListings { edges { link { provenance sources { id } } } } } }',
    );
    expect(link.body.data.technology.supplyListings.edges).toEqual([
      { link: { provenance: 'ASSESSED', sources: [{ id: SRC }] } },
    ]);
    await t.gql(
      'mutation { updateSupplyShare(input: { id: "share:t-ev-corp", country: null, organization: "org:t-ev" }) { userErrors { code } } }',
    );
  });

  it('deletes an organization with its entries in supply listings, and a listing with its shares, only when forced', async () => {
    const refused = await expectUnchanged(() =>
      t.gql(
        'mutation { deleteSupplyListing(input: { id: "listing:t-ev-2023" }) { deletedId userErrors { field code } } }',
      ),
    );
    expect(refused.body.data.deleteSupplyListing).toEqual({
      deletedId: null,
      userErrors: [{ field: ['input', 'force'], code: 'REFERENCED' }],
    });
    const org = await t.gql(
      'mutation { deleteOrganization(input: { id: "org:t-ev", force: true }) { deletedId removedRelationships userErrors { code } } }',
    );
    expect(org.body.data.deleteOrganization).toEqual({
      deletedId: 'org:t-ev',
      removedRelationships: 2,
      userErrors: [],
    });
    expect(await count('SupplyShare', 'share:t-ev')).toBe(2);
  });

  it('imports evidence through importGraph, counting each collection', async () => {
    const document = {
      assessments: [
        {
          id: 'assessment:t-ev-us-2022',
          technology: 'tech:t-ev',
          country: 'US',
          level: 100,
          round: 2022,
          provenance: 'ILLUSTRATIVE',
          sources: [],
        },
      ],
      importDependences: [
        {
          id: 'importdep:t-ev-kr-us',
          technology: 'tech:t-ev',
          importer: 'KR',
          exporter: 'US',
          year: 2023,
          share: 3,
          provenance: 'ILLUSTRATIVE',
          sources: [],
        },
      ],
    };
    const { body } = await t.gql(
      'mutation($d: JSON!) { importGraph(document: $d) { ok nodes counts { collection count } userErrors { code } } }',
      { d: document },
    );
    expect(body.data.importGraph).toEqual({
      ok: true,
      nodes: 2,
      userErrors: [],
      counts: [
        { collection: 'assessments', count: 1 },
        { collection: 'importDependences', count: 1 },
      ],
    });
  });

  it('deletes a technology with all its evidence when forced: assessments, listings, their shares, import dependence', async () => {
    const refused = await expectUnchanged(() =>
      t.gql('mutation { deleteTechnology(input: { id: "tech:t-ev" }) { deletedId userErrors { field code } } }'),
    );
    expect(refused.body.data.deleteTechnology.userErrors).toEqual([{ field: ['input', 'force'], code: 'REFERENCED' }]);
    const { body } = await t.gql(
      'mutation { deleteTechnology(input: { id: "tech:t-ev", force: true }) { deletedId removedRelationships userErrors { code } } }',
    );
    // Two ASSESSES, LISTS, two SHARE_IN and two IMPORT_OF, each counted once.
    expect(body.data.deleteTechnology).toEqual({ deletedId: 'tech:t-ev', removedRelationships: 7, userErrors: [] });
    for (const [label, prefix] of [
      ['NationalAssessment', 'assessment:t-ev'],
      ['SupplyListing', 'listing:t-ev'],
      ['SupplyShare', 'share:t-ev'],
      ['ImportDependence', 'importdep:t-ev'],
    ]) {
      expect(await count(label, prefix), label).toBe(0);
    }
    expect((await t.gql('{ node(id: "share:t-ev-jp") { id } }')).body.data.node).toBeNull();
  });
});
