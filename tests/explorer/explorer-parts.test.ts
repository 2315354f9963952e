// The explorer's parts, without a browser: every operation it sends is valid and passes a server stricter than the
// default limits at the page sizes it uses, with the lens; the chain it draws takes every status from the server
// (gap rows, unrated rows, Technology.standing) and guesses none (facts below minProvenance are dropped); the panel's
// evidence is laid out as bars and trend series; illustrative figures are marked; the layout puts stages left to
// right and inputs before what needs them; CSV is quoted properly and says each row's basis.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainRows, CHAIN_HEADER, csvLine, toCsv } from '../../web/explorer/csv.js';
import {
  afterAsOf,
  assessmentSeries,
  belowEvidenceFloor,
  endLabels,
  foreignBasis,
  listingShown,
  polyline,
  shareBars,
  trendGeometry,
} from '../../web/explorer/evidence.js';
import { Basis, IllustrativeMark, linkHref, SourceIndex, SourceList } from '../../web/explorer/parts.js';
import { layeredLayout } from '../../web/explorer/layout.js';
import {
  buildChain,
  evidenceFloor,
  lensOf,
  needingStanding,
  type ChainTechnologyData,
  type GapRow,
  type Params,
  type StandingRow,
  type UnratedRow,
} from '../../web/explorer/model.js';
import * as Q from '../../web/explorer/queries.js';
import { STANDING_BATCH } from '../../web/explorer/load.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

// A server stricter than the default (100 000): the explorer's requests must pass one that allows 5 000.
const STRICT_COST = 5000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: null, env: { TG_MAX_COST: String(STRICT_COST) } });
});
afterAll(async () => {
  await t?.stop();
});

describe('explorer operations', () => {
  // The variables each operation is sent with (load.ts): the largest page sizes it asks for.
  // The fullest lens the page sends.
  const lens = lensOf({
    homeCountry: 'KR',
    threshold: 80,
    minProvenance: 'ILLUSTRATIVE',
    asOf: '2021-06-01',
    minEvidence: 'ASSESSED',
  });
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['SECTORS', Q.SECTORS, {}],
    ['SECTOR_CHAIN', Q.SECTOR_CHAIN, { sector: 'sector:x', first: 40, after: null, depFirst: 20 }],
    ['MORE_INPUTS', Q.MORE_INPUTS, { id: 'tech:x', after: null }],
    ['UPSTREAM_NODES', Q.UPSTREAM_NODES, { ids: Array.from({ length: 40 }, (_, i) => `tech:t${i}`), depFirst: 20 }],
    ['VALUE_CHAIN_GAPS', Q.VALUE_CHAIN_GAPS, { sector: 'sector:x', lens, first: 100, after: null }],
    ['EVIDENCE_BACKLOG', Q.EVIDENCE_BACKLOG, { sector: 'sector:x', lens, first: 100, after: null }],
    ['STANDINGS', Q.STANDINGS, { ids: Array.from({ length: STANDING_BATCH }, (_, i) => `tech:t${i}`), lens }],
    ['TECHNOLOGY_PANEL', Q.TECHNOLOGY_PANEL, { id: 'tech:x', lens, homeCountry: 'KR' }],
    ['SEARCH', Q.SEARCH, { text: '인터포저', first: 12, lens }],
    ['EXPOSURE', Q.EXPOSURE, { organization: 'org:x', lens, first: 50, after: null }],
  ];
  for (const [name, query, variables] of cases) {
    it(`${name} is valid and passes a server whose cost limit is ${STRICT_COST}`, async () => {
      const { status, body } = await t.gql(query, variables);
      expect(body.errors ?? []).toEqual([]);
      expect(status).toBe(200);
    });
  }
});

