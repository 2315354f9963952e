// Fetching a view: the operations in queries.ts, page after page, each recorded for "Open in playground".
// Page sizes start modest and halve when the server says a request is over its limits (the same limits as for any
// client), so the page works under a stricter configuration too.
import { ApiError, gql, isLimitError, type Operation } from './api.js';
import {
  buildChain, buildExposure, keeps, lensOf, missingInputs, MAX_HOPS, needingStanding,
  type ChainTechnologyData, type ChainView, type ExposureRow, type ExposureView, type GapRow, type Named, type OrgRef,
  type Params, type Provenance, type StageRef, type StandingRow, type Status, type UnratedRow,
} from './model.js';
import {
  EVIDENCE_BACKLOG, EXPOSURE, MORE_INPUTS, SEARCH, SECTOR_CHAIN, SECTORS, STANDINGS, TECHNOLOGY_PANEL, UPSTREAM_NODES, VALUE_CHAIN_GAPS,
} from './queries.js';

export type { Params } from './model.js';

/** Records the operations behind a view (the first request of each, which is what a person would paste). */
export class OperationLog {
  readonly ops: Operation[] = [];
  add(op: Operation): void {
    if (!this.ops.some((o) => o.name === op.name)) this.ops.push(op);
  }
}

async function run<T>(op: Operation, log: OperationLog | null, signal?: AbortSignal) {
  log?.add(op);
  try {
    return await gql<T>(op, signal);
  } catch (e) {
    // A request the server stopped for taking too long is tried once more (its caches are warm then).
    if (e instanceof ApiError && e.code === 'TIMEOUT') return gql<T>(op, signal);
    throw e;
  }
}

/** Runs page after page of a connection, halving `first` on a limit error. */
async function pages<T, R>(
  make: (first: number, after: string | null) => Operation,
  pick: (data: T) => { rows: R[]; hasNext: boolean; end: string | null },
  log: OperationLog | null,
  signal: AbortSignal | undefined,
  startFirst: number,
): Promise<{ rows: R[]; data: T[] }> {
  let first = startFirst;
  let after: string | null = null;
  const rows: R[] = [];
  const data: T[] = [];
  for (let guard = 0; guard < 1000; guard++) {
    let res;
    try {
      res = await run<T>(make(first, after), after === null ? log : null, signal);
    } catch (e) {
      if (isLimitError(e) && first > 5) {
        first = Math.max(5, Math.floor(first / 2));
        continue;
      }
      throw e;
    }
    if (res.errors.length) throw new ApiError(res.errors[0].message, res.errors[0].extensions?.code, 200, res.errors);
    const p = pick(res.data);
    rows.push(...p.rows);
    data.push(res.data);
    if (!p.hasNext || !p.end) break;
    after = p.end;
  }
  return { rows, data };
}

export async function loadSectors(signal?: AbortSignal): Promise<Named[]> {
  const res = await gql<{ sectors: { nodes: Named[] } }>({ name: 'ExplorerSectors', query: SECTORS, variables: {} }, signal);
  return res.data.sectors.nodes;
}

interface SectorChainData {
  sector: (Named & {
    provenance: Provenance;
    stages: { edges: Array<{ link: { provenance: Provenance } | null; node: StageRef & { provenance: Provenance } }> };
    technologies: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ link: { provenance: Provenance } | null; node: ChainTechnologyData }>;
    };
  }) | null;
}

interface Page<R> {
  totalCount: number;
  depthLimitReached: boolean;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: R[];
}

interface GapsData {
  valueChainGaps: Page<GapRow> | null;
}

interface BacklogData {
  evidenceBacklog: Page<UnratedRow> | null;
}

/** How many technologies one ExplorerStandings request asks about. */
export const STANDING_BATCH = 50;

export class NotFound extends Error {}

