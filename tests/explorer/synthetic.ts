// A synthetic value chain of a few hundred technologies, for the explorer's scale test: one sector with six stages
// and `count` technologies, each needing one to three inputs from earlier positions (so DEPENDS_ON is acyclic and
// chains run many hops), a dozen inputs from a second sector, and home and foreign organizations whose levels cover
// every status. Deterministic (a seeded generator), so a failure can be replayed.
import { rng } from '../../bench/generate.js';
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../../src/domain/document.js';

const STAGES = [
  ['Raw materials', '원소재'],
  ['Components', '부품'],
  ['Design', '설계'],
  ['Fabrication', '제조'],
  ['Integration', '통합'],
  ['Systems', '시스템'],
];
const WORDS = [
  'advanced',
  'precision',
  'thin-film',
  'ceramic',
  'optical',
  'power',
  'quantum',
  'bio',
  'nano',
  'thermal',
  'flexible',
  'secure',
];
const NOUNS = [
  'substrate',
  'sensor',
  'module',
  'controller',
  'coating',
  'actuator',
  'membrane',
  'interface',
  'process',
  'package',
  'catalyst',
  'array',
];
const KO_WORDS = ['첨단', '정밀', '박막', '세라믹', '광학', '전력', '양자', '바이오', '나노', '열관리', '유연', '보안'];
const KO_NOUNS = [
  '기판',
  '센서',
  '모듈',
  '제어기',
  '코팅',
  '구동기',
  '멤브레인',
  '인터페이스',
  '공정',
  '패키지',
  '촉매',
  '어레이',
];

const ill = { provenance: 'ILLUSTRATIVE' as const, sources: [] as string[] };

export function syntheticChain(count = 300, seed = 7): GraphDocument {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const sectors: NodeRecord[] = [
    { id: 'sector:synthetic', name: 'Synthetic industry', nameKo: '합성 산업', ...ill },
    { id: 'sector:synthetic-inputs', name: 'Synthetic inputs', nameKo: '합성 소재 산업', ...ill },
  ];
  const stages: NodeRecord[] = STAGES.map(([name, nameKo], i) => ({
    id: `stage:synthetic-${i + 1}`,
    sector: 'sector:synthetic',
    order: i + 1,
    name,
    nameKo,
    ...ill,
  }));
  stages.push({
    id: 'stage:synthetic-inputs-1',
    sector: 'sector:synthetic-inputs',
    order: 1,
    name: 'Inputs',
    nameKo: '투입',
    ...ill,
  });
  const organizations: NodeRecord[] = [];
  const countries = ['KR', 'KR', 'KR', 'KR', 'KR', 'KR', 'US', 'US', 'JP', 'JP', 'DE', 'NL'];
  countries.forEach((country, i) =>
    organizations.push({
      id: `org:synthetic-${i + 1}`,
      name: `Synthetic ${country} firm ${i + 1}`,
      ...(country === 'KR' ? { nameKo: `합성 기업 ${i + 1}` } : {}),
      type: i % 4 === 3 ? 'RESEARCH_INSTITUTE' : 'COMPANY',
      country,
      ...ill,
    }),
  );
  const technologies: NodeRecord[] = [];
  const relationships: RelationshipRecord[] = [];
  const rel = (type: string, from: string, to: string, props: Record<string, unknown> = {}) =>
    relationships.push({ type, from, to, ...props, ...ill });

  const inputs: string[] = [];
  for (let i = 0; i < 12; i++) {
    const id = `tech:synthetic-input-${i + 1}`;
    inputs.push(id);
    technologies.push({ id, name: `Input material ${i + 1}`, nameKo: `투입 소재 ${i + 1}`, kind: 'OTHER', ...ill });
    rel('IN_SECTOR', id, 'sector:synthetic-inputs');
    rel('AT_STAGE', id, 'stage:synthetic-inputs-1');
    if (i > 0 && r() < 0.5) rel('DEPENDS_ON', id, inputs[Math.floor(r() * i)]);
  }
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `tech:synthetic-${String(i + 1).padStart(3, '0')}`;
    const w = Math.floor(r() * WORDS.length);
    const n = Math.floor(r() * NOUNS.length);
    const stage = Math.min(STAGES.length - 1, Math.floor((i / count) * STAGES.length));
    technologies.push({
      id,
      name: `${WORDS[w]} ${NOUNS[n]} ${i + 1}`,
      nameKo: `${KO_WORDS[w]} ${KO_NOUNS[n]} ${i + 1}`,
      kind: r() < 0.3 ? 'CHOKEPOINT' : r() < 0.3 ? 'ORIGINAL' : 'OTHER',
      ...(r() < 0.7 ? { domesticYearsToDevelop: Math.round(r() * 8) } : {}),
      ...(r() < 0.5 ? { needsOverseasCertification: r() < 0.5 } : {}),
      ...ill,
    });
    rel('IN_SECTOR', id, 'sector:synthetic');
    rel('AT_STAGE', id, `stage:synthetic-${stage + 1}`);
    // Inputs: earlier technologies (mostly of the previous stages), sometimes a material of the other sector.
    const wanted = 1 + Math.floor(r() * 3);
    const deps = new Set<string>();
    for (let k = 0; k < wanted && i > 0; k++) deps.add(ids[Math.max(0, i - 1 - Math.floor(r() * Math.min(i, 80)))]);
    if (i < count / 3 && r() < 0.15) deps.add(pick(inputs));
    for (const d of deps) rel('DEPENDS_ON', id, d);
    ids.push(id);
    // Capabilities: some technologies have no home organization (ABSENT); levels spread over every status.
    const home = r();
    if (home > 0.2)
      rel('HAS_CAPABILITY', pick(organizations.slice(0, 6)).id, id, {
        level: Math.round(30 + r() * 65),
        holdsCoreIp: false,
        asOf: '2025-01-01',
      });
    rel('HAS_CAPABILITY', pick(organizations.slice(6)).id, id, {
      level: Math.round(70 + r() * 30),
      holdsCoreIp: r() < 0.3,
      asOf: '2025-01-01',
    });
  }
  for (const id of inputs)
    rel('HAS_CAPABILITY', pick(organizations.slice(6)).id, id, { level: 90, holdsCoreIp: false, asOf: '2025-01-01' });
  // A company that relies on the last technologies, for an exposure view at scale.
  for (const id of ids.slice(-5)) rel('RELIES_ON', 'org:synthetic-1', id);
  return { format: 'techgraph/graph@1', sectors, stages, technologies, organizations, relationships };
}
