// Random small graphs for the property tests, as import documents: technologies with a DEPENDS_ON DAG, sectors
// and stages, organizations of mixed countries with capability levels around the boundaries (59.99, 60, 80, τ),
// selection inputs that are often unknown, programs, projects, participations, reviews around the review
// window's edges, cooperation centers, budget lines, and every fact of a random provenance.
import fc from 'fast-check';
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../../src/import/document.js';
import type { Prov, Question } from './reference.js';

const PROVS: Prov[] = ['REPORTED', 'ASSESSED', 'ILLUSTRATIVE'];
const prov = fc.constantFrom<Prov>(...PROVS);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

export const LEVELS = [0, 30, 55, 59.99, 60, 60.01, 75, 79.99, 80, 80.01, 90, 100];
export const THRESHOLDS = [80, 60, 59.99, 90, 100, 0, 55, 75.5];
export const AS_OF = ['2025-06-30', '2024-02-29', '2025-03-31'];
/** Every edge of the three windows: each asOf, the day after, each window's first day and the day before it. */
export const REVIEW_DATES = [
  '2025-06-30', '2025-07-01', '2024-07-01', '2024-06-30',
  '2024-02-29', '2024-03-01', '2023-03-01', '2023-02-28',
  '2025-03-31', '2025-04-01', '2024-04-01', '2024-03-31', '2024-12-01',
];
export const WORDS_EN = ['glass', 'core', 'panel', 'interposer', 'pellicle', 'resist', 'sensor'];
export const WORDS_KO = ['유리', '코어', '패널', '인터포저', '펠리클', '레지스트', '센서'];
export const COUNTRIES = ['KR', 'KR', 'US', 'DE', 'JP'];

const level = fc.oneof(fc.constantFrom(...LEVELS), fc.integer({ min: 0, max: 100 }));
const word = fc.integer({ min: 0, max: WORDS_EN.length - 1 });

