// The inputs every analysis question shares (home country, threshold, minimum provenance) and the forward
// keyset pages of analysis answers. Arguments are checked here, so each resolver refuses bad input with the
// same words; the values then travel to Cypher as parameters only.
import neo4j from 'neo4j-driver';
import { COUNTRY_CODES } from '../domain/countries.js';
import {
  decodeCursor,
  encodeCursor,
  pageWindow,
  type KeyValue,
  type PageArgs,
  type PageWindow,
} from '../graph/cursor.js';
import { userInputError } from '../graph/errors.js';
import { LazyPageInfo, PageEdge } from '../graph/lists.js';
import { PROVENANCES, provenancesAtLeast, type ProvenanceValue } from '../domain/model.js';
import type { PageInfo } from '../graph/pagination.js';

/** Dependency traversals stop here (DEPENDS_ON hops); a longer chain sets `depthLimitReached`. */
export const MAX_HOPS = 10;
export const DEFAULT_HOME = 'KR';
export const DEFAULT_THRESHOLD = 80;
/** The boundary between LAGGING and FOLLOWING (domain.md, Gap semantics). */
export const FOLLOWING_FROM = 60;

/** The lens input (schema/analysis.graphql AnalysisLens). */
export interface LensInput {
  homeCountry?: string | null;
  threshold?: number | null;
  asOf?: string | null;
  minProvenance?: ProvenanceValue | null;
  minEvidence?: ProvenanceValue | null;
}

/** The arguments of an analysis question: the lens, or the deprecated separate arguments of version 1. */
export interface AnalysisArgs {
  homeCountry?: string | null;
  threshold?: number | null;
  minProvenance?: ProvenanceValue | null;
  lens?: LensInput | null;
}

/**
 * Cypher parameters of the lens: `$home`, `$tau`, `$provs` (the provenances of structure kept),
 * `$everyProvenance` (all of them are: provenance tests of structure can be skipped), `$eprovs` and
 * `$everyEvidence` (the same for evidence: the stricter of minProvenance and minEvidence), `$asOf` (a date
 * string, to compare with a capability's asOf) and `$yearCut` (the last year whose 31 December is on or before
 * asOf, to compare with assessment rounds and listing years).
 */
export interface AnalysisParams {
  home: string;
  tau: number;
  provs: ProvenanceValue[];
  everyProvenance: boolean;
  eprovs: ProvenanceValue[];
  everyEvidence: boolean;
  asOf: string;
  yearCut: number;
  /** The asOf the question named (null: today), which is what a cursor remembers. */
  askedAsOf: string | null;
  /** The lens's minimum provenances in force (of structure, and the stricter one of evidence): they name an answer's rows (row-ids.ts). */
  minProvenance: ProvenanceValue;
  minEvidence: ProvenanceValue;
  [k: string]: unknown;
}

const SEPARATE_ARGS = ['homeCountry', 'threshold', 'minProvenance'] as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function provenanceArg(
  value: ProvenanceValue | null | undefined,
  fallback: ProvenanceValue,
  field: string,
): ProvenanceValue {
  const v = value ?? fallback;
  if (!PROVENANCES.includes(v)) throw userInputError(`"${field}" must be one of ${PROVENANCES.join(', ')}`, field);
  return v;
}

/**
 * The parameters of a question's arguments. `day` is a question's own asOf argument (reviewCompliance's), which is the
 * lens's day when the lens names none: it may come with the lens or with the deprecated separate arguments.
 */
export function analysisParams(args: AnalysisArgs, day: string | null = null): AnalysisParams {
  const lens = args.lens ?? {};
  for (const k of SEPARATE_ARGS) {
    if (args.lens && args[k] != null) {
      throw userInputError(
        `"${k}" is given both as an argument and in "lens"; give it in "lens" only (the separate argument is deprecated)`,
        k,
      );
    }
  }
  const home = lens.homeCountry ?? args.homeCountry ?? DEFAULT_HOME;
  if (!COUNTRY_CODES.has(home)) {
    throw userInputError(
      `"homeCountry" must be an ISO 3166-1 alpha-2 country code such as KR, US or DE, got "${home}"`,
      'homeCountry',
    );
  }
  const tau = lens.threshold ?? args.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isFinite(tau) || tau < 0 || tau > 100) {
    throw userInputError(`"threshold" must be between 0 and 100, got ${tau}`, 'threshold');
  }
  const min = provenanceArg(lens.minProvenance ?? args.minProvenance, 'ILLUSTRATIVE', 'minProvenance');
  const minEvidence = provenanceArg(lens.minEvidence, min, 'minEvidence');
  const provs = provenancesAtLeast(min);
  // Evidence is a fact too: minProvenance filters it as well, so the stricter of the two applies.
  const eprovs = provenancesAtLeast(minEvidence).filter((p) => provs.includes(p));
  const askedAsOf = lens.asOf ?? day;
  const asOf = askedAsOf ?? today();
  const [y, m, d] = asOf.split('-').map(Number);
  return {
    home,
    tau,
    provs,
    everyProvenance: provs.length === PROVENANCES.length,
    eprovs,
    everyEvidence: eprovs.length === PROVENANCES.length,
    asOf,
    yearCut: m === 12 && d === 31 ? y : y - 1,
    askedAsOf,
    minProvenance: min,
    minEvidence: eprovs[eprovs.length - 1],
  };
}

