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
  const pattern =
    dir === 'up'
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

/** An evidence record (a capability, an assessment, a listing or share, an import figure) kept by the lens. */
export const okE = (v: string) => `($everyEvidence OR ${v}.provenance IN $eprovs)`;

/** A capability counted under the lens: kept, and assessed on or before asOf (an undated level always counts). */
export const capabilityCounted = (o: string, c: string) =>
  `${ok(o)} AND ${okE(c)} AND (${c}.asOf IS NULL OR ${c}.asOf <= $asOf)`;

/** The higher of two values that may be null (Cypher has no scalar max). */
const higher = (a: string, b: string) =>
  `CASE WHEN ${a} IS NULL THEN ${b} WHEN ${b} IS NULL OR ${a} >= ${b} THEN ${a} ELSE ${b} END`;

/** The status for a best home figure known to be there. */
export const ratedStatusOf = (best: string) => `CASE WHEN ${best} >= $tau THEN 'LEADING'
            WHEN ${best} >= ${FOLLOWING_FROM} THEN 'FOLLOWING'
            ELSE 'LAGGING' END`;

/*
 * The figures below are written as expressions (pattern comprehensions and reductions), not CALL subqueries: they
 * are computed for every candidate technology, and a subquery per kind of evidence made each gap statement several
 * seconds slower to plan, paid again for every new selection of fields. Comprehension variables have a `g` prefix
 * so that they never capture a variable of the statement around them.
 */

/**
 * With `t` in scope, adds `nats`: the latest national assessment of each country counted under the lens (kept,
 * round on or before asOf; of one country's rounds the latest, then the smallest id).
 */
const NATIONAL = `
  WITH *, reduce(acc = [], gna IN [(gna:NationalAssessment)-[:ASSESSES]->(t) WHERE ${okE('gna')} AND gna.round <= $yearCut | gna] |
    CASE WHEN any(x IN acc WHERE x.country = gna.country AND (x.round > gna.round OR (x.round = gna.round AND x.id < gna.id))) THEN acc
         ELSE [x IN acc WHERE x.country <> gna.country] + gna END) AS nats`;

/** The order of listings: the later year, then a complete one, then the smaller id comes first. */
const listingBefore = (a: string, b: string) => `(${a}.year > ${b}.year OR (${a}.year = ${b}.year
    AND (coalesce(${a}.complete, false) > coalesce(${b}.complete, false)
         OR (coalesce(${a}.complete, false) = coalesce(${b}.complete, false) AND ${a}.id < ${b}.id))))`;

/**
 * With `t` in scope, adds `listing`: the latest supply listing of t counted under the lens (kept, year on or before
 * asOf; of one year's listings a complete one first, then the smallest id), null without one; `onlyComplete`
 * counts complete listings only.
 */
export function latestListing(name: string, onlyComplete = false): string {
  return `
  WITH *, reduce(best = null, gli IN [(gli:SupplyListing)-[:LISTS]->(t)
      WHERE ${okE('gli')} AND gli.year <= $yearCut${onlyComplete ? ' AND gli.complete = true' : ''} | gli] |
    CASE WHEN best IS NULL OR ${listingBefore('gli', 'best')} THEN gli ELSE best END) AS ${name}`;
}

/**
 * With the listing variable `l` in scope (null allowed), adds `<prefix>entries` ({country, share, org, s, o} per
 * kept share; an organization's entry has its organization's country; entries of organizations not kept are left
 * out) and `<prefix>countryShares` ({country, share}: a country's own figure where the listing gives one, else the
 * sum of its organizations' figures).
 */
export function listingEntries(l: string, prefix = ''): string {
  const entries = `${prefix}entries`;
  return `
  WITH *, CASE WHEN ${l} IS NULL THEN [] ELSE [(gsh:SupplyShare)-[:SHARE_IN]->(${l}) WHERE ${okE('gsh')} |
      {s: gsh, o: head([(gsh)-[:HELD_BY]->(gso:Organization) WHERE ${ok('gso')} | gso]), held: EXISTS { (gsh)-[:HELD_BY]->() }}] END AS ${prefix}rawEntries
  WITH *, [e IN ${prefix}rawEntries WHERE e.o IS NOT NULL OR NOT e.held |
      {country: coalesce(e.o.country, e.s.country), share: e.s.share, org: e.o IS NOT NULL, s: e.s, o: e.o}] AS ${entries}
  WITH *, [c IN reduce(cs = [], e IN ${entries} | CASE WHEN e.country IN cs THEN cs ELSE cs + e.country END) | {country: c, share: CASE
      WHEN any(e IN ${entries} WHERE NOT e.org AND e.country = c) THEN head([e IN ${entries} WHERE NOT e.org AND e.country = c | e.share])
      ELSE reduce(x = 0.0, e IN [e IN ${entries} WHERE e.org AND e.country = c] | x + coalesce(e.share, 0.0)) END}] AS ${prefix}countryShares`;
}

