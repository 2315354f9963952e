// Gap lists (domain.md queries 1, 2 and 6): which technologies have a gap, how big, what they block.
// Each is two round trips: one query computes the ordering keys of every candidate in the database and returns
// one page of ids; a second computes the full rows (leaders, blocked technologies, projects, eligibility) of
// that page only.
import type { Database, QueryStats } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import { chainBeyondBound, GAP_FIGURES, GAP_ORDER, GAP_RANK_TAIL, ok, walk } from './cypher.js';
import { ELIGIBILITY, eligibilityOf, type Eligibility, type EligibilityRow } from './eligibility.js';
import {
  afterCondition, connectionOf, pageCypherParams, parseForwardPage, tagOf,
  type AnalysisParams, type KeysetConnection,
} from './options.js';

export type GapStatus = 'ABSENT' | 'LAGGING' | 'FOLLOWING' | 'LEADING';

export interface TechnologyGap {
  technology: NodeRec;
  stages: NodeRec[];
  status: GapStatus;
  domesticBest: number | null;
  domesticLeaders: NodeRec[];
  foreignBest: number | null;
  foreignLeaders: NodeRec[];
  gap: number;
  downstreamCount: number;
  blocks: NodeRec[];
  chokepointScore: number;
  projects: NodeRec[];
  eligibility: Eligibility;
  depthLimitReached: boolean;
}

export type GapConnection = KeysetConnection<TechnologyGap> & { depthLimitReached: boolean };

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Candidate technologies of each gap question: rows of a distinct `t` and `srcDeep`. */
const SOURCES = {
  /** Query 1: the sector's technologies and everything upstream of them. */
  sector: `
    MATCH (s:Sector {id: $sector}) WHERE ${ok('s')}
    CALL (s) {
      OPTIONAL MATCH (st:Technology)-[i:IN_SECTOR]->(s) WHERE ${ok('st')} AND ${ok('i')}
      RETURN collect(st) AS own
    }
    CALL (own) {
      UNWIND own AS st
      MATCH ${walk('p', 'st', 'u', 'up')}
      RETURN collect(DISTINCT u) AS ups
    }
    WITH own, ups, ${chainBeyondBound('own', 'up')} AS upDeep
    UNWIND own + ups AS t
    WITH DISTINCT t, upDeep AS srcDeep`,
  /** Query 2: every technology. */
  all: `
    MATCH (t:Technology) WHERE ${ok('t')}
    WITH t, false AS srcDeep`,
  /** Query 6: targets of the program that no PLANNED or ACTIVE project under it develops. */
  uncovered: `
    MATCH (pg:Program {id: $program})-[tg:TARGETS]->(t:Technology)
    WHERE ${ok('pg')} AND ${ok('tg')} AND ${ok('t')}
      AND NOT EXISTS {
        MATCH (pr:Project)-[u:UNDER]->(pg)
        MATCH (pr)-[d:DEVELOPS]->(t)
        WHERE pr.status IN ['PLANNED', 'ACTIVE'] AND ${ok('pr')} AND ${ok('u')} AND ${ok('d')}
      }
    WITH DISTINCT t, false AS srcDeep`,
  /** Query 7: everything upstream of what the organization relies on or is capable in. */
  exposure: `
    MATCH (org:Organization {id: $organization}) WHERE ${ok('org')}
    CALL (org) {
      OPTIONAL MATCH (org)-[r:RELIES_ON|HAS_CAPABILITY]->(root:Technology) WHERE ${ok('r')} AND ${ok('root')}
      RETURN collect(DISTINCT root) AS roots
    }
    CALL (roots) {
      UNWIND roots AS root
      MATCH ${walk('p', 'root', 'u', 'up')}
      RETURN collect(DISTINCT u) AS ups
    }
    WITH roots, ups, ${chainBeyondBound('roots', 'up')} AS upDeep
    UNWIND ups AS t
    WITH DISTINCT t, upDeep AS srcDeep`,
} as const;

export type GapSource = keyof typeof SOURCES;

interface RankedPage {
  total: number;
  deep: boolean;
  page: Array<{ id: string; score: number; gap: number; deep: boolean }>;
}

/** Phase 1: the ordered ids of one page of a gap question, with the total and the depth flag. */
export async function rankGaps(
  db: Database, stats: QueryStats, source: GapSource, params: AnalysisParams, extra: Record<string, unknown>, pageArgs: PageArgs, tag: string,
) {
  const page = parseForwardPage(pageArgs, tag, GAP_ORDER);
  const rows = await db.read(
    `${SOURCES[source]}
     ${GAP_RANK_TAIL}
     RETURN size(rows) AS total, deep, [x IN rows WHERE ${afterCondition(GAP_ORDER)}][0..$limit1] AS page`,
    { ...params, ...extra, ...pageCypherParams(page) }, stats);
  const r = (rows[0] ?? { total: 0, deep: false, page: [] }) as unknown as RankedPage;
  return { page, ranked: r };
}

/**
 * Phase 2: full gap rows for the given technology ids, in that order. `blocksIn` limits `blocks` to the
 * technologies of one sector (query 1); null gives the whole downstream set. `deep`, when phase 1 already
 * computed it (its rows' `deep`), is each id's depth flag, and is not computed again.
 */