function tech(
  id: string,
  opts: { stage?: string; deps?: string[]; provenance?: 'REPORTED' | 'ASSESSED' | 'ILLUSTRATIVE' } = {},
): ChainTechnologyData {
  return {
    id,
    name: id,
    nameKo: null,
    kind: 'OTHER',
    provenance: opts.provenance ?? 'ASSESSED',
    stages: {
      edges: opts.stage
        ? [
            {
              link: { provenance: 'ASSESSED' },
              node: {
                id: opts.stage,
                name: opts.stage,
                nameKo: null,
                order: Number(opts.stage.slice(-1)),
                sector: { id: 'sector:semi' },
              },
            },
          ]
        : [],
    },
    dependencies: {
      totalCount: (opts.deps ?? []).length,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: (opts.deps ?? []).map((d) => ({
        link: { provenance: 'ASSESSED' },
        node: { id: d, provenance: 'ASSESSED' },
      })),
    },
  };
}

function gap(id: string, status: GapRow['status'], score: number, basis: GapRow['basis'] = 'ILLUSTRATIVE'): GapRow {
  return {
    technology: { id, name: id, nameKo: null, kind: 'OTHER' },
    stages: [],
    status,
    domesticBest: null,
    foreignBest: 90,
    gap: 100,
    homeShare: null,
    hhi: null,
    basis,
    downstreamCount: 1,
    chokepointScore: score,
    depthLimitReached: false,
    blocks: [],
    projects: [],
    domesticLeaders: [],
    foreignLeaders: [],
  };
}

function unrated(
  id: string,
  status: UnratedRow['status'],
  downstreamCount: number,
  basis: UnratedRow['basis'] = null,
): UnratedRow {
  return {
    technology: { id, name: id, nameKo: null, kind: 'OTHER' },
    status,
    homeShare: status === 'PRESENT' ? 5 : null,
    hhi: status === 'PRESENT' ? 8322 : null,
    basis,
    downstreamCount,
    depthLimitReached: false,
    projects: [],
  };
}

const standing = (
  status: StandingRow['status'],
  domesticBest: number | null,
  basis: StandingRow['basis'],
): StandingRow => ({
  status,
  domesticBest,
  foreignBest: null,
  gap: domesticBest == null ? null : 100 - domesticBest,
  homeShare: null,
  hhi: null,
  basis,
});

