// Property-based tests: random small graphs (arbitraries.ts) imported through the real import path, every
// analysis question asked over HTTP under a random lens, every answer compared with the in-memory reference
// (reference.ts): figures, statuses, basis and evidence records, unrated rows, suppliers, every risk kind.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetGraph, startTestApp, type TestApp } from '../helpers/app.js';
import { AS_OF, graphs, WORDS_EN, WORDS_KO, type Case } from './arbitraries.js';
import { cmp, RefGraph } from './reference.js';

/**
 * Graphs per property, each asked through LENSES lenses (arbitraries.ts). Neo4j replans a statement whose plan is
 * older than 10 s once the graph's counts have changed, which they do at every import, and planning the analysis
 * statements costs far more than running them on these graphs: fewer, larger graphs asked more ways check more per
 * second than many small ones. The suite runs 8 (about a minute and a half on 2 cores); TG_PROPERTY_RUNS=50 for a longer search.
 */
const RUNS = Number(process.env.TG_PROPERTY_RUNS ?? 8);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`TG_PROPERTY_RUNS must be a whole number ≥ 1, got ${process.env.TG_PROPERTY_RUNS}`);
/** Organizations whose exposure is checked per graph (each is a request of its own). */
const EXPOSED = 3;
const TIMEOUT = 600_000;

let t: TestApp;
// Pages hold every row of these small graphs; the cost limit, which assumes full pages, is raised to allow them.
beforeAll(async () => {
  t = await startTestApp({ doc: null, env: { TG_MAX_COST: '1000000' } });
});
afterAll(async () => {
  await t?.stop();
});

async function ask(query: string, variables: Record<string, unknown>) {
  const t0 = Date.now();
  const { body } = await t.gql(query, variables);
  if (process.env.PROP_TIMING) console.log(`  ${Date.now() - t0} ms ${query.replace(/\s+/g, ' ').slice(0, 90)}`);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as Record<string, any>;
}

/** Asks each aliased field in a request of its own (so no request nears the server's cost limit), merged. */
async function askEach(header: string, fields: string[], variables: Record<string, unknown>) {
  const out: Record<string, any> = {};
  for (const f of fields) {
    // Declare only the variables this field uses (GraphQL refuses unused ones).
    const decls = header
      .split(',')
      .map((d) => d.trim())
      .filter((d) => new RegExp(`\\${d.split(':')[0]}\\b`).test(f));
    const used = Object.fromEntries(
      Object.entries(variables).filter(([k]) => decls.some((d) => d.startsWith(`$${k}:`))),
    );
    Object.assign(out, await ask(`query${decls.length ? `(${decls.join(', ')})` : ''} { ${f} }`, used));
  }
  return out;
}

/**
 * How a case asks: through the lens input (`$lens`), or through the deprecated separate arguments (which have no asOf
 * and no minEvidence). `lens` is the lens argument for fields that take only a lens (standing, evidenceBacklog).
 */
interface Asking {
  header: string;
  args: string;
  lens: string;
  vars: Record<string, unknown>;
}

function asking(c: Case, change: { asOf?: string | null } = {}): Asking {
  const { home, tau, minProvenance, minEvidence, asOf } = c.q;
  if (!c.q.lens) {
    return {
      header: '$home: CountryCode, $tau: Float, $min: Provenance',
      args: 'homeCountry: $home, threshold: $tau, minProvenance: $min',
      lens: 'lens: {homeCountry: $home, threshold: $tau, minProvenance: $min}',
      vars: { home, tau, min: minProvenance },
    };
  }
  const day = change.asOf === undefined ? asOf : (change.asOf ?? undefined);
  const lens = {
    homeCountry: home,
    threshold: tau,
    minProvenance,
    ...(minEvidence ? { minEvidence } : {}),
    ...(day ? { asOf: day } : {}),
  };
  return { header: '$lens: AnalysisLens', args: 'lens: $lens', lens: 'lens: $lens', vars: { lens } };
}

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);
/** Evidence records as the reference names them: `Capability:<organization>` or `<type>:<id>`, sorted (no order is promised). */
const EVIDENCE = 'evidence { __typename ... on Capability { organization { id } } ... on Node { id } }';
const evidence = (xs: any[]) =>
  xs
    .map((e) => (e.__typename === 'Capability' ? `Capability:${e.organization.id}` : `${e.__typename}:${e.id}`))
    .sort(cmp);
