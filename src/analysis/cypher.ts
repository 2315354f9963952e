// Cypher shared by the analysis questions: the gap figures of a technology, its downstream set, the depth
// test, and the ordered, windowed tail every gap list ends with. Parameters: $home (country), $tau
// (threshold), $provs (provenances kept). Every fact read is filtered by $provs, nodes and relationships alike.
import { FOLLOWING_FROM, MAX_HOPS } from './options.js';

/**
 * A node or relationship variable kept at the minimum provenance. `$everyProvenance` (the default minimum keeps
 * every fact) short-circuits the test, so the usual question reads no provenance property at all.
 */
export const ok = (v: string) => `($everyProvenance OR ${v}.provenance IN $provs)`;

/**
 * A bounded DEPENDS_ON walk from `from` to `to` ('up': along DEPENDS_ON, to the inputs; 'down': against it, to
 * the dependents) whose relationships and nodes beyond `from` are all kept. Written as relationship predicates
 * so that, where only the distinct ends are used, Neo4j walks it breadth-first with pruning (no enumeration of
 * every path).
 */
export function walk(p: string, from: string, to: string, dir: 'up' | 'down'): string {
  const pattern = dir === 'up'
    ? `${p} = (${from})-[:DEPENDS_ON*1..${MAX_HOPS}]->(${to}:Technology)`
    : `${p} = (${from})<-[:DEPENDS_ON*1..${MAX_HOPS}]-(${to}:Technology)`;
  const far = dir === 'up' ? 'endNode' : 'startNode';
  // Inside all(): a predicate on each relationship, which keeps the breadth-first pruning walk.
  return `${pattern} WHERE all(wr IN relationships(${p}) WHERE $everyProvenance OR (wr.provenance IN $provs AND ${far}(wr).provenance IN $provs))`;
}

/**
 * A boolean expression: whether a kept DEPENDS_ON chain longer than the bound starts at one of the technologies of
 * the list expression `starts` (direction as in `walk`), i.e. some technology lies MAX_HOPS + 1 hops away along some
 * path. Computed hop by hop over the distinct set of technologies exactly k hops away (in a DAG a walk is a path),
 * so it never enumerates paths, and as one expression, so it is cheap to plan.
 */
export function chainBeyondBound(starts: string, dir: 'up' | 'down'): string {
  const rel = dir === 'up' ? '-[cr:DEPENDS_ON]->' : '<-[cr:DEPENDS_ON]-';
  return `size(reduce(cf = ${starts}, ci IN range(1, ${MAX_HOPS + 1}) |
      reduce(cacc = [], cx IN cf | cacc + [(cx)${rel}(cy:Technology)
        WHERE ${ok('cr')} AND ${ok('cy')} AND NOT cy IN cacc | cy]))) > 0`;
}

/** The status for a best home level (an expression that may be null where there is none). */
export const statusOf = (best: string) => `CASE WHEN ${best} IS NULL THEN 'ABSENT'
            WHEN ${best} >= $tau THEN 'LEADING'
            WHEN ${best} >= ${FOLLOWING_FROM} THEN 'FOLLOWING'
            ELSE 'LAGGING' END`;

/**
 * With `t` in scope, adds `domesticBest`, `foreignBest` (null where none), `status` and `gap`.
 * status: ABSENT (no home capability), LEADING (≥ τ), FOLLOWING (60 ≤ best < τ), LAGGING (best < min(60, τ)).
 */
export const GAP_FIGURES = `
  CALL (t) {
    MATCH (o:Organization)-[c:HAS_CAPABILITY]->(t)
    WHERE ${ok('o')} AND ${ok('c')}
    RETURN max(CASE WHEN o.country = $home THEN c.level END) AS domesticBest,
           max(CASE WHEN o.country <> $home THEN c.level END) AS foreignBest
  }
  WITH *,
       ${statusOf('domesticBest')} AS status,
       CASE WHEN domesticBest IS NULL THEN 100.0 ELSE 100.0 - domesticBest END AS gap`;

/**
 * With `t` in scope, adds `downCount` (|downstream(t)| within the hop bound, over the whole graph) and `downDeep`
 * (a longer chain runs into t). Only computed where `when` holds (0 and false elsewhere): the gap lists skip
 * LEADING technologies, which they drop anyway.
 */
export const downstreamCount = (when = 'true') => `
  CALL (*) {
    WITH t WHERE ${when}
    MATCH ${walk('p', 't', 'd', 'down')}
    RETURN count(DISTINCT d) AS downCount
  }
  WITH *, CASE WHEN ${when} THEN ${chainBeyondBound('[t]', 'down')} ELSE false END AS downDeep`;

/**
 * A boolean expression, for a list of many technologies (a variable): whether a kept DEPENDS_ON chain longer than
 * the bound starts at one of them, as `chainBeyondBound` says, computed as a multi-source walk, one hop per
 * subquery over the distinct set of technologies exactly k hops away. For a list of hundreds this is one walk of
 * the graph instead of one per technology, and its cost follows the number of technologies reached.
 */
export function setBeyondBound(starts: string, dir: 'up' | 'down', result: string): string {
  const rel = dir === 'up' ? '-[fr:DEPENDS_ON]->' : '<-[fr:DEPENDS_ON]-';
  const hops = Array.from({ length: MAX_HOPS + 1 }, (_, k) => `
      CALL (f${k}) {
        UNWIND f${k} AS fx
        MATCH (fx)${rel}(fy:Technology) WHERE ${ok('fr')} AND ${ok('fy')}
        RETURN collect(DISTINCT fy) AS f${k + 1}
      }`).join('');
  return `CALL (${starts}) {
      WITH ${starts} AS f0
      ${hops}
      RETURN size(f${MAX_HOPS + 1}) > 0 AS ${result}
    }`;
}

/**
 * The ranking every gap list starts with. Expects rows with a distinct `t` and a boolean `srcDeep` (the walk that
 * found t was cut); keeps the technologies with a gap, with their downstream set, ordered by chokepointScore desc,
 * gap desc, id asc, and leaves one row: `rows` (maps with the order keys, `t`, its figures and `down`), `deep`
 * (any traversal cut) and `rowsDeep` (a chain into some row is longer than the bound). The page is cut from
 * `rows` by the caller (gaps.ts `gapPage`).
 */
export const GAP_RANKING = `
  ${GAP_FIGURES}
  CALL (*) {
    WITH t WHERE status <> 'LEADING'
    MATCH ${walk('p', 't', 'd', 'down')}
    RETURN collect(DISTINCT d) AS down
  }
  WITH t, status, gap, domesticBest, foreignBest, down, gap * (1 + size(down)) AS score, srcDeep
  ORDER BY score DESC, gap DESC, t.id ASC
  WITH collect(CASE WHEN status <> 'LEADING' THEN {id: t.id, score: score, gap: gap, t: t, down: down, status: status,
                    domesticBest: domesticBest, foreignBest: foreignBest} END) AS rows,
       any(d IN collect(srcDeep) WHERE d) AS srcDeep
  WITH rows, srcDeep, [x IN rows | x.t] AS rowTechs
  ${setBeyondBound('rowTechs', 'down', 'rowsDeep')}
  WITH rows, srcDeep OR rowsDeep AS deep, rowsDeep`;

/** The order of gap rows, as keys of the collected row maps. */
export const GAP_ORDER = [
  { field: 'score', desc: true },
  { field: 'gap', desc: true },
  { field: 'id', desc: false },
] as const;
