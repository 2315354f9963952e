// Cypher shared by the analysis questions: the gap figures of a technology, its downstream set, the depth
// test, and the ordered, windowed tail every gap list ends with. Parameters: $home (country), $tau
// (threshold), $provs (provenances kept). Every fact read is filtered by $provs, nodes and relationships alike.
import { FOLLOWING_FROM, MAX_HOPS } from './options.js';

/** A node or relationship variable kept at the minimum provenance. */
export const ok = (v: string) => `${v}.provenance IN $provs`;

/** Every node and relationship of path `p` is kept. */
export const pathOk = (p: string) =>
  `all(pn IN nodes(${p}) WHERE pn.provenance IN $provs) AND all(pr IN relationships(${p}) WHERE pr.provenance IN $provs)`;

/** A bounded DEPENDS_ON walk (the only variable-length pattern used). */
export const DEPENDS = `[:DEPENDS_ON*1..${MAX_HOPS}]`;
/** A chain one hop longer than the bound: where one exists, the walk was cut. */
export const DEPENDS_TOO_DEEP = `[:DEPENDS_ON*${MAX_HOPS + 1}]`;

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
       CASE WHEN domesticBest IS NULL THEN 'ABSENT'
            WHEN domesticBest >= $tau THEN 'LEADING'
            WHEN domesticBest >= ${FOLLOWING_FROM} THEN 'FOLLOWING'
            ELSE 'LAGGING' END AS status,
       CASE WHEN domesticBest IS NULL THEN 100.0 ELSE 100.0 - domesticBest END AS gap`;

/**
 * With `t` in scope, adds `downCount` (|downstream(t)| within the hop bound, over the whole graph) and `downDeep`
 * (a longer chain runs into t). Only computed where `when` holds (0 and false elsewhere): the gap lists skip
 * LEADING technologies, which they drop anyway.
 */
export const downstreamCount = (when = 'true') => `
  CALL (*) {
    WITH t WHERE ${when}
    MATCH p = (d:Technology)-${DEPENDS}->(t)
    WHERE ${pathOk('p')}
    RETURN count(DISTINCT d) AS downCount
  }
  CALL (*) {
    WITH t WHERE ${when} AND EXISTS { MATCH p = (:Technology)-${DEPENDS_TOO_DEEP}->(t) WHERE ${pathOk('p')} }
    RETURN count(*) > 0 AS downDeep
  }`;

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