describe('explorer chain model', () => {
  const stages = [
    { id: 'stage:s1', name: 'one', order: 1 },
    { id: 'stage:s2', name: 'two', order: 2 },
  ];
  // The second worked example of domain.md: P needs I and T; I needs G and S; T needs U; G from another sector.
  const P = tech('tech:p', { stage: 'stage:s2', deps: ['tech:i', 'tech:t'] });
  const I = tech('tech:i', { stage: 'stage:s1', deps: ['tech:g', 'tech:s'] });
  const S = tech('tech:s', { stage: 'stage:s1' });
  const T = tech('tech:t', { stage: 'stage:s1', deps: ['tech:u'] });
  const U = tech('tech:u', { stage: 'stage:s1' });
  const G = tech('tech:g', { stage: 'stage:other1' });
  const input = {
    sector: { id: 'sector:semi', name: 'Semi' },
    stages,
    sectorTechs: [P, I, S, T, U],
    upstream: new Map([['tech:g', G]]),
    gaps: [
      gap('tech:g', 'ABSENT', 300),
      gap('tech:s', 'ABSENT', 300, 'REPORTED'),
      gap('tech:i', 'FOLLOWING', 60, 'REPORTED'),
    ],
    gapTotal: 3,
    unrated: [unrated('tech:u', 'UNKNOWN', 2), unrated('tech:t', 'PRESENT', 1, 'REPORTED')],
    unratedTotal: 2,
    standings: new Map([['tech:p', standing('LEADING', 85, 'ILLUSTRATIVE')]]),
    gapDepthLimit: false,
    analysisError: null,
    minProvenance: 'ILLUSTRATIVE' as const,
  };

  it('takes every status from the server: gap rows, unrated rows, and the standing of the rest; inputs from other sectors in their own lane', () => {
    const v = buildChain(input);
    const by = new Map(v.nodes.map((n) => [n.id, n]));
    expect(Object.fromEntries(v.nodes.map((n) => [n.id, [n.status, n.statusFrom, n.basis]]))).toEqual({
      'tech:p': ['LEADING', 'standing', 'ILLUSTRATIVE'],
      'tech:i': ['FOLLOWING', 'valueChainGaps', 'REPORTED'],
      'tech:s': ['ABSENT', 'valueChainGaps', 'REPORTED'],
      'tech:t': ['PRESENT', 'evidenceBacklog', 'REPORTED'],
      'tech:u': ['UNKNOWN', 'evidenceBacklog', null],
      'tech:g': ['ABSENT', 'valueChainGaps', 'ILLUSTRATIVE'],
    });
    expect(by.get('tech:p')!.domesticBest).toBe(85);
    expect(by.get('tech:t')).toMatchObject({
      homeShare: 5,
      hhi: 8322,
      gap: null,
      chokepointScore: null,
      downstreamCount: 1,
    });
    expect(v.backlog).toEqual(['tech:u', 'tech:t']);
    expect(by.get('tech:g')!.lane).toBe('lane:upstream');
    expect(v.lanes.map((l) => l.key)).toEqual(['lane:upstream', 'stage:s1', 'stage:s2']);
    expect(v.edges).toEqual(
      expect.arrayContaining([
        { source: 'tech:i', target: 'tech:p' },
        { source: 'tech:g', target: 'tech:i' },
      ]),
    );
  });

  it('gives a technology no row and no standing answered for no status at all, never LEADING by default; those are the ones whose standing is asked', () => {
    const v = buildChain({ ...input, standings: null });
    expect(v.nodes.find((n) => n.id === 'tech:p')!.status).toBeNull();
    expect(needingStanding(v)).toEqual(['tech:p']);
    expect(needingStanding(buildChain(input))).toEqual([]);
  });

  it('without the analysis, draws the chain with no status and no figure on any technology (nothing is worked out in the page)', () => {
    const v = buildChain({
      ...input,
      gaps: null,
      gapTotal: null,
      unrated: null,
      unratedTotal: null,
      standings: null,
      analysisError: 'down',
    });
    expect(v.nodes.map((n) => [n.status, n.gap, n.basis, n.chokepointScore])).toEqual(
      v.nodes.map(() => [null, null, null, null]),
    );
    expect(v.analysisError).toBe('down');
    expect(v.backlog).toEqual([]);
  });

  it('drops technologies and dependencies below minProvenance', () => {
    const X = tech('tech:x', { stage: 'stage:s1', provenance: 'ILLUSTRATIVE' });
    const Y = tech('tech:y', { stage: 'stage:s2', deps: ['tech:x'] });
    const v = buildChain({
      ...input,
      sectorTechs: [Y],
      upstream: new Map([['tech:x', X]]),
      gaps: [],
      unrated: [],
      minProvenance: 'ASSESSED',
    });
    expect(v.nodes.map((n) => n.id)).toEqual(['tech:y']);
    expect(v.edges).toEqual([]);
  });

  it("writes each row's status source, basis, home share and hhi into the CSV", () => {
    const rows = chainRows(buildChain(input));
    const col = (name: string) => CHAIN_HEADER.indexOf(name);
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get('tech:p')![col('status_source')]).toBe('Technology.standing');
    expect(byId.get('tech:t')![col('status_source')]).toBe('evidenceBacklog (unrated)');
    expect(byId.get('tech:g')![col('basis')]).toBe('ILLUSTRATIVE');
    expect([byId.get('tech:t')![col('home_share')], byId.get('tech:t')![col('hhi')]]).toEqual([5, 8322]);
    expect(
      chainRows(buildChain({ ...input, gaps: null, unrated: null, standings: null, analysisError: 'x' })).every(
        (r) => r[col('status_source')] === 'analysis unavailable: no status',
      ),
    ).toBe(true);
  });
});