/**
 * With `t` in scope, adds the figures of domain.md "Figures and status" under the lens:
 * - `domesticBest` / `foreignBest`: the best of the organizations' levels and the countries' latest national
 *   assessments (`nats`), home and foreign (null where none);
 * - `listing` (the latest supply listing), its `entries` and `countryShares`, `homeShare` (the home country's
 *   share in it, 0 where not named, null without a listing) and `hhi` (Σ country share², null without a listing);
 * - `status`: LEADING / FOLLOWING / LAGGING from domesticBest when known; else PRESENT (the home country supplies
 *   it); else ABSENT (evidence about t exists); else UNKNOWN;
 * - `gap`: 100 − domesticBest (to 6 decimals, so 100 − 74.2 is 25.8), 100 where ABSENT, null where unrated (PRESENT, UNKNOWN).
 */
export const GAP_FIGURES = `
  WITH *, [(gco:Organization)-[gc:HAS_CAPABILITY]->(t) WHERE ${capabilityCounted('gco', 'gc')} | [gc.level, gco.country = $home]] AS capLevels
  ${NATIONAL}
  ${latestListing('listing')}
  ${listingEntries('listing')}
  WITH *,
       reduce(m = null, x IN capLevels | CASE WHEN x[1] AND (m IS NULL OR x[0] > m) THEN x[0] ELSE m END) AS capHome,
       reduce(m = null, x IN capLevels | CASE WHEN NOT x[1] AND (m IS NULL OR x[0] > m) THEN x[0] ELSE m END) AS capForeign,
       reduce(m = null, x IN nats | CASE WHEN x.country = $home AND (m IS NULL OR x.level > m) THEN x.level ELSE m END) AS natHome,
       reduce(m = null, x IN nats | CASE WHEN x.country <> $home AND (m IS NULL OR x.level > m) THEN x.level ELSE m END) AS natForeign
  WITH *, ${higher('capHome', 'natHome')} AS domesticBest, ${higher('capForeign', 'natForeign')} AS foreignBest,
       CASE WHEN listing IS NULL THEN null
            ELSE coalesce(head([x IN countryShares WHERE x.country = $home | x.share]), 0.0) END AS homeShare,
       CASE WHEN listing IS NULL THEN null
            ELSE reduce(h = 0.0, x IN countryShares | h + coalesce(x.share, 0.0) * coalesce(x.share, 0.0)) END AS hhi
  WITH *, CASE WHEN domesticBest IS NOT NULL THEN ${ratedStatusOf('domesticBest')}
               WHEN homeShare > 0 OR any(e IN entries WHERE e.country = $home AND (e.share IS NULL OR e.share > 0)) THEN 'PRESENT'
               WHEN size(capLevels) > 0 OR size(nats) > 0 OR listing IS NOT NULL THEN 'ABSENT'
               ELSE 'UNKNOWN' END AS status
  WITH *, CASE status WHEN 'ABSENT' THEN 100.0 WHEN 'PRESENT' THEN null WHEN 'UNKNOWN' THEN null
                      ELSE round(100.0 - domesticBest, 6) END AS gap`;

/** Whether a status is a gap (ABSENT, LAGGING, FOLLOWING). */
export const HAS_GAP = (status: string) => `${status} IN ['ABSENT', 'LAGGING', 'FOLLOWING']`;
/** Whether a status is unrated (PRESENT, UNKNOWN). */
export const UNRATED = (status: string) => `${status} IN ['PRESENT', 'UNKNOWN']`;

/**
 * With `t` and the figures of GAP_FIGURES in scope, adds `evidence`: the records the figures rest on, as maps
 * {kind, rec, o (the organization of a capability or share)}: for a rated technology the home capabilities and
 * the home assessment at domesticBest; for ABSENT every counted capability, the latest assessments and the listing;
 * for PRESENT the listing and the home country's entries in it; nothing for UNKNOWN.
 */
export const EVIDENCE_RECORDS =
  evidenceRecords(`[(geo:Organization)-[gec:HAS_CAPABILITY]->(t) WHERE ${capabilityCounted('geo', 'gec')}
      | {home: geo.country = $home, level: gec.level, rec: properties(gec), full: properties(geo)}]`);

/**
 * EVIDENCE_RECORDS from a list expression of the counted capabilities of t, as maps {home, level, rec, full} (a
 * statement that has walked them already passes its own list).
 */
