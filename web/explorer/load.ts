// Fetching a view: the operations in queries.ts, page after page, each recorded for "Open in playground".
// Page sizes start modest and halve when the server says a request is over its limits (the same limits as for any
// client), so the page works under a stricter configuration too.
import { ApiError, gql, isLimitError, type Operation } from './api.js';
import type {
  EvidenceRecordFragment,
  ExplorerEvidenceBacklogQuery,
  ExplorerExposureQuery,
  ExplorerMoreInputsQuery,
  ExplorerSearchQuery,
  ExplorerSectorChainQuery,
  ExplorerSectorsQuery,
  ExplorerStandingsQuery,
  ExplorerTechnologyQuery,
  ExplorerUpstreamQuery,
  ExplorerValueChainGapsQuery,
  SourceRefFragment,
} from './generated/graphql.js';
import {
  buildChain,
  buildExposure,
  keeps,
  lensOf,
  missingInputs,
  MAX_HOPS,
  needingStanding,
  type ChainTechnologyData,
  type ChainView,
  type ExposureRow,
  type ExposureView,
  type GapRow,
  type Named,
  type OrgRef,
  type Params,
  type StandingRow,
  type UnratedRow,
} from './model.js';
import {
  EVIDENCE_BACKLOG,
  EXPOSURE,
  MORE_INPUTS,
  SEARCH,
  SECTOR_CHAIN,
  SECTORS,
  STANDINGS,
  TECHNOLOGY_PANEL,
  UPSTREAM_NODES,
  VALUE_CHAIN_GAPS,
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
  const res = await gql<ExplorerSectorsQuery>({ name: 'ExplorerSectors', query: SECTORS, variables: {} }, signal);
  return res.data.sectors.nodes;
}

/** A `nodes(ids:)` entry that is a technology: an id of another type answers `{}`, an unknown id null. */
function answered<T extends { id: string }>(n: T | Record<PropertyKey, never> | null): n is T {
  return n != null && typeof n.id === 'string';
}

/** A technology of the sector with its IN_SECTOR link. */
type ChainEdge = NonNullable<ExplorerSectorChainQuery['sector']>['technologies']['edges'][number];

/** How many technologies one ExplorerStandings request asks about. */
export const STANDING_BATCH = 50;

export class NotFound extends Error {}

/** Fetches the remaining inputs of technologies with more than one page of them (rare: most have a few). */
async function completeInputs(techs: ChainTechnologyData[], log: OperationLog, signal?: AbortSignal): Promise<void> {
  for (const t of techs) {
    let info = t.dependencies.pageInfo;
    while (info?.hasNextPage && info.endCursor) {
      const res = await run<ExplorerMoreInputsQuery>(
        { name: 'ExplorerMoreInputs', query: MORE_INPUTS, variables: { id: t.id, after: info.endCursor } },
        log,
        signal,
      );
      const more = res.data.technology?.dependencies;
      if (!more) break;
      t.dependencies.edges.push(...more.edges);
      info = more.pageInfo;
    }
  }
}

type Settled<T> = { ok: true; r: T } | { ok: false; e: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (r) => ({ ok: true as const, r }),
    (e: unknown) => ({ ok: false as const, e }),
  );

/** An analysis request that failed: rethrown when the whole view cannot go on (aborted, or a key is needed). */
function analysisFailure(question: string, e: unknown): string {
  if ((e as Error).name === 'AbortError') throw e;
  if (e instanceof ApiError && e.needsKey) throw e;
  return `${question}: ${(e as Error).message}`;
}

/** Technology.standing of these technologies under the lens, in batches of STANDING_BATCH. */
export async function loadStandings(
  ids: string[],
  p: Params,
  log: OperationLog,
  signal?: AbortSignal,
): Promise<Map<string, StandingRow>> {
  const out = new Map<string, StandingRow>();
  for (let i = 0; i < ids.length; i += STANDING_BATCH) {
    const res = await run<ExplorerStandingsQuery>(
      {
        name: 'ExplorerStandings',
        query: STANDINGS,
        variables: { ids: ids.slice(i, i + STANDING_BATCH), lens: lensOf(p) },
      },
      log,
      signal,
    );
    if (res.errors.length) throw new ApiError(res.errors[0].message, res.errors[0].extensions?.code, 200, res.errors);
    for (const n of res.data.nodes) if (answered(n)) out.set(n.id, n.standing);
  }
  return out;
}

