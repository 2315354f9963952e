// Fetching a view: the operations in queries.ts, page after page, each recorded for "Open in playground".
// Page sizes start modest and halve when the server says a request is over its limits (the same limits as for any
// client), so the page works under a stricter configuration too.
import { ApiError, gql, isLimitError, type Operation } from './api.js';
import {
  buildChain, buildExposure, keeps, missingInputs, MAX_HOPS,
  type ChainTechnologyData, type ChainView, type ExposureRow, type ExposureView, type GapRow, type Named, type OrgRef,
  type Provenance, type StageRef,
} from './model.js';
import { EXPOSURE, MORE_INPUTS, SEARCH, SECTOR_CHAIN, SECTORS, TECHNOLOGY_PANEL, UPSTREAM_NODES, VALUE_CHAIN_GAPS } from './queries.js';

export interface Params {
  homeCountry: string;
  threshold: number;
  minProvenance: Provenance;
}

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

interface GapsData {
  valueChainGaps: { totalCount: number; depthLimitReached: boolean; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: GapRow[] } | null;
}

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

/** The sector's chain and its gaps, ready to draw. */
export async function loadChain(
  sectorId: string, p: Params, log: OperationLog, signal?: AbortSignal, onPartial?: (view: ChainView) => void,
): Promise<ChainView> {
  const depFirst = 20;
  const chainP = pages<SectorChainData, { link: { provenance: Provenance } | null; node: ChainTechnologyData }>(
    (first, after) => ({ name: 'ExplorerSectorChain', query: SECTOR_CHAIN, variables: { sector: sectorId, homeCountry: p.homeCountry, first, after, depFirst } }),
    (d) => {
      if (!d.sector) throw new NotFound(`There is no sector ${sectorId}.`);
      return { rows: d.sector.technologies.edges, hasNext: d.sector.technologies.pageInfo.hasNextPage, end: d.sector.technologies.pageInfo.endCursor };
    },
    log, signal, 40,
  );
  const gapsP = pages<GapsData, GapRow>(
    (first, after) => ({
      name: 'ExplorerValueChainGaps', query: VALUE_CHAIN_GAPS,
      variables: { sector: sectorId, homeCountry: p.homeCountry, threshold: p.threshold, minProvenance: p.minProvenance, first, after },
    }),
    (d) => ({ rows: d.valueChainGaps?.nodes ?? [], hasNext: !!d.valueChainGaps?.pageInfo.hasNextPage, end: d.valueChainGaps?.pageInfo.endCursor ?? null }),
    log, signal, 100,
  ).then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e }));

  let gapsSettled = false;
  void gapsP.then(() => { gapsSettled = true; });
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
          { name: 'ExplorerUpstream', query: UPSTREAM_NODES, variables: { ids, homeCountry: p.homeCountry, depFirst } }, log, signal,
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
  const base = { sector: { id: sectorData.id, name: sectorData.name, nameKo: sectorData.nameKo }, stages, sectorTechs, upstream, threshold: p.threshold, minProvenance: min };

  // The chain can be drawn before the analysis answers (it may take a while on a large graph): statuses from the
  // capability levels until then.
  if (!gapsSettled && onPartial) {
    onPartial(buildChain({ ...base, gaps: null, gapTotal: null, gapDepthLimit: false, analysisError: null, analysisPending: true }));
  }

  const gapsRes = await gapsP;
  let gaps: GapRow[] | null = null;
  let gapTotal: number | null = null;
  let gapDepth = false;
  let analysisError: string | null = null;
  if (gapsRes.ok) {
    const first = gapsRes.r.data[0]?.valueChainGaps;
    if (first) {
      gaps = gapsRes.r.rows;
      gapTotal = first.totalCount;
      gapDepth = first.depthLimitReached;
    } else if (sectorKept) {
      analysisError = 'valueChainGaps answered null for a sector that exists.';
    } else {
      gaps = [];
      gapTotal = 0;
    }
  } else {
    if ((gapsRes.e as Error).name === 'AbortError') throw gapsRes.e;
    if (gapsRes.e instanceof ApiError && gapsRes.e.needsKey) throw gapsRes.e;
    analysisError = (gapsRes.e as Error).message;
  }
  // Gap rows the walk did not reach (it should have): fetch them and their inputs too.
  const unknownGaps = (gaps ?? []).map((g) => g.technology.id).filter((id) => !known.has(id));
  if (unknownGaps.length) await walk([...new Set(unknownGaps)].sort());

  return buildChain({ ...base, gaps, gapTotal, gapDepthLimit: gapDepth, analysisError, analysisPending: false });
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
    projects: {
      totalCount: number;
      edges: Array<{
        link: Fact | null;
        node: Fact & { id: string; title: string; status: string; startYear?: number | null; endYear?: number | null; budgetKrw?: number | null; program?: Named | null };
      }>;
    };
  }) | null;
  partnerCandidates: {
    status: string;
    domesticBest: number | null;
    totalCount: number;
    nodes: Array<{ organization: Org; level: number; holdsCoreIp: boolean; sharedProjectCount: number; hostsCooperationCenter: boolean; cooperationCenters: Named[] }>;
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
  return { name: 'ExplorerTechnology', query: TECHNOLOGY_PANEL, variables: { id, homeCountry: p.homeCountry, threshold: p.threshold, minProvenance: p.minProvenance } };
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
  node: {
    id: string;
    kind?: string;
    sectors?: { nodes: Named[] };
    country?: string;
    type?: string;
    employments?: { nodes: Array<{ title?: string | null; organization: OrgRef }> };
  };
}

export function searchOperation(text: string): Operation {
  return { name: 'ExplorerSearch', query: SEARCH, variables: { text, first: 12 } };
}

export async function search(text: string, signal?: AbortSignal): Promise<{ hits: SearchHit[]; total: number }> {
  const res = await gql<{ search: { totalCount: number; nodes: SearchHit[] } }>(searchOperation(text), signal);
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
      variables: { organization: orgId, homeCountry: p.homeCountry, threshold: p.threshold, minProvenance: p.minProvenance, first, after },
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
