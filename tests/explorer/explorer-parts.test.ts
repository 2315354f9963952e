// The explorer's parts, without a browser: every operation it sends is valid and passes a server stricter than the
// default limits at the page sizes it uses; the chain it draws follows domain.md (a chain technology without a
// gap row is LEADING; facts below minProvenance are dropped); the layout puts stages left to right and inputs
// before what needs them; CSV is quoted properly.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, toCsv } from '../../src/server/explorer/csv.js';
import { linkHref, SourceIndex, SourceList } from '../../src/server/explorer/parts.js';
import { layeredLayout } from '../../src/server/explorer/layout.js';
import { buildChain, type ChainTechnologyData, type GapRow } from '../../src/server/explorer/model.js';
import * as Q from '../../src/server/explorer/queries.js';
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
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['SECTORS', Q.SECTORS, {}],
    ['SECTOR_CHAIN', Q.SECTOR_CHAIN, { sector: 'sector:x', homeCountry: 'KR', first: 40, after: null, depFirst: 20 }],
    ['MORE_INPUTS', Q.MORE_INPUTS, { id: 'tech:x', after: null }],
    ['UPSTREAM_NODES', Q.UPSTREAM_NODES, { ids: Array.from({ length: 40 }, (_, i) => `tech:t${i}`), homeCountry: 'KR', depFirst: 20 }],
    ['VALUE_CHAIN_GAPS', Q.VALUE_CHAIN_GAPS, { sector: 'sector:x', homeCountry: 'KR', threshold: 80, minProvenance: 'ILLUSTRATIVE', first: 100, after: null }],
    ['TECHNOLOGY_PANEL', Q.TECHNOLOGY_PANEL, { id: 'tech:x', homeCountry: 'KR', threshold: 80, minProvenance: 'ILLUSTRATIVE' }],
    ['SEARCH', Q.SEARCH, { text: '인터포저', first: 12 }],
    ['EXPOSURE', Q.EXPOSURE, { organization: 'org:x', homeCountry: 'KR', threshold: 80, minProvenance: 'ILLUSTRATIVE', first: 50, after: null }],
  ];
  for (const [name, query, variables] of cases) {
    it(`${name} is valid and passes a server whose cost limit is ${STRICT_COST}`, async () => {
      const { status, body } = await t.gql(query, variables);
      expect(body.errors ?? []).toEqual([]);
      expect(status).toBe(200);
    });
  }
});

function tech(id: string, opts: { stage?: string; deps?: string[]; level?: number; provenance?: 'REPORTED' | 'ASSESSED' | 'ILLUSTRATIVE' } = {}): ChainTechnologyData {
  return {
    id, name: id, nameKo: null, kind: 'OTHER', provenance: opts.provenance ?? 'ASSESSED',
    stages: { edges: opts.stage ? [{ link: { provenance: 'ASSESSED' }, node: { id: opts.stage, name: opts.stage, order: Number(opts.stage.slice(-1)) } }] : [] },
    dependencies: { totalCount: (opts.deps ?? []).length, edges: (opts.deps ?? []).map((d) => ({ link: { provenance: 'ASSESSED' }, node: { id: d, provenance: 'ASSESSED' } })) },
    capabilities: { nodes: opts.level == null ? [] : [{ level: opts.level, provenance: 'ILLUSTRATIVE' }] },
  };
}

function gap(id: string, status: GapRow['status'], score: number): GapRow {
  return {
    technology: { id, name: id, kind: 'OTHER' }, stages: [], status, domesticBest: null, foreignBest: 90, gap: 100, downstreamCount: 1,
    chokepointScore: score, depthLimitReached: false, blocks: [], projects: [], domesticLeaders: [], foreignLeaders: [],
  };
}

