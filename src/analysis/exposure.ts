// A company's exposure (domain.md, query 7): the gap technologies upstream of what an organization RELIES_ON or
// HAS_CAPABILITY in, each with one shortest DEPENDS_ON path from one of those technologies as evidence.
import type { Database, QueryStats } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import { GAP_ORDER, ok, pathOk } from './cypher.js';
import { gapDetails, rankGaps, type PageArgs, type TechnologyGap } from './gaps.js';
import { MAX_HOPS, connectionOf, tagOf, type AnalysisParams, type KeysetConnection } from './options.js';

export interface Exposure {
  assessment: TechnologyGap;
  path: NodeRec[];
  hops: number;
  via: NodeRec;
  viaRelations: string[];
}

export type ExposureConnection = KeysetConnection<Exposure> & { organization: NodeRec; depthLimitReached: boolean };

/** For each target id, one shortest path from a root of the organization: fewest hops, then smallest id list. */
async function shortestPaths(db: Database, stats: QueryStats, organization: string, ids: string[], params: AnalysisParams) {
  if (!ids.length) return [];
  const rows = await db.read(
    `UNWIND range(0, size($ids) - 1) AS i
     MATCH (u:Technology {id: $ids[i]})
     CALL (u) {
       MATCH (org:Organization {id: $organization})-[r:RELIES_ON|HAS_CAPABILITY]->(root:Technology)
       WHERE ${ok('org')} AND ${ok('r')} AND ${ok('root')} AND root <> u
       WITH root, collect(DISTINCT type(r)) AS rels
       MATCH p = allShortestPaths((root)-[:DEPENDS_ON*1..${MAX_HOPS}]->(u))
       WHERE ${pathOk('p')}
       WITH p, rels ORDER BY length(p), [n IN nodes(p) | n.id]
       LIMIT 1
       RETURN [n IN nodes(p) | properties(n)] AS path, length(p) AS hops, rels
     }
     RETURN i, path, hops, rels ORDER BY i`,
    { ...params, organization, ids }, stats);
  const byIndex = new Map(rows.map((r) => [r.i as number, { path: r.path as NodeRec[], hops: r.hops as number, rels: (r.rels as string[]).sort() }]));
  return ids.map((id, i) => {
    const found = byIndex.get(i);
    if (!found) throw new Error(`no dependency path to ${id}, though the upstream walk reached it`);
    return found;
  });
}

export async function exposure(
  db: Database, stats: QueryStats, org: NodeRec, params: AnalysisParams, pageArgs: PageArgs,
): Promise<ExposureConnection> {
  const extra = { organization: org.id };
  const tag = tagOf('exposure', params.home, params.tau, params.provs, org.id);
  const { page, ranked } = await rankGaps(db, stats, 'exposure', params, extra, pageArgs, tag);
  const rows = ranked.page.slice(0, page.limit);
  const ids = rows.map((x) => x.id);
  const [details, paths] = await Promise.all([
    gapDetails(db, stats, ids, params, null, rows.map((x) => x.deep)),
    shortestPaths(db, stats, org.id, ids, params),
  ]);
  return {
    organization: org,
    ...connectionOf(ranked.page, page, tag, GAP_ORDER, ranked.total, (_, i) => ({
      assessment: details[i],
      path: paths[i].path,
      hops: paths[i].hops,
      via: paths[i].path[0],
      viaRelations: paths[i].rels,
    })),
    depthLimitReached: ranked.deep,
  };
}
