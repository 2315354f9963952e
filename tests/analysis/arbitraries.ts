// Random small graphs for the property tests, as import documents: technologies with a DEPENDS_ON DAG, sectors
// and stages, organizations of mixed countries with capability levels around the boundaries (59.99, 60, 80, τ),
// selection inputs that are often unknown, programs, projects, participations, reviews around the review
// window's edges, cooperation centers, budget lines, and every fact of a random provenance. The evidence of
// version 2 besides: capabilities dated around the lens's cut-offs, national assessments (several rounds of a
// country, ties on a round), supply listings complete or not with country shares and organization entries (with
// or without a number, within the validation rules), import figures; and a random lens (asOf, minEvidence,
// concentration), asked through the lens input or the deprecated separate arguments.
import fc from 'fast-check';
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../../src/domain/document.js';
import type { Prov, Question } from './reference.js';

const PROVS: Prov[] = ['REPORTED', 'ASSESSED', 'ILLUSTRATIVE'];
const prov = fc.constantFrom<Prov>(...PROVS);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

export const LEVELS = [0, 30, 55, 59.99, 60, 60.01, 75, 79.99, 80, 80.01, 90, 100];
export const THRESHOLDS = [80, 60, 59.99, 90, 100, 0, 55, 75.5];
export const AS_OF = ['2025-06-30', '2024-02-29', '2025-03-31'];
/** Every edge of the three windows: each asOf, the day after, each window's first day and the day before it. */
export const REVIEW_DATES = [
  '2025-06-30',
  '2025-07-01',
  '2024-07-01',
  '2024-06-30',
  '2024-02-29',
  '2024-03-01',
  '2023-03-01',
  '2023-02-28',
  '2025-03-31',
  '2025-04-01',
  '2024-04-01',
  '2024-03-31',
  '2024-12-01',
];
export const WORDS_EN = ['glass', 'core', 'panel', 'interposer', 'pellicle', 'resist', 'sensor'];
export const WORDS_KO = ['유리', '코어', '패널', '인터포저', '펠리클', '레지스트', '센서'];
export const COUNTRIES = ['KR', 'KR', 'US', 'DE', 'JP'];
/** Countries of evidence: those of the organizations and two without any (NL, CN). */
export const EVIDENCE_COUNTRIES = ['KR', 'KR', 'US', 'DE', 'JP', 'NL', 'CN'];
/** Lens days: a round or year Y counts from Y-12-31 on, so each is a cut-off's edge (the cut years are 2020, 2022, 2022, 2023, 2024). */
export const LENS_AS_OF = ['2021-06-01', '2022-12-31', '2023-12-30', '2024-01-01', '2025-01-01'];
/** Capability dates on both sides of each lens day. */
export const CAPABILITY_AS_OF = [
  '2020-12-31',
  '2021-06-01',
  '2021-06-02',
  '2022-12-31',
  '2023-01-01',
  '2023-12-30',
  '2023-12-31',
  '2024-01-01',
  '2024-12-31',
  '2025-01-02',
];
export const EVIDENCE_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
/** Shares whose squares and sums are exact in binary floating point (hhi compares exactly). */
export const SHARES = [0, 4, 5, 9.5, 30, 49.5, 50, 60, 90, 91, 100];
export const CONCENTRATIONS = [90, 90, 50, 60, 91, 100];
/**
 * Lenses asked of each graph. Importing a graph changes its counts, and Neo4j then replans the large analysis
 * statements (several seconds each): asking several lenses of one graph costs that once.
 */
export const LENSES = 3;

const level = fc.oneof(fc.constantFrom(...LEVELS), fc.integer({ min: 0, max: 100 }));
const word = fc.integer({ min: 0, max: WORDS_EN.length - 1 });

/**
 * Between half of `max` and `max` records. Neo4j replans a statement when a count it was planned with changes by more
 * than 75 % (e.g. from 0 to 5): graphs of comparable sizes let the plans made for one graph serve the next, and
 * planning the analysis statements costs far more than running them on these graphs.
 */
const half = (max: number) => ({ minLength: Math.ceil(max / 2), maxLength: max });