const GAP = `technology { id } stages { id } status domesticBest foreignBest gap homeShare hhi basis ${EVIDENCE}
  domesticLeaders { id } foreignLeaders { id } downstreamCount blocks { id } chokepointScore projects { id } eligibility { eligible } depthLimitReached`;
const UNRATED = `technology { id } stages { id } status homeShare hhi basis ${EVIDENCE} downstreamCount projects { id } depthLimitReached`;

function gapRow(r: any) {
  return {
    technology: r.technology.id,
    stages: ids(r.stages),
    status: r.status,
    domesticBest: r.domesticBest,
    foreignBest: r.foreignBest,
    gap: r.gap,
    homeShare: r.homeShare,
    hhi: r.hhi,
    basis: r.basis,
    evidence: evidence(r.evidence),
    domesticLeaders: ids(r.domesticLeaders),
    foreignLeaders: ids(r.foreignLeaders),
    downstreamCount: r.downstreamCount,
    blocks: ids(r.blocks),
    chokepointScore: r.chokepointScore,
    projects: ids(r.projects),
    eligible: r.eligibility.eligible,
    depthLimitReached: r.depthLimitReached,
  };
}

function unratedRow(r: any) {
  return {
    technology: r.technology.id,
    stages: ids(r.stages),
    status: r.status,
    homeShare: r.homeShare,
    hhi: r.hhi,
    basis: r.basis,
    evidence: evidence(r.evidence),
    downstreamCount: r.downstreamCount,
    projects: ids(r.projects),
    depthLimitReached: r.depthLimitReached,
  };
}

/** A connection of unrated rows against the reference's. */
function expectUnrated(got: any, want: { rows: unknown[]; depthLimitReached: boolean }) {
  expect(got.nodes.map(unratedRow)).toEqual(want.rows);
  expect(got.totalCount).toBe(want.rows.length);
  expect(got.depthLimitReached).toBe(want.depthLimitReached);
}

/**
 * All pages of a connection field, `size` rows at a time: forward (first/after), or backward from the end
 * (last/before, the pages then put back in list order).
 */
async function allPages(
  field: string,
  a: Asking,
  selection: string,
  size = 2,
  dir: 'forward' | 'backward' = 'forward',
  args = a.args,
) {
  const pages: any[][] = [];
  let cursor: string | null = null;
  const [count, from, more, next] =
    dir === 'forward'
      ? ['first', 'after', 'hasNextPage', 'endCursor']
      : ['last', 'before', 'hasPreviousPage', 'startCursor'];
  for (let i = 0; i < 100; i++) {
    const d = await ask(
      `query(${a.header}, $cursor: String) { x: ${field}(${args}, ${count}: ${size}, ${from}: $cursor) {
      totalCount pageInfo { ${more} ${next} } nodes { ${selection} } } }`,
      { ...a.vars, cursor },
    );
    pages.push(d.x.nodes);
    const total = d.x.totalCount;
    expect(d.x.nodes.length).toBeLessThanOrEqual(size);
    if (!d.x.pageInfo[more]) return { rows: (dir === 'forward' ? pages : pages.reverse()).flat(), total };
    cursor = d.x.pageInfo[next];
  }
  throw new Error('too many pages');
}

/** Each case imports one graph and asks it through each of its lenses. */
const property = (check: (c: Case, ref: RefGraph) => Promise<void>, numRuns = RUNS) =>
  fc.assert(
    fc.asyncProperty(graphs, async (c) => {
      const t0 = Date.now();
      await resetGraph(t.db, c.doc);
      if (process.env.PROP_TIMING) console.log(`reset ${Date.now() - t0} ms`);
      for (const q of c.lenses) {
        const t1 = Date.now();
        const ref = new RefGraph(c.doc, q);
        await check({ ...c, q }, ref);
        if (process.env.PROP_TIMING) console.log(`lens ${Date.now() - t1} ms`);
      }
    }),
    { numRuns },
  );