/** Fetches the remaining inputs of technologies with more than one page of them (rare: most have a few). */
async function completeInputs(techs: ChainTechnologyData[], log: OperationLog, signal?: AbortSignal): Promise<void> {
  for (const t of techs) {
    let info = t.dependencies.pageInfo;
    while (info?.hasNextPage && info.endCursor) {
      const res = await run<{ technology: { dependencies: ChainTechnologyData['dependencies'] } | null }>(
        { name: 'ExplorerMoreInputs', query: MORE_INPUTS, variables: { id: t.id, after: info.endCursor } }, log, signal,
      );
      const more = res.data.technology?.dependencies;
      if (!more) break;
      t.dependencies.edges.push(...more.edges);
      info = more.pageInfo;
    }
  }
}

type Settled<T> = { ok: true; r: T } | { ok: false; e: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> => p.then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e }));

/** An analysis request that failed: rethrown when the whole view cannot go on (aborted, or a key is needed). */
function analysisFailure(question: string, e: unknown): string {
  if ((e as Error).name === 'AbortError') throw e;
  if (e instanceof ApiError && e.needsKey) throw e;
  return `${question}: ${(e as Error).message}`;
}

/** Technology.standing of these technologies under the lens, in batches of STANDING_BATCH. */
export async function loadStandings(ids: string[], p: Params, log: OperationLog, signal?: AbortSignal): Promise<Map<string, StandingRow>> {
  const out = new Map<string, StandingRow>();
  for (let i = 0; i < ids.length; i += STANDING_BATCH) {
    const res = await run<{ nodes: Array<{ id?: string; standing?: StandingRow | null } | null> }>(
      { name: 'ExplorerStandings', query: STANDINGS, variables: { ids: ids.slice(i, i + STANDING_BATCH), lens: lensOf(p) } }, log, signal,
    );
    if (res.errors.length) throw new ApiError(res.errors[0].message, res.errors[0].extensions?.code, 200, res.errors);
    for (const n of res.data.nodes) if (n?.id && n.standing) out.set(n.id, n.standing);
  }
  return out;
}