const raw = fc.record({
  techs: fc.array(
    fc.record({
      prov,
      kind: fc.constantFrom('CHOKEPOINT', 'ORIGINAL', 'OTHER'),
      w1: word,
      w2: word,
      years: opt(fc.constantFrom(1, 3, 3.01, 5)),
      time: opt(fc.constantFrom(0.5, 0.99, 1, 2)),
      cost: opt(fc.constantFrom(30, 49.9, 50, 70)),
      cert: opt(fc.boolean()),
    }),
    half(12),
  ),
  sectors: fc.array(prov, { minLength: 1, maxLength: 3 }),
  inSector: fc.array(fc.record({ t: fc.nat(), s: fc.nat(), prov }), half(14)),
  atStage: fc.array(fc.record({ t: fc.nat(), s: fc.nat(), prov }), half(8)),
  deps: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), prov }), half(20)),
  orgs: fc.array(
    fc.record({
      country: fc.constantFrom(...COUNTRIES),
      prov,
      name: fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta'),
    }),
    half(8),
  ),
  caps: fc.array(
    fc.record({
      o: fc.nat(),
      t: fc.nat(),
      level,
      core: opt(fc.boolean()),
      asOf: opt(fc.constantFrom(...CAPABILITY_AS_OF)),
      prov,
    }),
    half(26),
  ),
  assessments: fc.array(
    fc.record({
      t: fc.nat(),
      country: fc.constantFrom(...EVIDENCE_COUNTRIES),
      level,
      round: fc.constantFrom(...EVIDENCE_YEARS),
      behind: opt(fc.constantFrom(0, 2.5, 10)),
      prov,
    }),
    half(18),
  ),
  listings: fc.array(
    fc.record({
      t: fc.nat(),
      year: fc.constantFrom(...EVIDENCE_YEARS),
      complete: opt(fc.boolean()),
      prov,
      // A holder is a country (its share) or an organization's index (its entry); no share: listed without a number.
      shares: fc.array(
        fc.record({
          holder: fc.oneof(fc.constantFrom(...EVIDENCE_COUNTRIES), fc.nat()),
          share: opt(fc.constantFrom(...SHARES)),
          prov,
        }),
        { maxLength: 5 },
      ),
    }),
    half(12),
  ),
  imports: fc.array(
    fc.record({
      t: fc.nat(),
      importer: fc.constantFrom('KR', 'KR', 'US'),
      exporter: fc.constantFrom(...EVIDENCE_COUNTRIES),
      year: fc.constantFrom(...EVIDENCE_YEARS),
      share: fc.constantFrom(10, 50, 60, 89.99, 90, 95, 100),
      prov,
    }),
    half(10),
  ),
  relies: fc.array(fc.record({ o: fc.nat(), t: fc.nat(), prov }), half(7)),
  programs: fc.array(prov, { minLength: 1, maxLength: 2 }),
  targets: fc.array(fc.record({ p: fc.nat(), t: fc.nat(), prov }), half(10)),
  projects: fc.array(
    fc.record({
      program: opt(fc.nat()),
      status: fc.constantFrom('PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'),
      prov,
      budget: opt(fc.constantFrom(100, 2500)),
    }),
    half(5),
  ),
  develops: fc.array(fc.record({ pr: fc.nat(), t: fc.nat(), prov }), half(8)),
  parts: fc.array(fc.record({ o: fc.nat(), pr: fc.nat(), role: fc.constantFrom('LEAD', 'PARTNER'), prov }), half(10)),
  reviews: fc.array(fc.record({ pr: fc.nat(), date: fc.constantFrom(...REVIEW_DATES), prov }), half(10)),
  centers: fc.array(fc.record({ o: fc.nat(), prov }), half(2)),
  budgets: fc.array(
    fc.record({
      p: fc.nat(),
      from: fc.constantFrom(2024, 2025),
      span: fc.constantFrom(0, 0, 2, 6),
      amount: fc.constantFrom(100, 1000, 5000),
      projectCount: opt(fc.constantFrom(5, 50)),
      technologyCount: opt(fc.constantFrom(8, 80)),
      prov,
    }),
    half(4),
  ),
  // Several lenses per graph: the statements Neo4j plans for a graph serve every lens asked of it (see LENSES).
  lenses: fc.array(
    fc
      .record({
        home: fc.constantFrom('KR', 'KR', 'US'),
        tau: fc.constantFrom(...THRESHOLDS),
        minProvenance: prov,
        minEvidence: opt(prov),
        asOf: opt(fc.constantFrom(...LENS_AS_OF)),
        concentration: fc.constantFrom(...CONCENTRATIONS),
        // One lens in four is asked through the deprecated separate arguments (no asOf, no minEvidence).
        lens: fc.constantFrom(true, true, true, false),
      })
      .map((q): Question => (q.lens ? q : { ...q, minEvidence: undefined, asOf: undefined })),
    { minLength: LENSES, maxLength: LENSES },
  ),
});

