// Lists read only the properties the operation selects (src/graph/projection.ts). What must not change: every
// selected field has its stored value, through fragments and aliases too, and a reified relationship's end that
// is the list's own parent (a capability's technology, listed from the technology) answers any field asked of it.
// The lists are the technologies of the fictional demo set's Chipworks sector, which have capabilities (the default
// graph rates nobody).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: readSeedsWithDemo() });
});
afterAll(async () => {
  await t?.stop();
});

async function stored(id: string): Promise<Record<string, unknown>> {
  const [row] = await t.db.read('MATCH (n:Entity {id: $id}) RETURN properties(n) AS p', { id });
  return row.p as Record<string, unknown>;
}

describe('lists read only the selected properties, and answer as if they read them all', () => {
  it('a nested list shows the stored values of the fields selected, through fragments', async () => {
    const { body } = await t.gql(`
      fragment Org on Organization { country type }
      { technologies(first: 5, filter: { sector: "sector:demo-chipworks" }) { nodes { id name capabilities(first: 5) { nodes { level holdsCoreIp organization { id name ...Org } } } } } }`);
    expect(body.errors).toBeUndefined();
    const techs = body.data.technologies.nodes;
    expect(techs.length).toBeGreaterThan(0);
    for (const tech of techs) {
      expect(tech.name).toBe((await stored(tech.id)).name);
      for (const c of tech.capabilities.nodes) {
        const org = await stored(c.organization.id);
        expect(c.organization).toEqual({ id: org.id, name: org.name, country: org.country, type: org.type });
        expect(typeof c.level).toBe('number');
      }
    }
  });

  it("a capability's technology, listed from that technology, answers fields the list did not select", async () => {
    const { body } =
      await t.gql(`{ technologies(first: 5, filter: { sector: "sector:demo-chipworks" }) { nodes { id capabilities(first: 3) {
      nodes { technology { id name kind nameKo provenance } } } } } }`);
    expect(body.errors).toBeUndefined();
    let seen = 0;
    for (const tech of body.data.technologies.nodes) {
      const s = await stored(tech.id);
      for (const c of tech.capabilities.nodes) {
        expect(c.technology).toEqual({
          id: s.id,
          name: s.name,
          kind: s.kind,
          nameKo: s.nameKo ?? null,
          provenance: s.provenance,
        });
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('aliases of one list with different selections each get their fields', async () => {
    const { body } = await t.gql(`{ technologies(first: 3, filter: { sector: "sector:demo-chipworks" }) { nodes {
      a: capabilities(first: 2) { nodes { level } }
      b: capabilities(first: 2) { nodes { organization { country } } } } } }`);
    expect(body.errors).toBeUndefined();
    for (const tech of body.data.technologies.nodes) {
      for (const c of tech.a.nodes) expect(typeof c.level).toBe('number');
      for (const c of tech.b.nodes) expect(c.organization.country).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('a nested first page counts totalCount, asked directly or through a fragment, and says whether more follow', async () => {
    const { body } = await t.gql(`
      fragment Count on CapabilityConnection { totalCount }
      { technologies(first: 5, filter: { sector: "sector:demo-chipworks" }) { nodes { id
        a: capabilities(first: 1) { totalCount pageInfo { hasNextPage } }
        b: capabilities(first: 1) { ...Count nodes { level } }
        c: capabilities(first: 1) { pageInfo { hasNextPage } } } } }`);
    expect(body.errors).toBeUndefined();
    for (const tech of body.data.technologies.nodes) {
      const n = (
        await t.db.read('MATCH (:Organization)-[:HAS_CAPABILITY]->(:Technology {id: $id}) RETURN count(*) AS n', {
          id: tech.id,
        })
      )[0].n as number;
      expect(tech.a.totalCount).toBe(n);
      expect(tech.b.totalCount).toBe(n);
      expect(tech.a.pageInfo.hasNextPage).toBe(n > 1);
      expect(tech.c.pageInfo.hasNextPage).toBe(n > 1);
    }
  });

  it('loads a far end by its id when a field of it needs the id (the columns read are pinned in planner.test.ts)', async () => {
    const more =
      await t.gql(`{ technologies(first: 5, filter: { sector: "sector:demo-chipworks" }) { nodes { capabilities(first: 5) {
      nodes { organization { name capabilities(first: 1) { totalCount } } } } } } }`);
    expect(more.body.errors).toBeUndefined();
    let seen = 0;
    for (const tech of more.body.data.technologies.nodes) {
      for (const c of tech.capabilities.nodes) {
        const [row] = await t.db.read(
          'MATCH (o:Organization {name: $name})-[:HAS_CAPABILITY]->() RETURN count(*) AS n',
          { name: c.organization.name },
        );
        expect(c.organization.capabilities.totalCount).toBe(row.n);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('gives working cursors in a nested list that selects no id, read ahead and paged', async () => {
    const shape = 'level organization { name country }';
    const { body } = await t.gql(`{ technologies(first: 3, filter: { sector: "sector:demo-chipworks" }) { nodes { id
      all: capabilities(first: 4) { nodes { ${shape} } }
      page: capabilities(first: 2) { edges { cursor node { ${shape} } } pageInfo { endCursor hasNextPage } } } } }`);
    expect(body.errors).toBeUndefined();
    let paged = 0;
    for (const tech of body.data.technologies.nodes) {
      const all = tech.all.nodes;
      expect(tech.page.edges.map((e: { node: unknown }) => e.node)).toEqual(all.slice(0, 2));
      expect(tech.page.pageInfo.hasNextPage).toBe(all.length > 2);
      if (all.length <= 2) continue;
      expect(tech.page.pageInfo.endCursor).toBe(tech.page.edges[1].cursor);
      const next = await t.gql(
        `query($id: ID!, $after: String) { technology(id: $id) {
        capabilities(first: 2, after: $after) { nodes { ${shape} } } } }`,
        { id: tech.id, after: tech.page.pageInfo.endCursor },
      );
      expect(next.body.errors).toBeUndefined();
      expect(next.body.data.technology.capabilities.nodes).toEqual(all.slice(2, 4));
      paged += 1;
    }
    expect(paged).toBeGreaterThan(0);
  });

  it('edges carry the provenance and sources of the relationship crossed', async () => {
    const { body } = await t.gql(
      `{ technologies(first: 3, filter: { sector: "sector:demo-chipworks" }) { nodes { sectors { edges { node { id } link { provenance sources { id } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const links = body.data.technologies.nodes.flatMap((n: any) => n.sectors.edges.map((e: any) => e.link));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(['REPORTED', 'ASSESSED', 'ILLUSTRATIVE']).toContain(l.provenance);
      expect(Array.isArray(l.sources)).toBe(true);
    }
  });
});
