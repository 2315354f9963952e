// The read API: global ids, filters, sort orders, Relay pagination in both directions, its limits and errors,
// provenance on nodes and edges, and batching (round trips follow the depth, not the list sizes). On the default
// graph with the fictional demo set, whose capabilities and projects give the lists something to hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../src/import/index.js';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

const doc = readSeedsWithDemo();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc });
});
afterAll(async () => {
  await t?.stop();
});

async function allIds(field: string, args = '', pageSize = 7): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const { body }: { body: any } = await t.gql(
      `query($after: String) { ${field}(first: ${pageSize}, after: $after ${args}) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
      { after },
    );
    expect(body.errors).toBeUndefined();
    const conn: any = body.data[field];
    ids.push(...conn.nodes.map((n: { id: string }) => n.id));
    if (!conn.pageInfo.hasNextPage) return ids;
    after = conn.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('global ids', () => {
  it('fetches nodes of any type by id, in order, with null for unknown ids', async () => {
    const { body } = await t.gql(
      `{ nodes(ids: ["org:mit", "tech:nothing", "sector:semiconductors", "not an id"]) { __typename id } }`,
    );
    expect(body.data.nodes).toEqual([
      { __typename: 'Organization', id: 'org:mit' },
      null,
      { __typename: 'Sector', id: 'sector:semiconductors' },
      null,
    ]);
  });

  it('refuses more than 100 ids', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `tech:x${i}`);
    const { body } = await t.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('pagination', () => {
  it('walks every technology forward in name order, matching totalCount', async () => {
    const ids = await allIds('technologies');
    const { body } = await t.gql('{ technologies(first: 100) { totalCount nodes { id name } } }');
    expect(ids).toHaveLength(body.data.technologies.totalCount);
    expect(new Set(ids).size).toBe(ids.length);
    const names = body.data.technologies.nodes.map((n: { name: string }) => n.name.toLowerCase());
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('walks backward with last/before to the same sequence', async () => {
    const forward = await allIds('organizations');
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const { body }: { body: any } = await t.gql(
        `query($before: String) { organizations(last: 9, before: $before) { pageInfo { hasPreviousPage startCursor } nodes { id } } }`,
        { before },
      );
      backward.unshift(...body.data.organizations.nodes.map((n: { id: string }) => n.id));
      if (!body.data.organizations.pageInfo.hasPreviousPage) break;
      before = body.data.organizations.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('sorts descending and by other fields', async () => {
    const asc = await allIds('organizations', ', orderBy: { field: ID }');
    const desc = await allIds('organizations', ', orderBy: { field: ID, direction: DESC }');
    expect(desc).toEqual([...asc].reverse());
    expect(asc).toEqual([...asc].sort());
  });

  it('keeps a cursor stable when rows are added before it', async () => {
    const { body: p1 } = await t.gql('{ sectors(first: 2) { pageInfo { endCursor } nodes { id } } }');
    const cursor = p1.data.sectors.pageInfo.endCursor;
    const { body: p2 } = await t.gql('query($c: String) { sectors(first: 10, after: $c) { nodes { id } } }', {
      c: cursor,
    });
    await importDocument(t.db, {
      sectors: [{ id: 'sector:aaa-first', name: 'AAA first', provenance: 'ILLUSTRATIVE', sources: [] }],
    });
    const { body: p2again } = await t.gql('query($c: String) { sectors(first: 10, after: $c) { nodes { id } } }', {
      c: cursor,
    });
    expect(p2again.data.sectors.nodes).toEqual(p2.data.sectors.nodes);
  });

  it('refuses a page size over 100, a negative one, and first with last', async () => {
    for (const args of ['first: 101', 'last: 1000', 'first: -1', 'first: 2, last: 2']) {
      const { body } = await t.gql(`{ technologies(${args}) { nodes { id } } }`);
      expect(body.errors![0].extensions.code, args).toBe('BAD_USER_INPUT');
      expect(body.errors![0].message, args).toMatch(/between 0 and 100|not both/);
    }
  });

  it('refuses a malformed cursor and a cursor of another list', async () => {
    const bad = await t.gql('{ technologies(first: 2, after: "garbage!") { nodes { id } } }');
    expect(bad.body.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('not a valid cursor'),
    });
    const { body } = await t.gql('{ sectors(first: 1) { pageInfo { endCursor } } }');
    const other = await t.gql('query($c: String) { technologies(first: 2, after: $c) { nodes { id } } }', {
      c: body.data.sectors.pageInfo.endCursor,
    });
    expect(other.body.errors![0].message).toMatch(/another list or ordering/);
  });

  it('pages nested lists with their own cursors', async () => {
    const q = `query($after: String) { node(id: "event:cto-meeting-2023-12-05") { ... on Event { attendees(first: 5, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    for (;;) {
      const { body }: { body: any } = await t.gql(q, { after });
      const a: any = body.data.node.attendees;
      total = a.totalCount;
      seen.push(...a.nodes.map((n: { id: string }) => n.id));
      if (!a.pageInfo.hasNextPage) break;
      after = a.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('filters', () => {
  it('filters technologies by sector, kind, provenance and a Korean name fragment', async () => {
    const { body } = await t.gql(`{
      semi: technologies(first: 100, filter: { sector: "sector:semiconductors" }) { totalCount nodes { sectors { nodes { id } } } }
      choke: technologies(first: 100, filter: { kind: CHOKEPOINT }) { nodes { kind } }
      reported: technologies(first: 100, filter: { minProvenance: REPORTED }) { totalCount nodes { provenance } }
      ko: technologies(first: 100, filter: { nameContains: "인터포저" }) { nodes { id } } }`);
    expect(body.data.semi.totalCount).toBeGreaterThan(10);
    for (const n of body.data.semi.nodes)
      expect(n.sectors.nodes.map((s: { id: string }) => s.id)).toContain('sector:semiconductors');
    expect(body.data.choke.nodes.every((n: { kind: string }) => n.kind === 'CHOKEPOINT')).toBe(true);
    expect(body.data.reported.totalCount).toBe(doc.technologies!.filter((x) => x.provenance === 'REPORTED').length);
    expect(body.data.reported.nodes.every((n: { provenance: string }) => n.provenance === 'REPORTED')).toBe(true);
    expect(body.data.ko.nodes.map((n: { id: string }) => n.id)).toContain('tech:advanced-packaging-interposer');
  });

  it('filters organizations by country and type, and projects by status', async () => {
    const { body } = await t.gql(`{
      us: organizations(first: 100, filter: { country: "US", type: UNIVERSITY }) { nodes { country type } }
      active: projects(first: 100, filter: { status: ACTIVE }) { totalCount nodes { status } } }`);
    expect(body.data.us.nodes.length).toBeGreaterThanOrEqual(2);
    expect(body.data.us.nodes.every((n: any) => n.country === 'US' && n.type === 'UNIVERSITY')).toBe(true);
    expect(body.data.active.totalCount).toBeGreaterThan(0);
    expect(body.data.active.nodes.every((n: any) => n.status === 'ACTIVE')).toBe(true);
  });
});

describe('provenance', () => {
  it('shows provenance and sources on nodes and on the edges of relationships', async () => {
    const { body } = await t.gql(`{ technology(id: "tech:advanced-packaging-interposer") {
      provenance sources { id }
      sectors { edges { link { provenance sources { id } } node { id provenance } } }
      capabilities(first: 3) { nodes { provenance sources { id } } } }
      demo: technology(id: "tech:demo-nexus-packaging") { provenance capabilities(first: 3) { nodes { provenance sources { id } } } } }`);
    const tech = body.data.technology;
    expect(tech.provenance).toBe('REPORTED');
    expect(tech.sectors.edges[0].link).toEqual({
      provenance: 'ASSESSED',
      sources: [{ id: 'source:inews24-2023-12-05-motie-global-tech-cooperation' }],
    });
    expect(tech.capabilities.nodes).toEqual([]); // the default graph rates nobody
    expect(body.data.demo.capabilities.nodes).toHaveLength(3);
    for (const c of body.data.demo.capabilities.nodes)
      expect(c).toEqual({ provenance: 'ILLUSTRATIVE', sources: [{ id: 'source:demo-fictional' }] });
  });
});

describe('batching', () => {
  it('makes one round trip for a list and its nested lists, and one per deeper list level, whatever the list sizes', async () => {
    // 3 list levels: technologies → capabilities (read with the technologies) → the organization's people. The
    // demo set's technologies (names marked "(fictional)"), since the default graph's have no capabilities to follow.
    const q = (n: number) =>
      `{ technologies(first: ${n}, filter: { nameContains: "(fictional)" }) { nodes { name capabilities(first: 50) { nodes { level organization { name people { nodes { title } } } } } } } }`;
    const small = await t.gql(q(2));
    const large = await t.gql(q(60));
    expect(small.body.errors).toBeUndefined();
    expect(large.body.data.technologies.nodes.length).toBeGreaterThan(40);
    expect(small.body.extensions!.dbRoundTrips).toBe(2);
    expect(large.body.extensions!.dbRoundTrips).toBe(2);
  });

  it('batches references too: sources of every fact in a list cost one round trip', async () => {
    const { body } = await t.gql('{ technologies(first: 60) { nodes { sources { id } } } }');
    expect(body.extensions!.dbRoundTrips).toBe(2);
  });
});