/** The sector's chain and the server's status of each of its technologies, ready to draw. */
export async function loadChain(
  sectorId: string, p: Params, log: OperationLog, signal?: AbortSignal, onPartial?: (view: ChainView) => void,
): Promise<ChainView> {
  const depFirst = 20;
  const lens = lensOf(p);
  const chainP = pages<SectorChainData, { link: { provenance: Provenance } | null; node: ChainTechnologyData }>(
    (first, after) => ({ name: 'ExplorerSectorChain', query: SECTOR_CHAIN, variables: { sector: sectorId, first, after, depFirst } }),
    (d) => {
      if (!d.sector) throw new NotFound(`There is no sector ${sectorId}.`);
      return { rows: d.sector.technologies.edges, hasNext: d.sector.technologies.pageInfo.hasNextPage, end: d.sector.technologies.pageInfo.endCursor };
    },
    log, signal, 40,
  );
  // The two lists of the analysis run while the chain is read.
  const gapsP = settle(pages<GapsData, GapRow>(
    (first, after) => ({ name: 'ExplorerValueChainGaps', query: VALUE_CHAIN_GAPS, variables: { sector: sectorId, lens, first, after } }),
    (d) => ({ rows: d.valueChainGaps?.nodes ?? [], hasNext: !!d.valueChainGaps?.pageInfo.hasNextPage, end: d.valueChainGaps?.pageInfo.endCursor ?? null }),
    log, signal, 100,
  ));
  const backlogP = settle(pages<BacklogData, UnratedRow>(
    (first, after) => ({ name: 'ExplorerEvidenceBacklog', query: EVIDENCE_BACKLOG, variables: { sector: sectorId, lens, first, after } }),
    (d) => ({ rows: d.evidenceBacklog?.nodes ?? [], hasNext: !!d.evidenceBacklog?.pageInfo.hasNextPage, end: d.evidenceBacklog?.pageInfo.endCursor ?? null }),
    log, signal, 100,
  ));

  let analysisSettled = false;
  void Promise.all([gapsP, backlogP]).then(() => { analysisSettled = true; });
  const chain = await chainP;
  await completeInputs(chain.rows.map((e) => e.node), log, signal);
  const sectorData = chain.data[0].sector!;
  const min = p.minProvenance;
  const sectorKept = keeps(min, sectorData.provenance);
  const sectorTechs = sectorKept
    ? chain.rows.filter((e) => keeps(min, e.link?.provenance ?? e.node.provenance) && keeps(min, e.node.provenance)).map((e) => e.node)
    : [];
  const stages = sectorData.stages.edges.filter((e) => keeps(min, e.link?.provenance ?? e.node.provenance) && keeps(min, e.node.provenance)).map((e) => e.node);

  // Upstream: inputs of the chain outside the sector, hop by hop (10 hops, as the analysis walks).
  const known = new Set(sectorTechs.map((t) => t.id));
  const upstream = new Map<string, ChainTechnologyData>();
  const walk = async (start: string[]) => {
    let wanted = start;
    for (let hop = 0; hop < MAX_HOPS && wanted.length; hop++) {
      const fetched: ChainTechnologyData[] = [];
      for (let i = 0; i < wanted.length; i += 40) {
        const ids = wanted.slice(i, i + 40);
        const res = await run<{ nodes: Array<ChainTechnologyData | null> }>(
          { name: 'ExplorerUpstream', query: UPSTREAM_NODES, variables: { ids, depFirst } }, log, signal,
        );
        for (const t of res.data.nodes) if (t && t.id && keeps(min, t.provenance)) fetched.push(t);
      }
      await completeInputs(fetched, log, signal);
      for (const id of wanted) known.add(id);
      for (const t of fetched) upstream.set(t.id, t);
      wanted = missingInputs(fetched, known, min);
    }
  };
  await walk(missingInputs(sectorTechs, known, min));
  const base = {
    sector: { id: sectorData.id, name: sectorData.name, nameKo: sectorData.nameKo }, stages, sectorTechs, upstream, minProvenance: min,
    gaps: null, gapTotal: null, unrated: null, unratedTotal: null, standings: null, gapDepthLimit: false,
  };

  // The chain can be drawn before the analysis answers (it may take a while on a large graph), without statuses.
  if (!analysisSettled && onPartial) onPartial(buildChain({ ...base, analysisError: null, analysisPending: true }));

  const [gapsRes, backlogRes] = await Promise.all([gapsP, backlogP]);
  const errors: string[] = [];
  let gaps: GapRow[] | null = null;
  let gapTotal: number | null = null;
  let unrated: UnratedRow[] | null = null;
  let unratedTotal: number | null = null;
  let gapDepth = false;
  if (!gapsRes.ok) errors.push(analysisFailure('valueChainGaps', gapsRes.e));
  else if (gapsRes.r.data[0]?.valueChainGaps) {
    gaps = gapsRes.r.rows;
    gapTotal = gapsRes.r.data[0].valueChainGaps.totalCount;
    gapDepth = gapsRes.r.data[0].valueChainGaps.depthLimitReached;
  } else if (sectorKept) errors.push('valueChainGaps answered null for a sector that exists.');
  else [gaps, gapTotal] = [[], 0];
  if (!backlogRes.ok) errors.push(analysisFailure('evidenceBacklog', backlogRes.e));
  else if (backlogRes.r.data[0]?.evidenceBacklog) {
    unrated = backlogRes.r.rows;
    unratedTotal = backlogRes.r.data[0].evidenceBacklog.totalCount;
    gapDepth ||= backlogRes.r.data[0].evidenceBacklog.depthLimitReached;
  } else if (sectorKept) errors.push('evidenceBacklog answered null for a sector that exists.');
  else [unrated, unratedTotal] = [[], 0];

  // Rows the walk did not reach (it should have): fetch them and their inputs too.
  const unreached = [...(gaps ?? []), ...(unrated ?? [])].map((g) => g.technology.id).filter((id) => !known.has(id));
  if (unreached.length) await walk([...new Set(unreached)].sort());

  if (errors.length) {
    // No status is guessed: the page says the analysis failed and draws the chain without statuses.
    return buildChain({ ...base, analysisError: errors.join('; '), analysisPending: false });
  }
  const listed = buildChain({ ...base, gaps, gapTotal, unrated, unratedTotal, gapDepthLimit: gapDepth, analysisError: null });
  let standings: Map<string, StandingRow> | null = null;
  let standingError: string | null = null;
  try {
    standings = await loadStandings(needingStanding(listed), p, log, signal);
  } catch (e) {
    standingError = analysisFailure('Technology.standing', e);
  }
  return buildChain({ ...base, gaps, gapTotal, unrated, unratedTotal, standings, gapDepthLimit: gapDepth, analysisError: standingError });
}