describe('explorer lens', () => {
  const base: Params = {
    homeCountry: 'KR',
    threshold: 80,
    minProvenance: 'ILLUSTRATIVE',
    asOf: null,
    minEvidence: null,
  };

  it('sends the home country, threshold and minProvenance, and asOf and minEvidence only when chosen (the server applies its defaults)', () => {
    expect(lensOf(base)).toEqual({ homeCountry: 'KR', threshold: 80, minProvenance: 'ILLUSTRATIVE' });
    expect(lensOf({ ...base, asOf: '2021-06-01', minEvidence: 'ASSESSED' })).toEqual({
      homeCountry: 'KR',
      threshold: 80,
      minProvenance: 'ILLUSTRATIVE',
      asOf: '2021-06-01',
      minEvidence: 'ASSESSED',
    });
  });

  it('takes minEvidence as the evidence filter, minProvenance when it is not given', () => {
    expect(evidenceFloor(base)).toBe('ILLUSTRATIVE');
    expect(evidenceFloor({ ...base, minProvenance: 'ASSESSED' })).toBe('ASSESSED');
    expect(evidenceFloor({ ...base, minEvidence: 'REPORTED' })).toBe('REPORTED');
    expect(belowEvidenceFloor({ ...base, minEvidence: 'ASSESSED' }, 'ILLUSTRATIVE')).toBe(true);
    expect(belowEvidenceFloor({ ...base, minEvidence: 'ASSESSED' }, 'ASSESSED')).toBe(false);
  });

  it('dates a round or a year as its 31 December and a capability by its day against asOf', () => {
    expect(afterAsOf('2021-06-01', { year: 2021 })).toBe(true);
    expect(afterAsOf('2021-12-31', { year: 2021 })).toBe(false);
    expect(afterAsOf('2021-06-01', { year: 2020 })).toBe(false);
    expect(afterAsOf('2021-06-01', { date: '2021-06-02' })).toBe(true);
    expect(afterAsOf('2021-06-01', { date: null })).toBe(false);
    expect(afterAsOf(null, { year: 2099 })).toBe(false);
  });
});