// The gap questions are split over three properties, each asking few distinct statements: Neo4j replans a statement
// whose plan is older than 10 s when the graph's counts have changed, which they do at every case, so a property that
// asks many statements per case would replan each of them at every case.
describe('gap lists agree with the reference on random graphs', () => {
  const list = `totalCount depthLimitReached nodes { ${GAP} } unrated(first: 20) { totalCount depthLimitReached nodes { ${UNRATED} } }`;

  it(
    'valueChainGaps and chokepointRanking: rows, statuses, scores, basis and evidence, then the unrated rows; order, ties, sets, depth flags, pages',
    async () => {
      await property(async (c, ref) => {
        const a = asking(c);
        const fields = [
          ...c.sectors.map((s, i) => `s${i}: valueChainGaps(sector: "${s}", ${a.args}, first: 20) { ${list} }`),
          `ranking: chokepointRanking(${a.args}, first: 20) { ${list} }`,
        ];
        const d = await askEach(a.header, fields, a.vars);

        c.sectors.forEach((s, i) => {
          if (!ref.nodes.has(s)) return expect(d[`s${i}`]).toBeNull();
          const want = ref.valueChainGaps(s);
          expect(d[`s${i}`].nodes.map(gapRow)).toEqual(want.rows);
          expect(d[`s${i}`].totalCount).toBe(want.rows.length);
          expect(d[`s${i}`].depthLimitReached).toBe(want.depthLimitReached);
          expectUnrated(d[`s${i}`].unrated, want.unrated);
        });

        const ranking = ref.chokepointRanking();
        expect(d.ranking.nodes.map(gapRow)).toEqual(ranking.rows);
        expect(d.ranking.totalCount).toBe(ranking.rows.length);
        expect(d.ranking.depthLimitReached).toBe(ranking.depthLimitReached);
        expectUnrated(d.ranking.unrated, ranking.unrated);

        // Paging through the ranking two rows at a time gives the same rows in the same order.
        const paged = await allPages('chokepointRanking', a, GAP);
        expect(paged.rows.map(gapRow)).toEqual(ranking.rows);
        expect(paged.total).toBe(ranking.rows.length);
      }, 10);
    },
    TIMEOUT,
  );

  it(
    'uncoveredTargets and exposure: gap rows and unrated targets; each exposure with one shortest dependency path',
    async () => {
      await property(async (c, ref) => {
        const a = asking(c);
        const fields = [
          ...c.programs.map((p, i) => `p${i}: uncoveredTargets(program: "${p}", ${a.args}, first: 20) { ${list} }`),
          ...c.orgs.slice(0, EXPOSED).map(
            (o, i) => `o${i}: exposure(organization: "${o}", ${a.args}, first: 20) { totalCount depthLimitReached
          nodes { assessment { ${GAP} } hops via { id } viaRelations path { id } } }`,
          ),
        ];
        const d = await askEach(a.header, fields, a.vars);

        c.programs.forEach((p, i) => {
          if (!ref.nodes.has(p)) return expect(d[`p${i}`]).toBeNull();
          const want = ref.uncoveredTargets(p);
          expect(d[`p${i}`].nodes.map(gapRow)).toEqual(want.rows);
          expect(d[`p${i}`].depthLimitReached).toBe(want.depthLimitReached);
          expectUnrated(d[`p${i}`].unrated, want.unrated);
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
            for (let k = 0; k + 1 < path.length; k++)
              expect(ref.hasEdge('DEPENDS_ON', path[k], path[k + 1])).toBe(true);
            // ...and of those of fewest hops, the one of smallest id list (the order the answer promises).
            expect(path).toEqual(ref.evidence(want.roots, x.assessment.technology.id));
            const rels = ['HAS_CAPABILITY', 'RELIES_ON'].filter((r) => ref.hasEdge(r, o, x.via.id));
            expect(x.viaRelations).toEqual(rels);
          }
        });
      }, 10);
    },
    TIMEOUT,
  );

  it(
    "evidenceBacklog of a sector's chain or of the whole graph, paged backward from the end two rows at a time: the unrated rows in order",
    async () => {
      // One of the two per case (forward pages run the keyset code the ranking's pages run).
      await property(async (c, ref) => {
        const a = asking(c);
        const sector = c.sectors.length > 1 ? c.sectors[1] : null;
        const args = sector === null ? a.lens : `sector: "${sector}", ${a.lens}`;
        if (sector !== null && !ref.nodes.has(sector)) {
          const d = await ask(`query(${a.header}) { x: evidenceBacklog(${args}, last: 2) { totalCount } }`, a.vars);
          return expect(d.x).toBeNull();
        }
        const want = ref.evidenceBacklog(sector);
        const backward = await allPages('evidenceBacklog', a, UNRATED, 2, 'backward', args);
        expect(backward.rows.map(unratedRow)).toEqual(want.rows);
        expect(backward.total).toBe(want.rows.length);
      }, 10);
    },
    TIMEOUT,
  );
});

