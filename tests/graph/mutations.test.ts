// Mutations: valid writes, every kind of refusal as userErrors, and nothing written when refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocument } from '../../src/import/export.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ env: { TG_ALLOW_WRITES: 'true' } }); });
afterAll(async () => { await t?.stop(); });

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
    const { body } = await t.gql(`mutation($input: CreateTechnologyInput!) { createTechnology(input: $input) {
      technology { id name nameKo kind provenance sources { id } } userErrors { field message code } } }`,
    { input: { id: 'tech:test-hybrid-bonding-2', name: 'Hybrid bonding II', nameKo: '하이브리드 본딩 II', kind: 'OTHER', provenance: 'ASSESSED', sources: [SRC] } });
    expect(body.data.createTechnology).toEqual({
      technology: { id: 'tech:test-hybrid-bonding-2', name: 'Hybrid bonding II', nameKo: '하이브리드 본딩 II', kind: 'OTHER', provenance: 'ASSESSED', sources: [{ id: SRC }] },
      userErrors: [],
    });
  });

  it('refuses an id that exists, naming the field', async () => {
    const { body } = await expectUnchanged(() => t.gql(`mutation { createSector(input: { id: "sector:semiconductors", name: "x", provenance: ILLUSTRATIVE }) {
      sector { id } userErrors { field code message } } }`));
    expect(body.data.createSector.sector).toBeNull();
    expect(body.data.createSector.userErrors).toEqual([{ field: ['input', 'id'], code: 'ALREADY_EXISTS', message: expect.stringContaining('already exists') }]);
  });

  it('refuses an id of the wrong type or shape', async () => {
    for (const id of ['org:wrong-prefix', 'tech:Has Spaces', 'tech:']) {
      const { body } = await expectUnchanged(() => t.gql(`mutation($id: ID!) { createTechnology(input: { id: $id, name: "x", kind: OTHER, provenance: ILLUSTRATIVE }) {
        userErrors { field code } } }`, { id }));
      expect(body.data.createTechnology.userErrors, id).toEqual([{ field: ['input', 'id'], code: 'BAD_ID' }]);
    }
  });

  it('refuses a REPORTED fact without a source and an unknown source', async () => {
    const { body } = await expectUnchanged(() => t.gql(`mutation { a: createSector(input: { id: "sector:t1", name: "T1", provenance: REPORTED }) { userErrors { field code } }
      b: createSector(input: { id: "sector:t2", name: "T2", provenance: ASSESSED, sources: ["source:nowhere"] }) { userErrors { field code } } }`));
    expect(body.data.a.userErrors).toEqual([{ field: ['input', 'sources'], code: 'REQUIRED' }]);
    expect(body.data.b.userErrors).toEqual([{ field: ['input', 'sources', '0'], code: 'NOT_FOUND' }]);
  });

  it('refuses implausible years, a budget ending before it starts, and a stage of an unknown sector', async () => {
    const { body } = await expectUnchanged(() => t.gql(`mutation {
      a: createBudgetLine(input: { id: "budget:t1", program: "program:chokepoint-joint-rnd", fromYear: 2030, toYear: 2024, amountKrw: 1, provenance: ILLUSTRATIVE }) { userErrors { field code } }
      b: createProject(input: { id: "project:t1", title: "x", status: ACTIVE, startYear: 1492, provenance: ILLUSTRATIVE }) { userErrors { field code message } }
      c: createValueChainStage(input: { id: "stage:t1", name: "x", order: 1, sector: "sector:nowhere", provenance: ILLUSTRATIVE }) { userErrors { field code } } }`));
    expect(body.data.a.userErrors).toEqual([{ field: ['input', 'toYear'], code: 'INVALID' }]);
    expect(body.data.b.userErrors).toEqual([{ field: ['input', 'startYear'], code: 'INVALID', message: expect.stringMatching(/between 1900 and 2100/) }]);
    expect(body.data.c.userErrors).toEqual([{ field: ['input', 'sector'], code: 'NOT_FOUND' }]);
  });

  it('refuses a country that is not an ISO code before running the mutation', async () => {
    const { status, body } = await expectUnchanged(() => t.gql(`mutation { createOrganization(input: { id: "org:t1", name: "x", type: COMPANY, country: "Korea", provenance: ILLUSTRATIVE }) { organization { id } } }`));
    expect(status).toBe(200); // a request error, to an application/json client (GraphQL over HTTP)
    expect(body.data).toBeUndefined();
    expect(body.errors![0].extensions.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(body.errors![0].message).toMatch(/ISO 3166-1 alpha-2/);
  });
});

