// Single-source risks (domain.md, query 4):
// - DOMESTIC_SINGLE_SOURCE: exactly one organization of the home country has level ≥ τ;
// - FOREIGN_CONCENTRATION: the technology has a gap and every organization with level ≥ τ (at least one) is of
//   one single foreign country.
// The two exclude each other: a home organization at ≥ τ makes the technology LEADING (no gap).
import type { Database, QueryStats } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import { downstreamCount, GAP_FIGURES, ok } from './cypher.js';
import type { GapStatus, PageArgs } from './gaps.js';
import {
  connectionOf, keysetWindow, pageCypherParams, parseForwardPage, tagOf,
  type AnalysisParams, type KeysetConnection, type OrderKey,
} from './options.js';

export type { SingleSourceRiskKind as RiskKind } from '../generated/resolvers-types.js';
import type { SingleSourceRiskKind as RiskKind } from '../generated/resolvers-types.js';

export interface SingleSourceRisk {
  kind: RiskKind;
  technology: NodeRec;
  sources: NodeRec[];
  country: string;
  status: GapStatus;
  domesticBest: number | null;
  gap: number;
  downstreamCount: number;
  depthLimitReached: boolean;
}

export type SingleSourceRiskConnection = KeysetConnection<SingleSourceRisk> & { depthLimitReached: boolean };

/** Downstream count desc, then gap desc, then technology id asc. */
const ORDER: OrderKey[] = [
  { field: 'down', desc: true },
  { field: 'gap', desc: true },
  { field: 'id', desc: false },
];

export async function singleSourceRisks(
  db: Database, stats: QueryStats, kind: RiskKind | null, params: AnalysisParams, pageArgs: PageArgs,
): Promise<SingleSourceRiskConnection> {
  const tag = tagOf('risks', params.home, params.tau, params.provs, kind);
  const page = parseForwardPage(pageArgs, tag, ORDER);
  const rows = await db.read(
    `MATCH (t:Technology) WHERE ${ok('t')}
     CALL (t) {
       OPTIONAL MATCH (o:Organization)-[c:HAS_CAPABILITY]->(t)
       WHERE ${ok('o')} AND ${ok('c')} AND c.level >= $tau
       WITH o ORDER BY o.name, o.id
       RETURN collect(o) AS strong, count(DISTINCT o.country) AS strongCountries
     }
     WITH t, strong, strongCountries, [o IN strong WHERE o.country = $home] AS homeStrong
     ${GAP_FIGURES}
     WITH *, CASE WHEN size(homeStrong) = 1 THEN 'DOMESTIC_SINGLE_SOURCE'
                  WHEN status <> 'LEADING' AND strongCountries = 1 THEN 'FOREIGN_CONCENTRATION' END AS kind
     WHERE kind IS NOT NULL AND ($kind IS NULL OR kind = $kind)
     WITH *, CASE kind WHEN 'DOMESTIC_SINGLE_SOURCE' THEN homeStrong ELSE strong END AS sources
     ${downstreamCount()}
     WITH t, kind, sources, status, domesticBest, gap, downCount, downDeep
     ORDER BY downCount DESC, gap DESC, t.id ASC
     WITH collect({down: downCount, gap: gap, id: t.id, kind: kind, t: properties(t), sources: [o IN sources | properties(o)],
                   country: sources[0].country, status: status, domesticBest: domesticBest, deep: downDeep}) AS rows
     RETURN size(rows) AS total, any(x IN rows WHERE x.deep) AS deep, ${keysetWindow('rows', ORDER, page)} AS page`,
    { ...params, kind, ...pageCypherParams(page) }, stats);
  const r = rows[0] ?? { total: 0, deep: false, page: [] };
  type Row = { down: number; gap: number; kind: RiskKind; t: NodeRec; sources: NodeRec[]; country: string; status: GapStatus; domesticBest: number | null; deep: boolean };
  return {
    ...connectionOf(r.page as Array<Row & Record<string, unknown>>, page, tag, ORDER, r.total as number, (x) => ({
      kind: x.kind,
      technology: x.t,
      sources: x.sources,
      country: x.country,
      status: x.status,
      domesticBest: x.domesticBest,
      gap: x.gap,
      downstreamCount: x.down,
      depthLimitReached: x.deep,
    })),
    depthLimitReached: r.deep as boolean,
  };
}
