// A top-level list reads the first page of its nested lists in its own statement (src/graph/plan.ts). What
// must hold: one round trip for the list and its nested lists, the same answer as the nested lists give when read
// on their own (through `technology(id:)`, which has no look-ahead), and a nested list that cannot be read ahead
// (a cursor, `last`, a directive, bad arguments) still answers, or fails, exactly as before. Which nested lists are
// read ahead (@skip and @include too), and the statements, are pinned without a database in planner.test.ts. The
// lists are the technologies of the fictional demo set's Chipworks sector, which have capabilities (the default graph rates nobody).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: readSeedsWithDemo() });
});
afterAll(async () => {
  await t?.stop();
});

const NESTED = `
  id name
  caps: capabilities(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { level holdsCoreIp organization { id name country } } } }
  us: capabilities(first: 10, country: "US") { nodes { level organization { id country } } }
  sectors { nodes { id name } }
  dependencies(first: 2) { totalCount edges { link { provenance } node { id } } }`;

/** The same selection read one technology at a time, where no look-ahead happens. */
async function oneByOne(ids: string[]): Promise<unknown[]> {
  const out = [];
  for (const id of ids) {
    const { body } = await t.gql(`query($id: ID!) { technology(id: $id) { ${NESTED} } }`, { id });
    expect(body.errors).toBeUndefined();
    out.push(body.data.technology);
  }
  return out;
}

/**
 * The organization ids of a technology's capabilities, read page by page with cursors: forwards with first/after,
 * or backwards with last/before (each page put in front of those read after it).
 */
async function pageCapabilities(
  id: string,
  direction: 'forwards' | 'backwards',
  size: number,
  args = '',
): Promise<string[]> {
  const forwards = direction === 'forwards';
  const page = forwards ? `first: ${size}, after: $cursor` : `last: ${size}, before: $cursor`;
  const info = forwards ? 'hasNextPage endCursor' : 'hasPreviousPage startCursor';
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: { errors?: unknown; data?: any } } = await t.gql(
      `query($id: ID!, $cursor: String) { technology(id: $id) {
      capabilities(${page}${args}) { pageInfo { ${info} } nodes { organization { id } } } } }`,
      { id, cursor },
    );
    expect(res.body.errors).toBeUndefined();
    const caps = res.body.data.technology.capabilities as {
      pageInfo: { hasNextPage?: boolean; endCursor?: string; hasPreviousPage?: boolean; startCursor?: string };
      nodes: Array<{ organization: { id: string } }>;
    };
    const pageIds = caps.nodes.map((c) => c.organization.id);
    if (forwards) ids.push(...pageIds);
    else ids.unshift(...pageIds);
    cursor = forwards
      ? caps.pageInfo.hasNextPage
        ? caps.pageInfo.endCursor!
        : null
      : caps.pageInfo.hasPreviousPage
        ? caps.pageInfo.startCursor!
        : null;
  } while (cursor);
  return ids;
}

