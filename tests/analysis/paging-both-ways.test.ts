// Every analysis question that pages goes both ways: walking an answer backward with last/before gives the same
// rows as walking it forward with first/after, with the same cursors; and the lists inside rows that can be large
// (a gap row's blocked technologies, projects and leaders, a risk's sources) page the same way as connections,
// holding what their deprecated plain lists hold. On the default graph with the fictional demo set (its levels,
// projects and reviews make the answers long enough to page), with a fixed asOf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: readSeedsWithDemo() });
});
afterAll(async () => {
  await t?.stop();
});

async function ask(query: string, variables?: Record<string, unknown>) {
  const { body } = await t.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

const LENS = '{asOf: "2025-06-30"}';
const PAGE_VARS = '$first: Int, $after: String, $last: Int, $before: String';
const PAGE_ARGS = 'first: $first, after: $after, last: $last, before: $before';

interface Page {
  ids: string[];
  cursors: string[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** One page of the connection `field(args)` (a question), as its rows' ids and cursors. */
async function page(field: string, args: string, vars: Record<string, unknown>): Promise<Page & { total: number }> {
  const d = await ask(
    `query(${PAGE_VARS}) { c: ${field}(${args ? `${args}, ` : ''}${PAGE_ARGS}) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    vars,
  );
  return {
    total: d.c.totalCount,
    ids: d.c.edges.map((e: { node: { id: string } }) => e.node.id),
    cursors: d.c.edges.map((e: { cursor: string }) => e.cursor),
    pageInfo: d.c.pageInfo,
  };
}

/** Every row, walking forward `size` at a time, and walking backward from the end `size` at a time. */
async function bothWays(field: string, args: string, size: number) {
  const forward: string[] = [];
  const forwardCursors: string[] = [];
  let after: string | null = null;
  let total = 0;
  for (let n = 0; n < 100; n++) {
    const p = await page(field, args, { first: size, after });
    total = p.total;
    forward.push(...p.ids);
    forwardCursors.push(...p.cursors);
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor;
  }
  const backward: string[] = [];
  const backwardCursors: string[] = [];
  let before: string | null = null;
  for (let n = 0; n < 100; n++) {
    const p = await page(field, args, { last: size, before });
    expect(p.ids.length).toBeLessThanOrEqual(size);
    backward.unshift(...p.ids);
    backwardCursors.unshift(...p.cursors);
    if (!p.pageInfo.hasPreviousPage) break;
    before = p.pageInfo.startCursor;
  }
  return { total, forward, backward, forwardCursors, backwardCursors };
}

const QUESTIONS: Array<[string, string, number]> = [
  ['valueChainGaps', `sector: "sector:demo-chipworks", lens: ${LENS}`, 4],
  ['chokepointRanking', `lens: ${LENS}`, 7],
  ['partnerCandidates', `technology: "tech:demo-glimmer-veil", lens: ${LENS}`, 2],
  ['singleSourceRisks', `lens: ${LENS}`, 9],
  ['uncoveredTargets', `program: "program:demo-keystone-rnd", lens: ${LENS}`, 3],
  ['exposure', `organization: "org:demo-roadlark-motors", lens: ${LENS}`, 2],
  ['reviewCompliance', `asOf: "2025-06-30"`, 2],
  ['search', `text: "인터포저", lens: ${LENS}`, 3],
  ['evidenceBacklog', `lens: {asOf: "2025-06-30", minEvidence: ASSESSED}`, 8],
];

describe('analysis questions page backward with last/before', () => {
  for (const [field, args, size] of QUESTIONS) {
    it(
      `${field}: the same rows and cursors backward as forward, more than one page`,
      { timeout: 120_000 },
      async () => {
        const { total, forward, backward, forwardCursors, backwardCursors } = await bothWays(field, args, size);
        expect(total).toBeGreaterThan(size);
        expect(forward).toHaveLength(total);
        expect(new Set(forward).size).toBe(total);
        expect(backward).toEqual(forward);
        expect(backwardCursors).toEqual(forwardCursors);
      },
    );
  }

  it('gives the last rows for `last` alone, and pages from a cursor of a forward page backward', async () => {
    const all = await page('chokepointRanking', `lens: ${LENS}`, { first: 100 });
    const tail = await page('chokepointRanking', `lens: ${LENS}`, { last: 3 });
    expect(tail.ids).toEqual(all.ids.slice(-3));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const middle = await page('chokepointRanking', `lens: ${LENS}`, { last: 2, before: all.cursors[5] });
    expect(middle.ids).toEqual(all.ids.slice(3, 5));
    // first and before together: the first rows of those before the cursor.
    const head = await page('chokepointRanking', `lens: ${LENS}`, { first: 2, before: all.cursors[5] });
    expect(head.ids).toEqual(all.ids.slice(0, 2));
  });

  it('refuses first together with last, and a cursor of another question', async () => {
    const both = await t.gql(`{ singleSourceRisks(first: 2, last: 2) { totalCount } }`);
    expect(both.body.errors?.[0]).toMatchObject({
      message: 'Pass "first" or "last", not both',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const other = await page('chokepointRanking', `lens: ${LENS}`, { first: 1 });
    const wrong = await t.gql(`query($c: String) { singleSourceRisks(last: 2, before: $c) { totalCount } }`, {
      c: other.pageInfo.endCursor,
    });
    expect(wrong.body.errors?.[0].message).toMatch(/"before" is a cursor of another question/);
  });
});

describe('lists inside rows page as connections', () => {
  const ROW = `chokepointRanking(lens: ${LENS}, first: 5)`;

  it('blocksConnection holds the blocked technologies of `blocks`, by id, both ways, with their fields loaded for the page', async () => {
    const d = await ask(
      `{ ${ROW} { nodes { id blocks { id name kind } blocksConnection(first: 100) { totalCount nodes { id name kind } } } } }`,
    );
    const row = d.chokepointRanking.nodes.find((n: { blocks: unknown[] }) => n.blocks.length >= 5);
    expect(row, 'a row that blocks five technologies or more').toBeDefined();
    expect(row.blocksConnection).toEqual({ totalCount: row.blocks.length, nodes: row.blocks });
    const ids = row.blocks.map((b: { id: string }) => b.id);
    expect([...ids].sort()).toEqual(ids);
    // Asked without `blocks`, the row reads the ids alone: the page's records are loaded for their fields.
    const alone = await ask(`{ ${ROW} { nodes { id blocksConnection(first: 100) { nodes { id name kind } } } } }`);
    expect(alone.chokepointRanking.nodes.find((n: { id: string }) => n.id === row.id).blocksConnection.nodes).toEqual(
      row.blocks,
    );

    // Page by two through the row's list, forward and backward (a row's id is the same in every answer).
    const pageOf = async (args: string) => {
      const q = await ask(
        `{ ${ROW} { nodes { id blocksConnection(${args}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`,
      );
      const c = q.chokepointRanking.nodes.find((n: { id: string }) => n.id === row.id).blocksConnection;
      return { ids: c.edges.map((e: { node: { id: string } }) => e.node.id), info: c.pageInfo };
    };
    const forward: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const p = await pageOf(`first: 2${after ? `, after: "${after}"` : ''}`);
      forward.push(...p.ids);
      more = p.info.hasNextPage;
      after = p.info.endCursor;
    }
    const backward: string[] = [];
    for (let before: string | null = null, more = true; more;) {
      const p = await pageOf(`last: 2${before ? `, before: "${before}"` : ''}`);
      backward.unshift(...p.ids);
      more = p.info.hasPreviousPage;
      before = p.info.startCursor;
    }
    expect(forward).toEqual(ids);
    expect(backward).toEqual(ids);
  });

  it('the projects, leaders and risk sources connections hold what their deprecated lists hold', async () => {
    const gaps = await ask(`{ valueChainGaps(sector: "sector:demo-chipworks", lens: ${LENS}, first: 100) { nodes {
      projects { id } projectsConnection(first: 100) { totalCount nodes { id title } }
      domesticLeaders { id } domesticLeadersConnection(first: 100) { totalCount nodes { id } }
      foreignLeaders { id } foreignLeadersConnection(first: 100) { totalCount nodes { id name } } } } }`);
    const rows = gaps.valueChainGaps.nodes;
    const ids = (l: Array<{ id: string }>) => l.map((x) => x.id);
    for (const r of rows) {
      expect(ids(r.projectsConnection.nodes)).toEqual(ids(r.projects));
      expect(r.projectsConnection.totalCount).toBe(r.projects.length);
      expect(ids(r.domesticLeadersConnection.nodes)).toEqual(ids(r.domesticLeaders));
      expect(ids(r.foreignLeadersConnection.nodes)).toEqual(ids(r.foreignLeaders));
      for (const p of r.projectsConnection.nodes) expect(typeof p.title).toBe('string');
    }
    expect(rows.some((r: { foreignLeaders: unknown[] }) => r.foreignLeaders.length > 0)).toBe(true);
    expect(rows.some((r: { projects: unknown[] }) => r.projects.length > 0)).toBe(true);

    const risks = await ask(
      `{ singleSourceRisks(lens: ${LENS}, first: 100) { nodes { sources { id name } sourcesConnection(first: 100) { totalCount nodes { id name } } } } }`,
    );
    for (const r of risks.singleSourceRisks.nodes) {
      expect(r.sourcesConnection.totalCount).toBe(r.sources.length);
      expect(ids(r.sourcesConnection.nodes).sort()).toEqual(ids(r.sources).sort());
    }
    const unrated = await ask(
      `{ evidenceBacklog(lens: {asOf: "2025-06-30", minEvidence: ASSESSED}, first: 100) { nodes { projects { id } projectsConnection(first: 100) { nodes { id } } } } }`,
    );
    for (const r of unrated.evidenceBacklog.nodes) expect(ids(r.projectsConnection.nodes)).toEqual(ids(r.projects));
  });
});