describe('relationships', () => {
  it('sets a capability with its level and shows its provenance on the edge', async () => {
    const { body } = await t.gql(`mutation { setCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2", level: 61.5, holdsCoreIp: true, provenance: ILLUSTRATIVE }) {
      from { id } to { id } link { provenance } userErrors { code } } }`);
    expect(body.data.setCapability).toEqual({ from: { id: 'org:mobilint' }, to: { id: 'tech:test-hybrid-bonding-2' }, link: { provenance: 'ILLUSTRATIVE' }, userErrors: [] });
    const read = await t.gql(`{ technology(id: "tech:test-hybrid-bonding-2") { capabilities { nodes { level holdsCoreIp provenance organization { id } } } } }`);
    expect(read.body.data.technology.capabilities.nodes).toEqual([{ level: 61.5, holdsCoreIp: true, provenance: 'ILLUSTRATIVE', organization: { id: 'org:mobilint' } }]);
  });

  it('replaces, not duplicates, a capability set twice', async () => {
    await t.gql(`mutation { setCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2", level: 70, provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    const read = await t.gql(`{ technology(id: "tech:test-hybrid-bonding-2") { capabilities { totalCount nodes { level holdsCoreIp } } } }`);
    expect(read.body.data.technology.capabilities).toEqual({ totalCount: 1, nodes: [{ level: 70, holdsCoreIp: false }] });
  });

  it('refuses a level outside 0–100 and an unknown organization, naming each field', async () => {
    const { body } = await expectUnchanged(() => t.gql(`mutation {
      a: setCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2", level: 120, provenance: ILLUSTRATIVE }) { userErrors { field code message } }
      b: setCapability(input: { organization: "org:nobody", technology: "tech:test-hybrid-bonding-2", level: 50, provenance: ILLUSTRATIVE }) { userErrors { field code } } }`));
    expect(body.data.a.userErrors).toEqual([{ field: ['input', 'level'], code: 'INVALID', message: 'must be at most 100, got 120' }]);
    expect(body.data.b.userErrors).toEqual([{ field: ['input', 'organization'], code: 'NOT_FOUND' }]);
  });

  it('refuses a dependency that would close a cycle, naming the cycle, and writes nothing', async () => {
    await t.gql(`mutation { a: createTechnology(input: { id: "tech:cyc-a", name: "A", kind: OTHER, provenance: ILLUSTRATIVE }) { userErrors { code } }
      b: createTechnology(input: { id: "tech:cyc-b", name: "B", kind: OTHER, provenance: ILLUSTRATIVE }) { userErrors { code } }
      c: createTechnology(input: { id: "tech:cyc-c", name: "C", kind: OTHER, provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    await t.gql(`mutation { a: addDependency(input: { technology: "tech:cyc-a", dependsOn: "tech:cyc-b", provenance: ILLUSTRATIVE }) { userErrors { code } }
      b: addDependency(input: { technology: "tech:cyc-b", dependsOn: "tech:cyc-c", provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    const { body } = await expectUnchanged(() => t.gql(`mutation { addDependency(input: { technology: "tech:cyc-c", dependsOn: "tech:cyc-a", provenance: ILLUSTRATIVE }) { userErrors { field code message } } }`));
    const [err] = body.data.addDependency.userErrors;
    expect(err.code).toBe('CYCLE');
    expect(err.field).toEqual(['input', 'dependsOn']);
    expect(err.message).toContain('tech:cyc-a -> tech:cyc-b -> tech:cyc-c -> tech:cyc-a');
    const self = await t.gql(`mutation { addDependency(input: { technology: "tech:cyc-a", dependsOn: "tech:cyc-a", provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    expect(self.body.data.addDependency.userErrors).toEqual([{ code: 'CYCLE' }]);
  });

  it('removes a relationship, and says so when there was none', async () => {
    const q = `mutation { removeCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2" }) { removed userErrors { code } } }`;
    expect((await t.gql(q)).body.data.removeCapability).toEqual({ removed: true, userErrors: [] });
    expect((await t.gql(q)).body.data.removeCapability).toEqual({ removed: false, userErrors: [{ code: 'NOT_FOUND' }] });
  });
});

describe('update', () => {
  it('changes the given fields, clears a field given as null, keeps the rest', async () => {
    const { body } = await t.gql(`mutation { updateTechnology(input: { id: "tech:test-hybrid-bonding-2", name: "Hybrid bonding (Cu-Cu)", nameKo: null, domesticYearsToDevelop: 4 }) {
      technology { name nameKo kind domesticYearsToDevelop provenance } userErrors { code } } }`);
    expect(body.data.updateTechnology).toEqual({
      technology: { name: 'Hybrid bonding (Cu-Cu)', nameKo: null, kind: 'OTHER', domesticYearsToDevelop: 4, provenance: 'ASSESSED' },
      userErrors: [],
    });
  });

  it('refuses clearing a required field and an unknown id', async () => {
    const { body } = await expectUnchanged(() => t.gql(`mutation {
      a: updateTechnology(input: { id: "tech:test-hybrid-bonding-2", name: null }) { userErrors { field code } }
      b: updateTechnology(input: { id: "tech:nothing-here", name: "x" }) { userErrors { field code } } }`));
    expect(body.data.a.userErrors).toEqual([{ field: ['input', 'name'], code: 'REQUIRED' }]);
    expect(body.data.b.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
  });

  it('moves a project to another program', async () => {
    await t.gql(`mutation { createProject(input: { id: "project:t-move", title: "Move me", status: PLANNED, program: "program:chokepoint-joint-rnd", provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    const { body } = await t.gql(`mutation { updateProject(input: { id: "project:t-move", program: "program:original-tech-joint-rnd" }) { project { program { id } } userErrors { code } } }`);
    expect(body.data.updateProject).toEqual({ project: { program: { id: 'program:original-tech-joint-rnd' } }, userErrors: [] });
  });
});

describe('delete', () => {
  it('refuses to delete a node others refer to unless forced, then removes it with its relationships', async () => {
    await t.gql(`mutation { setCapability(input: { organization: "org:mobilint", technology: "tech:test-hybrid-bonding-2", level: 50, provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    const refused = await expectUnchanged(() => t.gql(`mutation { deleteTechnology(input: { id: "tech:test-hybrid-bonding-2" }) { deletedId userErrors { field code } } }`));
    expect(refused.body.data.deleteTechnology).toEqual({ deletedId: null, userErrors: [{ field: ['input', 'force'], code: 'REFERENCED' }] });
    const forced = await t.gql(`mutation { deleteTechnology(input: { id: "tech:test-hybrid-bonding-2", force: true }) { deletedId removedRelationships userErrors { code } } }`);
    expect(forced.body.data.deleteTechnology).toEqual({ deletedId: 'tech:test-hybrid-bonding-2', removedRelationships: 1, userErrors: [] });
    expect((await t.gql('{ node(id: "tech:test-hybrid-bonding-2") { id } }')).body.data.node).toBeNull();
  });

  it('deletes a program with its budget lines when forced', async () => {
    await t.gql(`mutation { createProgram(input: { id: "program:t-del", name: "Temp", provenance: ILLUSTRATIVE }) { userErrors { code } }
      createBudgetLine(input: { id: "budget:t-del", program: "program:t-del", fromYear: 2024, toYear: 2025, amountKrw: 1000, provenance: ILLUSTRATIVE }) { userErrors { code } } }`);
    const { body } = await t.gql(`mutation { deleteProgram(input: { id: "program:t-del", force: true }) { deletedId userErrors { code } } }`);
    expect(body.data.deleteProgram.deletedId).toBe('program:t-del');
    expect((await t.gql('{ node(id: "budget:t-del") { id } }')).body.data.node).toBeNull();
  });

  it('never deletes a source that facts cite', async () => {
    const { body } = await expectUnchanged(() => t.gql(`mutation { deleteSource(input: { id: "${SRC}", force: true }) { deletedId userErrors { code } } }`));
    expect(body.data.deleteSource).toEqual({ deletedId: null, userErrors: [{ code: 'REFERENCED' }] });
  });
});
