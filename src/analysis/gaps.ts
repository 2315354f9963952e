// Gap lists (domain.md queries 1, 2 and 6, and the rows of 7 in exposure.ts): which technologies have a gap, how
// big, what they block.
// Each is one statement: it ranks every candidate in the database (figures, downstream set, score), then computes
// the full rows (leaders, blocked technologies, projects, eligibility) of one page only.
import type { Queries } from '../db/driver.js';
import { bool, decodeRow, list, map, nullable, num, projectedNode, record, str, type Decoded } from '../db/rows.js';
import type { NodeRec } from '../graph/lists.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { ProvenanceValue } from '../domain/model.js';
import { cypherPropsOf, markPartial, selectedProps, type Props } from '../graph/projection.js';
import {
  capabilityCounted,
  chainBeyondBound,
  evidenceRecords,
  GAP_ORDER,
  ok,
  RANK_ORDER,
  RANKING,
  setBeyondBound,
  UNRATED_ORDER,
  walk,
} from './cypher.js';
import { basisOf, basisOfRow, evidenceOf, type EvidenceRecord } from './evidence.js';
import { ELIGIBILITY_CRITERIA, eligibilityOf, type Eligibility } from './eligibility.js';
import { rowId } from './row-ids.js';
import { eligibilityRow, evidenceRow, FIGURES } from './rows.js';
import {
  connectionOf,
  keysetWindow,
  lensTag,
  pageCypherParams,
  pageSlice,
  parsePage,
  tagOf,
  type AnalysisParams,
  type KeysetConnection,
  type KeysetPage,
} from './options.js';
import type { KeyValue } from '../graph/cursor.js';
import type { GapStatus } from '../generated/resolvers-types.js';

export interface TechnologyGap {
  /** rowId.gap: the technology, the scope of `blocks` and the lens. */
  id: string;
  technology: NodeRec;
  stages: NodeRec[];
  status: GapStatus;
  domesticBest: number | null;
  domesticLeaders: NodeRec[];
  foreignBest: number | null;
  foreignLeaders: NodeRec[];
  /** Null only on an unrated row, which shows no gap (UnratedTechnology). */
  gap: number | null;
  homeShare: number | null;
  hhi: number | null;
  basis: ProvenanceValue;
  evidence: EvidenceRecord[];
  downstreamCount: number;
  blocks: NodeRec[];
  /** Null only on an unrated row, as gap. */
  chokepointScore: number | null;
  projects: NodeRec[];
  eligibility: Eligibility;
  depthLimitReached: boolean;
}

/** An unrated row (PRESENT or UNKNOWN): the fields of a gap row that an unrated technology has. */
export type UnratedTechnology = Pick<
  TechnologyGap,
  | 'id'
  | 'technology'
  | 'stages'
  | 'status'
  | 'homeShare'
  | 'hhi'
  | 'evidence'
  | 'downstreamCount'
  | 'projects'
  | 'depthLimitReached'
> & { basis: ProvenanceValue | null };

export type UnratedConnection = KeysetConnection<UnratedTechnology> & { depthLimitReached: boolean };

export type GapConnection = KeysetConnection<TechnologyGap> & {
  depthLimitReached: boolean;
  /** The unrated technologies among the same candidates (resolved only when asked for). */
  unrated: (args: PageArgs, ctx?: unknown, info?: GraphQLResolveInfo) => Promise<UnratedConnection>;
};

/** A page of an answer: first/after, or last/before. */
export type { PageArgs } from '../graph/cursor.js';
import type { PageArgs } from '../graph/cursor.js';

/**
 * Candidate technologies of each gap question: rows of a distinct `t` and `srcDeep`; and the question's subject
 * (a sector, a program, an organization) when it exists and is kept, which tells "no such subject" (null) from
 * "no gaps" (an empty list).
 */
