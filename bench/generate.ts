// A deterministic, seeded generator of synthetic graphs in our import format (src/domain/document.ts), for the bench.
//
// Shape (the same at every size, so a question's answer has the same size on S and M):
// - sectors of 400 (S: 400, 300, 300) technologies, each with five value-chain stages (materials 1 … testing 5),
//   a fifth of its technologies at each stage;
// - DEPENDS_ON always points to an earlier stage: 85% to the same sector (60% of those to the stage just before),
//   15% to a materials-stage (stage 1) technology of another sector; stage-1 technologies depend on nothing.
//   So the graph is a DAG with chains of at most 4 hops, and every technology's in- and out-degree has the same
//   distribution at every size;
// - the first sector (Semiconductors, `probes.chainSector`) takes its cross-sector inputs from a fixed set of 100
//   materials of other sectors, so its value chain (its technologies plus everything upstream) holds exactly 500
//   technologies at every size: value-chain gaps on M answer the same-sized question as on S;
// - organizations of eleven countries (KR about a third) active in one to three sectors, about ten HAS_CAPABILITY
//   edges per technology (2–40) with levels around 70 and core IP for some of the best foreign ones; projects under
//   four programs with Korean leads and foreign partners, reviews, cooperation centers hosted abroad, people.
// Everything is ILLUSTRATIVE and cites one DATASET source saying it is synthetic.
//
// CLI: `npx tsx bench/generate.ts --size S [--seed 42] [--out file.json]` writes the document (for `npm run import`).
import { writeFileSync } from 'node:fs';
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../src/domain/document.js';

export type Size = 'S' | 'M';

export interface SizeSpec {
  sectorSizes: number[];
  organizations: number;
  capabilities: number;
  dependencies: number;
  projects: number;
  people: number;
  centers: number;
  reliesOn: number;
}

export const SIZES: Record<Size, SizeSpec> = {
  S: {
    sectorSizes: [400, 300, 300],
    organizations: 200,
    capabilities: 10_000,
    dependencies: 3_000,
    projects: 100,
    people: 200,
    centers: 10,
    reliesOn: 500,
  },
  M: {
    sectorSizes: Array(25).fill(400),
    organizations: 2_000,
    capabilities: 100_000,
    dependencies: 30_000,
    projects: 1_000,
    people: 2_000,
    centers: 50,
    reliesOn: 5_000,
  },
};

/** Cross-sector inputs of the chain sector: its chain is its own technologies plus these. */
export const CHAIN_SUPPLIERS = 100;

export interface Probes {
  /** The sector whose value chain (incl. upstream) holds `chainSize` technologies. */
  chainSector: string;
  chainSize: number;
  /** A technology of the chain sector with many foreign organizations ahead of the best Korean one. */
  partnerTechnology: string;
  searchText: string;
  /** Any node, for node(id). */
  nodeId: string;
}

export interface Generated {
  doc: GraphDocument;
  probes: Probes;
  counts: {
    nodes: number;
    relationships: number;
    technologies: number;
    organizations: number;
    capabilities: number;
    dependencies: number;
  };
}

