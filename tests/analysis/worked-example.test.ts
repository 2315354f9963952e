// The worked example of docs/domain.md, exactly: KR, τ = 80; P (packaging, sector SEMI) DEPENDS_ON
// I (interposer) DEPENDS_ON G (glass substrate); A (KR) has P at 85, B (KR) has I at 55, M (US) has I at 95 with
// core IP, F (DE) has G at 90; no KR organization has G.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/domain/document.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const ill = { provenance: 'ILLUSTRATIVE' as const, sources: [] };
export const workedExample: GraphDocument = {
  sectors: [{ id: 'sector:semi', name: 'SEMI', ...ill }],
  stages: [{ id: 'stage:semi-packaging', name: 'Packaging', order: 4, sector: 'sector:semi', ...ill }],
  technologies: [
    { id: 'tech:p', name: 'P', kind: 'CHOKEPOINT', ...ill },
    { id: 'tech:i', name: 'I', kind: 'OTHER', ...ill },
    { id: 'tech:g', name: 'G', kind: 'OTHER', ...ill },
  ],
  organizations: [
    { id: 'org:a', name: 'A', type: 'COMPANY', country: 'KR', ...ill },
    { id: 'org:b', name: 'B', type: 'COMPANY', country: 'KR', ...ill },
    { id: 'org:m', name: 'M', type: 'RESEARCH_INSTITUTE', country: 'US', ...ill },
    { id: 'org:f', name: 'F', type: 'RESEARCH_INSTITUTE', country: 'DE', ...ill },
  ],
  relationships: [
    { type: 'IN_SECTOR', from: 'tech:p', to: 'sector:semi', ...ill },
    { type: 'AT_STAGE', from: 'tech:p', to: 'stage:semi-packaging', ...ill },
    { type: 'DEPENDS_ON', from: 'tech:p', to: 'tech:i', ...ill },
    { type: 'DEPENDS_ON', from: 'tech:i', to: 'tech:g', ...ill },
    { type: 'HAS_CAPABILITY', from: 'org:a', to: 'tech:p', level: 85, ...ill },
    { type: 'HAS_CAPABILITY', from: 'org:b', to: 'tech:i', level: 55, ...ill },
    { type: 'HAS_CAPABILITY', from: 'org:m', to: 'tech:i', level: 95, holdsCoreIp: true, ...ill },
    { type: 'HAS_CAPABILITY', from: 'org:f', to: 'tech:g', level: 90, ...ill },
  ],
};

const GAP = `technology { id } status domesticBest gap downstreamCount chokepointScore blocks { id }
  domesticLeaders { id } foreignLeaders { id } depthLimitReached`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: workedExample });
});
afterAll(async () => {
  await t?.stop();
});