const SOURCES = {
  /** Query 1: the sector's technologies and everything upstream of them. */
  sector: {
    subject: `head(COLLECT { MATCH (s:Sector {id: $q.sector}) WHERE ${ok('s')} RETURN properties(s) })`,
    rows: `
    MATCH (s:Sector {id: $q.sector}) WHERE ${ok('s')}
    CALL (s) {
      OPTIONAL MATCH (st:Technology)-[i:IN_SECTOR]->(s) WHERE ${ok('st')} AND ${ok('i')}
      RETURN collect(st) AS own
    }
    CALL (own) {
      UNWIND own AS st
      MATCH ${walk('p', 'st', 'u', 'up')}
      RETURN collect(DISTINCT u) AS ups
    }
    ${setBeyondBound('own', 'up', 'upDeep')}
    UNWIND own + ups AS t
    WITH DISTINCT t, upDeep AS srcDeep`,
  },
  /** Query 2: every technology. */
  all: {
    subject: '{}',
    rows: `
    MATCH (t:Technology) WHERE ${ok('t')}
    WITH t, false AS srcDeep`,
  },
  /** Query 6: targets of the program that no PLANNED or ACTIVE project under it develops. */
  uncovered: {
    subject: `head(COLLECT { MATCH (pg:Program {id: $q.program}) WHERE ${ok('pg')} RETURN properties(pg) })`,
    rows: `
    MATCH (pg:Program {id: $q.program})-[tg:TARGETS]->(t:Technology)
    WHERE ${ok('pg')} AND ${ok('tg')} AND ${ok('t')}
      AND NOT EXISTS {
        MATCH (pr:Project)-[u:UNDER]->(pg)
        MATCH (pr)-[d:DEVELOPS]->(t)
        WHERE pr.status IN ['PLANNED', 'ACTIVE'] AND ${ok('pr')} AND ${ok('u')} AND ${ok('d')}
      }
    WITH DISTINCT t, false AS srcDeep`,
  },
  /** Query 7: everything upstream of what the organization relies on or is capable in. */
  exposure: {
    subject: `head(COLLECT { MATCH (org:Organization {id: $q.organization}) WHERE ${ok('org')} RETURN properties(org) })`,
    rows: `
    MATCH (org:Organization {id: $q.organization}) WHERE ${ok('org')}
    CALL (org) {
      OPTIONAL MATCH (org)-[r:RELIES_ON|HAS_CAPABILITY]->(root:Technology) WHERE ${ok('r')} AND ${ok('root')}
      RETURN collect(DISTINCT root) AS roots
    }
    CALL (roots) {
      UNWIND roots AS root
      MATCH ${walk('p', 'root', 'u', 'up')}
      RETURN collect(DISTINCT u) AS ups
    }
    ${setBeyondBound('roots', 'up', 'upDeep')}
    UNWIND ups AS t
    WITH DISTINCT t, upDeep AS srcDeep`,
  },
} as const;

export type GapSource = keyof typeof SOURCES;

/**
 * The full rows of one page, with `page` (ranked rows carrying `t`, its figures and its downstream set `down`)
 * and `rowsDeep` in scope; adds `details`, in page order. The figures are read again here with the leaders and
 * the core-IP holders in one walk of the technology's capabilities. `$q.blocksIn` limits `blocks` to the technologies
 * of one sector (query 1); null gives the whole downstream set. A row's own depth test runs only when some chain
 * into the rows is longer than the bound (`rowsDeep`), which is rare.
 */