// --- deterministic randomness -------------------------------------------------------------------------------
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- vocabulary ------------------------------------------------------------------------------------------------
const SECTORS: Array<[string, string]> = [
  ['Semiconductors', '반도체'],
  ['Secondary batteries', '이차전지'],
  ['Displays', '디스플레이'],
  ['Robotics', '로봇'],
  ['Biohealth', '바이오헬스'],
  ['Future mobility', '미래차'],
  ['Hydrogen', '수소'],
  ['Aerospace', '항공우주'],
  ['Shipbuilding', '조선'],
  ['Advanced materials', '첨단소재'],
  ['Nuclear power', '원전'],
  ['Defense', '방산'],
  ['Machinery', '기계'],
  ['Petrochemicals', '석유화학'],
  ['Steel', '철강'],
  ['Textiles', '섬유'],
  ['Home appliances', '가전'],
  ['Telecommunications', '통신'],
  ['Quantum', '양자'],
  ['Artificial intelligence', '인공지능'],
  ['Cybersecurity', '사이버보안'],
  ['Smart farming', '스마트농업'],
  ['Renewable energy', '재생에너지'],
  ['Medical devices', '의료기기'],
  ['Cosmetics', '화장품'],
];
const STAGES: Array<[string, string]> = [
  ['Materials', '소재'],
  ['Components', '부품'],
  ['Process and equipment', '공정·장비'],
  ['Systems integration', '시스템 통합'],
  ['Testing and certification', '시험·인증'],
];
const ADJECTIVES: Array<[string, string]> = [
  ['High-purity', '고순도'],
  ['Ultra-thin', '초박막'],
  ['Low-loss', '저손실'],
  ['High-density', '고밀도'],
  ['Wide-bandgap', '와이드밴드갭'],
  ['Flexible', '유연'],
  ['Solid-state', '전고체'],
  ['Heat-resistant', '내열'],
  ['Lightweight', '경량'],
  ['Nanoscale', '나노'],
  ['Self-healing', '자가치유'],
  ['Bio-based', '바이오기반'],
  ['Transparent', '투명'],
  ['Low-power', '저전력'],
  ['High-voltage', '고전압'],
  ['Precision', '정밀'],
  ['Autonomous', '자율'],
  ['Modular', '모듈형'],
  ['Hybrid', '하이브리드'],
  ['Recyclable', '재활용 가능'],
  ['Cryogenic', '극저온'],
  ['Radiation-hardened', '내방사선'],
  ['Quantum', '양자'],
  ['Photonic', '광'],
  ['Additive', '적층'],
  ['Smart', '스마트'],
  ['Next-generation', '차세대'],
  ['Ultra-fast', '초고속'],
  ['Corrosion-resistant', '내부식'],
  ['High-efficiency', '고효율'],
];
const NOUNS: Array<[string, string]> = [
  ['interposer', '인터포저'],
  ['photoresist', '포토레지스트'],
  ['wafer', '웨이퍼'],
  ['substrate', '기판'],
  ['cathode', '양극재'],
  ['anode', '음극재'],
  ['electrolyte', '전해질'],
  ['separator', '분리막'],
  ['sensor', '센서'],
  ['actuator', '액추에이터'],
  ['reducer', '감속기'],
  ['servo motor', '서보모터'],
  ['lidar', '라이다'],
  ['power module', '전력모듈'],
  ['inverter', '인버터'],
  ['membrane', '멤브레인'],
  ['catalyst', '촉매'],
  ['fuel cell', '연료전지'],
  ['display panel', '디스플레이 패널'],
  ['light emitter', '발광체'],
  ['micro LED', '마이크로 LED'],
  ['antibody', '항체'],
  ['vaccine platform', '백신 플랫폼'],
  ['cell culture', '세포배양'],
  ['biosensor', '바이오센서'],
  ['polymer', '고분자'],
  ['carbon fiber', '탄소섬유'],
  ['alloy', '합금'],
  ['ceramic', '세라믹'],
  ['magnet', '자석'],
  ['battery pack', '배터리팩'],
  ['thermal interface', '열계면'],
  ['optical fiber', '광섬유'],
  ['radio front-end', 'RF 프론트엔드'],
  ['chiplet', '칩렛'],
  ['memory cell', '메모리 셀'],
  ['logic gate', '로직 게이트'],
  ['gear', '기어'],
  ['hull coating', '선체 코팅'],
  ['turbine blade', '터빈 블레이드'],
];
const PROCESSES: Array<[string, string]> = [
  ['deposition', '증착'],
  ['etching', '식각'],
  ['bonding', '접합'],
  ['coating', '코팅'],
  ['synthesis', '합성'],
  ['inspection', '검사'],
  ['packaging', '패키징'],
  ['lithography', '리소그래피'],
  ['molding', '성형'],
  ['purification', '정제'],
  ['assembly', '조립'],
  ['simulation', '시뮬레이션'],
  ['characterization', '특성평가'],
  ['recycling', '재활용'],
  ['design', '설계'],
  ['control', '제어'],
  ['integration', '집적'],
  ['metrology', '계측'],
  ['sintering', '소결'],
  ['printing', '인쇄'],
];
const COUNTRIES: Array<[string, number]> = [
  ['KR', 0.35],
  ['US', 0.15],
  ['JP', 0.12],
  ['DE', 0.1],
  ['CN', 0.08],
  ['TW', 0.05],
  ['FR', 0.04],
  ['GB', 0.04],
  ['NL', 0.03],
  ['CH', 0.02],
  ['SE', 0.02],
];
const KR_PREFIXES: Array<[string, string]> = [
  ['Hanbit', '한빛'],
  ['Saerom', '새롬'],
  ['Daehan', '대한'],
  ['Mirae', '미래'],
  ['Nuri', '누리'],
  ['Hanul', '하늘'],
  ['Sejong', '세종'],
  ['Gaon', '가온'],
  ['Dasan', '다산'],
  ['Areum', '아름'],
  ['Hyeonam', '현암'],
  ['Baekdu', '백두'],
  ['Cheongsol', '청솔'],
  ['Seorin', '서린'],
  ['Jinseong', '진성'],
  ['Haeorum', '해오름'],
  ['Onnuri', '온누리'],
  ['Bitsaem', '빛샘'],
  ['Taeyang', '태양'],
  ['Geumgang', '금강'],
];
const FOREIGN_PREFIXES = [
  'Northfield',
  'Bayside',
  'Rheinwerk',
  'Kitagawa',
  'Lumen',
  'Altair',
  'Crestline',
  'Helvetia',
  'Osaka Seimitsu',
  'Westbrook',
  'Delft',
  'Nordic',
  'Zhonghe',
  'Formosa',
  'Lyonnaise',
  'Thames',
  'Sakura',
  'Vektor',
  'Polaris',
  'Meridian',
  'Ironbridge',
  'Bluewater',
  'Aurora',
  'Granite',
  'Summit',
];
const FIELDS: Array<[string, string]> = [
  ['Materials', '소재'],
  ['Semitech', '세미텍'],
  ['Energy', '에너지'],
  ['Robotics', '로보틱스'],
  ['Photonics', '포토닉스'],
  ['Biologics', '바이오로직스'],
  ['Systems', '시스템즈'],
  ['Precision', '정밀'],
  ['Chemicals', '화학'],
  ['Devices', '디바이스'],
  ['Mobility', '모빌리티'],
  ['Instruments', '인스트루먼트'],
  ['Electronics', '전자'],
  ['Dynamics', '다이내믹스'],
  ['Labs', '랩스'],
];
const TYPE_SUFFIX: Record<string, [string, string]> = {
  COMPANY: ['Co.', '(주)'],
  RESEARCH_INSTITUTE: ['Research Institute', '연구원'],
  UNIVERSITY: ['University', '대학교'],
};
const GIVEN = [
  'Minjun',
  'Seoyeon',
  'Jiho',
  'Hayun',
  'Alice',
  'Hiroshi',
  'Anna',
  'Lukas',
  'Wei',
  'Claire',
  'Oliver',
  'Yuki',
  'Sofia',
  'Daniel',
];
const FAMILY = [
  'Kim',
  'Lee',
  'Park',
  'Choi',
  'Jung',
  'Smith',
  'Tanaka',
  'Müller',
  'Wang',
  'Martin',
  'Brown',
  'Sato',
  'Jansen',
  'Chen',
];
const PROGRAMS: Array<[string, string, string]> = [
  ['program:bench-chokepoint-joint-rnd', 'Chokepoint technology joint R&D', '급소기술 국제공동연구'],
  ['program:bench-original-technology', 'Industrial original technology development', '산업원천기술 개발'],
  ['program:bench-cooperation-centers', 'Global cooperation centers', '글로벌 협력센터'],
  ['program:bench-global-talent', 'Global technology talent exchange', '글로벌 기술인재 교류'],
];

