// Property-based tests: random small graphs (arbitraries.ts) imported through the real import path, every
// analysis question asked over HTTP, every answer compared with the in-memory reference (reference.ts).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetGraph, startTestApp, type TestApp } from '../helpers/app.js';
import { AS_OF, graphs, WORDS_EN, WORDS_KO, type Case } from './arbitraries.js';
import { cmp, RefGraph } from './reference.js';

const RUNS = 30;
/** Organizations whose exposure is checked per graph (each is a request of its own). */
const EXPOSED = 3;
const TIMEOUT = 600_000;

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ doc: null }); });
afterAll(async () => { await t?.stop(); });

async function ask(query: string, variables: Record<string, unknown>) {
  const { body } = await t.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as Record<string, any>;
}

/** Asks each aliased field in a request of its own (so no request nears the server's cost limit), merged. */
async function askEach(header: string, fields: string[], variables: Record<string, unknown>) {
  const out: Record<string, any> = {};
  for (const f of fields) {
    // Declare only the variables this field uses (GraphQL refuses unused ones).
    const decls = header.split(',').map((d) => d.trim()).filter((d) => new RegExp(`\\${d.split(':')[0]}\\b`).test(f));
    const used = Object.fromEntries(Object.entries(variables).filter(([k]) => decls.some((d) => d.startsWith(`$${k}:`))));
    Object.assign(out, await ask(`query${decls.length ? `(${decls.join(', ')})` : ''} { ${f} }`, used));
  }
  return out;
}

function vars(c: Case) {
  return { home: c.q.home, tau: c.q.tau, min: c.q.minProvenance };
}

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);
const ARGS = 'homeCountry: $home, threshold: $tau, minProvenance: $min';
const VARS = '$home: CountryCode, $tau: Float, $min: Provenance';
const GAP = `technology { id } stages { id } status domesticBest foreignBest gap domesticLeaders { id } foreignLeaders { id }
  downstreamCount blocks { id } chokepointScore projects { id } eligibility { eligible } depthLimitReached`;

function gapRow(r: any) {
  return {
    technology: r.technology.id, stages: ids(r.stages), status: r.status, domesticBest: r.domesticBest, foreignBest: r.foreignBest,
    gap: r.gap, domesticLeaders: ids(r.domesticLeaders), foreignLeaders: ids(r.foreignLeaders), downstreamCount: r.downstreamCount,
    blocks: ids(r.blocks), chokepointScore: r.chokepointScore, projects: ids(r.projects), eligible: r.eligibility.eligible,
    depthLimitReached: r.depthLimitReached,
  };
}

