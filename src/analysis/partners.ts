// Partner candidates (domain.md, query 3): foreign organizations ahead of the home country in a technology.
import type { Database, QueryStats } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import { GAP_FIGURES, ok } from './cypher.js';
import type { GapStatus, PageArgs } from './gaps.js';
import {
  afterCondition, connectionOf, pageCypherParams, parseForwardPage, tagOf,
  type AnalysisParams, type KeysetConnection, type OrderKey,
} from './options.js';

export interface PartnerCandidate {
  organization: NodeRec;
  level: number;
  holdsCoreIp: boolean;
  sharedProjectCount: number;
  hostsCooperationCenter: boolean;
  cooperationCenters: NodeRec[];
}

export type PartnerCandidateConnection = KeysetConnection<PartnerCandidate> & {
  technology: NodeRec;
  status: GapStatus;
  domesticBest: number | null;
};

/** Core IP holders first, then level desc, then projects shared with the home country desc, then name, then id. */
const ORDER: OrderKey[] = [
  { field: 'core', desc: true },
  { field: 'level', desc: true },
  { field: 'shared', desc: true },
  { field: 'name', desc: false },
  { field: 'id', desc: false },
];

/** Null when the technology does not exist (or is not kept at the minimum provenance): one statement either way. */
export async function partnerCandidates(
  db: Database, stats: QueryStats, technology: string, params: AnalysisParams, pageArgs: PageArgs,
): Promise<PartnerCandidateConnection | null> {
  const tag = tagOf('partners', params.home, params.tau, params.provs, technology);
  const page = parseForwardPage(pageArgs, tag, ORDER);
  const rows = await db.read(
    `MATCH (t:Technology {id: $technology}) WHERE ${ok('t')}
     ${GAP_FIGURES}
     CALL (t, domesticBest) {
       // No :Organization label on o and h (only organizations have capabilities and take part in projects): with
       // it the planner may start from the country index, every organization of a country, instead of walking
       // out from t and o, a plan seen to cost 40× the db hits on some runs and not on others.
       OPTIONAL MATCH (o)-[c:HAS_CAPABILITY]->(t)
       WHERE ${ok('o')} AND ${ok('c')} AND o.country <> $home AND (domesticBest IS NULL OR c.level > domesticBest)
       CALL (o) {
         OPTIONAL MATCH (o)-[pi:PARTICIPATES_IN]->(pr:Project)<-[ph:PARTICIPATES_IN]-(h)
         WHERE h.country = $home AND ${ok('pi')} AND ${ok('pr')} AND ${ok('ph')} AND ${ok('h')}
         RETURN count(DISTINCT pr) AS shared
       }
       CALL (o) {
         OPTIONAL MATCH (cc:CooperationCenter)-[hb:HOSTED_BY]->(o) WHERE ${ok('cc')} AND ${ok('hb')}
         WITH cc ORDER BY cc.name, cc.id
         RETURN collect(properties(cc)) AS centers
       }
       WITH o, c, shared, centers
       ORDER BY coalesce(c.holdsCoreIp, false) DESC, c.level DESC, shared DESC, o.name ASC, o.id ASC
       RETURN collect(CASE WHEN o IS NOT NULL THEN {
         core: coalesce(c.holdsCoreIp, false), level: c.level, shared: shared, name: o.name, id: o.id,
         o: properties(o), centers: centers} END) AS rows
     }
     RETURN properties(t) AS t, status, domesticBest, size(rows) AS total, [x IN rows WHERE ${afterCondition(ORDER)}][0..$limit1] AS page`,
    { ...params, technology, ...pageCypherParams(page) }, stats);
  const r = rows[0];
  if (!r) return null;
  const list = r.page as Array<{ core: boolean; level: number; shared: number; o: NodeRec; centers: NodeRec[] } & Record<string, unknown>>;
  return {
    technology: r.t as NodeRec,
    status: r.status as GapStatus,
    domesticBest: r.domesticBest as number | null,
    ...connectionOf(list, page, tag, ORDER, r.total as number, (x) => ({
      organization: x.o,
      level: x.level,
      holdsCoreIp: x.core,
      sharedProjectCount: x.shared,
      hostsCooperationCenter: x.centers.length > 0,
      cooperationCenters: x.centers,
    })),
  };
}