describe('explorer evidence layout', () => {
  const p: Params = { homeCountry: 'KR', threshold: 80, minProvenance: 'ILLUSTRATIVE', asOf: null, minEvidence: null };
  const share = (id: string, v: number | null, who: { country?: string; org?: string; orgCountry?: string }) => ({
    id,
    share: v,
    provenance: 'REPORTED' as const,
    country: who.country ?? null,
    organization: who.org ? { id: `org:${who.org}`, name: who.org, country: who.orgCountry ?? 'US' } : null,
  });

  it("lays a listing's shares out as bars: countries, then organizations, a 0–100 track, no width for an entry without a number, the home country's marked", () => {
    const bars = shareBars(
      [
        share('a', 91, { country: 'US' }),
        share('o1', null, { org: 'M', orgCountry: 'US' }),
        share('b', 5, { country: 'KR' }),
        share('o2', 3, { org: 'A', orgCountry: 'KR' }),
        share('c', 120, { country: 'JP' }),
      ],
      'KR',
    );
    expect(bars.map((b) => [b.record.id, b.kind, b.label, b.width, b.home])).toEqual([
      ['a', 'country', 'US', 91, false],
      ['b', 'country', 'KR', 5, true],
      ['c', 'country', 'JP', 100, false],
      ['o1', 'organization', 'M', null, false],
      ['o2', 'organization', 'A', 3, true],
    ]);
  });

  it('shows the listing the figures counted (the year the server names), else the newest one as not counted', () => {
    const listings = [
      { id: 'l24', year: 2024, provenance: 'ILLUSTRATIVE' as const },
      { id: 'l23', year: 2023, provenance: 'REPORTED' as const },
    ];
    expect(listingShown(listings, 2023, p)).toEqual({ listing: listings[1], counted: true });
    expect(listingShown(listings, null, p)).toEqual({ listing: listings[0], counted: false });
    expect(listingShown([], null, p)).toEqual({ listing: null, counted: false });
  });

  it('groups assessment rounds into one series per country, home first, oldest round first, and draws them on a 0–100 scale', () => {
    const a = (id: string, country: string, round: number, level: number) => ({
      id,
      country,
      round,
      level,
      provenance: 'REPORTED' as const,
    });
    const series = assessmentSeries(
      [a('u22', 'US', 2022, 100), a('k22', 'KR', 2022, 70), a('j20', 'JP', 2020, 72), a('k20', 'KR', 2020, 60)],
      'KR',
    );
    expect(series.map((s) => [s.country, s.home, s.points.map((x) => x.round)])).toEqual([
      ['KR', true, [2020, 2022]],
      ['JP', false, [2020]],
      ['US', false, [2022]],
    ]);
    const g = trendGeometry(series, 360, 132);
    expect(g.rounds).toEqual([2020, 2022]);
    expect(g.x(2020)).toBeLessThan(g.x(2022));
    expect(g.y(100)).toBeLessThan(g.y(70));
    expect(g.y(0)).toBeGreaterThan(g.y(60));
    expect(polyline(series[0], g)).toBe(
      `${g.x(2020)},${Math.round(g.y(60) * 10) / 10} ${g.x(2022)},${Math.round(g.y(70) * 10) / 10}`,
    );
    // Labels of lines ending close together are pushed apart (KR 70 and a JP 72 would overlap), and stay in the chart.
    const close = assessmentSeries([a('k', 'KR', 2022, 70), a('j', 'JP', 2022, 72), a('u', 'US', 2022, 100)], 'KR');
    const labels = endLabels(close, g);
    const sorted = [...labels].sort((x, y) => x - y);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(11);
    expect(labels[2]).toBe(g.y(100));
    const low = assessmentSeries([a('k', 'KR', 2022, 0), a('j', 'JP', 2022, 0), a('c', 'CN', 2022, 0)], 'KR');
    const lowLabels = endLabels(low, g);
    expect(Math.max(...lowLabels)).toBeLessThanOrEqual(g.height - 4);
    expect(new Set(lowLabels).size).toBe(3);
    // One round only: the point sits in the middle.
    const single = trendGeometry([series[2]]);
    expect(single.x(2022)).toBeCloseTo((30 + (360 - 34)) / 2);
  });

  it("finds the provenance behind the server's foreignBest: the foreign levels and latest foreign rounds equal to it, under the lens", () => {
    const cap = (
      country: string,
      level: number,
      provenance: 'ILLUSTRATIVE' | 'REPORTED',
      asOf: string | null = '2020-12-31',
    ) => ({ level, provenance, asOf, organization: { country } });
    const a = (
      country: string,
      round: number,
      level: number,
      provenance: 'ILLUSTRATIVE' | 'REPORTED' = 'REPORTED',
    ) => ({ id: `${country}${round}`, country, round, level, provenance });
    expect(foreignBasis(95, [cap('US', 95, 'ILLUSTRATIVE'), cap('KR', 95, 'REPORTED')], [a('US', 2022, 100)], p)).toBe(
      'ILLUSTRATIVE',
    );
    expect(foreignBasis(100, [cap('US', 95, 'ILLUSTRATIVE')], [a('US', 2022, 100)], p)).toBe('REPORTED');
    // An older round equal to it does not count when a later one exists; a round after asOf does not count.
    expect(foreignBasis(90, [], [a('US', 2020, 90), a('US', 2022, 100)], p)).toBeNull();
    expect(foreignBasis(90, [], [a('US', 2020, 90), a('US', 2022, 100)], { ...p, asOf: '2021-06-01' })).toBe(
      'REPORTED',
    );
    expect(foreignBasis(null, [cap('US', 95, 'ILLUSTRATIVE')], [], p)).toBeNull();
  });
});

describe('explorer illustrative marker', () => {
  it('marks an ILLUSTRATIVE basis with a visible striped marker whose title explains it, and nothing for sourced figures', () => {
    const html = renderToStaticMarkup(createElement(IllustrativeMark, { basis: 'ILLUSTRATIVE' }));
    expect(html).toContain('data-illustrative="true"');
    expect(html).toMatch(
      /title="Rests on ILLUSTRATIVE data: invented to make the example graph useful; no source claims it\./,
    );
    expect(html).toContain('illustrative</span>');
    for (const b of ['REPORTED', 'ASSESSED', null])
      expect(renderToStaticMarkup(createElement(IllustrativeMark, { basis: b }))).toBe('');
    expect(renderToStaticMarkup(createElement(Basis, { basis: 'REPORTED' }))).toContain('reported');
    expect(renderToStaticMarkup(createElement(Basis, { basis: null }))).toContain('no evidence');
  });
});

