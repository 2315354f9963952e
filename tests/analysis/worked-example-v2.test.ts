// The second worked example of docs/domain.md ("Evidence (version 2)"), exactly: KR, τ = 80, asOf 2025-01-01;
// sector SEMI holds P, I, G, S, T, U; P → I → G, I → S, P → T → U (DEPENDS_ON). Capabilities (asOf 2020-12-31):
// A (KR) P 85, B (KR) I 55, M (US) I 95 with core IP, F (DE) G 90. National assessments of I: KR 60 (2020),
// KR 70 (2022), US 100 (2022). Complete listings of 2023: S — NL 100; T — US 91, KR 5, JP 4. Nothing about U.
// The capabilities are ILLUSTRATIVE and the assessments and listings REPORTED, so the basis of each row and the
// minEvidence lens can be checked on the same graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/domain/document.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const ill = { provenance: 'ILLUSTRATIVE' as const, sources: [] };
const rep = { provenance: 'REPORTED' as const, sources: ['source:data'] };
const tech = (x: string) => ({ id: `tech:${x}`, name: x.toUpperCase(), kind: 'OTHER', ...ill });
const cap = (org: string, t: string, level: number, extra: Record<string, unknown> = {}) => ({
  type: 'HAS_CAPABILITY',
  from: `org:${org}`,
  to: `tech:${t}`,
  level,
  asOf: '2020-12-31',
  ...extra,
  ...ill,
});
const share = (listing: string, country: string, value: number) => ({
  id: `share:${listing}-${country.toLowerCase()}`,
  listing: `listing:${listing}`,
  country,
  share: value,
  ...rep,
});

export const workedExampleV2: GraphDocument = {
  sources: [{ id: 'source:data', title: 'Test data set', kind: 'DATASET', provenance: 'REPORTED', sources: [] }],
  sectors: [{ id: 'sector:semi', name: 'SEMI', ...ill }],
  technologies: ['p', 'i', 'g', 's', 't', 'u'].map(tech),
  organizations: [
    { id: 'org:a', name: 'A', type: 'COMPANY', country: 'KR', ...ill },
    { id: 'org:b', name: 'B', type: 'COMPANY', country: 'KR', ...ill },
    { id: 'org:m', name: 'M', type: 'RESEARCH_INSTITUTE', country: 'US', ...ill },
    { id: 'org:f', name: 'F', type: 'RESEARCH_INSTITUTE', country: 'DE', ...ill },
  ],
  assessments: [
    {
      id: 'assessment:i-kr-2020',
      technology: 'tech:i',
      country: 'KR',
      level: 60,
      round: 2020,
      publisher: 'KISTEP',
      ...rep,
    },
    {
      id: 'assessment:i-kr-2022',
      technology: 'tech:i',
      country: 'KR',
      level: 70,
      round: 2022,
      publisher: 'KISTEP',
      ...rep,
    },
    {
      id: 'assessment:i-us-2022',
      technology: 'tech:i',
      country: 'US',
      level: 100,
      round: 2022,
      publisher: 'KISTEP',
      ...rep,
    },
  ],
  supplyListings: [
    {
      id: 'listing:s-2023',
      technology: 'tech:s',
      year: 2023,
      complete: true,
      completeBecause: 'country shares sum to 100',
      ...rep,
    },
    {
      id: 'listing:t-2023',
      technology: 'tech:t',
      year: 2023,
      complete: true,
      completeBecause: 'country shares sum to 100',
      ...rep,
    },
  ],
  supplyShares: [
    share('s-2023', 'NL', 100),
    share('t-2023', 'US', 91),
    share('t-2023', 'KR', 5),
    share('t-2023', 'JP', 4),
  ],
  relationships: [
    ...['p', 'i', 'g', 's', 't', 'u'].map((x) => ({ type: 'IN_SECTOR', from: `tech:${x}`, to: 'sector:semi', ...ill })),
    ...[
      ['p', 'i'],
      ['i', 'g'],
      ['i', 's'],
      ['p', 't'],
      ['t', 'u'],
    ].map(([a, b]) => ({ type: 'DEPENDS_ON', from: `tech:${a}`, to: `tech:${b}`, ...ill })),
    cap('a', 'p', 85),
    cap('b', 'i', 55),
    cap('m', 'i', 95, { holdsCoreIp: true }),
    cap('f', 'g', 90),
  ],
} as GraphDocument;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: workedExampleV2 });
});
afterAll(async () => {
  await t?.stop();
});