/** All pages of a connection field, `size` rows at a time. */
async function allPages(field: string, args: string, selection: string, variables: Record<string, unknown>, size = 2) {
  const rows: any[] = [];
  let after: string | null = null;
  let total = -1;
  for (let i = 0; i < 100; i++) {
    const d = await ask(`query(${VARS}, $after: String) { x: ${field}(${args}, first: ${size}, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`, { ...variables, after });
    rows.push(...d.x.nodes);
    total = d.x.totalCount;
    expect(d.x.nodes.length).toBeLessThanOrEqual(size);
    if (!d.x.pageInfo.hasNextPage) return { rows, total };
    after = d.x.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

const property = (check: (c: Case, ref: RefGraph) => Promise<void>, numRuns = RUNS) =>
  fc.assert(fc.asyncProperty(graphs, async (c) => {
    await resetGraph(t.db, c.doc);
    await check(c, new RefGraph(c.doc, c.q));
  }), { numRuns });

describe('gap lists agree with the reference on random graphs', () => {
  it('valueChainGaps, chokepointRanking, uncoveredTargets and exposure: rows, statuses, scores, order, ties, sets, depth flags', async () => {
    await property(async (c, ref) => {
      const fields = [
        ...c.sectors.map((s, i) => `s${i}: valueChainGaps(sector: "${s}", ${ARGS}, first: 100) { totalCount depthLimitReached nodes { ${GAP} } }`),
        `ranking: chokepointRanking(${ARGS}, first: 100) { totalCount depthLimitReached nodes { ${GAP} } }`,
        ...c.programs.map((p, i) => `p${i}: uncoveredTargets(program: "${p}", ${ARGS}, first: 100) { totalCount depthLimitReached nodes { ${GAP} } }`),
        ...c.orgs.slice(0, EXPOSED).map((o, i) => `o${i}: exposure(organization: "${o}", ${ARGS}, first: 100) { totalCount depthLimitReached
          nodes { assessment { ${GAP} } hops via { id } viaRelations path { id } } }`),
      ];
      const d = await askEach(VARS, fields, vars(c));

      c.sectors.forEach((s, i) => {
        if (!ref.nodes.has(s)) return expect(d[`s${i}`]).toBeNull();
        const want = ref.valueChainGaps(s);
        expect(d[`s${i}`].nodes.map(gapRow)).toEqual(want.rows);
        expect(d[`s${i}`].totalCount).toBe(want.rows.length);
        expect(d[`s${i}`].depthLimitReached).toBe(want.depthLimitReached);
      });

      const ranking = ref.chokepointRanking();
      expect(d.ranking.nodes.map(gapRow)).toEqual(ranking.rows);
      expect(d.ranking.totalCount).toBe(ranking.rows.length);
      expect(d.ranking.depthLimitReached).toBe(ranking.depthLimitReached);

      c.programs.forEach((p, i) => {
        if (!ref.nodes.has(p)) return expect(d[`p${i}`]).toBeNull();
        const want = ref.uncoveredTargets(p);
        expect(d[`p${i}`].nodes.map(gapRow)).toEqual(want.rows);
        expect(d[`p${i}`].depthLimitReached).toBe(want.depthLimitReached);
      });

      c.orgs.slice(0, EXPOSED).forEach((o, i) => {
        if (!ref.nodes.has(o)) return expect(d[`o${i}`]).toBeNull();
        const want = ref.exposure(o);
        const got = d[`o${i}`];
        expect(got.nodes.map((x: any) => ({ ...gapRow(x.assessment), hops: x.hops }))).toEqual(want.rows);
        expect(got.depthLimitReached).toBe(want.depthLimitReached);
        for (const x of got.nodes) {
          // The evidence is a real dependency path of `hops` hops from a root of the organization to the technology.
          const path = ids(x.path);
          expect(path).toHaveLength(x.hops + 1);
          expect(path[0]).toBe(x.via.id);
          expect(want.roots).toContain(x.via.id);
          expect(path.at(-1)).toBe(x.assessment.technology.id);
          for (let k = 0; k + 1 < path.length; k++) expect(ref.hasEdge('DEPENDS_ON', path[k], path[k + 1])).toBe(true);
          // ...and of those of fewest hops, the one of smallest id list (the order the answer promises).
          expect(path).toEqual(ref.evidence(want.roots, x.assessment.technology.id));
          const rels = ['HAS_CAPABILITY', 'RELIES_ON'].filter((r) => ref.hasEdge(r, o, x.via.id));
          expect(x.viaRelations).toEqual(rels);
        }
      });

      // Paging through the ranking two rows at a time gives the same rows in the same order.
      const paged = await allPages('chokepointRanking', ARGS, 'technology { id } chokepointScore', vars(c));
      expect(paged.rows.map((r) => r.technology.id)).toEqual(ranking.rows.map((r) => r.technology));
      expect(paged.total).toBe(ranking.rows.length);
    }, 25);
  }, TIMEOUT);
});

describe('partner candidates and eligibility agree with the reference on random graphs', () => {
  it('candidates above domesticBest in the documented order, and C1/C2/C3/eligible three-valued', async () => {
    await property(async (c, ref) => {
      const fields = c.techs.flatMap((tech, i) => [
        `c${i}: partnerCandidates(technology: "${tech}", ${ARGS}, first: 100) { status domesticBest totalCount
          nodes { organization { id } level holdsCoreIp sharedProjectCount hostsCooperationCenter cooperationCenters { id } } }`,
        // Without the centers listed, whether there are any is read another way (an existence test).
        `h${i}: partnerCandidates(technology: "${tech}", ${ARGS}, first: 100) { nodes { organization { id name } hostsCooperationCenter } }`,
        `e${i}: jointRndEligibility(technology: "${tech}", ${ARGS}) {
          eligible c1 { value reason } c2 { value reason } c3 { value reason } foreignCoreIpHolders { id } status domesticBest gap }`,
      ]);
      const d = await askEach(VARS, fields, vars(c));
      c.techs.forEach((tech, i) => {
        if (!ref.nodes.has(tech)) {
          expect(d[`c${i}`]).toBeNull();
          expect(d[`h${i}`]).toBeNull();
          expect(d[`e${i}`]).toBeNull();
          return;
        }
        const want = ref.partnerCandidates(tech);
        const got = d[`c${i}`];
        expect({ status: got.status, domesticBest: got.domesticBest }).toEqual({ status: want.status, domesticBest: want.domesticBest });
        expect(got.totalCount).toBe(want.rows.length);
        expect(got.nodes.map((x: any) => ({
          organization: x.organization.id, level: x.level, holdsCoreIp: x.holdsCoreIp, sharedProjectCount: x.sharedProjectCount,
          cooperationCenters: ids(x.cooperationCenters),
        }))).toEqual(want.rows.map(({ name: _, ...r }) => r));
        for (const x of got.nodes) expect(x.hostsCooperationCenter).toBe(x.cooperationCenters.length > 0);
        expect(d[`h${i}`].nodes.map((x: any) => [x.organization.id, x.organization.name, x.hostsCooperationCenter]))
          .toEqual(want.rows.map((r) => [r.organization, r.name, r.cooperationCenters.length > 0]));

        const e = ref.eligibility(tech);
        const ge = d[`e${i}`];
        expect({ eligible: ge.eligible, c1: ge.c1.value, c2: ge.c2.value, c3: ge.c3.value, foreignCoreIpHolders: ids(ge.foreignCoreIpHolders) })
          .toEqual(e);
        expect({ status: ge.status, domesticBest: ge.domesticBest, gap: ge.gap })
          .toEqual({ status: ref.status(tech), domesticBest: ref.domesticBest(tech), gap: ref.gap(tech) });
        for (const k of ['c1', 'c2', 'c3']) expect(ge[k].reason.length).toBeGreaterThan(10);
      });
    });
  }, TIMEOUT);
});

describe('single-source risks agree with the reference on random graphs', () => {
  it('DOMESTIC_SINGLE_SOURCE and FOREIGN_CONCENTRATION with sources, country and downstream count, in order, paged', async () => {
    await property(async (c, ref) => {
      const want = ref.singleSourceRisks();
      const sel = 'kind technology { id } sources { id } country status gap downstreamCount depthLimitReached';
      const norm = (x: any) => ({ ...x, technology: x.technology.id, sources: ids(x.sources) });
      const paged = await allPages('singleSourceRisks', ARGS, sel, vars(c), 3);
      expect(paged.rows.map(norm)).toEqual(want);
      expect(paged.total).toBe(want.length);
      const d = await ask(`query(${VARS}) {
        dom: singleSourceRisks(kind: DOMESTIC_SINGLE_SOURCE, ${ARGS}, first: 100) { nodes { technology { id } } }
        fgn: singleSourceRisks(kind: FOREIGN_CONCENTRATION, ${ARGS}, first: 100) { nodes { technology { id } } } }`, vars(c));
      expect(d.dom.nodes.map((x: any) => x.technology.id)).toEqual(want.filter((w) => w.kind === 'DOMESTIC_SINGLE_SOURCE').map((w) => w.technology));
      expect(d.fgn.nodes.map((x: any) => x.technology.id)).toEqual(want.filter((w) => w.kind === 'FOREIGN_CONCENTRATION').map((w) => w.technology));
    });
  }, TIMEOUT);
});

describe('review compliance and budget summaries agree with the reference on random graphs', () => {
  it('the window (asOf − 12 months, asOf] at its edges, and the budget lines, totals and counts', async () => {
    await property(async (c, ref) => {
      const fields = [
        ...AS_OF.map((asOf, i) => `r${i}: reviewCompliance(asOf: "${asOf}", ${ARGS}, first: 100) { windowStart windowEnd totalCount
          nodes { project { id } reviewCount reviews { id } lastReviewDate gapTechnologies { id } } }`),
        ...c.programs.map((p, i) => `b${i}: budgetSummary(program: "${p}", ${ARGS}) { budgetLines { id } fromYear toYear
          totalAmountKrw statedProjectCount statedTechnologyCount projectCount projectsByStatus { status count } projectBudgetKrw
          targetedTechnologyCount targetedTechnologiesWithGap developedTechnologyCount }`),
      ];
      const d = await askEach(VARS, fields, vars(c));
      AS_OF.forEach((asOf, i) => {
        const want = ref.reviewCompliance(asOf);
        const got = d[`r${i}`];
        expect({ windowStart: got.windowStart, windowEnd: got.windowEnd }).toEqual({ windowStart: want.windowStart, windowEnd: want.windowEnd });
        expect(got.nodes.map((x: any) => ({ ...x, project: x.project.id, reviews: ids(x.reviews), gapTechnologies: ids(x.gapTechnologies) }))).toEqual(want.rows);
        expect(got.totalCount).toBe(want.rows.length);
      });
      c.programs.forEach((p, i) => {
        if (!ref.nodes.has(p)) return expect(d[`b${i}`]).toBeNull();
        expect({ ...d[`b${i}`], budgetLines: ids(d[`b${i}`].budgetLines) }).toEqual(ref.budgetSummary(p));
      });
    });
  }, TIMEOUT);
});

describe('search agrees with the reference on random graphs', () => {
  it('finds every English or Korean name containing the text, tiers EXACT/SUBSTRING/WORDS, ranked', async () => {
    const texts = fc.oneof(
      fc.constantFrom(...WORDS_EN, ...WORDS_KO, 'GLASS', '인터', '포', 'resist 2'),
      fc.tuple(fc.constantFrom(...WORDS_KO), fc.nat(), fc.integer({ min: 1, max: 3 })).map(([w, s, n]) => w.slice(s % w.length, (s % w.length) + n)),
    );
    await fc.assert(fc.asyncProperty(graphs, fc.array(texts, { minLength: 2, maxLength: 4 }), async (c, words) => {
      await resetGraph(t.db, c.doc);
      const ref = new RefGraph(c.doc, c.q);
      const queries = [...words, c.doc.technologies![0].name as string, (c.doc.technologies![1].nameKo as string)];
      const fields = queries.map((_, i) => `q${i}: search(text: $t${i}, ${ARGS}, first: 100) { totalCount
        nodes { kind match score name status node { id } } }`);
      const variables: Record<string, unknown> = vars(c);
      queries.forEach((q, i) => { variables[`t${i}`] = q; });
      const d = await askEach(`${VARS}, ${queries.map((_, i) => `$t${i}: String!`).join(', ')}`, fields, variables);
      queries.forEach((q, i) => {
        const got = d[`q${i}`].nodes as Array<{ kind: string; match: string; score: number; name: string; status: string | null; node: { id: string } }>;
        const want = new Map(ref.searchSubstring(q).map((h) => [h.id, h.match]));
        const gotById = new Map(got.map((h) => [h.node.id, h.match]));
        for (const [id, match] of want) expect(gotById.get(id), `${q} → ${id}`).toBe(match);
        for (const h of got) {
          expect(ref.nodes.has(h.node.id)).toBe(true);
          expect(h.status).toBe(h.node.id.startsWith('tech:') ? ref.status(h.node.id) : null);
          if (!want.has(h.node.id)) expect(h.match).toBe('WORDS');
          expect(h.kind).toBe({ tech: 'TECHNOLOGY', org: 'ORGANIZATION', sector: 'SECTOR', person: 'PERSON' }[h.node.id.split(':')[0]]);
        }
        const tier = (m: string) => ['EXACT', 'SUBSTRING', 'WORDS'].indexOf(m);
        for (let k = 1; k < got.length; k++) {
          const [a, b] = [got[k - 1], got[k]];
          const order = tier(a.match) - tier(b.match) || b.score - a.score || cmp(a.name, b.name) || cmp(a.node.id, b.node.id);
          expect(order, `${q}: ${a.node.id} before ${b.node.id}`).toBeLessThan(0);
        }
        expect(d[`q${i}`].totalCount).toBe(got.length);
      });
    }), { numRuns: 25 });
  }, TIMEOUT);
});