describe('explorer layout', () => {
  it('puts lanes left to right, inputs left of what needs them in a lane, and no two nodes on one spot', () => {
    const nodes = [
      { id: 'a', lane: 'L1', deps: [], rank: 0 },
      { id: 'b', lane: 'L1', deps: ['a'], rank: 0 },
      { id: 'c', lane: 'L1', deps: ['b'], rank: 0 },
      ...Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, lane: 'L2', deps: [i % 2 ? 'a' : 'c'], rank: i })),
      { id: 'z', lane: 'L3', deps: ['m1', 'm2'], rank: 0 },
    ];
    const { positions, lanes } = layeredLayout(nodes, ['L1', 'L2', 'L3'], {
      colW: 100,
      rowH: 80,
      laneGap: 20,
      maxRows: 8,
      align: 'left',
      minLaneWidth: 150,
    });
    const x = (id: string) => positions.get(id)!.x;
    // A small lane gets two columns: a chain a → b → c runs left to right (or down one column), never backwards.
    expect(x('a')).toBeLessThanOrEqual(x('b'));
    expect(x('b')).toBeLessThanOrEqual(x('c'));
    expect(x('a')).toBeLessThan(x('c'));
    const l1 = Math.max(x('a'), x('b'), x('c'));
    for (let i = 0; i < 30; i++) expect(x(`m${i}`)).toBeGreaterThan(l1);
    for (let i = 0; i < 30; i++) expect(x('z')).toBeGreaterThan(x(`m${i}`));
    const spots = new Set([...positions.values()].map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(nodes.length);
    expect(lanes.map((l) => l.key)).toEqual(['L1', 'L2', 'L3']);
    for (let i = 1; i < lanes.length; i++)
      expect(lanes[i].x - lanes[i].width / 2).toBeGreaterThanOrEqual(lanes[i - 1].x + lanes[i - 1].width / 2);
    expect(Math.min(...lanes.map((l) => l.width))).toBeGreaterThanOrEqual(150);
    // 30 nodes with at most 8 rows fold into several columns.
    expect(new Set(Array.from({ length: 30 }, (_, i) => x(`m${i}`))).size).toBeGreaterThanOrEqual(4);
  });
});

describe('explorer CSV', () => {
  it('quotes commas, quotes and line breaks, and starts with a BOM for spreadsheets', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, true])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,3,true',
    );
    const text = toCsv(['name', 'name_ko'], [['EUV pellicle', 'EUV 펠리클']]);
    expect(text.startsWith('\ufeffname,name_ko\r\n')).toBe(true);
    expect(text).toContain('EUV 펠리클');
  });
});

describe('explorer CSV against formula injection', () => {
  it('puts a single quote before text that a spreadsheet would run as a formula (= + - @ tab CR), and leaves numbers alone', () => {
    expect(
      csvLine(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'quoted"]),
    ).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",'+1+1,'-2+3,'@SUM(A1),'\t=1,"'\r=1",'quoted`);
    expect(csvLine([-5, 0, 3.5, 'a=b', 'EUV 펠리클', null])).toBe('-5,0,3.5,a=b,EUV 펠리클,');
  });
});

describe('explorer source links', () => {
  const source = (url: string | null) => ({
    id: `source:${Math.random()}`,
    title: 'Report',
    kind: 'NEWS' as const,
    url,
    publisher: null,
    publishedAt: null,
  });

  it('links only absolute http(s) URLs', () => {
    for (const url of ['https://example.com/a', 'http://example.com', 'HTTPS://EXAMPLE.COM/'])
      expect(linkHref(url), url).toBe(url);
    for (const url of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '//evil.example',
      '/relative',
      'http:evil.example',
      '',
      null,
      undefined,
    ]) {
      expect(linkHref(url), String(url)).toBeNull();
    }
  });

  it('renders a source whose URL is not http(s) as plain text, and an https one as a link', () => {
    const index = new SourceIndex();
    index.ref(source('javascript:alert(document.domain)'));
    index.ref(source('https://example.com/ok'));
    const html = renderToStaticMarkup(createElement(SourceList, { index }));
    expect(html).not.toContain('javascript:');
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('href="https://example.com/ok"');
  });
});