describe('a top-level list reads its nested lists in the same statement', () => {
  it('answers a list with four nested lists in one round trip, as each technology answers alone', async () => {
    const { body } = await t.gql(
      `{ technologies(first: 25, filter: { sector: "sector:demo-chipworks" }) { nodes { ${NESTED} } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.extensions!.dbRoundTrips).toBe(1);
    const listed = body.data.technologies.nodes as Array<{ id: string; caps: { totalCount: number } }>;
    expect(listed.length).toBe(25);
    expect(listed.some((x) => x.caps.totalCount > 3)).toBe(true); // some pages are cut, so hasNextPage is tested
    expect(listed).toEqual(await oneByOne(listed.map((x) => x.id)));
  });

  it('filters a nested list by country when asked, read ahead or paged with a cursor, and not otherwise', async () => {
    const { body } = await t.gql(`{ technologies(first: 50, filter: { sector: "sector:demo-chipworks" }) { nodes { id
      all: capabilities(first: 100) { nodes { organization { id country } } }
      us: capabilities(first: 100, country: "US") { nodes { organization { id country } } } } } }`);
    expect(body.errors).toBeUndefined();
    type Caps = { nodes: Array<{ organization: { id: string; country: string } }> };
    const techs = body.data.technologies.nodes as Array<{ id: string; all: Caps; us: Caps }>;
    // The data has both: otherwise the filter would not be tested.
    expect(techs.some((x) => x.all.nodes.some((c) => c.organization.country !== 'US'))).toBe(true);
    const tech = techs.find((x) => x.us.nodes.length >= 2)!;
    expect(tech).toBeDefined();
    for (const x of techs) expect(x.us.nodes).toEqual(x.all.nodes.filter((c) => c.organization.country === 'US'));

    // One at a time with cursors: the same US capabilities, in the same order.
    const paged = await pageCapabilities(tech.id, 'forwards', 1, ', country: "US"');
    expect(paged).toEqual(tech.us.nodes.map((c) => c.organization.id));
  });

  it('pages a nested list backwards with last and before to the rows it lists forwards, in the same order', async () => {
    const { body } = await t.gql(
      '{ technologies(first: 50, filter: { sector: "sector:demo-chipworks" }) { nodes { id capabilities(first: 100) { nodes { organization { id } } } } } }',
    );
    expect(body.errors).toBeUndefined();
    type Caps = { nodes: Array<{ organization: { id: string } }> };
    const tech = (body.data.technologies.nodes as Array<{ id: string; capabilities: Caps }>).find(
      (x) => x.capabilities.nodes.length >= 3,
    )!;
    expect(tech).toBeDefined();
    const forwards = tech.capabilities.nodes.map((c) => c.organization.id);

    const backwards = await pageCapabilities(tech.id, 'backwards', 2);
    expect(backwards).toEqual(forwards);
  });

  it('reads ahead through edges { node } and fragments as through nodes', async () => {
    const { body } = await t.gql(`
      fragment Caps on Technology { capabilities(first: 2) { nodes { level organization { name } } } }
      { technologies(first: 10, filter: { sector: "sector:demo-chipworks" }) { edges { node { id ...Caps } } nodes { id ...Caps } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.extensions!.dbRoundTrips).toBe(1);
    const viaEdges = body.data.technologies.edges.map((e: { node: unknown }) => e.node);
    expect(viaEdges).toEqual(body.data.technologies.nodes);
    expect(viaEdges.some((x: { capabilities: { nodes: unknown[] } }) => x.capabilities.nodes.length > 0)).toBe(true);
  });

  it('leaves a nested list with a cursor or a directive to its own batched query, with the same answer', async () => {
    const first = await t.gql(
      '{ technologies(first: 10, filter: { sector: "sector:demo-chipworks" }) { nodes { id capabilities(first: 1) { pageInfo { endCursor } } } } }',
    );
    const withCaps = first.body.data.technologies.nodes.find(
      (x: { capabilities: { pageInfo: { endCursor: string | null } } }) => x.capabilities.pageInfo.endCursor !== null,
    );
    expect(withCaps).toBeDefined();
    const after = withCaps.capabilities.pageInfo.endCursor as string;

    const paged = await t.gql(
      `query($after: String) { technologies(first: 10, filter: { sector: "sector:demo-chipworks" }) { nodes { id capabilities(first: 2, after: $after) { nodes { level organization { id } } } } } }`,
      { after },
    );
    expect(paged.body.errors).toBeUndefined();
    expect(paged.body.extensions!.dbRoundTrips).toBe(2);
    const alone = await t.gql(
      `query($id: ID!, $after: String) { technology(id: $id) { capabilities(first: 2, after: $after) { nodes { level organization { id } } } } }`,
      { id: withCaps.id, after },
    );
    const mine = paged.body.data.technologies.nodes.find((x: { id: string }) => x.id === withCaps.id);
    expect(mine.capabilities).toEqual(alone.body.data.technology.capabilities);

    const directive = await t.gql(
      'query($show: Boolean!) { technologies(first: 5, filter: { sector: "sector:demo-chipworks" }) { nodes { id capabilities(first: 2) @include(if: $show) { nodes { level } } } } }',
      { show: true },
    );
    expect(directive.body.errors).toBeUndefined();
    expect(directive.body.extensions!.dbRoundTrips).toBe(2);
    const hidden = await t.gql(
      'query($show: Boolean!) { technologies(first: 5, filter: { sector: "sector:demo-chipworks" }) { nodes { id capabilities(first: 2) @include(if: $show) { nodes { level } } } } }',
      { show: false },
    );
    expect(hidden.body.data.technologies.nodes[0]).toEqual({ id: expect.any(String) });
  });

  it('reports bad arguments of a nested list on that field, as without look-ahead', async () => {
    const { body } = await t.gql(
      '{ technologies(first: 2, filter: { sector: "sector:demo-chipworks" }) { nodes { id capabilities(first: 101) { nodes { level } } } } }',
    );
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0].path).toEqual(['technologies', 'nodes', 0, 'capabilities']);
    expect(body.errors![0].message).toMatch(/"first" must be between 0 and 100/);
  });
});
