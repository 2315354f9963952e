// The edges of the rules, pinned with small hand-made graphs: dependency chains longer than the 10-hop bound are
// reported, not silently cut; an exposure path when the shortest one is not kept; status at 59.99, 60 and τ; the
// review window's first and last day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/domain/document.js';
import { resetGraph, startTestApp, type TestApp } from '../helpers/app.js';

const ill = { provenance: 'ILLUSTRATIVE' as const, sources: [] };

/**
 * c0 DEPENDS_ON c1 DEPENDS_ON ... c{n-1}: a chain of n − 1 hops; c0 is in sector:chain. Each technology has one
 * foreign level below τ, so it is known and ABSENT (a gap: without evidence it would be UNKNOWN) and no risk.
 */
function chain(n: number): GraphDocument {
  const id = (i: number) => `tech:c${String(i).padStart(2, '0')}`;
  return {
    sectors: [{ id: 'sector:chain', name: 'Chain', ...ill }],
    technologies: Array.from({ length: n }, (_, i) => ({ id: id(i), name: `C${i}`, kind: 'OTHER', ...ill })),
    organizations: [
      { id: 'org:user', name: 'User', type: 'COMPANY', country: 'KR', ...ill },
      { id: 'org:abroad', name: 'Abroad', type: 'RESEARCH_INSTITUTE', country: 'US', ...ill },
    ],
    relationships: [
      { type: 'IN_SECTOR', from: id(0), to: 'sector:chain', ...ill },
      ...Array.from({ length: n }, (_, i) => ({
        type: 'HAS_CAPABILITY',
        from: 'org:abroad',
        to: id(i),
        level: 70,
        ...ill,
      })),
      { type: 'RELIES_ON', from: 'org:user', to: id(0), ...ill },
      ...Array.from({ length: n - 1 }, (_, i) => ({ type: 'DEPENDS_ON', from: id(i), to: id(i + 1), ...ill })),
    ],
  };
}