describe('partner candidates, suppliers, eligibility and standing agree with the reference on random graphs', () => {
  it(
    "candidates above domesticBest in the documented order, providers without a level after them, C1/C2/C3/eligible three-valued, and each technology's standing",
    async () => {
      await property(async (c, ref) => {
        const a = asking(c);
        const fields = c.techs.flatMap((tech, i) => [
          `c${i}: partnerCandidates(technology: "${tech}", ${a.args}, first: 10) { status domesticBest totalCount
          nodes { organization { id } level holdsCoreIp sharedProjectCount hostsCooperationCenter cooperationCenters { id } basis ${EVIDENCE} }
          suppliers(first: 10) { totalCount nodes { organization { id } share listing { id } sharedProjectCount hostsCooperationCenter basis ${EVIDENCE} } } }`,
          // Without the centers listed, whether there are any is read another way (an existence test).
          `h${i}: partnerCandidates(technology: "${tech}", ${a.args}, first: 100) { nodes { organization { id name } hostsCooperationCenter } }`,
          `e${i}: jointRndEligibility(technology: "${tech}", ${a.args}) {
          eligible c1 { value reason } c2 { value reason } c3 { value reason } foreignCoreIpHolders { id } status domesticBest gap basis ${EVIDENCE} }`,
        ]);
        const kept = c.techs.filter((x) => ref.nodes.has(x));
        fields.push(`standing: nodes(ids: ${JSON.stringify(kept)}) { ... on Technology { id standing(${a.lens}) {
        status domesticBest foreignBest gap homeShare hhi listingYear basis ${EVIDENCE} } } }`);
        const d = await askEach(a.header, fields, a.vars);
        c.techs.forEach((tech, i) => {
          if (!ref.nodes.has(tech)) {
            expect(d[`c${i}`]).toBeNull();
            expect(d[`h${i}`]).toBeNull();
            expect(d[`e${i}`]).toBeNull();
            return;
          }
          const want = ref.partnerCandidates(tech);
          const got = d[`c${i}`];
          expect({ status: got.status, domesticBest: got.domesticBest }).toEqual({
            status: want.status,
            domesticBest: want.domesticBest,
          });
          expect(got.totalCount).toBe(want.rows.length);
          expect(
            got.nodes.map((x: any) => ({
              organization: x.organization.id,
              level: x.level,
              holdsCoreIp: x.holdsCoreIp,
              sharedProjectCount: x.sharedProjectCount,
              cooperationCenters: ids(x.cooperationCenters),
              basis: x.basis,
              evidence: evidence(x.evidence),
            })),
          ).toEqual(want.rows.map(({ name: _, ...r }) => r));
          for (const x of got.nodes) expect(x.hostsCooperationCenter).toBe(x.cooperationCenters.length > 0);
          expect(
            d[`h${i}`].nodes.map((x: any) => [x.organization.id, x.organization.name, x.hostsCooperationCenter]),
          ).toEqual(want.rows.map((r) => [r.organization, r.name, r.cooperationCenters.length > 0]));
          expect(
            got.suppliers.nodes.map((x: any) => ({
              organization: x.organization.id,
              share: x.share,
              listing: x.listing.id,
              sharedProjectCount: x.sharedProjectCount,
              hostsCooperationCenter: x.hostsCooperationCenter,
              basis: x.basis,
              evidence: evidence(x.evidence),
            })),
          ).toEqual(want.suppliers.map(({ name: _, ...r }) => r));
          expect(got.suppliers.totalCount).toBe(want.suppliers.length);

          const e = ref.eligibility(tech);
          const ge = d[`e${i}`];
          expect({
            eligible: ge.eligible,
            c1: ge.c1.value,
            c2: ge.c2.value,
            c3: ge.c3.value,
            foreignCoreIpHolders: ids(ge.foreignCoreIpHolders),
          }).toEqual(e);
          expect({
            status: ge.status,
            domesticBest: ge.domesticBest,
            gap: ge.gap,
            basis: ge.basis,
            evidence: evidence(ge.evidence),
          }).toEqual({
            status: ref.status(tech),
            domesticBest: ref.domesticBest(tech),
            gap: ref.gap(tech),
            ...ref.eligibilityBasis(tech),
          });
          for (const k of ['c1', 'c2', 'c3']) expect(ge[k].reason.length).toBeGreaterThan(10);
        });
        expect(d.standing.map((x: any) => [x.id, { ...x.standing, evidence: evidence(x.standing.evidence) }])).toEqual(
          kept.map((x) => [x, ref.standing(x)]),
        );
      });
    },
    TIMEOUT,
  );
});