export async function gapDetails(
  db: Database, stats: QueryStats, ids: string[], params: AnalysisParams, blocksIn: string | null, deep?: boolean[],
): Promise<TechnologyGap[]> {
  if (!ids.length) return [];
  const rows = await db.read(
    `UNWIND range(0, size($ids) - 1) AS i
     MATCH (t:Technology {id: $ids[i]})
     OPTIONAL MATCH (bs:Sector {id: $blocksIn}) WHERE ${ok('bs')}
     ${GAP_FIGURES}
     CALL (t, domesticBest, foreignBest) {
       OPTIONAL MATCH (o:Organization)-[c:HAS_CAPABILITY]->(t)
       WHERE ${ok('o')} AND ${ok('c')}
         AND ((o.country = $home AND c.level = domesticBest) OR (o.country <> $home AND c.level = foreignBest))
       WITH o ORDER BY o.name, o.id
       RETURN [x IN collect(o) WHERE x.country = $home | properties(x)] AS domesticLeaders,
              [x IN collect(o) WHERE x.country <> $home | properties(x)] AS foreignLeaders
     }
     CALL (t) {
       OPTIONAL MATCH (t)-[a:AT_STAGE]->(st:ValueChainStage) WHERE ${ok('a')} AND ${ok('st')}
       WITH st ORDER BY st.order, st.id
       RETURN collect(properties(st)) AS stages
     }
     CALL (t) {
       OPTIONAL MATCH ${walk('p', 't', 'd', 'down')}
       RETURN collect(DISTINCT d) AS downstream
     }
     WITH *, ${deep ? '$deep[i]' : chainBeyondBound('[t]', 'down')} AS downDeep
     CALL (downstream, bs) {
       UNWIND downstream AS d
       WITH d WHERE $blocksIn IS NULL OR EXISTS { MATCH (d)-[i:IN_SECTOR]->(bs) WHERE ${ok('i')} }
       WITH d ORDER BY d.id
       RETURN collect(properties(d)) AS blocks
     }
     CALL (t) {
       OPTIONAL MATCH (pr:Project)-[dv:DEVELOPS]->(t) WHERE ${ok('pr')} AND ${ok('dv')}
       WITH pr ORDER BY pr.id
       RETURN collect(properties(pr)) AS projects
     }
     ${ELIGIBILITY}
     RETURN i, properties(t) AS t, stages, status, domesticBest, foreignBest, gap, domesticLeaders, foreignLeaders,
            size(downstream) AS downstreamCount, blocks, gap * (1 + size(downstream)) AS score, projects, elig, downDeep
     ORDER BY i`,
    { ...params, ids, blocksIn, deep: deep ?? null }, stats);
  return rows.map((r) => {
    const t = r.t as NodeRec;
    return {
      technology: t,
      stages: r.stages as NodeRec[],
      status: r.status as GapStatus,
      domesticBest: r.domesticBest as number | null,
      domesticLeaders: r.domesticLeaders as NodeRec[],
      foreignBest: r.foreignBest as number | null,
      foreignLeaders: r.foreignLeaders as NodeRec[],
      gap: r.gap as number,
      downstreamCount: r.downstreamCount as number,
      blocks: r.blocks as NodeRec[],
      chokepointScore: r.score as number,
      projects: r.projects as NodeRec[],
      eligibility: eligibilityOf(t, r.elig as EligibilityRow,
        { status: r.status as GapStatus, domesticBest: r.domesticBest as number | null, gap: r.gap as number }, params.home),
      depthLimitReached: r.downDeep as boolean,
    };
  });
}

async function gapList(
  db: Database, stats: QueryStats, source: GapSource, params: AnalysisParams, extra: Record<string, unknown>,
  pageArgs: PageArgs, blocksIn: string | null,
): Promise<GapConnection> {
  const tag = tagOf(source, params.home, params.tau, params.provs, ...Object.values(extra));
  const { page, ranked } = await rankGaps(db, stats, source, params, extra, pageArgs, tag);
  const rows = ranked.page.slice(0, page.limit);
  const details = await gapDetails(db, stats, rows.map((x) => x.id), params, blocksIn, rows.map((x) => x.deep));
  return {
    ...connectionOf(ranked.page, page, tag, GAP_ORDER, ranked.total, (_, i) => details[i]),
    depthLimitReached: ranked.deep,
  };
}

/** Query 1. */
export function valueChainGaps(db: Database, stats: QueryStats, sector: string, params: AnalysisParams, pageArgs: PageArgs) {
  return gapList(db, stats, 'sector', params, { sector }, pageArgs, sector);
}

/** Query 2. */
export function chokepointRanking(db: Database, stats: QueryStats, params: AnalysisParams, pageArgs: PageArgs) {
  return gapList(db, stats, 'all', params, {}, pageArgs, null);
}

/** Query 6. */
export function uncoveredTargets(db: Database, stats: QueryStats, program: string, params: AnalysisParams, pageArgs: PageArgs) {
  return gapList(db, stats, 'uncovered', params, { program }, pageArgs, null);
}