const raw = fc.record({
  techs: fc.array(fc.record({
    prov,
    kind: fc.constantFrom('CHOKEPOINT', 'ORIGINAL', 'OTHER'),
    w1: word, w2: word,
    years: opt(fc.constantFrom(1, 3, 3.01, 5)),
    time: opt(fc.constantFrom(0.5, 0.99, 1, 2)),
    cost: opt(fc.constantFrom(30, 49.9, 50, 70)),
    cert: opt(fc.boolean()),
  }), { minLength: 2, maxLength: 9 }),
  sectors: fc.array(prov, { minLength: 1, maxLength: 2 }),
  inSector: fc.array(fc.record({ t: fc.nat(), s: fc.nat(), prov }), { maxLength: 10 }),
  atStage: fc.array(fc.record({ t: fc.nat(), s: fc.nat(), prov }), { maxLength: 6 }),
  deps: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), prov }), { maxLength: 14 }),
  orgs: fc.array(fc.record({ country: fc.constantFrom(...COUNTRIES), prov, name: fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta') }), { minLength: 1, maxLength: 6 }),
  caps: fc.array(fc.record({ o: fc.nat(), t: fc.nat(), level, core: opt(fc.boolean()), prov }), { maxLength: 18 }),
  relies: fc.array(fc.record({ o: fc.nat(), t: fc.nat(), prov }), { maxLength: 5 }),
  programs: fc.array(prov, { minLength: 1, maxLength: 2 }),
  targets: fc.array(fc.record({ p: fc.nat(), t: fc.nat(), prov }), { maxLength: 8 }),
  projects: fc.array(fc.record({
    program: opt(fc.nat()), status: fc.constantFrom('PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'), prov,
    budget: opt(fc.constantFrom(100, 2500)),
  }), { maxLength: 5 }),
  develops: fc.array(fc.record({ pr: fc.nat(), t: fc.nat(), prov }), { maxLength: 8 }),
  parts: fc.array(fc.record({ o: fc.nat(), pr: fc.nat(), role: fc.constantFrom('LEAD', 'PARTNER'), prov }), { maxLength: 10 }),
  reviews: fc.array(fc.record({ pr: fc.nat(), date: fc.constantFrom(...REVIEW_DATES), prov }), { maxLength: 10 }),
  centers: fc.array(fc.record({ o: fc.nat(), prov }), { maxLength: 2 }),
  budgets: fc.array(fc.record({
    p: fc.nat(), from: fc.constantFrom(2024, 2025), span: fc.constantFrom(0, 0, 2, 6), amount: fc.constantFrom(100, 1000, 5000),
    projectCount: opt(fc.constantFrom(5, 50)), technologyCount: opt(fc.constantFrom(8, 80)), prov,
  }), { maxLength: 4 }),
  question: fc.record({ home: fc.constantFrom('KR', 'KR', 'US'), tau: fc.constantFrom(...THRESHOLDS), minProvenance: prov }),
});

export interface Case {
  doc: GraphDocument;
  q: Question;
  sectors: string[];
  programs: string[];
  orgs: string[];
  techs: string[];
}

const fact = (p: Prov) => ({ provenance: p, sources: p === 'ILLUSTRATIVE' ? [] : ['source:ref'] });

export const graphs: fc.Arbitrary<Case> = raw.map((g) => {
  const tech = (i: number) => `tech:t${i % g.techs.length}`;
  const org = (i: number) => `org:o${i % g.orgs.length}`;
  const sector = (i: number) => `sector:s${i % g.sectors.length}`;
  const program = (i: number) => `program:p${i % g.programs.length}`;
  const project = (i: number) => `project:j${i % g.projects.length}`;
  const rels: RelationshipRecord[] = [];
  const seen = new Set<string>();
  const rel = (type: string, from: string, to: string, p: Prov, props: Record<string, unknown> = {}) => {
    const key = `${type}|${from}|${to}`;
    if (seen.has(key)) return;
    seen.add(key);
    rels.push({ type, from, to, ...props, ...fact(p) });
  };
  const technologies: NodeRecord[] = g.techs.map((t, i) => ({
    id: `tech:t${i}`, name: `${WORDS_EN[t.w1]} ${WORDS_EN[t.w2]} ${i}`, nameKo: `${WORDS_KO[t.w1]}${WORDS_KO[t.w2]} ${i}`, kind: t.kind,
    ...(t.years !== undefined ? { domesticYearsToDevelop: t.years } : {}),
    ...(t.time !== undefined ? { coopTimeSavingYears: t.time } : {}),
    ...(t.cost !== undefined ? { coopCostSavingPct: t.cost } : {}),
    ...(t.cert !== undefined ? { needsOverseasCertification: t.cert } : {}),
    ...fact(t.prov),
  }));
  const sectors: NodeRecord[] = g.sectors.map((p, i) => ({ id: `sector:s${i}`, name: `Sector ${i}`, nameKo: `부문 ${i}`, ...fact(p) }));
  const stages: NodeRecord[] = g.sectors.map((p, i) => ({ id: `stage:s${i}-a`, name: `Stage ${i}`, order: 1 + i, sector: `sector:s${i}`, ...fact(p) }));
  for (const x of g.inSector) rel('IN_SECTOR', tech(x.t), sector(x.s), x.prov);
  for (const x of g.atStage) rel('AT_STAGE', tech(x.t), `stage:s${x.s % g.sectors.length}-a`, x.prov);
  for (const x of g.deps) {
    const a = x.a % g.techs.length;
    const b = x.b % g.techs.length;
    if (a !== b) rel('DEPENDS_ON', `tech:t${Math.max(a, b)}`, `tech:t${Math.min(a, b)}`, x.prov); // higher needs lower: acyclic
  }
  const organizations: NodeRecord[] = g.orgs.map((o, i) => ({ id: `org:o${i}`, name: o.name, type: 'COMPANY', country: o.country, ...fact(o.prov) }));
  for (const c of g.caps) rel('HAS_CAPABILITY', org(c.o), tech(c.t), c.prov, { level: c.level, ...(c.core !== undefined ? { holdsCoreIp: c.core } : {}) });
  for (const r of g.relies) rel('RELIES_ON', org(r.o), tech(r.t), r.prov);
  const programs: NodeRecord[] = g.programs.map((p, i) => ({ id: `program:p${i}`, name: `Program ${i}`, ...fact(p) }));
  for (const x of g.targets) rel('TARGETS', program(x.p), tech(x.t), x.prov);
  const projects: NodeRecord[] = g.projects.map((p, i) => ({
    id: `project:j${i}`, title: `Project ${i}`, status: p.status,
    ...(p.program !== undefined ? { program: program(p.program) } : {}),
    ...(p.budget !== undefined ? { budgetKrw: p.budget } : {}),
    ...fact(p.prov),
  }));
  if (projects.length) {
    for (const x of g.develops) rel('DEVELOPS', project(x.pr), tech(x.t), x.prov);
    for (const x of g.parts) rel('PARTICIPATES_IN', org(x.o), project(x.pr), x.prov, { role: x.role });
  }
  const reviews: NodeRecord[] = projects.length
    ? g.reviews.map((r, i) => ({ id: `review:r${i}`, project: project(r.pr), date: r.date, kind: 'PROGRESS', ...fact(r.prov) }))
    : [];
  const centers: NodeRecord[] = g.centers.map((c, i) => ({ id: `center:c${i}`, name: `Center ${i}`, host: org(c.o), ...fact(c.prov) }));
  const budgetLines: NodeRecord[] = g.budgets.map((b, i) => ({
    id: `budget:b${i}`, program: program(b.p), fromYear: b.from, toYear: b.from + b.span, amountKrw: b.amount,
    ...(b.projectCount !== undefined ? { projectCount: b.projectCount } : {}),
    ...(b.technologyCount !== undefined ? { technologyCount: b.technologyCount } : {}),
    ...fact(b.prov),
  }));
  const doc: GraphDocument = {
    sources: [{ id: 'source:ref', title: 'A reference', kind: 'REPORT', provenance: 'REPORTED', sources: [] }],
    sectors, stages, technologies, organizations, programs, projects, reviews, centers, budgetLines, relationships: rels,
  };
  return {
    doc,
    q: g.question,
    sectors: sectors.map((s) => s.id),
    programs: programs.map((p) => p.id),
    orgs: organizations.map((o) => o.id),
    techs: technologies.map((t) => t.id),
  };
});

/**
 * The adversarial dependency graph of issue 20: `layers` layers of `width` technologies, each technology
 * DEPENDS_ON every technology of the next layer, so the number of paths grows as width^(layers − 1) while
 * nodes and edges grow only linearly. `org:user` RELIES_ON every technology of layer 0, nothing has a capability
 * (every technology is an ABSENT gap), and `tech:l00-0` is in `sector:layered`. Ids sort in layer order.
 */
export function layeredGraph(width: number, layers = 11): GraphDocument {
  const id = (l: number, i: number) => `tech:l${String(l).padStart(2, '0')}-${i}`;
  const ill = { provenance: 'ILLUSTRATIVE' as const, sources: [] };
  const technologies: NodeRecord[] = [];
  const relationships: RelationshipRecord[] = [];
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < width; i++) {
      technologies.push({ id: id(l, i), name: `Layer ${l} #${i}`, kind: 'OTHER', ...ill });
      // One foreign level each, so every technology is known and, with no home level, ABSENT: a gap on every walk
      // (without any evidence it would be UNKNOWN, and the gap questions would have no rows to walk for).
      relationships.push({ type: 'HAS_CAPABILITY', from: 'org:abroad', to: id(l, i), level: 90, ...ill });
      if (l + 1 < layers) for (let j = 0; j < width; j++) relationships.push({ type: 'DEPENDS_ON', from: id(l, i), to: id(l + 1, j), ...ill });
    }
  }
  for (let i = 0; i < width; i++) relationships.push({ type: 'RELIES_ON', from: 'org:user', to: id(0, i), ...ill });
  relationships.push({ type: 'IN_SECTOR', from: id(0, 0), to: 'sector:layered', ...ill });
  return {
    sectors: [{ id: 'sector:layered', name: 'Layered', ...ill }],
    technologies,
    organizations: [
      { id: 'org:user', name: 'User', type: 'COMPANY', country: 'KR', ...ill },
      { id: 'org:abroad', name: 'Abroad', type: 'RESEARCH_INSTITUTE', country: 'US', ...ill },
    ],
    relationships,
  };
}

/** Layered dense graphs (see layeredGraph) of random width and depth, for the fuzz and property tests. */
export const layeredGraphs = fc.record({ width: fc.integer({ min: 2, max: 7 }), layers: fc.integer({ min: 2, max: 13 }) })
  .map(({ width, layers }) => ({ width, layers, doc: layeredGraph(width, layers) }));