describe('explorer chain model', () => {
  const stages = [{ id: 'stage:s1', name: 'one', order: 1 }, { id: 'stage:s2', name: 'two', order: 2 }];
  // The worked example of domain.md: P (packaging) needs I needs G; G from another sector.
  const P = tech('tech:p', { stage: 'stage:s2', deps: ['tech:i'], level: 85 });
  const I = tech('tech:i', { stage: 'stage:s1', deps: ['tech:g'], level: 55 });
  const G = tech('tech:g', { stage: 'stage:other1' });
  const input = {
    sector: { id: 'sector:semi', name: 'Semi' }, stages, sectorTechs: [P, I], upstream: new Map([['tech:g', G]]),
    gaps: [gap('tech:g', 'ABSENT', 300), gap('tech:i', 'LAGGING', 90)], gapTotal: 2, gapDepthLimit: false, analysisError: null,
    threshold: 80, minProvenance: 'ILLUSTRATIVE' as const,
  };

  it('takes statuses from the gap rows, calls the rest of the chain LEADING, and draws inputs from other sectors in their own lane', () => {
    const v = buildChain(input);
    const by = new Map(v.nodes.map((n) => [n.id, n]));
    expect(by.get('tech:g')!.status).toBe('ABSENT');
    expect(by.get('tech:i')!.status).toBe('LAGGING');
    expect(by.get('tech:p')!.status).toBe('LEADING');
    expect(by.get('tech:p')!.domesticBest).toBe(85);
    expect(by.get('tech:g')!.lane).toBe('lane:upstream');
    expect(v.lanes.map((l) => l.key)).toEqual(['lane:upstream', 'stage:s1', 'stage:s2']);
    expect(v.edges).toEqual(expect.arrayContaining([{ source: 'tech:i', target: 'tech:p' }, { source: 'tech:g', target: 'tech:i' }]));
  });

  it('without the analysis, computes statuses from capability levels (domain.md) and marks them approximate', () => {
    const v = buildChain({ ...input, gaps: null, gapTotal: null, analysisError: 'down' });
    const by = new Map(v.nodes.map((n) => [n.id, n]));
    expect([by.get('tech:p')!.status, by.get('tech:i')!.status, by.get('tech:g')!.status]).toEqual(['LEADING', 'LAGGING', 'ABSENT']);
    expect(v.nodes.every((n) => n.approximate)).toBe(true);
  });

  it('drops technologies and dependencies below minProvenance', () => {
    const X = tech('tech:x', { stage: 'stage:s1', provenance: 'ILLUSTRATIVE' });
    const Y = tech('tech:y', { stage: 'stage:s2', deps: ['tech:x'] });
    const v = buildChain({ ...input, sectorTechs: [Y], upstream: new Map([['tech:x', X]]), gaps: [], minProvenance: 'ASSESSED' });
    expect(v.nodes.map((n) => n.id)).toEqual(['tech:y']);
    expect(v.edges).toEqual([]);
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
    const { positions, lanes } = layeredLayout(nodes, ['L1', 'L2', 'L3'], { colW: 100, rowH: 80, laneGap: 20, maxRows: 8, align: 'left', minLaneWidth: 150 });
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
    for (let i = 1; i < lanes.length; i++) expect(lanes[i].x - lanes[i].width / 2).toBeGreaterThanOrEqual(lanes[i - 1].x + lanes[i - 1].width / 2);
    expect(Math.min(...lanes.map((l) => l.width))).toBeGreaterThanOrEqual(150);
    // 30 nodes with at most 8 rows fold into several columns.
    expect(new Set(Array.from({ length: 30 }, (_, i) => x(`m${i}`))).size).toBeGreaterThanOrEqual(4);
  });
});

describe('explorer CSV', () => {
  it('quotes commas, quotes and line breaks, and starts with a BOM for spreadsheets', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, true])).toBe('a,"b,c","say ""hi""","two\nlines",,3,true');
    const text = toCsv(['name', 'name_ko'], [['EUV pellicle', 'EUV 펠리클']]);
    expect(text.startsWith('\ufeffname,name_ko\r\n')).toBe(true);
    expect(text).toContain('EUV 펠리클');
  });
});

describe('explorer CSV against formula injection', () => {
  it('puts a single quote before text that a spreadsheet would run as a formula (= + - @ tab CR), and leaves numbers alone', () => {
    expect(csvLine(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'quoted"]))
      .toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",'+1+1,'-2+3,'@SUM(A1),'\t=1,"'\r=1",'quoted`);
    expect(csvLine([-5, 0, 3.5, 'a=b', 'EUV 펠리클', null])).toBe('-5,0,3.5,a=b,EUV 펠리클,');
  });
});

describe('explorer source links', () => {
  const source = (url: string | null) => ({ id: `source:${Math.random()}`, title: 'Report', kind: 'NEWS', url });

  it('links only absolute http(s) URLs', () => {
    for (const url of ['https://example.com/a', 'http://example.com', 'HTTPS://EXAMPLE.COM/']) expect(linkHref(url), url).toBe(url);
    for (const url of ['javascript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x',
      '//evil.example', '/relative', 'http:evil.example', '', null, undefined]) {
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