/** The parts of the lens a cursor must match (a page of one lens does not continue another). */
export function lensTag(params: AnalysisParams): unknown[] {
  return [params.home, params.tau, params.provs, params.eprovs, params.askedAsOf];
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

/** A page of an answer: its window and the keys of the rows at the cursors. */
export type KeysetPage = PageWindow<KeyValue[]>;

/** A page in either direction (first/after or last/before), cursors checked against the question's tag. */
export function parsePage(args: PageArgs, tag: string, keys: readonly OrderKey[]): KeysetPage {
  return pageWindow(args, (cursor, name) => decodeCursor(cursor, tag, keys.length, name, 'question'));
}

/** A forward page (the questions whose fields take first/after only). */
export const parseForwardPage = parsePage;

/**
 * Cypher condition over the collected row map `x`: the row comes strictly after (or, `dir` 'before', strictly
 * before) the cursor's row in the order given by `keys` (a lexicographic comparison), against the key list `p`.
 */
function keysetCondition(keys: readonly OrderKey[], p: string, dir: 'after' | 'before'): string {
  return keys
    .map((k, i) => {
      const eqs = keys.slice(0, i).map((e, j) => `x.${e.field} = ${p}[${j}]`);
      const later = k.desc === (dir === 'after') ? '<' : '>';
      return `(${[...eqs, `x.${k.field} ${later} ${p}[${i}]`].join(' AND ')})`;
    })
    .join(' OR ');
}

/**
 * Cypher for the window of a page (up to $limit1 rows) of the ordered list expression `rows`, whose elements `x`
 * carry the keys: after and before the cursors' keys, the first rows or, with `$page.fromEnd`, the last ones.
 * Which page is asked for travels in the map parameter `$page` (pageCypherParams), not in the text: Neo4j keeps a
 * plan per statement text and per parameter type (null and a list are two), and planning an analysis statement
 * anew costs seconds, so every page of a question shares one plan with its first page.
 */
export function keysetWindow(rows: string, keys: readonly OrderKey[]): string {
  const kept = `[x IN ${rows} WHERE ($page.after IS NULL OR ${keysetCondition(keys, '$page.after', 'after')})
      AND ($page.before IS NULL OR ${keysetCondition(keys, '$page.before', 'before')})]`;
  // The one-element list binds the kept rows once for the three uses below.
  return `head([kw IN [${kept}] | CASE WHEN NOT $page.fromEnd THEN kw[0..$limit1]
      WHEN $limit1 >= size(kw) THEN kw ELSE kw[-$limit1..] END])`;
}

/** Cypher for the page's rows within its window `window` (which holds one row more when more rows lie beyond). */
export function pageSlice(window = 'window'): string {
  return `CASE WHEN NOT $page.fromEnd THEN ${window}[0..$limit]
      WHEN size(${window}) > $limit THEN ${window}[1..] ELSE ${window} END`;
}

/**
 * Cypher parameters of a page: `$page` (the cursors' keys `after` and `before`, null where there is none, and
 * `fromEnd`), `$limit` and `$limit1` (the page size plus one, to know whether more follow). `keys` maps a cursor's
 * keys to those the statement compares (a question whose orderings share one statement).
 */
export function pageCypherParams(
  page: KeysetPage,
  keys: (k: KeyValue[]) => KeyValue[] = (k) => k,
): Record<string, unknown> {
  return {
    page: {
      after: page.after && keys(page.after),
      before: page.before && keys(page.before),
      fromEnd: page.fromEnd,
    },
    limit: neo4j.int(page.limit),
    limit1: neo4j.int(page.limit + 1),
  };
}

export interface KeysetConnection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a connection from one fetched window (up to limit + 1 rows, in list order) of rows whose keys are known. */
export function connectionOf<R extends Record<string, unknown>, T>(
  rows: R[],
  page: KeysetPage,
  tag: string,
  keys: readonly OrderKey[],
  total: number,
  toNode: (row: R, i: number) => T,
): KeysetConnection<T> {
  const more = rows.length > page.limit;
  // Read from the end, the row beyond the page lies before it.
  const kept = page.fromEnd ? rows.slice(more ? 1 : 0) : rows.slice(0, page.limit);
  const cursorAt = (i: number) =>
    encodeCursor(
      tag,
      keys.map((k) => kept[i][k.field] as KeyValue),
    );
  const edges = kept.map((row, i) => new PageEdge(cursorAt, i, toNode(row, i)));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: new LazyPageInfo(
      edges.length,
      cursorAt,
      page.fromEnd ? page.before !== null : more,
      page.fromEnd ? more : page.after !== null,
    ),
    totalCount: total,
  };
}

/** A cursor tag naming the question and every argument that changes its rows or their order. */
export function tagOf(question: string, ...parts: unknown[]): string {
  return [question, ...parts.map((p) => (p == null ? '' : Array.isArray(p) ? p.join(',') : String(p)))].join('|');
}