describe('single-source risks agree with the reference on random graphs', () => {
  it(
    'all four kinds with sources, country, share, year, basis, evidence and downstream count, in order, paged, at a random concentration',
    async () => {
      await property(async (c, ref) => {
        const want = ref.singleSourceRisks();
        const a = asking(c);
        // The default concentration (90) is asked by leaving the argument out.
        const args =
          c.q.concentration === undefined || c.q.concentration === 90
            ? a.args
            : `${a.args}, concentration: ${c.q.concentration}`;
        const sel = `kind technology { id } sources { id } country share year status domesticBest gap basis ${EVIDENCE} downstreamCount depthLimitReached`;
        const norm = (x: any) => ({
          ...x,
          technology: x.technology.id,
          sources: ids(x.sources),
          evidence: evidence(x.evidence),
        });
        const paged = await allPages('singleSourceRisks', a, sel, 3, 'forward', args);
        expect(paged.rows.map(norm)).toEqual(want);
        expect(paged.total).toBe(want.length);
        const kinds = ['DOMESTIC_SINGLE_SOURCE', 'FOREIGN_CONCENTRATION', 'SUPPLY_CONCENTRATION', 'IMPORT_DEPENDENCE'];
        const d = await ask(
          `query(${a.header}) { ${kinds.map((k) => `${k}: singleSourceRisks(kind: ${k}, ${args}, first: 100) { nodes { technology { id } } }`).join('\n')} }`,
          a.vars,
        );
        for (const k of kinds)
          expect(
            d[k].nodes.map((x: any) => x.technology.id),
            k,
          ).toEqual(want.filter((w) => w.kind === k).map((w) => w.technology));
      });
    },
    TIMEOUT,
  );
});

describe('review compliance and budget summaries agree with the reference on random graphs', () => {
  it(
    'the window (asOf − 12 months, asOf] at its edges, and the budget lines, totals and counts',
    async () => {
      await property(async (c, ref) => {
        const a = asking(c);
        // The window's day is the lens's: given as the argument (the lens then without one) or in the lens.
        const fields = AS_OF.map((asOf, i) => {
          const r =
            i % 2 === 0 || !c.q.lens
              ? { ...asking(c, { asOf: null }), day: `asOf: "${asOf}", ` }
              : { ...asking(c, { asOf }), day: '' };
          return {
            r,
            f: `r${i}: reviewCompliance(${r.day}${r.args}, first: 100) { windowStart windowEnd totalCount
          nodes { project { id } reviewCount reviews { id } lastReviewDate gapTechnologies { id } } }`,
          };
        });
        const d: Record<string, any> = {};
        for (const { r, f } of fields) Object.assign(d, await askEach(r.header, [f], r.vars));
        Object.assign(
          d,
          await askEach(
            a.header,
            c.programs.map(
              (p, i) => `b${i}: budgetSummary(program: "${p}", ${a.args}) { budgetLines { id } fromYear toYear
          totalAmountKrw statedProjectCount statedTechnologyCount projectCount projectsByStatus { status count } projectBudgetKrw
          targetedTechnologyCount targetedTechnologiesWithGap developedTechnologyCount }`,
            ),
            a.vars,
          ),
        );
        AS_OF.forEach((asOf, i) => {
          const want = ref.reviewCompliance(asOf);
          const got = d[`r${i}`];
          expect({ windowStart: got.windowStart, windowEnd: got.windowEnd }).toEqual({
            windowStart: want.windowStart,
            windowEnd: want.windowEnd,
          });
          expect(
            got.nodes.map((x: any) => ({
              ...x,
              project: x.project.id,
              reviews: ids(x.reviews),
              gapTechnologies: ids(x.gapTechnologies),
            })),
          ).toEqual(want.rows);
          expect(got.totalCount).toBe(want.rows.length);
        });
        c.programs.forEach((p, i) => {
          if (!ref.nodes.has(p)) return expect(d[`b${i}`]).toBeNull();
          expect({ ...d[`b${i}`], budgetLines: ids(d[`b${i}`].budgetLines) }).toEqual(ref.budgetSummary(p));
        });
      });
    },
    TIMEOUT,
  );
});