async function ask(query: string, variables?: Record<string, unknown>) {
  const { body } = await t.gql(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('the worked example of domain.md (KR, τ = 80)', () => {
  it('ranks G (ABSENT, gap 100, score 300) before I (LAGGING, gap 45, score 90), and leaves out P (LEADING, gap 15)', async () => {
    const d = await ask(`{ chokepointRanking { totalCount depthLimitReached nodes { ${GAP} } } }`);
    expect(d.chokepointRanking).toEqual({
      totalCount: 2,
      depthLimitReached: false,
      nodes: [
        {
          technology: { id: 'tech:g' },
          status: 'ABSENT',
          domesticBest: null,
          gap: 100,
          downstreamCount: 2,
          chokepointScore: 300,
          blocks: [{ id: 'tech:i' }, { id: 'tech:p' }],
          domesticLeaders: [],
          foreignLeaders: [{ id: 'org:f' }],
          depthLimitReached: false,
        },
        {
          technology: { id: 'tech:i' },
          status: 'LAGGING',
          domesticBest: 55,
          gap: 45,
          downstreamCount: 1,
          chokepointScore: 90,
          blocks: [{ id: 'tech:p' }],
          domesticLeaders: [{ id: 'org:b' }],
          foreignLeaders: [{ id: 'org:m' }],
          depthLimitReached: false,
        },
      ],
    });
  });

  it('gives the value-chain gaps of SEMI as G (300) then I (90): upstream technologies count though outside the sector', async () => {
    const d = await ask(
      `{ valueChainGaps(sector: "sector:semi") { totalCount nodes { technology { id } status gap chokepointScore blocks { id } } } }`,
    );
    expect(d.valueChainGaps).toEqual({
      totalCount: 2,
      nodes: [
        { technology: { id: 'tech:g' }, status: 'ABSENT', gap: 100, chokepointScore: 300, blocks: [{ id: 'tech:p' }] },
        { technology: { id: 'tech:i' }, status: 'LAGGING', gap: 45, chokepointScore: 90, blocks: [{ id: 'tech:p' }] },
      ],
    });
  });

  it('shows P as LEADING at 85, so it has no gap: partnerCandidates reports its status and no foreign candidate', async () => {
    const d = await ask(`{ partnerCandidates(technology: "tech:p") { status domesticBest totalCount } }`);
    expect(d.partnerCandidates).toEqual({ status: 'LEADING', domesticBest: 85, totalCount: 0 });
  });

  it('names M (95, core IP) as the partner candidate for I, and F (90) for G', async () => {
    const q = `query($t: ID!) { partnerCandidates(technology: $t) { status domesticBest nodes { organization { id country } level holdsCoreIp } } }`;
    expect((await ask(q, { t: 'tech:i' })).partnerCandidates).toEqual({
      status: 'LAGGING',
      domesticBest: 55,
      nodes: [{ organization: { id: 'org:m', country: 'US' }, level: 95, holdsCoreIp: true }],
    });
    expect((await ask(q, { t: 'tech:g' })).partnerCandidates).toEqual({
      status: 'ABSENT',
      domesticBest: null,
      nodes: [{ organization: { id: 'org:f', country: 'DE' }, level: 90, holdsCoreIp: false }],
    });
  });

  it('finds P a DOMESTIC_SINGLE_SOURCE (only A ≥ 80), and I (only US ≥ 80) and G (only DE ≥ 80) FOREIGN_CONCENTRATION', async () => {
    const d = await ask(
      `{ singleSourceRisks { totalCount nodes { kind technology { id } country sources { id } downstreamCount } } }`,
    );
    expect(d.singleSourceRisks).toEqual({
      totalCount: 3,
      nodes: [
        {
          kind: 'FOREIGN_CONCENTRATION',
          technology: { id: 'tech:g' },
          country: 'DE',
          sources: [{ id: 'org:f' }],
          downstreamCount: 2,
        },
        {
          kind: 'FOREIGN_CONCENTRATION',
          technology: { id: 'tech:i' },
          country: 'US',
          sources: [{ id: 'org:m' }],
          downstreamCount: 1,
        },
        {
          kind: 'DOMESTIC_SINGLE_SOURCE',
          technology: { id: 'tech:p' },
          country: 'KR',
          sources: [{ id: 'org:a' }],
          downstreamCount: 0,
        },
      ],
    });
  });

  it('makes I eligible for joint R&D through C1, because M abroad holds the core IP', async () => {
    const d = await ask(
      `{ jointRndEligibility(technology: "tech:i") { eligible c1 { value reason } c2 { value } c3 { value } foreignCoreIpHolders { id } } }`,
    );
    expect(d.jointRndEligibility).toEqual({
      eligible: 'TRUE',
      c1: { value: 'TRUE', reason: expect.stringContaining('M (US)') },
      c2: { value: 'UNKNOWN' },
      c3: { value: 'UNKNOWN' },
      foreignCoreIpHolders: [{ id: 'org:m' }],
    });
  });

  it('shows what A is exposed to through P: I at one hop and G at two, with the path as evidence', async () => {
    const d = await ask(
      `{ exposure(organization: "org:a") { totalCount nodes { assessment { technology { id } chokepointScore } hops via { id } viaRelations path { id } } } }`,
    );
    expect(d.exposure).toEqual({
      totalCount: 2,
      nodes: [
        {
          assessment: { technology: { id: 'tech:g' }, chokepointScore: 300 },
          hops: 2,
          via: { id: 'tech:p' },
          viaRelations: ['HAS_CAPABILITY'],
          path: [{ id: 'tech:p' }, { id: 'tech:i' }, { id: 'tech:g' }],
        },
        {
          assessment: { technology: { id: 'tech:i' }, chokepointScore: 90 },
          hops: 1,
          via: { id: 'tech:p' },
          viaRelations: ['HAS_CAPABILITY'],
          path: [{ id: 'tech:p' }, { id: 'tech:i' }],
        },
      ],
    });
  });

  it('makes I LEADING at τ = 55 (B reaches it with 55), so only G keeps a gap', async () => {
    const d = await ask(`{ chokepointRanking(threshold: 55) { nodes { technology { id } status chokepointScore } } }`);
    expect(d.chokepointRanking.nodes).toEqual([
      { technology: { id: 'tech:g' }, status: 'ABSENT', chokepointScore: 300 },
    ]);
  });

  it('leaves out the ILLUSTRATIVE example entirely with minProvenance ASSESSED', async () => {
    const d = await ask(
      `{ chokepointRanking(minProvenance: ASSESSED) { totalCount } valueChainGaps(sector: "sector:semi", minProvenance: ASSESSED) { totalCount } }`,
    );
    expect(d).toEqual({ chokepointRanking: { totalCount: 0 }, valueChainGaps: null });
  });

  it('answers each gap question and partner candidates in one statement, and null for an unknown or other-type subject', async () => {
    const questions = [
      [
        'valueChainGaps(sector: "sector:semi")',
        'nodes { technology { id name } blocks { id name } domesticLeaders { name } eligibility { eligible } }',
      ],
      ['uncoveredTargets(program: "program:none")', 'totalCount'],
      ['exposure(organization: "org:a")', 'nodes { assessment { technology { id } } hops }'],
      ['partnerCandidates(technology: "tech:i")', 'status nodes { organization { id } }'],
    ];
    for (const [field, selection] of questions) {
      const { body } = await t.gql(`{ q: ${field} { ${selection} } }`);
      expect(body.errors, field).toBeUndefined();
      // exposure adds its evidence paths in a second statement, only for the rows of the page
      expect(body.extensions!.dbRoundTrips, field).toBe(field.startsWith('exposure') ? 2 : 1);
    }
    const d = await ask(`{
      unknownSector: valueChainGaps(sector: "sector:none") { totalCount }
      techAsSector: valueChainGaps(sector: "tech:p") { totalCount }
      unknownTech: partnerCandidates(technology: "tech:none") { totalCount }
      unknownOrg: exposure(organization: "org:none") { totalCount }
      sector: valueChainGaps(sector: "sector:semi") { nodes { technology { id name } blocks { id name } domesticLeaders { id name country } } }
      partners: partnerCandidates(technology: "tech:i") { technology { id name } }
    }`);
    expect(d.unknownSector).toBeNull();
    expect(d.techAsSector).toBeNull();
    expect(d.unknownTech).toBeNull();
    expect(d.unknownOrg).toBeNull();
    expect(d.partners.technology).toEqual({ id: 'tech:i', name: 'I' });
    // The rows read only the selected properties, and show their stored values.
    expect(d.sector.nodes).toEqual([
      { technology: { id: 'tech:g', name: 'G' }, blocks: [{ id: 'tech:p', name: 'P' }], domesticLeaders: [] },
      {
        technology: { id: 'tech:i', name: 'I' },
        blocks: [{ id: 'tech:p', name: 'P' }],
        domesticLeaders: [{ id: 'org:b', name: 'B', country: 'KR' }],
      },
    ]);
  });
});
