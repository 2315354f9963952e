// The inputs every analysis question shares (home country, threshold, minimum provenance) and the forward
// keyset pages of analysis answers. Arguments are checked here, so each resolver refuses bad input with the
// same words; the values then travel to Cypher as parameters only.
import neo4j from 'neo4j-driver';
import { COUNTRY_CODES } from '../graph/countries.js';
import { decodeCursor, encodeCursor, type KeyValue } from '../graph/cursor.js';
import { userInputError } from '../graph/errors.js';
import { LazyPageInfo, PageEdge } from '../graph/lists.js';
import { PROVENANCES, provenancesAtLeast, type ProvenanceValue } from '../graph/model.js';
import { DEFAULT_PAGE, MAX_PAGE, type PageInfo } from '../graph/pagination.js';

/** Dependency traversals stop here (DEPENDS_ON hops); a longer chain sets `depthLimitReached`. */
export const MAX_HOPS = 10;
export const DEFAULT_HOME = 'KR';
export const DEFAULT_THRESHOLD = 80;
/** The boundary between LAGGING and FOLLOWING (domain.md, Gap semantics). */
export const FOLLOWING_FROM = 60;

export interface AnalysisArgs {
  homeCountry?: string | null;
  threshold?: number | null;
  minProvenance?: ProvenanceValue | null;
}

/**
 * Cypher parameters of the shared inputs: `$home`, `$tau`, `$provs` (the provenances kept) and `$everyProvenance`
 * (all of them are: provenance tests can be skipped).
 */
export interface AnalysisParams {
  home: string;
  tau: number;
  provs: ProvenanceValue[];
  everyProvenance: boolean;
  [k: string]: unknown;
}

export function analysisParams(args: AnalysisArgs): AnalysisParams {
  const home = args.homeCountry ?? DEFAULT_HOME;
  if (!COUNTRY_CODES.has(home)) {
    throw userInputError(`"homeCountry" must be an ISO 3166-1 alpha-2 country code such as KR, US or DE, got "${home}"`, 'homeCountry');
  }
  const tau = args.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isFinite(tau) || tau < 0 || tau > 100) {
    throw userInputError(`"threshold" must be between 0 and 100, got ${tau}`, 'threshold');
  }
  const min = args.minProvenance ?? 'ILLUSTRATIVE';
  if (!PROVENANCES.includes(min)) throw userInputError(`"minProvenance" must be one of ${PROVENANCES.join(', ')}`, 'minProvenance');
  const provs = provenancesAtLeast(min);
  return { home, tau, provs, everyProvenance: provs.length === PROVENANCES.length };
}

/** Whether a node (or relationship) record is kept at this minimum provenance. */
export function kept(params: AnalysisParams, fact: { provenance?: unknown } | null | undefined): boolean {
  return !!fact && params.provs.includes(fact.provenance as ProvenanceValue);
}

// ---------------------------------------------------------------------------------------------------------
// Pages. Analysis answers are ordered by computed keys (a score, a level, ...) then an id; a cursor holds the
// question's tag and the keys of its row, so the next page starts strictly after that row.


/** One ordering key: the name of a field of the collected row maps, and its direction. */
export interface OrderKey {
  field: string;
  desc: boolean;
}

export interface KeysetPage {
  limit: number;
  after: KeyValue[] | null;
}

export function parseForwardPage(args: { first?: number | null; after?: string | null }, tag: string, keys: readonly OrderKey[]): KeysetPage {
  const { first, after } = args;
  if (first != null && (first < 0 || first > MAX_PAGE)) {
    throw userInputError(`"first" must be between 0 and ${MAX_PAGE}, got ${first}`, 'first');
  }
  return { limit: first ?? DEFAULT_PAGE, after: after != null ? decodeCursor(after, tag, keys.length, 'after', 'question') : null };
}

/**
 * Cypher condition over the collected row map `x`: the row comes strictly after the cursor's row in the order
 * given by `keys` (a lexicographic comparison), against the parameter `$after` (the cursor's keys).
 */
function afterCondition(keys: readonly OrderKey[]): string {
  return keys.map((k, i) => {
    const eqs = keys.slice(0, i).map((e, j) => `x.${e.field} = $after[${j}]`);
    return `(${[...eqs, `x.${k.field} ${k.desc ? '<' : '>'} $after[${i}]`].join(' AND ')})`;
  }).join(' OR ');
}

/**
 * Cypher for the window of a page (up to $limit1 rows) of the ordered list expression `rows`, whose elements `x`
 * carry the keys: after the cursor's keys when there is a cursor. The keyset test is written only then: the first
 * page, the usual one, neither tests every row nor sends the test's text.
 */
export function keysetWindow(rows: string, keys: readonly OrderKey[], page: KeysetPage): string {
  return page.after === null ? `${rows}[0..$limit1]` : `[x IN ${rows} WHERE ${afterCondition(keys)}][0..$limit1]`;
}

/** Cypher parameters of a page: `$after` and `$limit1` (page size plus one, to know whether more follow). */
export function pageCypherParams(page: KeysetPage): Record<string, unknown> {
  return { after: page.after, limit1: neo4j.int(page.limit + 1) };
}

export interface KeysetConnection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a connection from one fetched window (up to limit + 1 rows) of rows whose keys are known. */
export function connectionOf<R extends Record<string, unknown>, T>(
  rows: R[], page: KeysetPage, tag: string, keys: readonly OrderKey[], total: number, toNode: (row: R, i: number) => T,
): KeysetConnection<T> {
  const kept = rows.slice(0, page.limit);
  const cursorAt = (i: number) => encodeCursor(tag, keys.map((k) => kept[i][k.field] as KeyValue));
  const edges = kept.map((row, i) => new PageEdge(cursorAt, i, toNode(row, i)));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: new LazyPageInfo(edges.length, cursorAt, rows.length > page.limit, page.after !== null),
    totalCount: total,
  };
}

/** A cursor tag naming the question and every argument that changes its rows or their order. */
export function tagOf(question: string, ...parts: unknown[]): string {
  return [question, ...parts.map((p) => (p == null ? '' : Array.isArray(p) ? p.join(',') : String(p)))].join('|');
}