/** The sector's chain and the server's status of each of its technologies, ready to draw. */
export async function loadChain(
  sectorId: string,
  p: Params,
  log: OperationLog,
  signal?: AbortSignal,
  onPartial?: (view: ChainView) => void,
): Promise<ChainView> {
  const depFirst = 20;
  const lens = lensOf(p);
  const chainP = pages<ExplorerSectorChainQuery, ChainEdge>(
    (first, after) => ({
      name: 'ExplorerSectorChain',
      query: SECTOR_CHAIN,
      variables: { sector: sectorId, first, after, depFirst },
    }),
    (d) => {
      if (!d.sector) throw new NotFound(`There is no sector ${sectorId}.`);
      return {
        rows: d.sector.technologies.edges,
        hasNext: d.sector.technologies.pageInfo.hasNextPage,
        end: d.sector.technologies.pageInfo.endCursor,
      };
    },
    log,
    signal,
    40,
  );
  // The two lists of the analysis run while the chain is read.
  const gapsP = settle(
    pages<ExplorerValueChainGapsQuery, GapRow>(
      (first, after) => ({
        name: 'ExplorerValueChainGaps',
        query: VALUE_CHAIN_GAPS,
        variables: { sector: sectorId, lens, first, after },
      }),
      (d) => ({
        rows: d.valueChainGaps?.nodes ?? [],
        hasNext: !!d.valueChainGaps?.pageInfo.hasNextPage,
        end: d.valueChainGaps?.pageInfo.endCursor ?? null,
      }),
      log,
      signal,
      100,
    ),
  );
  const backlogP = settle(
    pages<ExplorerEvidenceBacklogQuery, UnratedRow>(
      (first, after) => ({
        name: 'ExplorerEvidenceBacklog',
        query: EVIDENCE_BACKLOG,
        variables: { sector: sectorId, lens, first, after },
      }),
      (d) => ({
        rows: d.evidenceBacklog?.nodes ?? [],
        hasNext: !!d.evidenceBacklog?.pageInfo.hasNextPage,
        end: d.evidenceBacklog?.pageInfo.endCursor ?? null,
      }),
      log,
      signal,
      100,
    ),
  );

  let analysisSettled = false;
  void Promise.all([gapsP, backlogP]).then(() => {
    analysisSettled = true;
  });
  const chain = await chainP;
  await completeInputs(
    chain.rows.map((e) => e.node),
    log,
    signal,
  );
  const sectorData = chain.data[0].sector!;
  const min = p.minProvenance;
  const sectorKept = keeps(min, sectorData.provenance);
  const sectorTechs = sectorKept
    ? chain.rows
        .filter((e) => keeps(min, e.link?.provenance ?? e.node.provenance) && keeps(min, e.node.provenance))
        .map((e) => e.node)
    : [];
  const stages = sectorData.stages.edges
    .filter((e) => keeps(min, e.link?.provenance ?? e.node.provenance) && keeps(min, e.node.provenance))
    .map((e) => e.node);

  // Upstream: inputs of the chain outside the sector, hop by hop (10 hops, as the analysis walks).
  const known = new Set(sectorTechs.map((t) => t.id));
  const upstream = new Map<string, ChainTechnologyData>();
  const walk = async (start: string[]) => {
    let wanted = start;
    for (let hop = 0; hop < MAX_HOPS && wanted.length; hop++) {
      const fetched: ChainTechnologyData[] = [];
      for (let i = 0; i < wanted.length; i += 40) {
        const ids = wanted.slice(i, i + 40);
        const res = await run<ExplorerUpstreamQuery>(
          { name: 'ExplorerUpstream', query: UPSTREAM_NODES, variables: { ids, depFirst } },
          log,
          signal,
        );
        for (const t of res.data.nodes) if (answered(t) && keeps(min, t.provenance)) fetched.push(t);
      }
      await completeInputs(fetched, log, signal);
      for (const id of wanted) known.add(id);
      for (const t of fetched) upstream.set(t.id, t);
      wanted = missingInputs(fetched, known, min);
    }
  };
  await walk(missingInputs(sectorTechs, known, min));
  const base = {
    sector: { id: sectorData.id, name: sectorData.name, nameKo: sectorData.nameKo },
    stages,
    sectorTechs,
    upstream,
    minProvenance: min,
    gaps: null,
    gapTotal: null,
    unrated: null,
    unratedTotal: null,
    standings: null,
    gapDepthLimit: false,
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
  const listed = buildChain({
    ...base,
    gaps,
    gapTotal,
    unrated,
    unratedTotal,
    gapDepthLimit: gapDepth,
    analysisError: null,
  });
  let standings: Map<string, StandingRow> | null = null;
  let standingError: string | null = null;
  try {
    standings = await loadStandings(needingStanding(listed), p, log, signal);
  } catch (e) {
    standingError = analysisFailure('Technology.standing', e);
  }
  return buildChain({
    ...base,
    gaps,
    gapTotal,
    unrated,
    unratedTotal,
    standings,
    gapDepthLimit: gapDepth,
    analysisError: standingError,
  });
}

// ---------------------------------------------------------------------------------------------------------

// The answers' types, generated from queries.ts (generated/graphql.ts): what the panels read.
export type SourceRef = SourceRefFragment;
export type EvidenceRecord = EvidenceRecordFragment;
export type TechnologyPanelData = ExplorerTechnologyQuery;
export type TechnologyRecord = NonNullable<ExplorerTechnologyQuery['technology']>;
export type StandingData = NonNullable<ExplorerTechnologyQuery['standing']>['standing'];
export type AssessmentData = TechnologyRecord['assessments']['nodes'][number];
export type CapabilityData = TechnologyRecord['capabilities']['nodes'][number];
export type OrganizationRecord = NonNullable<ExplorerExposureQuery['organization']>;
export type SearchHit = ExplorerSearchQuery['search']['nodes'][number];

export function technologyOperation(id: string, p: Params): Operation {
  return {
    name: 'ExplorerTechnology',
    query: TECHNOLOGY_PANEL,
    variables: { id, lens: lensOf(p), homeCountry: p.homeCountry },
  };
}

/** The panel's data; analysis fields that failed come back null with their error messages. */
export async function loadTechnology(
  id: string,
  p: Params,
  signal?: AbortSignal,
): Promise<{ data: TechnologyPanelData; errors: string[] }> {
  const res = await gql<ExplorerTechnologyQuery>(technologyOperation(id, p), signal);
  return { data: res.data, errors: res.errors.map((e) => `${(e.path ?? []).join('.')}: ${e.message}`) };
}

/** The sectors a technology hit belongs to. */
export function hitSectors(hit: SearchHit): Named[] {
  return 'sectors' in hit.node ? hit.node.sectors.nodes : [];
}

/** An organization hit's country. */
export function hitCountry(hit: SearchHit): string | null {
  return 'country' in hit.node ? hit.node.country : null;
}

/** The organizations a person hit works for. */
export function hitEmployers(hit: SearchHit): OrgRef[] {
  return 'employments' in hit.node ? hit.node.employments.nodes.map((e) => e.organization) : [];
}

export function searchOperation(text: string, p: Params): Operation {
  return { name: 'ExplorerSearch', query: SEARCH, variables: { text, first: 12, lens: lensOf(p) } };
}

export async function search(
  text: string,
  p: Params,
  signal?: AbortSignal,
): Promise<{ hits: SearchHit[]; total: number }> {
  const res = await gql<ExplorerSearchQuery>(searchOperation(text, p), signal);
  return { hits: res.data.search.nodes, total: res.data.search.totalCount };
}

export async function loadExposure(
  orgId: string,
  p: Params,
  log: OperationLog,
  signal?: AbortSignal,
): Promise<{ view: ExposureView; org: OrganizationRecord }> {
  const res = await pages<ExplorerExposureQuery, ExposureRow>(
    (first, after) => ({
      name: 'ExplorerExposure',
      query: EXPOSURE,
      variables: { organization: orgId, lens: lensOf(p), first, after },
    }),
    (d) => {
      if (!d.organization) throw new NotFound(`There is no organization ${orgId}.`);
      return {
        rows: d.exposure?.nodes ?? [],
        hasNext: !!d.exposure?.pageInfo.hasNextPage,
        end: d.exposure?.pageInfo.endCursor ?? null,
      };
    },
    log,
    signal,
    50,
  );
  const first = res.data[0];
  const org = first.organization!;
  const view = buildExposure(
    { id: org.id, name: org.name, nameKo: org.nameKo, country: org.country, type: org.type },
    res.rows,
    first.exposure?.totalCount ?? 0,
    !!first.exposure?.depthLimitReached,
  );
  return { view, org };
}