// ---------------------------------------------------------------------------------------------------------

export interface SourceRef {
  id: string;
  title: string;
  publisher?: string | null;
  publishedAt?: string | null;
  url?: string | null;
  kind: string;
}

export interface Fact {
  provenance: Provenance;
  sources: SourceRef[];
}

export interface Org extends OrgRef {
  type: string;
  provenance?: Provenance;
}

/** One record of the Evidence union, as the panel asks for it. */
export type EvidenceRecord =
  | (Fact & { __typename: 'Capability'; level: number; holdsCoreIp: boolean; asOf?: string | null; organization: OrgRef })
  | (Fact & { __typename: 'NationalAssessment'; id: string; country: string; level: number; yearsBehind?: number | null; round: number; publisher?: string | null })
  | (Fact & { __typename: 'SupplyListing'; id: string; year: number; complete: boolean; completeBecause?: string | null })
  | (Fact & { __typename: 'SupplyShare'; id: string; holderCountry?: string | null; percent: number | null; holder?: OrgRef | null })
  | (Fact & { __typename: 'ImportDependence'; id: string; importer: string; exporter: string; year: number; share: number });

export interface AssessmentData extends Fact {
  id: string;
  country: string;
  level: number;
  yearsBehind?: number | null;
  round: number;
  publisher?: string | null;
  note?: string | null;
}

export interface ShareData extends Fact {
  id: string;
  country?: string | null;
  share: number | null;
  note?: string | null;
  organization?: OrgRef | null;
}

export interface ListingData extends Fact {
  id: string;
  year: number;
  complete: boolean;
  completeBecause?: string | null;
  note?: string | null;
  countryShareSum?: number | null;
  shares: { totalCount: number; nodes: ShareData[] };
}

export interface ImportData extends Fact {
  id: string;
  importer: string;
  exporter: string;
  year: number;
  share: number;
}

export interface StandingData extends StandingRow {
  listingYear: number | null;
  evidence: EvidenceRecord[];
}

export interface TechnologyPanelData {
  technology: (Named & Fact & {
    kind: string;
    description?: string | null;
    domesticYearsToDevelop: number | null;
    coopTimeSavingYears: number | null;
    coopCostSavingPct: number | null;
    needsOverseasCertification: boolean | null;
    sectors: { nodes: Named[] };
    stages: { nodes: StageRef[] };
    dependencies: { totalCount: number; edges: Array<{ link: Fact | null; node: Named }> };
    dependents: { totalCount: number; edges: Array<{ link: Fact | null; node: Named }> };
    capabilities: { totalCount: number; nodes: Array<Fact & { level: number; holdsCoreIp: boolean; asOf?: string | null; organization: Org }> };
    assessments: { totalCount: number; nodes: AssessmentData[] };
    supplyListings: { totalCount: number; nodes: ListingData[] };
    importDependence: { totalCount: number; nodes: ImportData[] };
    projects: {
      totalCount: number;
      edges: Array<{
        link: Fact | null;
        node: Fact & { id: string; title: string; status: string; startYear?: number | null; endYear?: number | null; budgetKrw?: number | null; program?: Named | null };
      }>;
    };
  }) | null;
  /** The same technology, asked apart for its standing (null when the analysis failed). */
  standing: { id: string; standing: StandingData } | null;
  partnerCandidates: {
    status: string;
    domesticBest: number | null;
    totalCount: number;
    nodes: Array<{ organization: Org; level: number; holdsCoreIp: boolean; sharedProjectCount: number; hostsCooperationCenter: boolean; cooperationCenters: Named[]; basis: Provenance }>;
    suppliers: {
      totalCount: number;
      nodes: Array<{ organization: Org; share: number | null; listing: { id: string; year: number }; sharedProjectCount: number; hostsCooperationCenter: boolean; basis: Provenance }>;
    };
  } | null;
  jointRndEligibility: {
    eligible: string;
    c1: Criterion;
    c2: Criterion;
    c3: Criterion;
    foreignCoreIpHolders: OrgRef[];
  } | null;
}

