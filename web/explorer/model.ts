// The explorer's picture of a view, put together from API answers (pure functions: no DOM, no fetching).
// A value chain = the sector's technologies (read API) + their upstream inputs within 10 hops, each with the status
// the server gives it: the gap rows of valueChainGaps, the unrated rows (evidenceBacklog of the sector), and for the
// rest Technology.standing. The page applies no status rule of its own: a technology the server has not (yet)
// answered for has no status, and says so.
// The shapes of the answers are the types generated from the explorer's own documents (generated/graphql.ts, by
// `npm run codegen` from queries.ts); only the view's own shapes (ChainNode, ChainView, ExposureView) are written here.
import type {
  ChainTechnologyFragment,
  ExplorerEvidenceBacklogQuery,
  ExplorerExposureQuery,
  ExplorerUpstreamQuery,
  GapRowFragment,
  GapStatus,
  Provenance,
  StandingFiguresFragment,
} from './generated/graphql.js';

export type { Provenance } from './generated/graphql.js';
export type Status = GapStatus;
/** Severity order, for sorting and the legend: the gaps, then the unrated, then LEADING. */
export const STATUSES: Status[] = ['ABSENT', 'LAGGING', 'FOLLOWING', 'PRESENT', 'UNKNOWN', 'LEADING'];
export const MAX_HOPS = 10;

const PROV_RANK: Record<Provenance, number> = { REPORTED: 3, ASSESSED: 2, ILLUSTRATIVE: 1 };

/** Whether a fact of provenance `p` is kept when facts below `min` are ignored. */
export function keeps(min: Provenance, p: string | null | undefined): boolean {
  return !!p && (PROV_RANK[p as Provenance] ?? 0) >= PROV_RANK[min];
}

/** What the page asks with: the view's home country and threshold and the lens's date and provenance filters. */
export interface Params {
  homeCountry: string;
  threshold: number;
  /** Structure and evidence below it are ignored. */
  minProvenance: Provenance;
  /** The day the question is asked on (YYYY-MM-DD); null = today (the server's default). */
  asOf: string | null;
  /** Evidence below it is ignored; null = minProvenance (the server's default). */
  minEvidence: Provenance | null;
}

/** The AnalysisLens input every analysis question is sent with (defaults left out, so the server applies them). */
export interface Lens {
  homeCountry: string;
  threshold: number;
  minProvenance: Provenance;
  asOf?: string;
  minEvidence?: Provenance;
}

export function lensOf(p: Params): Lens {
  const lens: Lens = { homeCountry: p.homeCountry, threshold: p.threshold, minProvenance: p.minProvenance };
  if (p.asOf) lens.asOf = p.asOf;
  if (p.minEvidence) lens.minEvidence = p.minEvidence;
  return lens;
}

/** The evidence filter in force: minEvidence, or minProvenance when it is not given (as the server reads the lens). */
export function evidenceFloor(p: Params): Provenance {
  return p.minEvidence ?? p.minProvenance;
}

export interface Named {
  id: string;
  name: string;
  nameKo?: string | null;
}

export interface OrgRef extends Named {
  country: string;
}

export interface StageRef extends Named {
  order: number;
  sector?: { id: string; name?: string; nameKo?: string | null } | null;
}

/** The technology member of an ExplorerUpstream answer (an upstream technology also names its sectors). */
type UpstreamTechnology = Extract<NonNullable<ExplorerUpstreamQuery['nodes'][number]>, { id: string }>;

/** A technology as the chain queries return it (fragment ChainTechnology): structure only, no figures. */
export type ChainTechnologyData = ChainTechnologyFragment & Partial<Pick<UpstreamTechnology, 'sectors'>>;

/** One row of valueChainGaps (fragment GapRow); `basis` is the lowest provenance of the evidence behind its figures. */
export type GapRow = GapRowFragment;

/** One unrated row (PRESENT or UNKNOWN) of the chain: evidenceBacklog. `basis` is the listing's provenance for
 *  PRESENT, null for UNKNOWN (nothing to rest on). */
export type UnratedRow = NonNullable<ExplorerEvidenceBacklogQuery['evidenceBacklog']>['nodes'][number];

/** Technology.standing (fragment StandingFigures), for the chain's technologies that are neither gap rows nor
 *  unrated (the LEADING ones). */
export type StandingRow = StandingFiguresFragment;

/** Which answer a drawn technology's status comes from. */
export type StatusSource = 'valueChainGaps' | 'evidenceBacklog' | 'standing';

/** A technology as drawn. */
export interface ChainNode extends Named {
  kind: string;
  provenance: Provenance;
  /** Lane key: a stage id of the viewed sector, UPSTREAM_LANE, or UNSTAGED_LANE. */
  lane: string;
  stage: StageRef | null;
  /** True when it is not IN_SECTOR the viewed sector (an input from elsewhere). */
  upstreamOnly: boolean;
  /** Its inputs (DEPENDS_ON targets) that are drawn. */
  deps: string[];
  /** The server's status; null while it has not answered, or when the analysis failed. */
  status: Status | null;
  statusFrom: StatusSource | null;
  domesticBest: number | null;
  foreignBest: number | null;
  gap: number | null;
  homeShare: number | null;
  hhi: number | null;
  /** The lowest provenance of the evidence behind the figures (null: no figures, or not known). */
  basis: Provenance | null;
  downstreamCount: number | null;
  chokepointScore: number | null;
  blocksCount: number | null;
  projectsCount: number | null;
  gapRow: GapRow | null;
  unratedRow: UnratedRow | null;
  /** Sector names of an upstream technology from another sector. */
  otherSectors: Named[];
}