const SOURCE_ID = 'source:bench-synthetic-graph';

export function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function generate(size: Size, seed = 42): Generated {
  const spec = SIZES[size];
  const rand = rng(seed * 7919 + (size === 'S' ? 1 : 2));
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const gauss = () => {
    let s = 0;
    for (let i = 0; i < 6; i++) s += rand();
    return (s - 3) / Math.sqrt(0.5);
  };
  function shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
  /** n whole numbers summing to `total`, each in [lo, hi], spread around the mean. */
  function spread(n: number, total: number, lo: number, hi: number): number[] {
    const base = Math.floor(total / n);
    const out = Array<number>(n).fill(base);
    for (const i of shuffle([...Array(n).keys()]).slice(0, total - base * n)) out[i] += 1;
    for (let m = 0; m < n * 2; m++) {
      const a = Math.floor(rand() * n);
      const b = Math.floor(rand() * n);
      const d = 1 + Math.floor(rand() * 3);
      if (a !== b && out[a] - d >= lo && out[b] + d <= hi) {
        out[a] -= d;
        out[b] += d;
      }
    }
    return out;
  }
  const fact = { provenance: 'ILLUSTRATIVE' as const, sources: [SOURCE_ID] };

  const doc: GraphDocument = {
    format: 'techgraph/graph@1',
    sources: [
      {
        id: SOURCE_ID,
        title: `Synthetic benchmark graph, size ${size}, seed ${seed} (bench/generate.ts)`,
        publisher: 'techgraph bench',
        kind: 'DATASET',
        provenance: 'ILLUSTRATIVE',
        sources: [],
      },
    ],
    sectors: [],
    stages: [],
    technologies: [],
    organizations: [],
    people: [],
    programs: [],
    budgetLines: [],
    projects: [],
    reviews: [],
    centers: [],
    relationships: [],
  };
  const rels = doc.relationships!;
  const rel = (type: string, from: string, to: string, props: Record<string, unknown> = {}) =>
    rels.push({ type, from, to, ...props, ...fact } as RelationshipRecord);

  // Sectors and stages.
  const nSectors = spec.sectorSizes.length;
  const sectorIds: string[] = [];
  const stageIds: string[][] = [];
  for (let s = 0; s < nSectors; s++) {
    const [en, ko] = SECTORS[s];
    const id = `sector:${slug(en)}`;
    sectorIds.push(id);
    doc.sectors!.push({ id, name: en, nameKo: ko, ...fact });
    stageIds.push(
      STAGES.map(([sen, sko], k) => {
        const sid = `stage:${slug(en)}-${k + 1}-${slug(sen)}`;
        doc.stages!.push({ id: sid, name: `${en}: ${sen}`, nameKo: `${ko} ${sko}`, order: k + 1, sector: id, ...fact });
        return sid;
      }),
    );
  }

  // Technologies: unique names from adjective × noun × process, a fifth of each sector per stage.
  const combos = shuffle(
    ADJECTIVES.flatMap((a, i) => NOUNS.flatMap((n, j) => PROCESSES.map((_, k) => [i, j, k] as const))),
  );
  interface Tech {
    id: string;
    sector: number;
    stage: number;
    kind: string;
  }
  const techs: Tech[] = [];
  const bySectorStage: Tech[][][] = spec.sectorSizes.map(() => STAGES.map(() => []));
  let c = 0;
  for (let s = 0; s < nSectors; s++) {
    const n = spec.sectorSizes[s];
    for (let i = 0; i < n; i++) {
      const stage = Math.floor((i * STAGES.length) / n) + 1;
      const [ai, ni, pi] = combos[c++];
      const name = `${ADJECTIVES[ai][0]} ${NOUNS[ni][0]} ${PROCESSES[pi][0]}`;
      const nameKo = `${ADJECTIVES[ai][1]} ${NOUNS[ni][1]} ${PROCESSES[pi][1]} 기술`;
      const kind = chance(0.08) ? 'CHOKEPOINT' : chance(0.11) ? 'ORIGINAL' : 'OTHER';
      const t: Tech = { id: `tech:${slug(name)}`, sector: s, stage, kind };
      techs.push(t);
      bySectorStage[s][stage - 1].push(t);
      const rec: NodeRecord = { id: t.id, name, nameKo, kind, ...fact };
      if (kind !== 'OTHER') {
        if (chance(0.7)) rec.domesticYearsToDevelop = int(1, 9);
        if (chance(0.5)) rec.coopTimeSavingYears = int(0, 4);
        if (chance(0.5)) rec.coopCostSavingPct = int(10, 80);
        if (chance(0.6)) rec.needsOverseasCertification = chance(0.4);
      }
      doc.technologies!.push(rec);
      rel('IN_SECTOR', t.id, sectorIds[s]);
      rel('AT_STAGE', t.id, stageIds[s][stage - 1]);
    }
  }

  // Dependencies: to an earlier stage of the same sector, or to a materials technology of another sector.
  const foundationOf = (s: number) => bySectorStage[s][0];
  const pool = shuffle(sectorIds.flatMap((_, s) => (s === 0 ? [] : foundationOf(s))));
  const suppliers = pool.slice(0, CHAIN_SUPPLIERS);
  if (suppliers.length < CHAIN_SUPPLIERS) throw new Error('not enough materials technologies for the chain sector');
  const supplierQueue = shuffle([...suppliers]);
  const dependents = techs.filter((t) => t.stage > 1);
  const depCounts = spread(dependents.length, spec.dependencies, 1, 8);
  const deps = new Set<string>();
  const depList: Array<[Tech, Tech]> = [];
  const addDep = (a: Tech, b: Tech) => {
    const key = `${a.id} ${b.id}`;
    if (deps.has(key)) return false;
    deps.add(key);
    depList.push([a, b]);
    return true;
  };
  const drawInput = (t: Tech): Tech => {
    if (chance(0.15)) {
      if (t.sector === 0) return supplierQueue.pop() ?? pick(suppliers);
      let s = Math.floor(rand() * (nSectors - 1));
      if (s >= t.sector) s += 1;
      return pick(foundationOf(s));
    }
    const stage = chance(0.6) ? t.stage - 1 : int(1, t.stage - 1);
    return pick(bySectorStage[t.sector][stage - 1]);
  };
  dependents.forEach((t, i) => {
    for (let k = 0, tries = 0; k < depCounts[i] && tries < 50; tries++) if (addDep(t, drawInput(t))) k++;
  });
  while (depList.length < spec.dependencies) {
    const t = pick(dependents);
    addDep(t, drawInput(t));
  }
  for (const [a, b] of depList) rel('DEPENDS_ON', a.id, b.id);

  // Organizations: country, type, one to three sectors (the chain sector's share keeps its partner lists busy).
  interface Org {
    id: string;
    country: string;
    type: string;
    strength: number;
    sectors: number[];
  }
  const orgs: Org[] = [];
  const orgsBySector: Org[][] = sectorIds.map(() => []);
  const usedOrgNames = new Set<string>();
  const drawCountry = () => {
    let x = rand();
    for (const [code, p] of COUNTRIES) {
      if ((x -= p) < 0) return code;
    }
    return 'KR';
  };
  for (let i = 0; i < spec.organizations; i++) {
    const country = drawCountry();
    const type = chance(0.6) ? 'COMPANY' : chance(0.5) ? 'RESEARCH_INSTITUTE' : 'UNIVERSITY';
    const [fen, fko] = pick(FIELDS);
    let name: string;
    let nameKo: string | undefined;
    if (country === 'KR') {
      const [pen, pko] = pick(KR_PREFIXES);
      name = `${pen} ${fen} ${TYPE_SUFFIX[type][0]}`;
      nameKo = `${pko}${fko}${TYPE_SUFFIX[type][1]}`;
    } else {
      name = `${pick(FOREIGN_PREFIXES)} ${fen} ${type === 'COMPANY' ? pick(['Inc.', 'GmbH', 'Ltd.', 'Corp.', 'AG', 'S.A.']) : TYPE_SUFFIX[type][0]}`;
    }
    for (let n = 2; usedOrgNames.has(name); n++) {
      name = `${name.replace(/ \d+$/, '')} ${n}`;
      if (nameKo) nameKo = `${nameKo.replace(/ \d+$/, '')} ${n}`;
    }
    usedOrgNames.add(name);
    const sectors = [
      ...new Set([
        chance(0.25) ? 0 : int(0, nSectors - 1),
        ...Array.from({ length: int(0, 2) }, () => int(0, nSectors - 1)),
      ]),
    ];
    const o: Org = {
      id: `org:${slug(name)}`,
      country,
      type,
      strength: 70 + gauss() * 8 - (country === 'KR' ? 3 : 0),
      sectors,
    };
    orgs.push(o);
    for (const s of sectors) orgsBySector[s].push(o);
    doc.organizations!.push({ id: o.id, name, ...(nameKo ? { nameKo } : {}), type, country, ...fact });
  }
  // Two Korean public bodies that run the programs.
  const ministry = 'org:bench-ministry-of-industry';
  const agency = 'org:bench-technology-evaluation-agency';
  doc.organizations!.push(
    {
      id: ministry,
      name: 'Ministry of Trade, Industry and Energy (synthetic)',
      nameKo: '산업통상자원부 (합성)',
      type: 'MINISTRY',
      country: 'KR',
      ...fact,
    },
    {
      id: agency,
      name: 'Technology Evaluation Agency (synthetic)',
      nameKo: '기술평가원 (합성)',
      type: 'AGENCY',
      country: 'KR',
      ...fact,
    },
  );

  // Capabilities: 2–40 organizations per technology from those active in its sector.
  const capCounts = spread(techs.length, spec.capabilities, 2, 40);
  const capsByTech = new Map<string, Array<{ o: Org; level: number; core: boolean }>>();
  techs.forEach((t, i) => {
    const candidates = orgsBySector[t.sector];
    const chosen = new Set<Org>();
    const want = Math.min(capCounts[i], candidates.length);
    while (chosen.size < want) chosen.add(pick(candidates));
    const list: Array<{ o: Org; level: number; core: boolean }> = [];
    for (const o of chosen) {
      const penalty = o.country === 'KR' && t.kind === 'CHOKEPOINT' ? 12 : 0;
      const level = Math.max(5, Math.min(99, Math.round(o.strength + gauss() * 9 - penalty)));
      const core = level >= 88 && chance(0.35);
      list.push({ o, level, core });
      rel('HAS_CAPABILITY', o.id, t.id, { level, ...(core ? { holdsCoreIp: true } : {}), asOf: '2023-12-01' });
    }
    capsByTech.set(t.id, list);
  });

  // Companies rely on technologies of their sectors.
  const companies = orgs.filter((o) => o.type === 'COMPANY');
  const relies = new Set<string>();
  while (relies.size < spec.reliesOn) {
    const o = pick(companies);
    const t = pick(bySectorStage[pick(o.sectors)][int(2, STAGES.length) - 1]);
    const key = `${o.id} ${t.id}`;
    if (!relies.has(key)) {
      relies.add(key);
      rel('RELIES_ON', o.id, t.id);
    }
  }

  // Programs, budget lines, targets.
  for (const [id, name, nameKo] of PROGRAMS) {
    doc.programs!.push({ id, name, nameKo, ...fact });
    rel('RUNS', ministry, id);
    doc.budgetLines!.push({
      id: `budget:${id.slice(8)}-2024-2030`,
      program: id,
      fromYear: 2024,
      toYear: 2030,
      amountKrw: int(100, 900) * 1_000_000_000,
      ...fact,
    });
    doc.budgetLines!.push({
      id: `budget:${id.slice(8)}-2024`,
      program: id,
      fromYear: 2024,
      toYear: 2024,
      amountKrw: int(10, 90) * 1_000_000_000,
      ...fact,
    });
  }
  for (const t of techs) {
    if (t.kind === 'CHOKEPOINT') rel('TARGETS', PROGRAMS[0][0], t.id);
    if (t.kind === 'ORIGINAL') rel('TARGETS', PROGRAMS[1][0], t.id);
  }

  // Projects: a Korean lead and foreign partners able in the technology; reviews of active ones.
  const krOrgs = orgs.filter((o) => o.country === 'KR');
  const chainInputs = techs.filter((x) => x.sector === 0 && x.stage <= 2);
  const techName = new Map(doc.technologies!.map((r) => [r.id, r.name as string]));
  for (let i = 0; i < spec.projects; i++) {
    const t = chance(0.3) ? pick(chainInputs) : pick(techs);
    const id = `project:bench-${String(i + 1).padStart(5, '0')}`;
    const status = pick(['PLANNED', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'COMPLETED', 'COMPLETED', 'CANCELLED']);
    const startYear = int(2020, 2026);
    doc.projects!.push({
      id,
      title: `Joint development of ${techName.get(t.id)}`,
      status,
      startYear,
      endYear: startYear + int(2, 5),
      budgetKrw: int(5, 200) * 100_000_000,
      program: pick(PROGRAMS)[0],
      ...fact,
    });
    rel('DEVELOPS', id, t.id);
    const able = capsByTech.get(t.id)!;
    const krAble = able.filter((x) => x.o.country === 'KR');
    const lead = krAble.length ? pick(krAble).o : pick(krOrgs);
    rel('PARTICIPATES_IN', lead.id, id, { role: 'LEAD' });
    const partners = new Set(able.filter((x) => x.o.country !== 'KR').map((x) => x.o));
    for (const p of shuffle([...partners]).slice(0, int(1, 3))) rel('PARTICIPATES_IN', p.id, id, { role: 'PARTNER' });
    rel('PARTICIPATES_IN', agency, id, { role: 'MANAGER' });
    if (status === 'ACTIVE') {
      for (let r = 0, n = int(0, 3); r < n; r++) {
        doc.reviews!.push({
          id: `review:bench-${String(i + 1).padStart(5, '0')}-${r + 1}`,
          project: id,
          kind: pick(['PEER', 'ANONYMOUS_EXPERT', 'PROGRESS']),
          date: `${int(2024, 2025)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
          ...fact,
        });
      }
    }
  }

  // Cooperation centers hosted by foreign universities and institutes.
  const hosts = shuffle(orgs.filter((o) => o.country !== 'KR' && o.type !== 'COMPANY'));
  for (let i = 0; i < spec.centers && i < hosts.length; i++) {
    const host = hosts[i];
    const id = `center:bench-${String(i + 1).padStart(3, '0')}`;
    doc.centers!.push({
      id,
      name: `Korea cooperation center ${i + 1}`,
      nameKo: `한국 협력센터 ${i + 1}`,
      host: host.id,
      establishedYear: int(2015, 2024),
      ...fact,
    });
    rel('FOCUSES_ON', id, sectorIds[pick(host.sectors)]);
  }

  // People working for organizations.
  for (let i = 0; i < spec.people; i++) {
    const id = `person:bench-${String(i + 1).padStart(5, '0')}`;
    doc.people!.push({ id, name: `${pick(GIVEN)} ${pick(FAMILY)}`, ...fact });
    rel('WORKS_FOR', id, pick(orgs).id, {
      title: pick(['CTO', 'Principal researcher', 'Professor', 'Director', 'Engineer']),
    });
  }

  // Evidence of version 2 (drawn last, so the graph before it is the same as without it): national assessments
  // of a third of the technologies (KR and one to three other countries, rounds 2020 and 2022), complete supply
  // listings of 2023 for a fifth (two to five countries whose shares sum to 100, KR in some; some organizations listed
  // without a number) and Korean import figures for a tenth. So every status and figure of the gap questions is
  // exercised at the bench's sizes.
  const foreignCountries = COUNTRIES.map(([c]) => c).filter((c) => c !== 'KR');
  doc.assessments = [];
  doc.supplyListings = [];
  doc.supplyShares = [];
  doc.importDependences = [];
  for (const t of techs) {
    const slugOf = t.id.slice('tech:'.length);
    if (chance(1 / 3)) {
      const countries = ['KR', ...new Set(Array.from({ length: int(1, 3) }, () => pick(foreignCountries)))];
      const best = pick(countries);
      for (const c of countries) {
        let level = c === best ? 100 : Math.max(20, Math.min(99, Math.round(72 + gauss() * 10)));
        for (const round of [2020, 2022]) {
          doc.assessments.push({
            id: `assessment:${slugOf}-${c.toLowerCase()}-${round}`,
            technology: t.id,
            country: c,
            level,
            round,
            yearsBehind: Math.round(((100 - level) / 8) * 10) / 10,
            publisher: 'techgraph bench',
            ...fact,
          });
          if (c !== best) level = Math.min(99, level + int(0, 4));
        }
      }
    }
    if (chance(0.2)) {
      const listing = `listing:${slugOf}-2023`;
      doc.supplyListings.push({
        id: listing,
        technology: t.id,
        year: 2023,
        complete: true,
        completeBecause: 'synthetic shares sum to 100',
        ...fact,
      });
      const countries = [
        ...new Set([
          ...(chance(0.4) ? ['KR'] : []),
          ...Array.from({ length: int(2, 5) }, () => pick(foreignCountries)),
        ]),
      ];
      let left = 100;
      countries.forEach((c, k) => {
        const value = k === countries.length - 1 ? left : Math.round(left * (0.3 + rand() * 0.6));
        left -= value;
        doc.supplyShares!.push({
          id: `share:${slugOf}-2023-${c.toLowerCase()}`,
          listing,
          country: c,
          share: value,
          ...fact,
        });
      });
      for (const o of new Set(Array.from({ length: int(0, 3) }, () => pick(orgsBySector[t.sector])))) {
        doc.supplyShares.push({
          id: `share:${slugOf}-2023-${o.id.slice('org:'.length)}`,
          listing,
          organization: o.id,
          ...fact,
        });
      }
    }
    if (chance(0.1)) {
      let left = 100;
      for (const c of new Set(Array.from({ length: int(1, 3) }, () => pick(foreignCountries)))) {
        const value = Math.round(left * (0.5 + rand() * 0.5));
        left -= value;
        doc.importDependences.push({
          id: `importdep:${slugOf}-kr-${c.toLowerCase()}-2023`,
          technology: t.id,
          importer: 'KR',
          exporter: c,
          year: 2023,
          share: value,
          ...fact,
        });
      }
    }
  }

  // Probes: the chain sector's size (its technologies plus their upstream), and a technology with many candidates.
  const inputs = new Map<string, string[]>();
  for (const [a, b] of depList) {
    const l = inputs.get(a.id);
    if (l) l.push(b.id);
    else inputs.set(a.id, [b.id]);
  }
  const chain = new Set<string>();
  const stack = techs.filter((t) => t.sector === 0).map((t) => t.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (chain.has(id)) continue;
    chain.add(id);
    for (const b of inputs.get(id) ?? []) stack.push(b);
  }
  let partnerTechnology = '';
  let best = -1;
  for (const t of techs.filter((x) => x.sector === 0)) {
    const caps = capsByTech.get(t.id)!;
    const dom = Math.max(-1, ...caps.filter((x) => x.o.country === 'KR').map((x) => x.level));
    const ahead = caps.filter((x) => x.o.country !== 'KR' && x.level > dom).length;
    if (ahead > best || (ahead === best && t.id < partnerTechnology)) {
      best = ahead;
      partnerTechnology = t.id;
    }
  }
  const relCount = rels.length;
  const nodeCount = [
    'sources',
    'sectors',
    'stages',
    'technologies',
    'organizations',
    'people',
    'programs',
    'budgetLines',
    'projects',
    'reviews',
    'centers',
    'assessments',
    'supplyListings',
    'supplyShares',
    'importDependences',
  ].reduce((n, k) => n + ((doc as Record<string, unknown[]>)[k]?.length ?? 0), 0);
  return {
    doc,
    probes: {
      chainSector: sectorIds[0],
      chainSize: chain.size,
      partnerTechnology,
      searchText: 'interposer',
      nodeId: techs[Math.floor(techs.length / 2)].id,
    },
    counts: {
      nodes: nodeCount,
      relationships: relCount,
      technologies: techs.length,
      organizations: doc.organizations!.length,
      capabilities: rels.filter((r) => r.type === 'HAS_CAPABILITY').length,
      dependencies: depList.length,
    },
  };
}

// CLI
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const size = (arg('size') ?? 'S').toUpperCase() as Size;
  if (!(size in SIZES)) throw new Error('--size must be S or M');
  const g = generate(size, Number(arg('seed') ?? 42));
  const out = arg('out');
  if (out) writeFileSync(out, JSON.stringify(g.doc));
  process.stdout.write(`${JSON.stringify({ size, counts: g.counts, probes: g.probes })}\n`);
}