describe('search agrees with the reference on random graphs', () => {
  it(
    'finds every English or Korean name containing the text, tiers EXACT/SUBSTRING/WORDS, ranked',
    async () => {
      const texts = fc.oneof(
        fc.constantFrom(...WORDS_EN, ...WORDS_KO, 'GLASS', '인터', '포', 'resist 2'),
        fc
          .tuple(fc.constantFrom(...WORDS_KO), fc.nat(), fc.integer({ min: 1, max: 3 }))
          .map(([w, s, n]) => w.slice(s % w.length, (s % w.length) + n)),
      );
      await fc.assert(
        fc.asyncProperty(graphs, fc.array(texts, { minLength: 2, maxLength: 4 }), async (c, words) => {
          await resetGraph(t.db, c.doc);
          for (const q of c.lenses) {
            const ref = new RefGraph(c.doc, q);
            const a = asking({ ...c, q });
            const queries = [...words, c.doc.technologies![0].name as string, c.doc.technologies![1].nameKo as string];
            const fields = queries.map(
              (_, i) => `q${i}: search(text: $t${i}, ${a.args}, first: 100) { totalCount
          nodes { kind match score name status node { id } } }`,
            );
            const variables: Record<string, unknown> = { ...a.vars };
            queries.forEach((q, i) => {
              variables[`t${i}`] = q;
            });
            const d = await askEach(
              `${a.header}, ${queries.map((_, i) => `$t${i}: String!`).join(', ')}`,
              fields,
              variables,
            );
            queries.forEach((q, i) => {
              const got = d[`q${i}`].nodes as Array<{
                kind: string;
                match: string;
                score: number;
                name: string;
                status: string | null;
                node: { id: string };
              }>;
              const want = new Map(ref.searchSubstring(q).map((h) => [h.id, h.match]));
              const gotById = new Map(got.map((h) => [h.node.id, h.match]));
              for (const [id, match] of want) expect(gotById.get(id), `${q} → ${id}`).toBe(match);
              for (const h of got) {
                expect(ref.nodes.has(h.node.id)).toBe(true);
                expect(h.status).toBe(h.node.id.startsWith('tech:') ? ref.status(h.node.id) : null);
                if (!want.has(h.node.id)) expect(h.match).toBe('WORDS');
                expect(h.kind).toBe(
                  { tech: 'TECHNOLOGY', org: 'ORGANIZATION', sector: 'SECTOR', person: 'PERSON' }[
                    h.node.id.split(':')[0]
                  ],
                );
              }
              const tier = (m: string) => ['EXACT', 'SUBSTRING', 'WORDS'].indexOf(m);
              for (let k = 1; k < got.length; k++) {
                const [a, b] = [got[k - 1], got[k]];
                const order =
                  tier(a.match) - tier(b.match) ||
                  b.score - a.score ||
                  cmp(a.name, b.name) ||
                  cmp(a.node.id, b.node.id);
                expect(order, `${q}: ${a.node.id} before ${b.node.id}`).toBeLessThan(0);
              }
              expect(d[`q${i}`].totalCount).toBe(got.length);
            });
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