export interface Criterion {
  criterion: string;
  value: string;
  reason: string;
}

export function technologyOperation(id: string, p: Params): Operation {
  return { name: 'ExplorerTechnology', query: TECHNOLOGY_PANEL, variables: { id, lens: lensOf(p), homeCountry: p.homeCountry } };
}

/** The panel's data; analysis fields that failed come back null with their error messages. */
export async function loadTechnology(id: string, p: Params, signal?: AbortSignal): Promise<{ data: TechnologyPanelData; errors: string[] }> {
  const res = await gql<TechnologyPanelData>(technologyOperation(id, p), signal);
  return { data: res.data, errors: res.errors.map((e) => `${(e.path ?? []).join('.')}: ${e.message}`) };
}

export interface SearchHit {
  kind: 'TECHNOLOGY' | 'ORGANIZATION' | 'SECTOR' | 'PERSON';
  match: string;
  score: number;
  name: string;
  nameKo?: string | null;
  /** For a technology, its status under the view's lens. */
  status?: Status | null;
  node: {
    id: string;
    kind?: string;
    sectors?: { nodes: Named[] };
    country?: string;
    type?: string;
    employments?: { nodes: Array<{ title?: string | null; organization: OrgRef }> };
  };
}

export function searchOperation(text: string, p: Params): Operation {
  return { name: 'ExplorerSearch', query: SEARCH, variables: { text, first: 12, lens: lensOf(p) } };
}

export async function search(text: string, p: Params, signal?: AbortSignal): Promise<{ hits: SearchHit[]; total: number }> {
  const res = await gql<{ search: { totalCount: number; nodes: SearchHit[] } }>(searchOperation(text, p), signal);
  return { hits: res.data.search.nodes, total: res.data.search.totalCount };
}

export interface OrganizationData {
  organization: (Org & Fact & {
    reliesOn: { totalCount: number; edges: Array<{ link: { provenance: Provenance } | null; node: Named }> };
    capabilities: { totalCount: number; nodes: Array<{ level: number; holdsCoreIp: boolean; provenance: Provenance; technology: Named }> };
  }) | null;
  exposure: { totalCount: number; depthLimitReached: boolean; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ExposureRow[] } | null;
}

export async function loadExposure(orgId: string, p: Params, log: OperationLog, signal?: AbortSignal): Promise<{ view: ExposureView; org: NonNullable<OrganizationData['organization']> }> {
  const res = await pages<OrganizationData, ExposureRow>(
    (first, after) => ({
      name: 'ExplorerExposure', query: EXPOSURE,
      variables: { organization: orgId, lens: lensOf(p), first, after },
    }),
    (d) => {
      if (!d.organization) throw new NotFound(`There is no organization ${orgId}.`);
      return { rows: d.exposure?.nodes ?? [], hasNext: !!d.exposure?.pageInfo.hasNextPage, end: d.exposure?.pageInfo.endCursor ?? null };
    },
    log, signal, 50,
  );
  const first = res.data[0];
  const org = first.organization!;
  const view = buildExposure(
    { id: org.id, name: org.name, nameKo: org.nameKo, country: org.country, type: org.type },
    res.rows, first.exposure?.totalCount ?? 0, !!first.exposure?.depthLimitReached,
  );
  return { view, org };
}