const PAGE_DETAILS = `
  CALL (page, rowsDeep) {
    OPTIONAL MATCH (bs:Sector {id: $q.blocksIn}) WHERE ${ok('bs')}
    UNWIND range(0, size(page) - 1) AS i
    WITH i, page[i] AS x, bs, rowsDeep
    WITH i, x, x.t AS t, bs, rowsDeep, x.status AS status, x.domesticBest AS domesticBest, x.nats AS nats, x.listing AS listing,
         x.entries AS entries
    CALL (t) {
      OPTIONAL MATCH (o:Organization)-[c:HAS_CAPABILITY]->(t)
      WHERE ${capabilityCounted('o', 'c')}
      WITH o, c ORDER BY o.name, o.id
      RETURN collect(CASE WHEN o IS NOT NULL THEN {o: ${cypherPropsOf('o', '$q.props.organizations')}, level: c.level, home: o.country = $home,
                                                   core: c.holdsCoreIp = true, rec: properties(c), full: properties(o)} END) AS caps
    }
    CALL (t) {
      OPTIONAL MATCH (t)-[a:AT_STAGE]->(st:ValueChainStage) WHERE ${ok('a')} AND ${ok('st')}
      WITH st ORDER BY st.order, st.id
      RETURN collect(${cypherPropsOf('st', '$q.props.stages')}) AS stages
    }
    CALL (x, bs) {
      UNWIND x.down AS d
      WITH d WHERE $q.blocksIn IS NULL OR EXISTS { MATCH (d)-[bi:IN_SECTOR]->(bs) WHERE ${ok('bi')} }
      WITH d ORDER BY d.id
      RETURN collect(${cypherPropsOf('d', '$q.props.blocks')}) AS blocks
    }
    CALL (t) {
      OPTIONAL MATCH (pr:Project)-[dv:DEVELOPS]->(t) WHERE ${ok('pr')} AND ${ok('dv')}
      WITH pr ORDER BY pr.id
      RETURN collect(${cypherPropsOf('pr', '$q.props.projects')}) AS projects
    }
    ${evidenceRecords('caps')}
    WITH *, [c IN caps WHERE NOT c.home AND c.core | c.o] AS coreHolders,
         [c IN caps WHERE NOT c.home AND c.core | {kind: 'Capability', rec: c.rec, o: c.full}] AS coreCaps
    ${ELIGIBILITY_CRITERIA}
    WITH i, {
      t: ${cypherPropsOf('t', '$q.props.technology')}, stages: stages, status: x.status, domesticBest: x.domesticBest, foreignBest: x.foreignBest,
      gap: x.gap, score: x.score, downstreamCount: size(x.down), blocks: blocks, projects: projects, elig: elig,
      homeShare: x.homeShare, hhi: x.hhi, evidence: evidence,
      domesticLeaders: [c IN caps WHERE c.home AND c.level = x.domesticBest | c.o],
      foreignLeaders: [c IN caps WHERE NOT c.home AND c.level = x.foreignBest | c.o],
      downDeep: CASE WHEN rowsDeep THEN ${chainBeyondBound('[t]', 'down')} ELSE false END
    } AS detail
    ORDER BY i
    RETURN collect(detail) AS details
  }`;

/**
 * Which rows a gap question lists, in which order its cursors hold their keys, and how those keys become the
 * statement's (RANK_ORDER: k1, k2, id; the unrated order has no second key).
 */
const RANKINGS = {
  gaps: { order: GAP_ORDER, rankKeys: (k: KeyValue[]) => k },
  unrated: { order: UNRATED_ORDER, rankKeys: ([downCount, id]: KeyValue[]) => [downCount, 0, id] },
} as const;
export type Ranking = keyof typeof RANKINGS;

/**
 * The stored properties a gap answer reads for the records it returns (null: all), from the operation's
 * selection: a page of 100 rows can block thousands of technologies, of which the answer may show only ids.
 */
export interface GapProjection {
  technology: Props;
  stages: Props;
  /** Domestic and foreign leaders and foreign core-IP holders (one walk of the capabilities reads all three). */
  organizations: Props;
  blocks: Props;
  projects: Props;
}

export const ALL_GAP_PROPS: GapProjection = {
  technology: null,
  stages: null,
  organizations: null,
  blocks: null,
  projects: null,
};

/** Properties the eligibility reasons are worded from (eligibility.ts `eligibilityOf`). */
const ELIGIBILITY_INPUTS = [
  'domesticYearsToDevelop',
  'coopTimeSavingYears',
  'coopCostSavingPct',
  'needsOverseasCertification',
];

/** The projection of TechnologyGap rows found under `row` paths of the field being resolved. */
export function gapProjection(info: GraphQLResolveInfo | undefined, rowPaths: string[][]): GapProjection {
  if (!info) return ALL_GAP_PROPS;
  const at = (...tail: string[][]) => rowPaths.flatMap((row) => tail.map((t) => [...row, ...t]));
  // The records of a list field and of the nodes of its connection field (`projectsConnection { nodes }`).
  const listed = (field: string) => [[field], ...CONNECTION_ROWS.map((r) => [`${field}Connection`, ...r])];
  return {
    technology: selectedProps(info, at(['technology'], ['eligibility', 'technology']), ['name', ...ELIGIBILITY_INPUTS]),
    stages: selectedProps(info, at(['stages'])),
    organizations: selectedProps(
      info,
      at(...listed('domesticLeaders'), ...listed('foreignLeaders'), ['eligibility', 'foreignCoreIpHolders']),
      ['name', 'country'],
    ),
    // Not blocksConnection's: a row can block thousands of technologies, of which a page is loaded (row-lists.ts).
    blocks: selectedProps(info, at(['blocks'])),
    projects: selectedProps(info, at(...listed('projects'))),
  };
}

