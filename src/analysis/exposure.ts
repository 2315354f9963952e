// A company's exposure (domain.md, query 7): the gap technologies upstream of what an organization RELIES_ON or
// HAS_CAPABILITY in, each with one shortest DEPENDS_ON path from one of those technologies as evidence.
import { node } from '../db/rows.js';
import type { Queries } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import { GAP_ORDER, ok } from './cypher.js';
import { ALL_GAP_PROPS, gapPage, type GapProjection, type PageArgs, type TechnologyGap } from './gaps.js';
import { rowId } from './row-ids.js';
import { MAX_HOPS, connectionOf, tagOf, lensTag, type AnalysisParams, type KeysetConnection } from './options.js';

export interface Exposure {
  id: string;
  assessment: TechnologyGap;
  path: NodeRec[];
  hops: number;
  via: NodeRec;
  viaRelations: string[];
}

export type ExposureConnection = KeysetConnection<Exposure> & { organization: NodeRec; depthLimitReached: boolean };

/**
 * For each target id, one shortest path from a root of the organization: fewest hops, then smallest id list
 * (as `ORDER BY length(p), [n IN nodes(p) | n.id] LIMIT 1` over every shortest path would give), found without
 * enumerating paths: a dense layered graph has width^hops shortest paths (allShortestPaths took 27 s for one
 * answer on 11 layers of 5). Instead, per target u, a backward breadth-first walk collects the distinct kept
 * technologies exactly k kept DEPENDS_ON hops before u (`b{k}`, k ≤ MAX_HOPS, stopping at the first layer that
 * holds a root): that k is the shortest length, its smallest root id starts the path, and each next node is the
 * smallest-id kept successor in the layer one hop closer to u (every such node still reaches u in the hops left,
 * so the greedy choice is the smallest id list). Cost: at most MAX_HOPS expansions of distinct nodes per target.
 * The relationships to the path's root are read after the path is found.
 */
export function shortestPathsCypher(): string {
  const smallest = (list: string, v: string) =>
    `reduce(best = null, ${v} IN ${list} | CASE WHEN best IS NULL OR ${v}.id < best.id THEN ${v} ELSE best END)`;
  const layers = Array.from(
    { length: MAX_HOPS },
    (_, j) => `
       CALL (b${j}, roots) {
         UNWIND CASE WHEN any(x IN b${j} WHERE x IN roots) THEN [] ELSE b${j} END AS bx
         MATCH (by:Technology)-[br:DEPENDS_ON]->(bx) WHERE ${ok('br')} AND ${ok('by')}
         RETURN collect(DISTINCT by) AS b${j + 1}
       }`,
  ).join('');
  return `UNWIND range(0, size($ids) - 1) AS i
     MATCH (u:Technology {id: $ids[i]})
     CALL (u) {
       OPTIONAL MATCH (org:Organization {id: $organization})-[r:RELIES_ON|HAS_CAPABILITY]->(root:Technology)
       WHERE ${ok('org')} AND ${ok('r')} AND ${ok('root')} AND root <> u
       RETURN collect(DISTINCT root) AS roots
     }
     CALL (u, roots) {
       WITH [u] AS b0, roots
       ${layers}
       WITH roots, [${Array.from({ length: MAX_HOPS + 1 }, (_, k) => `b${k}`).join(', ')}] AS layers
       WITH roots, layers, head([k IN range(1, ${MAX_HOPS}) WHERE any(x IN layers[k] WHERE x IN roots)]) AS hops
       WHERE hops IS NOT NULL
       WITH layers, hops, ${smallest('[x IN layers[hops] WHERE x IN roots]', 'x')} AS root
       WITH hops, root, reduce(acc = [root], k IN range(hops - 1, 0, -1) |
         acc + [n IN [last(acc)] | ${smallest(`[(n)-[sr:DEPENDS_ON]->(s:Technology) WHERE ${ok('sr')} AND s IN layers[k] | s]`, 's')}]) AS nodes
       RETURN [n IN nodes | properties(n)] AS path, hops,
              COLLECT { MATCH (org:Organization {id: $organization})-[r:RELIES_ON|HAS_CAPABILITY]->(root)
                        WHERE ${ok('org')} AND ${ok('r')} RETURN DISTINCT type(r) } AS rels
     }
     RETURN i, path, hops, rels ORDER BY i`;
}

const SHORTEST_PATHS = shortestPathsCypher();

async function shortestPaths(db: Queries, organization: string, ids: string[], params: AnalysisParams) {
  if (!ids.length) return [];
  const rows = await db.read(SHORTEST_PATHS, { ...params, organization, ids });
  const byIndex = new Map(
    rows.map((r) => [
      r.i as number,
      { path: r.path as NodeRec[], hops: r.hops as number, rels: (r.rels as string[]).sort() },
    ]),
  );
  return ids.map((id, i) => {
    const found = byIndex.get(i);
    if (!found) throw new Error(`no dependency path to ${id}, though the upstream walk reached it`);
    return found;
  });
}

/** Null when the organization does not exist (or is not kept at the minimum provenance). */
export async function exposure(
  db: Queries,
  organization: string,
  params: AnalysisParams,
  pageArgs: PageArgs,
  projection: GapProjection = ALL_GAP_PROPS,
): Promise<ExposureConnection | null> {
  const tag = tagOf('exposure', ...lensTag(params), organization);
  const found = await gapPage(db, 'exposure', params, { organization }, pageArgs, tag, null, projection);
  if (!found) return null;
  const { page, total, keys, details, deep } = found;
  const paths = await shortestPaths(
    db,
    organization,
    details.map((d) => d.technology.id),
    params,
  );
  return {
    organization: node(found.subject, 'exposure.organization'),
    ...connectionOf(keys, page, tag, GAP_ORDER, total, (_, i) => ({
      id: rowId.exposure(organization, details[i].technology.id, params),
      assessment: details[i],
      path: paths[i].path,
      hops: paths[i].hops,
      via: paths[i].path[0],
      viaRelations: paths[i].rels,
    })),
    depthLimitReached: deep,
  };
}
