// A company's exposure (domain.md, query 7): the gap technologies upstream of what an organization RELIES_ON or
// HAS_CAPABILITY in, each with one shortest DEPENDS_ON path from one of those technologies as evidence.
import type { Database, QueryStats } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import { GAP_ORDER, ok, pathOk } from './cypher.js';
import { ALL_GAP_PROPS, gapPage, type GapProjection, type PageArgs, type TechnologyGap } from './gaps.js';
import { MAX_HOPS, connectionOf, tagOf, type AnalysisParams, type KeysetConnection } from './options.js';

export interface Exposure {
  assessment: TechnologyGap;
  path: NodeRec[];
  hops: number;
  via: NodeRec;
  viaRelations: string[];
}

export type ExposureConnection = KeysetConnection<Exposure> & { organization: NodeRec; depthLimitReached: boolean };

/**
 * For each target id, one shortest path from a root of the organization: fewest hops, then smallest id list.
 * The relationships to the path's root are read after the path is found: a value carried into the shortest-path
 * match came out null when the shortest path failed the provenance test and Neo4j 5.26 searched the longer paths
 * instead (found by the random-graph property test; pinned in tests/analysis/depth-and-boundaries.test.ts).
 */
async function shortestPaths(db: Database, stats: QueryStats, organization: string, ids: string[], params: AnalysisParams) {
  if (!ids.length) return [];
  const rows = await db.read(
    `UNWIND range(0, size($ids) - 1) AS i
     MATCH (u:Technology {id: $ids[i]})
     CALL (u) {
       MATCH (org:Organization {id: $organization})-[r:RELIES_ON|HAS_CAPABILITY]->(root:Technology)
       WHERE ${ok('org')} AND ${ok('r')} AND ${ok('root')} AND root <> u
       WITH DISTINCT root
       MATCH p = allShortestPaths((root)-[:DEPENDS_ON*1..${MAX_HOPS}]->(u))
       WHERE ${pathOk('p')}
       WITH p ORDER BY length(p), [n IN nodes(p) | n.id]
       LIMIT 1
       WITH p, nodes(p)[0] AS root
       RETURN [n IN nodes(p) | properties(n)] AS path, length(p) AS hops,
              COLLECT { MATCH (org:Organization {id: $organization})-[r:RELIES_ON|HAS_CAPABILITY]->(root)
                        WHERE ${ok('org')} AND ${ok('r')} RETURN DISTINCT type(r) } AS rels
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

/** Null when the organization does not exist (or is not kept at the minimum provenance). */
export async function exposure(
  db: Database, stats: QueryStats, organization: string, params: AnalysisParams, pageArgs: PageArgs,
  projection: GapProjection = ALL_GAP_PROPS,
): Promise<ExposureConnection | null> {
  const tag = tagOf('exposure', params.home, params.tau, params.provs, organization);
  const found = await gapPage(db, stats, 'exposure', params, { organization }, pageArgs, tag, null, projection);
  if (!found) return null;
  const { page, total, keys, details, deep } = found;
  const paths = await shortestPaths(db, stats, organization, details.map((d) => d.technology.id), params);
  return {
    organization: found.subject,
    ...connectionOf(keys, page, tag, GAP_ORDER, total, (_, i) => ({
      assessment: details[i],
      path: paths[i].path,
      hops: paths[i].hops,
      via: paths[i].path[0],
      viaRelations: paths[i].rels,
    })),
    depthLimitReached: deep,
  };
}