/** The rows of a connection: `nodes` and `edges.node`. */
export const CONNECTION_ROWS = [['nodes'], ['edges', 'node']];

export interface GapPage {
  subject: Record<string, unknown>;
  page: KeysetPage;
  total: number;
  deep: boolean;
  /** The order keys of the window (the page and, when more follow, one row more). */
  keys: Array<{ id: string; score: number | null; gap: number | null; downCount: number }>;
  details: TechnologyGap[];
}

/**
 * One page of a gap question in one statement: the ranking of every candidate (phase 1), then the full rows of
 * the page only (phase 2), without walking any dependency chain twice. Null when the subject does not exist.
 */
export async function gapPage(
  db: Queries,
  source: GapSource,
  params: AnalysisParams,
  extra: Record<string, unknown>,
  pageArgs: PageArgs,
  tag: string,
  blocksIn: string | null,
  projection: GapProjection = ALL_GAP_PROPS,
  which: Ranking = 'gaps',
): Promise<GapPage | null> {
  const { order, rankKeys } = RANKINGS[which];
  const page = parsePage(pageArgs, tag, order);
  // One text for every source's question, whatever the ranking, page and selection: those travel in the map
  // parameters $q and $page, whose contents do not change the plan Neo4j caches (the type of a plain parameter,
  // the length bucket of a string or list, would). See docs/operations.md, "Why a gap statement plans slowly".
  const rows = await db.read(
    `CALL () { ${SOURCES[source].rows}
       ${RANKING}
       RETURN size(rows) AS total, deep, rowsDeep, ${keysetWindow('rows', RANK_ORDER)} AS window
     }
     WITH total, deep, rowsDeep, window, ${pageSlice()} AS page
     ${PAGE_DETAILS}
     RETURN ${SOURCES[source].subject} AS subject, total, deep,
            [x IN window | {id: x.id, score: x.score, gap: x.gap, downCount: x.downCount}] AS keys, details`,
    {
      ...params,
      ...pageCypherParams(page, rankKeys),
      q: { ...extra, blocksIn, unrated: which === 'unrated', props: projection },
    },
  );
  if (!rows[0]?.subject) return null;
  const r = decodeRow('gap page', PAGE_ROW, rows[0]);
  const detail = detailRow(projection);
  return {
    ...r,
    page,
    details: r.details.map((d) => gapOf(decodeRow('gap row', detail, d), params, projection, blocksIn)),
  };
}

const PAGE_ROW = {
  /** The sector, program or organization asked about ({} for a question over the whole graph). */
  subject: map,
  total: num,
  deep: bool,
  keys: list(record({ id: str, score: nullable(num), gap: nullable(num), downCount: num })),
  details: list(map),
};

/** Marks the records read with a projection (see graph/projection.ts: a partial record is reloaded where needed). */
function partial<T extends object>(recs: T[], props: Props): T[] {
  if (props) for (const r of recs) markPartial(r);
  return recs;
}

/** A gap or unrated row of PAGE_DETAILS (phase 2), its records read with the projection `p`. */
const detailRow = (p: GapProjection) => ({
  ...FIGURES,
  t: projectedNode(p.technology),
  stages: list(projectedNode(p.stages)),
  domesticLeaders: list(projectedNode(p.organizations)),
  foreignLeaders: list(projectedNode(p.organizations)),
  evidence: list(evidenceRow),
  downstreamCount: num,
  blocks: list(projectedNode(p.blocks)),
  score: nullable(num),
  projects: list(projectedNode(p.projects)),
  elig: eligibilityRow(p.organizations),
  downDeep: bool,
});