async function ask(query: string, variables?: Record<string, unknown>) {
  const { body } = await t.gql(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}

const LENS = '{asOf: "2025-01-01"}';
const EARLY = '{asOf: "2021-06-01"}';
const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);

describe('the second worked example of domain.md (KR, τ = 80, asOf 2025-01-01)', () => {
  it('gives each technology its status and figures: P LEADING, I FOLLOWING at 70, G and S ABSENT, T PRESENT (hhi 8,322), U UNKNOWN', async () => {
    const d = await ask(`{ technologies(first: 10, orderBy: {field: ID}) { nodes { id
      standing(lens: ${LENS}) { status domesticBest foreignBest gap homeShare hhi listingYear basis } } } }`);
    const byId = Object.fromEntries(
      d.technologies.nodes.map((n: { id: string; standing: unknown }) => [n.id, n.standing]),
    );
    expect(byId).toEqual({
      'tech:p': {
        status: 'LEADING',
        domesticBest: 85,
        foreignBest: null,
        gap: 15,
        homeShare: null,
        hhi: null,
        listingYear: null,
        basis: 'ILLUSTRATIVE',
      },
      'tech:i': {
        status: 'FOLLOWING',
        domesticBest: 70,
        foreignBest: 100,
        gap: 30,
        homeShare: null,
        hhi: null,
        listingYear: null,
        basis: 'REPORTED',
      },
      'tech:g': {
        status: 'ABSENT',
        domesticBest: null,
        foreignBest: 90,
        gap: 100,
        homeShare: null,
        hhi: null,
        listingYear: null,
        basis: 'ILLUSTRATIVE',
      },
      'tech:s': {
        status: 'ABSENT',
        domesticBest: null,
        foreignBest: null,
        gap: 100,
        homeShare: 0,
        hhi: 10000,
        listingYear: 2023,
        basis: 'REPORTED',
      },
      'tech:t': {
        status: 'PRESENT',
        domesticBest: null,
        foreignBest: null,
        gap: null,
        homeShare: 5,
        hhi: 8322,
        listingYear: 2023,
        basis: 'REPORTED',
      },
      'tech:u': {
        status: 'UNKNOWN',
        domesticBest: null,
        foreignBest: null,
        gap: null,
        homeShare: null,
        hhi: null,
        listingYear: null,
        basis: null,
      },
    });
  });

  it('lists the value-chain gaps of SEMI as G and S (300 each, by id), then I (60); then the unrated U, then T', async () => {
    const d = await ask(`{ valueChainGaps(sector: "sector:semi", lens: ${LENS}) {
      totalCount nodes { technology { id } status gap downstreamCount chokepointScore blocks { id } basis }
      unrated { totalCount nodes { technology { id } status homeShare hhi downstreamCount basis } } } }`);
    expect(d.valueChainGaps).toEqual({
      totalCount: 3,
      nodes: [
        {
          technology: { id: 'tech:g' },
          status: 'ABSENT',
          gap: 100,
          downstreamCount: 2,
          chokepointScore: 300,
          blocks: [{ id: 'tech:i' }, { id: 'tech:p' }],
          basis: 'ILLUSTRATIVE',
        },
        {
          technology: { id: 'tech:s' },
          status: 'ABSENT',
          gap: 100,
          downstreamCount: 2,
          chokepointScore: 300,
          blocks: [{ id: 'tech:i' }, { id: 'tech:p' }],
          basis: 'REPORTED',
        },
        {
          technology: { id: 'tech:i' },
          status: 'FOLLOWING',
          gap: 30,
          downstreamCount: 1,
          chokepointScore: 60,
          blocks: [{ id: 'tech:p' }],
          basis: 'REPORTED',
        },
      ],
      unrated: {
        totalCount: 2,
        nodes: [
          {
            technology: { id: 'tech:u' },
            status: 'UNKNOWN',
            homeShare: null,
            hhi: null,
            downstreamCount: 2,
            basis: null,
          },
          {
            technology: { id: 'tech:t' },
            status: 'PRESENT',
            homeShare: 5,
            hhi: 8322,
            downstreamCount: 1,
            basis: 'REPORTED',
          },
        ],
      },
    });
  });

  it('shows the evidence behind each row with its sources: the KR 2022 round for I, the listing for S, the listing and KR share for T', async () => {
    const d = await ask(`{ valueChainGaps(sector: "sector:semi", lens: ${LENS}) {
      nodes { technology { id } evidence { __typename ... on NationalAssessment { id sources { id } } ... on SupplyListing { id }
        ... on Capability { organization { id } level technology { id kind } } } }
      unrated { nodes { technology { id } evidence { __typename ... on SupplyListing { id } ... on SupplyShare { id } } } } } }`);
    const rows = Object.fromEntries(
      d.valueChainGaps.nodes.map((n: { technology: { id: string }; evidence: unknown }) => [
        n.technology.id,
        n.evidence,
      ]),
    );
    expect(rows['tech:i']).toEqual([
      { __typename: 'NationalAssessment', id: 'assessment:i-kr-2022', sources: [{ id: 'source:data' }] },
    ]);
    // The capability's technology shows every field asked of it, though the row read only the technology's id.
    expect(rows['tech:g']).toEqual([
      {
        __typename: 'Capability',
        organization: { id: 'org:f' },
        level: 90,
        technology: { id: 'tech:g', kind: 'OTHER' },
      },
    ]);
    expect(rows['tech:s']).toEqual([{ __typename: 'SupplyListing', id: 'listing:s-2023' }]);
    const unrated = Object.fromEntries(
      d.valueChainGaps.unrated.nodes.map((n: { technology: { id: string }; evidence: unknown }) => [
        n.technology.id,
        n.evidence,
      ]),
    );
    expect(unrated['tech:u']).toEqual([]);
    expect(unrated['tech:t']).toEqual([
      { __typename: 'SupplyListing', id: 'listing:t-2023' },
      { __typename: 'SupplyShare', id: 'share:t-2023-kr' },
    ]);
  });

  it('finds the risks: G and S (downstream 2) before I and T (1) and P; S and T are SUPPLY_CONCENTRATION, I FOREIGN_CONCENTRATION through M and the US assessment', async () => {
    const d =
      await ask(`{ singleSourceRisks(lens: ${LENS}) { totalCount nodes { kind technology { id } country share year gap
      sources { id } basis evidence { __typename ... on NationalAssessment { id } ... on Capability { organization { id } } } } } }`);
    expect(
      d.singleSourceRisks.nodes.map((n: { kind: string; technology: { id: string }; country: string }) => [
        n.technology.id,
        n.kind,
        n.country,
      ]),
    ).toEqual([
      ['tech:g', 'FOREIGN_CONCENTRATION', 'DE'],
      ['tech:s', 'SUPPLY_CONCENTRATION', 'NL'],
      ['tech:i', 'FOREIGN_CONCENTRATION', 'US'],
      ['tech:t', 'SUPPLY_CONCENTRATION', 'US'],
      ['tech:p', 'DOMESTIC_SINGLE_SOURCE', 'KR'],
    ]);
    const [g, s, i, tt, p] = d.singleSourceRisks.nodes;
    expect(i).toMatchObject({ sources: [{ id: 'org:m' }], share: null, gap: 30, basis: 'ILLUSTRATIVE' });
    expect(i.evidence).toEqual([
      { __typename: 'Capability', organization: { id: 'org:m' } },
      { __typename: 'NationalAssessment', id: 'assessment:i-us-2022' },
    ]);
    expect(s).toMatchObject({ share: 100, year: 2023, gap: 100, sources: [], basis: 'REPORTED' });
    expect(tt).toMatchObject({ share: 91, year: 2023, gap: null, basis: 'REPORTED' });
    expect(g).toMatchObject({ sources: [{ id: 'org:f' }], basis: 'ILLUSTRATIVE' });
    expect(p).toMatchObject({ sources: [{ id: 'org:a' }], gap: 15 });
  });

  it('takes the concentration from its argument: at 95 % only S (NL 100) is concentrated', async () => {
    const d = await ask(
      `{ singleSourceRisks(lens: ${LENS}, kind: SUPPLY_CONCENTRATION, concentration: 95) { nodes { technology { id } share } } }`,
    );
    expect(d.singleSourceRisks.nodes).toEqual([{ technology: { id: 'tech:s' }, share: 100 }]);
  });

  it('with asOf 2021-06-01: I is FOLLOWING at 60 (the 2020 round), gap 40, score 80; S and T are UNKNOWN (their listings are of 2023)', async () => {
    const d = await ask(`{ valueChainGaps(sector: "sector:semi", lens: ${EARLY}) {
      nodes { technology { id } status domesticBest gap chokepointScore }
      unrated { nodes { technology { id } status downstreamCount } } } }`);
    expect(d.valueChainGaps.nodes).toEqual([
      { technology: { id: 'tech:g' }, status: 'ABSENT', domesticBest: null, gap: 100, chokepointScore: 300 },
      { technology: { id: 'tech:i' }, status: 'FOLLOWING', domesticBest: 60, gap: 40, chokepointScore: 80 },
    ]);
    expect(d.valueChainGaps.unrated.nodes).toEqual([
      { technology: { id: 'tech:s' }, status: 'UNKNOWN', downstreamCount: 2 },
      { technology: { id: 'tech:u' }, status: 'UNKNOWN', downstreamCount: 2 },
      { technology: { id: 'tech:t' }, status: 'UNKNOWN', downstreamCount: 1 },
    ]);
  });

  it('keeps the structure and only sourced numbers with minEvidence ASSESSED: the illustrative levels drop out, the assessments and listings stay', async () => {
    const d = await ask(`{ valueChainGaps(sector: "sector:semi", lens: {asOf: "2025-01-01", minEvidence: ASSESSED}) {
      nodes { technology { id } status basis } unrated { nodes { technology { id } status basis } } } }`);
    expect(d.valueChainGaps.nodes).toEqual([
      { technology: { id: 'tech:s' }, status: 'ABSENT', basis: 'REPORTED' },
      { technology: { id: 'tech:i' }, status: 'FOLLOWING', basis: 'REPORTED' },
    ]);
    expect(
      d.valueChainGaps.unrated.nodes.map((n: { technology: { id: string }; status: string }) => [
        n.technology.id,
        n.status,
      ]),
    ).toEqual([
      ['tech:g', 'UNKNOWN'],
      ['tech:u', 'UNKNOWN'],
      ['tech:t', 'PRESENT'],
      ['tech:p', 'UNKNOWN'],
    ]);
  });

  it('lists the evidence backlog of SEMI (U, then T) and of the whole graph, and null for a sector that is not there', async () => {
    const d =
      await ask(`{ semi: evidenceBacklog(sector: "sector:semi", lens: ${LENS}) { totalCount nodes { technology { id } } }
      all: evidenceBacklog(lens: ${LENS}) { totalCount }
      none: evidenceBacklog(sector: "sector:none") { totalCount } }`);
    expect(d.semi).toEqual({
      totalCount: 2,
      nodes: [{ technology: { id: 'tech:u' } }, { technology: { id: 'tech:t' } }],
    });
    expect(d.all.totalCount).toBe(2);
    expect(d.none).toBeNull();
  });

  it('pages the unrated rows both ways with the same cursors', async () => {
    const first = await ask(
      `{ evidenceBacklog(lens: ${EARLY}, first: 2) { nodes { technology { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(ids(first.evidenceBacklog.nodes.map((n: { technology: { id: string } }) => n.technology))).toEqual([
      'tech:s',
      'tech:u',
    ]);
    expect(first.evidenceBacklog.pageInfo.hasNextPage).toBe(true);
    const after = await ask(
      `query($c: String) { evidenceBacklog(lens: ${EARLY}, first: 2, after: $c) { nodes { technology { id } } pageInfo { hasNextPage } } }`,
      { c: first.evidenceBacklog.pageInfo.endCursor },
    );
    expect(after.evidenceBacklog.nodes).toEqual([{ technology: { id: 'tech:t' } }]);
    expect(after.evidenceBacklog.pageInfo.hasNextPage).toBe(false);
    const last = await ask(
      `{ evidenceBacklog(lens: ${EARLY}, last: 2) { nodes { technology { id } } pageInfo { hasPreviousPage startCursor } } }`,
    );
    expect(ids(last.evidenceBacklog.nodes.map((n: { technology: { id: string } }) => n.technology))).toEqual([
      'tech:u',
      'tech:t',
    ]);
    expect(last.evidenceBacklog.pageInfo.hasPreviousPage).toBe(true);
    const before = await ask(
      `query($c: String) { evidenceBacklog(lens: ${EARLY}, last: 2, before: $c) { nodes { technology { id } } pageInfo { hasPreviousPage hasNextPage } } }`,
      { c: last.evidenceBacklog.pageInfo.startCursor },
    );
    expect(before.evidenceBacklog).toEqual({
      nodes: [{ technology: { id: 'tech:s' } }],
      pageInfo: { hasPreviousPage: false, hasNextPage: true },
    });
  });

  it('lists the providers of T without a level after the partner candidates, by share', async () => {
    const d = await ask(
      `{ partnerCandidates(technology: "tech:t", lens: ${LENS}) { status totalCount suppliers { totalCount nodes { organization { id } } } } }`,
    );
    // T's listing names countries only: there is no organization to approach, and no candidate with a level.
    expect(d.partnerCandidates).toEqual({ status: 'PRESENT', totalCount: 0, suppliers: { totalCount: 0, nodes: [] } });
    const i = await ask(
      `{ partnerCandidates(technology: "tech:i", lens: ${LENS}) { status domesticBest nodes { organization { id } level basis } } }`,
    );
    expect(i.partnerCandidates).toEqual({
      status: 'FOLLOWING',
      domesticBest: 70,
      nodes: [{ organization: { id: 'org:m' }, level: 95, basis: 'ILLUSTRATIVE' }],
    });
  });

  it("rests joint-R&D eligibility on the foreign core-IP capabilities only: M's for I, none for G (F holds no core IP)", async () => {
    const d =
      await ask(`{ i: jointRndEligibility(technology: "tech:i", lens: ${LENS}) { basis evidence { __typename ... on Capability { organization { id } } } }
      g: jointRndEligibility(technology: "tech:g", lens: ${LENS}) { basis evidence { __typename } } }`);
    expect(d.i).toEqual({
      basis: 'ILLUSTRATIVE',
      evidence: [{ __typename: 'Capability', organization: { id: 'org:m' } }],
    });
    expect(d.g).toEqual({ basis: 'ILLUSTRATIVE', evidence: [] });
  });

  it('refuses a question that gives a setting both in the lens and as a deprecated argument', async () => {
    const { body } = await t.gql(`{ chokepointRanking(homeCountry: "KR", lens: {homeCountry: "US"}) { totalCount } }`);
    expect(body.errors?.[0].message).toMatch(/"homeCountry" is given both as an argument and in "lens"/);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