const GAPS = `
  vcg: valueChainGaps(sector: "sector:chain", first: 100) { totalCount depthLimitReached nodes { technology { id } downstreamCount depthLimitReached } }
  rank: chokepointRanking(first: 100) { depthLimitReached nodes { technology { id } downstreamCount chokepointScore depthLimitReached } }
  exp: exposure(organization: "org:user", first: 100) { totalCount depthLimitReached nodes { hops assessment { technology { id } } } }
  risks: singleSourceRisks(first: 100) { depthLimitReached }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: chain(13) });
});
afterAll(async () => {
  await t?.stop();
});

async function ask(query: string) {
  const { body } = await t.gql(query);
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('the 10-hop bound of dependency traversals', () => {
  it('reports a chain of 12 hops: upstream stops at 10 hops and every answer built on the walk says depthLimitReached', async () => {
    await resetGraph(t.db, chain(13));
    const d = await ask(`{ ${GAPS} }`);
    // c00's upstream within 10 hops: c01..c10; c11 and c12 lie beyond and are not claimed.
    expect(d.vcg.totalCount).toBe(11);
    expect(d.vcg.depthLimitReached).toBe(true);
    expect(d.vcg.nodes.map((n: any) => n.technology.id)).not.toContain('tech:c11');
    expect(d.exp.depthLimitReached).toBe(true);
    expect(d.exp.totalCount).toBe(10);
    expect(Math.max(...d.exp.nodes.map((n: any) => n.hops))).toBe(10);
    expect(d.rank.depthLimitReached).toBe(true);
    expect(d.risks.depthLimitReached).toBe(false); // no level reaches τ, so there is no risk to count
    const row = (id: string) => d.rank.nodes.find((n: any) => n.technology.id === id);
    // c12 is needed by c11..c02 within 10 hops; c01 and c00 are 11 and 12 hops away: the count says 10 and is flagged.
    expect(row('tech:c12')).toEqual({
      technology: { id: 'tech:c12' },
      downstreamCount: 10,
      chokepointScore: 1100,
      depthLimitReached: true,
    });
    expect(row('tech:c11')).toMatchObject({ downstreamCount: 10, depthLimitReached: true });
    // c10's longest chain in is exactly 10 hops (from c00): complete, not flagged.
    expect(row('tech:c10')).toMatchObject({ downstreamCount: 10, depthLimitReached: false });
    expect(row('tech:c01')).toMatchObject({ downstreamCount: 1, depthLimitReached: false });
  });

  it('does not flag a chain of exactly 10 hops', async () => {
    await resetGraph(t.db, chain(11));
    const d = await ask(`{ ${GAPS} }`);
    expect(d.vcg).toMatchObject({ totalCount: 11, depthLimitReached: false });
    expect(d.rank.depthLimitReached).toBe(false);
    expect(d.exp).toMatchObject({ totalCount: 10, depthLimitReached: false });
    expect(d.rank.nodes[0]).toEqual({
      technology: { id: 'tech:c10' },
      downstreamCount: 10,
      chokepointScore: 1100,
      depthLimitReached: false,
    });
  });
});

describe('exposure paths under a minimum provenance', () => {
  const rep = { provenance: 'REPORTED' as const, sources: ['source:ref'] };
  // The organization relies on t3; t3 needs t0 directly (an illustrative link) and through t1 (reported links).
  // A reported foreign level on each makes them known, and ABSENT at home.
  const doc: GraphDocument = {
    sources: [{ id: 'source:ref', title: 'A reference', kind: 'REPORT', provenance: 'REPORTED', sources: [] }],
    technologies: ['t0', 't1', 't3'].map((x) => ({ id: `tech:${x}`, name: x, kind: 'CHOKEPOINT', ...rep })),
    organizations: [
      { id: 'org:o0', name: 'Alpha', type: 'COMPANY', country: 'KR', ...rep },
      { id: 'org:o1', name: 'Beta', type: 'COMPANY', country: 'JP', ...rep },
    ],
    relationships: [
      ...['t0', 't1', 't3'].map((x) => ({
        type: 'HAS_CAPABILITY',
        from: 'org:o1',
        to: `tech:${x}`,
        level: 70,
        ...rep,
      })),
      { type: 'DEPENDS_ON', from: 'tech:t3', to: 'tech:t1', ...rep },
      { type: 'DEPENDS_ON', from: 'tech:t3', to: 'tech:t0', ...ill },
      { type: 'DEPENDS_ON', from: 'tech:t1', to: 'tech:t0', ...rep },
      { type: 'RELIES_ON', from: 'org:o0', to: 'tech:t3', ...rep },
    ],
  };
  const q = (min: string) => `{ exposure(organization: "org:o0", minProvenance: ${min}, first: 10) {
    nodes { assessment { technology { id } } hops via { id } viaRelations path { id } } } }`;
  const toT0 = (d: any) => d.exposure.nodes.find((n: any) => n.assessment.technology.id === 'tech:t0');

  it('takes the longer kept path when the shortest one is not kept, with the relationships to its root', async () => {
    await resetGraph(t.db, doc);
    expect(toT0(await ask(q('REPORTED')))).toEqual({
      assessment: { technology: { id: 'tech:t0' } },
      hops: 2,
      via: { id: 'tech:t3' },
      viaRelations: ['RELIES_ON'],
      path: [{ id: 'tech:t3' }, { id: 'tech:t1' }, { id: 'tech:t0' }],
    });
    expect(toT0(await ask(q('ILLUSTRATIVE')))).toMatchObject({
      hops: 1,
      viaRelations: ['RELIES_ON'],
      path: [{ id: 'tech:t3' }, { id: 'tech:t0' }],
    });
  });
});

describe('status at the boundaries', () => {
  const levels = [59.99, 60, 79.99, 80];
  const doc: GraphDocument = {
    technologies: [
      ...levels.map((l) => ({ id: `tech:at-${String(l).replace('.', '-')}`, name: `At ${l}`, kind: 'OTHER', ...ill })),
      { id: 'tech:none', name: 'None', kind: 'OTHER', ...ill },
    ],
    organizations: [
      { id: 'org:kr', name: 'KR org', type: 'COMPANY', country: 'KR', ...ill },
      { id: 'org:us', name: 'US org', type: 'COMPANY', country: 'US', ...ill },
    ],
    relationships: [
      ...levels.map((l) => ({
        type: 'HAS_CAPABILITY',
        from: 'org:kr',
        to: `tech:at-${String(l).replace('.', '-')}`,
        level: l,
        ...ill,
      })),
      { type: 'HAS_CAPABILITY', from: 'org:us', to: 'tech:none', level: 99, ...ill },
    ],
  };
  const statuses = async (tau: number) => {
    const q = `query($tau: Float) { partnerCandidates(technology: $id, threshold: $tau) { status } }`;
    const out: Record<string, string> = {};
    for (const id of [...levels.map((l) => `tech:at-${String(l).replace('.', '-')}`), 'tech:none']) {
      const { body } = await t.gql(q.replace('$id', `"${id}"`), { tau });
      expect(body.errors).toBeUndefined();
      out[id.slice(5)] = body.data.partnerCandidates.status;
    }
    return out;
  };

  it('is LAGGING below 60, FOLLOWING from 60 to below τ, LEADING from τ, ABSENT without a home capability (τ = 80)', async () => {
    await resetGraph(t.db, doc);
    expect(await statuses(80)).toEqual({
      'at-59-99': 'LAGGING',
      'at-60': 'FOLLOWING',
      'at-79-99': 'FOLLOWING',
      'at-80': 'LEADING',
      none: 'ABSENT',
    });
  });

  it('has no FOLLOWING band when τ ≤ 60: below τ is LAGGING (τ = 60 and τ = 59.99)', async () => {
    expect(await statuses(60)).toEqual({
      'at-59-99': 'LAGGING',
      'at-60': 'LEADING',
      'at-79-99': 'LEADING',
      'at-80': 'LEADING',
      none: 'ABSENT',
    });
    expect(await statuses(59.99)).toEqual({
      'at-59-99': 'LEADING',
      'at-60': 'LEADING',
      'at-79-99': 'LEADING',
      'at-80': 'LEADING',
      none: 'ABSENT',
    });
  });

  it('refuses a threshold outside 0..100 and a home country that is not an ISO code', async () => {
    const a = await t.gql('{ chokepointRanking(threshold: 100.5) { totalCount } }');
    expect(a.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(a.body.errors?.[0].extensions?.argumentName).toBe('threshold');
    const b = await t.gql('query($h: CountryCode) { chokepointRanking(homeCountry: $h) { totalCount } }', {
      h: 'Korea',
    });
    expect(b.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(b.body.errors?.[0].message).toMatch(/ISO 3166-1 alpha-2/);
    const c = await t.gql('{ chokepointRanking(first: 101) { totalCount } }');
    expect(c.body.errors?.[0].extensions?.argumentName).toBe('first');
  });
});

describe('the review window', () => {
  const project = (id: string, dates: string[]): GraphDocument => ({
    projects: [{ id: `project:${id}`, title: id, status: 'ACTIVE', ...ill }],
    reviews: dates.map((d, i) => ({
      id: `review:${id}-${i}`,
      project: `project:${id}`,
      date: d,
      kind: 'PROGRESS',
      ...ill,
    })),
  });
  const merge = (...docs: GraphDocument[]): GraphDocument => ({
    projects: docs.flatMap((d) => d.projects ?? []),
    reviews: docs.flatMap((d) => d.reviews ?? []),
  });

  it('counts the first day (asOf − 12 months + 1 day) and asOf itself, not the day before the window nor the day after asOf', async () => {
    await resetGraph(
      t.db,
      merge(
        project('edges-in', ['2024-07-01', '2025-06-30']), // both days inside: compliant
        project('before-start', ['2024-06-30', '2025-06-30']), // one day too early: 1 review
        project('after-end', ['2024-07-01', '2025-07-01']), // one day too late: 1 review
        project('none', []),
      ),
    );
    const { body } = await t.gql(`{ reviewCompliance(asOf: "2025-06-30") { windowStart windowEnd totalCount
      nodes { project { id } reviewCount lastReviewDate } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.reviewCompliance).toEqual({
      windowStart: '2024-07-01',
      windowEnd: '2025-06-30',
      totalCount: 3,
      nodes: [
        { project: { id: 'project:none' }, reviewCount: 0, lastReviewDate: null },
        { project: { id: 'project:after-end' }, reviewCount: 1, lastReviewDate: '2024-07-01' },
        { project: { id: 'project:before-start' }, reviewCount: 1, lastReviewDate: '2025-06-30' },
      ],
    });
  });

  it('takes its asOf with the deprecated separate arguments as in version 1, with a lens, or in the lens; two different days are refused', async () => {
    await resetGraph(t.db, merge(project('once', ['2025-01-01'])));
    const sel = '{ windowStart windowEnd totalCount }';
    const want = { windowStart: '2024-07-01', windowEnd: '2025-06-30', totalCount: 1 };
    const a = await t.gql(
      `{ reviewCompliance(asOf: "2025-06-30", homeCountry: "KR", threshold: 80, minProvenance: ILLUSTRATIVE) ${sel} }`,
    );
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data.reviewCompliance).toEqual(want);
    const b = await t.gql(`{ reviewCompliance(asOf: "2025-06-30", lens: {homeCountry: "KR"}) ${sel} }`);
    expect(b.body.data.reviewCompliance).toEqual(want);
    const c = await t.gql(`{ reviewCompliance(lens: {asOf: "2025-06-30"}) ${sel} }`);
    expect(c.body.data.reviewCompliance).toEqual(want);
    const d = await t.gql(`{ reviewCompliance(asOf: "2025-06-30", lens: {asOf: "2025-06-29"}) ${sel} }`);
    expect(d.body.errors?.[0].extensions?.argumentName).toBe('asOf');
  });

  it('goes back to 28 February from a 29 February: the window of 2024-02-29 starts on 2023-03-01', async () => {
    await resetGraph(t.db, merge(project('leap', ['2023-02-28', '2023-03-01', '2024-02-29'])));
    const { body } = await t.gql(`{ reviewCompliance(asOf: "2024-02-29") { windowStart totalCount } }`);
    expect(body.data.reviewCompliance).toEqual({ windowStart: '2023-03-01', totalCount: 0 });
  });
});