export interface Case {
  doc: GraphDocument;
  /** The lens a check asks through (one of `lenses`). */
  q: Question;
  /** The lenses asked of this graph. */
  lenses: Question[];
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
    id: `tech:t${i}`,
    name: `${WORDS_EN[t.w1]} ${WORDS_EN[t.w2]} ${i}`,
    nameKo: `${WORDS_KO[t.w1]}${WORDS_KO[t.w2]} ${i}`,
    kind: t.kind,
    ...(t.years !== undefined ? { domesticYearsToDevelop: t.years } : {}),
    ...(t.time !== undefined ? { coopTimeSavingYears: t.time } : {}),
    ...(t.cost !== undefined ? { coopCostSavingPct: t.cost } : {}),
    ...(t.cert !== undefined ? { needsOverseasCertification: t.cert } : {}),
    ...fact(t.prov),
  }));
  const sectors: NodeRecord[] = g.sectors.map((p, i) => ({
    id: `sector:s${i}`,
    name: `Sector ${i}`,
    nameKo: `부문 ${i}`,
    ...fact(p),
  }));
  const stages: NodeRecord[] = g.sectors.map((p, i) => ({
    id: `stage:s${i}-a`,
    name: `Stage ${i}`,
    order: 1 + i,
    sector: `sector:s${i}`,
    ...fact(p),
  }));
  for (const x of g.inSector) rel('IN_SECTOR', tech(x.t), sector(x.s), x.prov);
  for (const x of g.atStage) rel('AT_STAGE', tech(x.t), `stage:s${x.s % g.sectors.length}-a`, x.prov);
  for (const x of g.deps) {
    const a = x.a % g.techs.length;
    const b = x.b % g.techs.length;
    if (a !== b) rel('DEPENDS_ON', `tech:t${Math.max(a, b)}`, `tech:t${Math.min(a, b)}`, x.prov); // higher needs lower: acyclic
  }
  const organizations: NodeRecord[] = g.orgs.map((o, i) => ({
    id: `org:o${i}`,
    name: o.name,
    type: 'COMPANY',
    country: o.country,
    ...fact(o.prov),
  }));
  for (const c of g.caps) {
    rel('HAS_CAPABILITY', org(c.o), tech(c.t), c.prov, {
      level: c.level,
      ...(c.core !== undefined ? { holdsCoreIp: c.core } : {}),
      ...(c.asOf !== undefined ? { asOf: c.asOf } : {}),
    });
  }
  const assessments: NodeRecord[] = g.assessments.map((a, i) => ({
    id: `assessment:a${i}`,
    technology: tech(a.t),
    country: a.country,
    level: a.level,
    round: a.round,
    ...(a.behind !== undefined ? { yearsBehind: a.behind } : {}),
    publisher: 'KISTEP',
    ...fact(a.prov),
  }));
  const supplyListings: NodeRecord[] = [];
  const supplyShares: NodeRecord[] = [];
  g.listings.forEach((l, i) => {
    const id = `listing:l${i}`;
    supplyListings.push({
      id,
      technology: tech(l.t),
      year: l.year,
      ...(l.complete !== undefined ? { complete: l.complete } : {}),
      ...(l.complete ? { completeBecause: 'the source covers the whole market' } : {}),
      ...fact(l.prov),
    });
    // The validation rules: one share per country and per organization; a complete listing's country shares sum to ≤ 100.5.
    const holders = new Set<string>();
    let sum = 0;
    for (const s of l.shares) {
      const holder = typeof s.holder === 'string' ? s.holder : org(s.holder);
      const country = !holder.startsWith('org:');
      if (holders.has(holder)) continue;
      if (l.complete && country && s.share !== undefined) {
        if (sum + s.share > 100.5) continue;
        sum += s.share;
      }
      holders.add(holder);
      supplyShares.push({
        id: `share:l${i}-${holders.size}`,
        listing: id,
        ...(country ? { country: holder } : { organization: holder }),
        ...(s.share !== undefined ? { share: s.share } : {}),
        ...fact(s.prov),
      });
    }
  });
  const importDependences: NodeRecord[] = g.imports
    .filter((d) => d.importer !== d.exporter)
    .map((d, i) => ({
      id: `importdep:d${i}`,
      technology: tech(d.t),
      importer: d.importer,
      exporter: d.exporter,
      year: d.year,
      share: d.share,
      ...fact(d.prov),
    }));
  for (const r of g.relies) rel('RELIES_ON', org(r.o), tech(r.t), r.prov);
  const programs: NodeRecord[] = g.programs.map((p, i) => ({ id: `program:p${i}`, name: `Program ${i}`, ...fact(p) }));
  for (const x of g.targets) rel('TARGETS', program(x.p), tech(x.t), x.prov);
  const projects: NodeRecord[] = g.projects.map((p, i) => ({
    id: `project:j${i}`,
    title: `Project ${i}`,
    status: p.status,
    ...(p.program !== undefined ? { program: program(p.program) } : {}),
    ...(p.budget !== undefined ? { budgetKrw: p.budget } : {}),
    ...fact(p.prov),
  }));
  if (projects.length) {
    for (const x of g.develops) rel('DEVELOPS', project(x.pr), tech(x.t), x.prov);
    for (const x of g.parts) rel('PARTICIPATES_IN', org(x.o), project(x.pr), x.prov, { role: x.role });
  }
  const reviews: NodeRecord[] = projects.length
    ? g.reviews.map((r, i) => ({
        id: `review:r${i}`,
        project: project(r.pr),
        date: r.date,
        kind: 'PROGRESS',
        ...fact(r.prov),
      }))
    : [];
  const centers: NodeRecord[] = g.centers.map((c, i) => ({
    id: `center:c${i}`,
    name: `Center ${i}`,
    host: org(c.o),
    ...fact(c.prov),
  }));
  const budgetLines: NodeRecord[] = g.budgets.map((b, i) => ({
    id: `budget:b${i}`,
    program: program(b.p),
    fromYear: b.from,
    toYear: b.from + b.span,
    amountKrw: b.amount,
    ...(b.projectCount !== undefined ? { projectCount: b.projectCount } : {}),
    ...(b.technologyCount !== undefined ? { technologyCount: b.technologyCount } : {}),
    ...fact(b.prov),
  }));
  const doc: GraphDocument = {
    sources: [{ id: 'source:ref', title: 'A reference', kind: 'REPORT', provenance: 'REPORTED', sources: [] }],
    sectors,
    stages,
    technologies,
    organizations,
    programs,
    projects,
    reviews,
    centers,
    budgetLines,
    assessments,
    supplyListings,
    supplyShares,
    importDependences,
    relationships: rels,
  };
  return {
    doc,
    q: g.lenses[0],
    lenses: g.lenses,
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
      if (l + 1 < layers)
        for (let j = 0; j < width; j++)
          relationships.push({ type: 'DEPENDS_ON', from: id(l, i), to: id(l + 1, j), ...ill });
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
export const layeredGraphs = fc
  .record({ width: fc.integer({ min: 2, max: 7 }), layers: fc.integer({ min: 2, max: 13 }) })
  .map(({ width, layers }) => ({ width, layers, doc: layeredGraph(width, layers) }));