export function evidenceRecords(caps: string): string {
  return `
  WITH *, [c IN ${caps} WHERE status = 'ABSENT' OR (status IN ['LEADING', 'FOLLOWING', 'LAGGING'] AND c.home AND c.level = domesticBest)
      | {kind: 'Capability', rec: c.rec, o: c.full}]
    + [na IN nats WHERE status = 'ABSENT' OR (na.country = $home AND na.level = domesticBest AND status IN ['LEADING', 'FOLLOWING', 'LAGGING'])
       | {kind: 'NationalAssessment', rec: properties(na)}]
    + CASE WHEN status IN ['ABSENT', 'PRESENT'] AND listing IS NOT NULL THEN [{kind: 'SupplyListing', rec: properties(listing)}] ELSE [] END
    + CASE WHEN status = 'PRESENT' THEN [e IN entries WHERE e.country = $home | {kind: 'SupplyShare', rec: properties(e.s)}] ELSE [] END
    AS evidence`;
}

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
 * A clause adding the boolean `result`, for a list of many technologies (a variable): whether a kept DEPENDS_ON
 * chain longer than the bound starts at one of them, as `chainBeyondBound` says, computed as a multi-source walk,
 * one hop per step over the distinct set of technologies exactly k hops away (a COLLECT subquery with DISTINCT).
 * For a list of hundreds this is one walk of the graph instead of one per technology, and its cost follows the
 * number of technologies reached. Written as one expression, not as a subquery per hop: twelve nested CALLs made
 * a gap statement some 1.3 s slower to plan on a freshly started JVM (docs/operations.md).
 */
export function setBeyondBound(starts: string, dir: 'up' | 'down', result: string): string {
  const rel = dir === 'up' ? '-[fr:DEPENDS_ON]->' : '<-[fr:DEPENDS_ON]-';
  return `WITH *, size(reduce(ff = ${starts}, fi IN range(1, ${MAX_HOPS + 1}) | COLLECT {
      UNWIND ff AS fx
      MATCH (fx)${rel}(fy:Technology) WHERE ${ok('fr')} AND ${ok('fy')}
      RETURN DISTINCT fy
    })) > 0 AS ${result}`;
}

/** Whether a row belongs to the ranking `$q.unrated` names: the gaps (false) or the unrated technologies (true). */
const LISTED = `CASE WHEN $q.unrated THEN ${UNRATED('status')} ELSE ${HAS_GAP('status')} END`;

/**
 * The ranking every gap list starts with. Expects rows with a distinct `t` and a boolean `srcDeep` (the walk that
 * found t was cut). With `$q.unrated` false it keeps the technologies with a gap (ABSENT, LAGGING, FOLLOWING),
 * ordered by chokepointScore desc, gap desc, id asc; with true the unrated ones (PRESENT, UNKNOWN), ordered by
 * |downstream| desc, id asc. Both orders are written as `k1` desc, `k2` desc, id asc (RANK_ORDER; k2 is 0 for the
 * unrated), so that both rankings of a question are one statement text and one plan: a new text costs seconds
 * of planning (docs/operations.md). Leaves one row: `rows` (maps with the order keys, `t`, its figures and
 * `down`), `deep` (any traversal cut) and `rowsDeep` (a chain into some row is longer than the bound). The page
 * is cut from `rows` by the caller (gaps.ts `gapPage`).
 */
export const RANKING = `
  ${GAP_FIGURES}
  CALL (*) {
    WITH t WHERE ${LISTED}
    MATCH ${walk('p', 't', 'd', 'down')}
    RETURN collect(DISTINCT d) AS down
  }
  WITH t, status, gap, domesticBest, foreignBest, homeShare, hhi, nats, listing, entries, down, round(gap * (1 + size(down)), 6) AS score, srcDeep
  WITH *, CASE WHEN $q.unrated THEN size(down) ELSE score END AS k1, CASE WHEN $q.unrated THEN 0 ELSE gap END AS k2
  ORDER BY k1 DESC, k2 DESC, t.id ASC
  WITH collect(CASE WHEN ${LISTED} THEN {id: t.id, k1: k1, k2: k2, score: score, gap: gap, downCount: size(down), t: t,
                    down: down, status: status, domesticBest: domesticBest, foreignBest: foreignBest, homeShare: homeShare,
                    hhi: hhi, nats: nats, listing: listing, entries: entries} END) AS rows,
       any(d IN collect(srcDeep) WHERE d) AS srcDeep
  WITH rows, srcDeep, [x IN rows | x.t] AS rowTechs
  ${setBeyondBound('rowTechs', 'down', 'rowsDeep')}
  WITH rows, srcDeep OR rowsDeep AS deep, rowsDeep`;

/** The order RANKING sorts by, as keys of its row maps. */
export const RANK_ORDER = [
  { field: 'k1', desc: true },
  { field: 'k2', desc: true },
  { field: 'id', desc: false },
] as const;

/** The order of unrated rows, as keys of the collected row maps. */
export const UNRATED_ORDER = [
  { field: 'downCount', desc: true },
  { field: 'id', desc: false },
] as const;

/** The order of gap rows, as keys of the collected row maps. */
export const GAP_ORDER = [
  { field: 'score', desc: true },
  { field: 'gap', desc: true },
  { field: 'id', desc: false },
] as const;