export interface Lane {
  key: string;
  label: string;
  labelKo?: string | null;
  order: number;
}

export interface ChainView {
  kind: 'chain';
  sector: Named;
  lanes: Lane[];
  nodes: ChainNode[];
  edges: Array<{ source: string; target: string }>;
  gapTotal: number | null;
  unratedTotal: number | null;
  /** The unrated technologies in the server's order (downstream desc, then id): what to assess first. */
  backlog: string[];
  depthLimitReached: boolean;
  /** Set when the analysis could not be asked; statuses are then not shown at all. */
  analysisError: string | null;
  /** True while the analysis has not answered yet (the chain is drawn without statuses until it does). */
  analysisPending: boolean;
}

export const UPSTREAM_LANE = 'lane:upstream';
export const UNSTAGED_LANE = 'lane:unstaged';

export interface ChainInput {
  sector: Named;
  stages: StageRef[];
  /** The sector's technologies (IN_SECTOR kept at minProvenance). */
  sectorTechs: ChainTechnologyData[];
  /** Upstream technologies from outside the sector, by id. */
  upstream: Map<string, ChainTechnologyData>;
  gaps: GapRow[] | null;
  gapTotal: number | null;
  unrated: UnratedRow[] | null;
  unratedTotal: number | null;
  /** Technology.standing by id, for the technologies in neither list. */
  standings: Map<string, StandingRow> | null;
  gapDepthLimit: boolean;
  analysisError: string | null;
  analysisPending?: boolean;
  minProvenance: Provenance;
}

/** The kept inputs of a technology (dependency edge and target node at minProvenance). */
export function keptDeps(t: ChainTechnologyData, min: Provenance): string[] {
  return t.dependencies.edges
    .filter((e) => keeps(min, e.link?.provenance ?? t.provenance) && keeps(min, e.node.provenance))
    .map((e) => e.node.id);
}

/** Builds the drawn chain: nodes with lanes and the server's statuses, edges input → consumer. */
export function buildChain(input: ChainInput): ChainView {
  const { sector, minProvenance: min } = input;
  const stages = [...input.stages].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const stageIds = new Set(stages.map((s) => s.id));
  const gapById = new Map((input.gaps ?? []).map((g) => [g.technology.id, g]));
  const unratedById = new Map((input.unrated ?? []).map((u) => [u.technology.id, u]));
  const all = new Map<string, { t: ChainTechnologyData; inSector: boolean }>();
  for (const t of input.sectorTechs) all.set(t.id, { t, inSector: true });
  for (const [id, t] of input.upstream)
    if (!all.has(id) && keeps(min, t.provenance)) all.set(id, { t, inSector: false });

  const nodes: ChainNode[] = [];
  for (const { t, inSector } of all.values()) {
    const stagesKept = t.stages.edges
      .filter((e) => keeps(min, e.link?.provenance ?? t.provenance))
      .map((e) => e.node)
      .sort((a, b) => a.order - b.order);
    const own = stagesKept.find((s) => stageIds.has(s.id)) ?? null;
    const row = gapById.get(t.id) ?? null;
    const un = row ? null : (unratedById.get(t.id) ?? null);
    const st = row || un ? null : (input.standings?.get(t.id) ?? null);
    nodes.push({
      id: t.id,
      name: t.name,
      nameKo: t.nameKo,
      kind: t.kind,
      provenance: t.provenance,
      lane: !inSector ? UPSTREAM_LANE : own ? own.id : UNSTAGED_LANE,
      stage: own ?? stagesKept[0] ?? null,
      upstreamOnly: !inSector,
      deps: [],
      status: row?.status ?? un?.status ?? st?.status ?? null,
      statusFrom: row ? 'valueChainGaps' : un ? 'evidenceBacklog' : st ? 'standing' : null,
      domesticBest: row ? row.domesticBest : (st?.domesticBest ?? null),
      foreignBest: row ? row.foreignBest : (st?.foreignBest ?? null),
      gap: row ? row.gap : (st?.gap ?? null),
      homeShare: (row ?? un ?? st)?.homeShare ?? null,
      hhi: (row ?? un ?? st)?.hhi ?? null,
      basis: (row ?? un ?? st)?.basis ?? null,
      downstreamCount: (row ?? un)?.downstreamCount ?? null,
      chokepointScore: row ? row.chokepointScore : null,
      blocksCount: row ? row.blocks.length : null,
      projectsCount: (row ?? un)?.projects.length ?? null,
      gapRow: row,
      unratedRow: un,
      otherSectors: inSector ? [] : (t.sectors?.nodes ?? []),
    });
  }
  const drawn = new Set(nodes.map((n) => n.id));
  const edges: Array<{ source: string; target: string }> = [];
  for (const n of nodes) {
    const t = all.get(n.id)!.t;
    n.deps = keptDeps(t, min).filter((d) => drawn.has(d));
    for (const d of n.deps) edges.push({ source: d, target: n.id });
  }

  const lanes: Lane[] = [];
  if (nodes.some((n) => n.lane === UPSTREAM_LANE))
    lanes.push({ key: UPSTREAM_LANE, label: 'Inputs from other sectors', labelKo: '타 분야 투입', order: 0 });
  for (const s of stages) lanes.push({ key: s.id, label: `${s.order} · ${s.name}`, labelKo: s.nameKo, order: s.order });
  if (nodes.some((n) => n.lane === UNSTAGED_LANE))
    lanes.push({ key: UNSTAGED_LANE, label: 'No stage', labelKo: '단계 미지정', order: 999 });
  return {
    kind: 'chain',
    sector,
    lanes,
    nodes,
    edges,
    gapTotal: input.gapTotal,
    unratedTotal: input.unratedTotal,
    backlog: (input.unrated ?? []).map((u) => u.technology.id).filter((id) => drawn.has(id)),
    depthLimitReached: input.gapDepthLimit,
    analysisError: input.analysisError,
    analysisPending: !!input.analysisPending,
  };
}

