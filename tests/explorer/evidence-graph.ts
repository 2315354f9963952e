// A small graph with every kind of evidence, for the explorer's browser tests: the second worked example of
// docs/domain.md (KR, τ 80; P → I → G, I → S, P → T → U; capabilities A P 85, B I 55, M (US) I 95 core IP, F (DE)
// G 90, all ILLUSTRATIVE; REPORTED assessments of I: KR 60 (2020), KR 70 (2022), US 100 (2022); complete REPORTED
// listings of 2023: S — NL 100, T — US 91, KR 5, JP 4; nothing about U), with stages, and a few records more that
// change none of its statuses: an older KR round and two JP rounds of I below 80, organizations listed in T's
// listing (A with 3 %, M without a number), and KR's imports of S (NL 95 %, JP 5 %).
// Under asOf 2025-01-01: P LEADING (basis ILLUSTRATIVE), I FOLLOWING 70 (REPORTED), G ABSENT (ILLUSTRATIVE),
// S ABSENT (REPORTED), T PRESENT 5 % hhi 8,322 (REPORTED), U UNKNOWN (no basis).
import type { GraphDocument } from '../../src/domain/document.js';

const ill = { provenance: 'ILLUSTRATIVE' as const, sources: [] };
const kistep = { provenance: 'REPORTED' as const, sources: ['source:kistep-test'] };
const supply = { provenance: 'REPORTED' as const, sources: ['source:supply-test'] };

const TECHS: Array<[string, string, string, string]> = [
  ['p', 'P · advanced package', 'P 첨단 패키지', 'stage:semi-packaging'],
  ['i', 'I · interposer', 'I 인터포저', 'stage:semi-fab'],
  ['g', 'G · glass substrate', 'G 유리 기판', 'stage:semi-materials'],
  ['s', 'S · specialty gas', 'S 특수가스', 'stage:semi-materials'],
  ['t', 'T · test socket', 'T 테스트 소켓', 'stage:semi-fab'],
  ['u', 'U · ultra-pure resin', 'U 초고순도 수지', 'stage:semi-materials'],
];

const cap = (org: string, t: string, level: number, extra: Record<string, unknown> = {}) => ({
  type: 'HAS_CAPABILITY',
  from: `org:${org}`,
  to: `tech:${t}`,
  level,
  asOf: '2020-12-31',
  ...extra,
  ...ill,
});
const round = (country: string, level: number, year: number) => ({
  id: `assessment:i-${country.toLowerCase()}-${year}`,
  technology: 'tech:i',
  country,
  level,
  round: year,
  publisher: 'KISTEP',
  ...kistep,
});
const share = (
  listing: string,
  key: string,
  value: number | null,
  who: { country?: string; organization?: string },
) => ({
  id: `share:${listing}-${key}`,
  listing: `listing:${listing}`,
  ...who,
  ...(value == null ? {} : { share: value }),
  ...supply,
});

export const evidenceGraph = {
  sources: [
    {
      id: 'source:kistep-test',
      title: 'Technology level assessment (test copy)',
      publisher: 'KISTEP',
      kind: 'GOVERNMENT',
      url: 'https://example.com/kistep',
      provenance: 'REPORTED',
      sources: [],
    },
    {
      id: 'source:supply-test',
      title: 'Supply chain data set (test copy)',
      publisher: 'CSET',
      kind: 'DATASET',
      provenance: 'REPORTED',
      sources: [],
    },
  ],
  sectors: [{ id: 'sector:semi', name: 'SEMI', nameKo: '반도체(시험)', ...ill }],
  stages: [
    { id: 'stage:semi-materials', name: 'Materials', nameKo: '소재', order: 1, sector: 'sector:semi', ...ill },
    { id: 'stage:semi-fab', name: 'Fabrication', nameKo: '공정', order: 2, sector: 'sector:semi', ...ill },
    { id: 'stage:semi-packaging', name: 'Packaging', nameKo: '패키징', order: 3, sector: 'sector:semi', ...ill },
  ],
  technologies: TECHS.map(([x, name, nameKo]) => ({
    id: `tech:${x}`,
    name,
    nameKo,
    kind: x === 'i' || x === 's' ? 'CHOKEPOINT' : 'OTHER',
    ...ill,
  })),
  organizations: [
    { id: 'org:a', name: 'A Corp', type: 'COMPANY', country: 'KR', ...ill },
    { id: 'org:b', name: 'B Corp', type: 'COMPANY', country: 'KR', ...ill },
    { id: 'org:m', name: 'M Institute', type: 'RESEARCH_INSTITUTE', country: 'US', ...ill },
    { id: 'org:f', name: 'F Institute', type: 'RESEARCH_INSTITUTE', country: 'DE', ...ill },
  ],
  assessments: [
    round('KR', 50, 2018),
    round('KR', 60, 2020),
    round('KR', 70, 2022),
    round('US', 100, 2022),
    round('JP', 72, 2020),
    round('JP', 75, 2022),
  ],
  supplyListings: [
    {
      id: 'listing:s-2023',
      technology: 'tech:s',
      year: 2023,
      complete: true,
      completeBecause: 'country shares sum to 100',
      ...supply,
    },
    {
      id: 'listing:t-2023',
      technology: 'tech:t',
      year: 2023,
      complete: true,
      completeBecause: 'country shares sum to 100',
      ...supply,
    },
  ],
  supplyShares: [
    share('s-2023', 'nl', 100, { country: 'NL' }),
    share('t-2023', 'us', 91, { country: 'US' }),
    share('t-2023', 'kr', 5, { country: 'KR' }),
    share('t-2023', 'jp', 4, { country: 'JP' }),
    share('t-2023', 'org-a', 3, { organization: 'org:a' }),
    share('t-2023', 'org-m', null, { organization: 'org:m' }),
  ],
  importDependences: [
    {
      id: 'importdep:s-kr-nl-2023',
      technology: 'tech:s',
      importer: 'KR',
      exporter: 'NL',
      year: 2023,
      share: 95,
      ...supply,
    },
    {
      id: 'importdep:s-kr-jp-2023',
      technology: 'tech:s',
      importer: 'KR',
      exporter: 'JP',
      year: 2023,
      share: 5,
      ...supply,
    },
  ],
  relationships: [
    ...TECHS.map(([x]) => ({ type: 'IN_SECTOR', from: `tech:${x}`, to: 'sector:semi', ...ill })),
    ...TECHS.map(([x, , , stage]) => ({ type: 'AT_STAGE', from: `tech:${x}`, to: stage, ...ill })),
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
} as unknown as GraphDocument;

/** The statuses and bases under asOf 2025-01-01 (domain.md's second worked example). */
export const EXPECTED_2025 = {
  'tech:p': { status: 'LEADING', basis: 'ILLUSTRATIVE' },
  'tech:i': { status: 'FOLLOWING', basis: 'REPORTED' },
  'tech:g': { status: 'ABSENT', basis: 'ILLUSTRATIVE' },
  'tech:s': { status: 'ABSENT', basis: 'REPORTED' },
  'tech:t': { status: 'PRESENT', basis: 'REPORTED' },
  'tech:u': { status: 'UNKNOWN', basis: null },
} as const;