function gapOf(
  r: Decoded<ReturnType<typeof detailRow>>,
  params: AnalysisParams,
  p: GapProjection,
  blocksIn: string | null,
): TechnologyGap {
  const t = partial([r.t], p.technology)[0];
  const evidence = evidenceOf(r.evidence, t);
  partial(r.domesticLeaders, p.organizations);
  partial(r.foreignLeaders, p.organizations);
  partial(r.elig.coreHolders, p.organizations);
  partial(r.stages, p.stages);
  partial(r.blocks, p.blocks);
  partial(r.projects, p.projects);
  return {
    id: rowId.gap(t.id, blocksIn, params),
    technology: t,
    stages: r.stages,
    status: r.status,
    domesticBest: r.domesticBest,
    domesticLeaders: r.domesticLeaders,
    foreignBest: r.foreignBest,
    foreignLeaders: r.foreignLeaders,
    gap: r.gap,
    homeShare: r.homeShare,
    hhi: r.hhi,
    evidence,
    basis: basisOfRow(evidence),
    downstreamCount: r.downstreamCount,
    blocks: r.blocks,
    chokepointScore: r.score,
    projects: r.projects,
    eligibility: eligibilityOf(t, r.elig, { status: r.status, domesticBest: r.domesticBest, gap: r.gap }, params.home),
    depthLimitReached: r.downDeep,
  };
}

async function gapList(
  db: Queries,
  source: GapSource,
  params: AnalysisParams,
  extra: Record<string, unknown>,
  pageArgs: PageArgs,
  blocksIn: string | null,
  projection: GapProjection,
): Promise<GapConnection | null> {
  const tag = tagOf(source, ...lensTag(params), ...Object.values(extra));
  const found = await gapPage(db, source, params, extra, pageArgs, tag, blocksIn, projection);
  if (!found) return null;
  return {
    ...connectionOf(found.keys, found.page, tag, GAP_ORDER, found.total, (_, i) => found.details[i]),
    depthLimitReached: found.deep,
    // The unrated rows read what their own selection shows (graphql-js calls a function property with args, context, info).
    unrated: async (args: PageArgs, _ctx?: unknown, info?: GraphQLResolveInfo) =>
      (await unratedList(db, source, params, extra, args, gapProjection(info, CONNECTION_ROWS)))!,
  };
}

/** The unrated technologies among a gap question's candidates (and the evidence backlog): null without the subject. */
export async function unratedList(
  db: Queries,
  source: GapSource,
  params: AnalysisParams,
  extra: Record<string, unknown>,
  pageArgs: PageArgs,
  projection: GapProjection = ALL_GAP_PROPS,
): Promise<UnratedConnection | null> {
  const tag = tagOf(`${source}.unrated`, ...lensTag(params), ...Object.values(extra));
  const found = await gapPage(db, source, params, extra, pageArgs, tag, null, projection, 'unrated');
  if (!found) return null;
  return {
    // UNKNOWN rests on nothing: its basis is null.
    ...connectionOf(found.keys, found.page, tag, UNRATED_ORDER, found.total, (_, i) => ({
      ...found.details[i],
      id: rowId.unrated(found.details[i].technology.id, params),
      basis: basisOf(found.details[i].evidence),
    })),
    depthLimitReached: found.deep,
  };
}

/** The evidence backlog: unrated technologies of a sector's chain, or of the whole graph. */
export function evidenceBacklog(
  db: Queries,
  sector: string | null,
  params: AnalysisParams,
  pageArgs: PageArgs,
  projection = ALL_GAP_PROPS,
) {
  return sector === null
    ? unratedList(db, 'all', params, {}, pageArgs, projection)
    : unratedList(db, 'sector', params, { sector }, pageArgs, projection);
}

/** Query 1. */
export function valueChainGaps(
  db: Queries,
  sector: string,
  params: AnalysisParams,
  pageArgs: PageArgs,
  projection = ALL_GAP_PROPS,
) {
  return gapList(db, 'sector', params, { sector }, pageArgs, sector, projection);
}

/** Query 2 (no subject, so never null). */
export async function chokepointRanking(
  db: Queries,
  params: AnalysisParams,
  pageArgs: PageArgs,
  projection = ALL_GAP_PROPS,
): Promise<GapConnection> {
  const list = await gapList(db, 'all', params, {}, pageArgs, null, projection);
  if (!list) throw new Error('the chokepoint ranking has no subject and always answers');
  return list;
}

/** Query 6. */
export function uncoveredTargets(
  db: Queries,
  program: string,
  params: AnalysisParams,
  pageArgs: PageArgs,
  projection = ALL_GAP_PROPS,
) {
  return gapList(db, 'uncovered', params, { program }, pageArgs, null, projection);
}