/** The drawn technologies that neither list answered for: their standing is asked for (the LEADING ones). */
export function needingStanding(view: ChainView): string[] {
  return view.nodes
    .filter((n) => n.status == null)
    .map((n) => n.id)
    .sort();
}

/** Ids of the inputs a set of technologies needs that are not yet known, for the next upstream hop. */
export function missingInputs(techs: Iterable<ChainTechnologyData>, known: Set<string>, min: Provenance): string[] {
  const out = new Set<string>();
  for (const t of techs) for (const d of keptDeps(t, min)) if (!known.has(d)) out.add(d);
  return [...out].sort();
}

// ---------------------------------------------------------------------------------------------------------
// Exposure of an organization.

/** One row of an organization's exposure: a gap upstream and one path to it. */
export type ExposureRow = NonNullable<ExplorerExposureQuery['exposure']>['nodes'][number];

export interface ExposureNode extends Named {
  kind: string;
  /** Status where the node is itself an exposed gap; null for a technology only on a path. */
  status: Status | null;
  chokepointScore: number | null;
  gap: number | null;
  basis: Provenance | null;
  gapRow: GapRow | null;
  isOrg: boolean;
  /** Hops from the organization along the drawn paths (0 = the organization). */
  depth: number;
}

export interface ExposureView {
  kind: 'exposure';
  organization: OrgRef & { type: string };
  nodes: ExposureNode[];
  edges: Array<{ source: string; target: string; relation?: string }>;
  rows: ExposureRow[];
  total: number;
  depthLimitReached: boolean;
}

/** The organization at the right, what it relies on next to it, and every evidence path reaching left to the gaps. */
export function buildExposure(
  org: OrgRef & { type: string },
  rows: ExposureRow[],
  total: number,
  depthLimitReached: boolean,
): ExposureView {
  const nodes = new Map<string, ExposureNode>();
  nodes.set(org.id, {
    id: org.id,
    name: org.name,
    nameKo: org.nameKo,
    kind: 'ORGANIZATION',
    status: null,
    chokepointScore: null,
    gap: null,
    basis: null,
    gapRow: null,
    isOrg: true,
    depth: 0,
  });
  const edgeKeys = new Set<string>();
  const edges: ExposureView['edges'] = [];
  const addEdge = (source: string, target: string, relation?: string) => {
    const k = `${source}>${target}`;
    if (edgeKeys.has(k)) return;
    edgeKeys.add(k);
    edges.push({ source, target, relation });
  };
  for (const r of rows) {
    r.path.forEach((p, i) => {
      const prev = nodes.get(p.id);
      const depth = i + 1;
      if (!prev)
        nodes.set(p.id, {
          id: p.id,
          name: p.name,
          nameKo: p.nameKo,
          kind: p.kind,
          status: null,
          chokepointScore: null,
          gap: null,
          basis: null,
          gapRow: null,
          isOrg: false,
          depth,
        });
      else if (!prev.isOrg) prev.depth = Math.max(prev.depth, depth);
    });
    const first = r.path[0];
    if (first) addEdge(first.id, org.id, r.viaRelations.join(' + '));
    for (let i = 0; i + 1 < r.path.length; i++) addEdge(r.path[i + 1].id, r.path[i].id);
  }
  for (const r of rows) {
    const n = nodes.get(r.assessment.technology.id);
    if (n) {
      n.status = r.assessment.status;
      n.chokepointScore = r.assessment.chokepointScore;
      n.gap = r.assessment.gap;
      n.basis = r.assessment.basis;
      n.gapRow = r.assessment;
    }
  }
  return { kind: 'exposure', organization: org, nodes: [...nodes.values()], edges, rows, total, depthLimitReached };
}
