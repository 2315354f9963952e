// Cypher shared by the analysis questions: the gap figures of a technology, its downstream set, the depth
// test, and the ordered, windowed tail every gap list ends with. Parameters: $home (country), $tau
// (threshold), $provs (provenances kept). Every fact read is filtered by $provs, nodes and relationships alike.
import { FOLLOWING_FROM, MAX_HOPS } from './options.js';

/** A node or relationship variable kept at the minimum provenance. */
export const ok = (v: string) => `${v}.provenance IN $provs`;

/** Every node and relationship of path `p` is kept (used where the path itself is returned). */
export const pathOk = (p: string) =>
  `all(pn IN nodes(${p}) WHERE pn.provenance IN $provs) AND all(pr IN relationships(${p}) WHERE pr.provenance IN $provs)`;

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
  return `${pattern} WHERE all(wr IN relationships(${p}) WHERE wr.provenance IN $provs AND ${far}(wr).provenance IN $provs)`;
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
        WHERE cr.provenance IN $provs AND cy.provenance IN $provs AND NOT cy IN cacc | cy]))) > 0`;
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
 * The tail of every gap list. Expects rows with a distinct `t` and a boolean `srcDeep` (the walk that found t was
 * cut); keeps the technologies with a gap, orders them by chokepointScore desc, gap desc, id asc, and returns one
 * row: `total`, `deep` (any traversal cut) and `page` (up to $limit1 rows after the cursor $after).
 */
export const GAP_RANK_TAIL = `
  ${GAP_FIGURES}
  ${downstreamCount("status <> 'LEADING'")}
  WITH t, status, gap, gap * (1 + downCount) AS score, downDeep, srcDeep
  ORDER BY score DESC, gap DESC, t.id ASC
  WITH collect(CASE WHEN status <> 'LEADING' THEN {id: t.id, score: score, gap: gap, deep: downDeep} END) AS rows,
       collect(srcDeep) AS srcDeeps
  WITH rows, any(d IN srcDeeps WHERE d) OR any(x IN rows WHERE x.deep) AS deep`;

/** The order of gap rows, as keys of the collected row maps. */
export const GAP_ORDER = [
  { field: 'score', desc: true },
  { field: 'gap', desc: true },
  { field: 'id', desc: false },
] as const;
