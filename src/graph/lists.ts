// The two list queries every connection is built on:
//  - topLevelList: one label, filters, a sort key, a keyset window; totalCount is a separate COUNT query
//    run only when asked for, so no list is ever collected to count it;
//  - relationList: the neighbours of many parents at once (one round trip for a whole DataLoader batch),
//    windowed per parent inside the database.
// Labels, relationship types and sort expressions come from the fixed specs of each domain module; all values
// are parameters.
import type { Queries, Row } from '../db/driver.js';
import neo4j from 'neo4j-driver';
import { listCursor, pageParams, parsePage, type Page, type PageArgs, type PageInfo } from './pagination.js';
import { ALL, cypherProps, markPartial, propertyName, type Projection, type Props } from './projection.js';
import { INDEXED_SORTS } from '../domain/sorts.js';

export type NodeRec = { id: string; provenance: string; sourceIds: string[]; [k: string]: unknown };
export type RelRec = { provenance: string; sourceIds: string[]; [k: string]: unknown };

export interface Connection<E> {
  edges: E[];
  pageInfo: PageInfo;
  totalCount: number | (() => Promise<number>);
}

export interface NodeEdge {
  cursor: string;
  node: NodeRec;
  link: RelRec | null;
}

/** A filter compiled to WHERE fragments over `n` and their parameters. */
export interface Where {
  clauses: string[];
  params: Record<string, unknown>;
}

export interface SortSpec {
  /** Cypher expression over `n` (and `r` in relation lists) giving a non-null key. */
  key: string;
  desc: boolean;
  /** Cursor tag: a cursor only works in the list and order that made it. */
  tag: string;
}

/**
 * The keyset window of a page, as a WHERE over the sort key `k` and the id `id` of a row: only the bounds its
 * cursors set. A bound written as `($afterK IS NULL OR …)` for every page cost the first page (the usual one) a
 * test of every row of the label under load: 10,000 technologies made workload 1 of the bench cost Neo4j 40%
 * more CPU than without it.
 */
function windowOf(page: Page, gt: string, lt: string, k = 'k', id = 'n.id'): string {
  const bounds = [
    ...(page.after ? [`(${k} ${gt} $afterK OR (${k} = $afterK AND ${id} ${gt} $afterId))`] : []),
    ...(page.before ? [`(${k} ${lt} $beforeK OR (${k} = $beforeK AND ${id} ${lt} $beforeId))`] : []),
  ];
  return bounds.length ? `WHERE ${bounds.join(' AND ')}` : '';
}

/**
 * For a sort on a stored, indexed property (INDEXED_SORTS), the predicates that let Neo4j read a page's rows from
 * the index in order and stop after `first + 1` of them: `IS NOT NULL` (the planner reads an index for order only
 * under a predicate on its property; every node has both keys), and a cursor's key as a range bound (the keyset
 * test itself is an OR, which no index serves). Other sorts get none: they sort every row that matches.
 */
function indexedOrder(sort: SortSpec, page: Page, gt: string, lt: string): string[] {
  if (!INDEXED_SORTS.has(sort.key)) return [];
  return [
    `${sort.key} IS NOT NULL`,
    ...(page.after ? [`${sort.key} ${gt}= $afterK`] : []),
    ...(page.before ? [`${sort.key} ${lt}= $beforeK`] : []),
  ];
}

/**
 * A nested list read in the same statement as its parents (src/graph/prefetch.ts): the first page, forwards, of
 * one relationship field of every listed node.
 */
export interface NestedRead {
  spec: RelationSpec;
  args: PageArgs & Record<string, unknown>;
  page: Page;
  projection: Projection;
}

export async function topLevelList(
  db: Queries, label: string, where: Where, sort: SortSpec, args: PageArgs, props: Props = null,
  nested: readonly NestedRead[] = [],
): Promise<Connection<NodeEdge> & { nested: RelationPage[][] }> {
  const page = parsePage(args, sort.tag);
  // Reading from the end means walking the order backwards; rows are put back in order below.
  const backwards = page.fromEnd !== sort.desc;
  const gt = sort.desc ? '<' : '>';
  const lt = sort.desc ? '>' : '<';
  const dir = backwards ? 'DESC' : 'ASC';
  const clauses = where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : '';
  const ordered = [...where.clauses, ...indexedOrder(sort, page, gt, lt)];
  const reads = nested.map((x, i) => firstPageOf(x.spec, x.projection, x.args, 'p', `nested${i}`));
  const rows = await db.read(
    `MATCH (n:${label}) ${ordered.length ? `WHERE ${ordered.join(' AND ')}` : ''}
     WITH n, ${sort.key} AS k
     ${windowOf(page, gt, lt)}
     WITH n AS p, k
     ORDER BY k ${dir}, p.id ${dir}
     LIMIT $limit + 1
     ${reads.map((r) => r.cypher).join('\n')}
     RETURN ${cypherProps('p', props)} AS n, k${reads.map((r) => `, ${r.rest}, ${r.total}`).join('')}
     ORDER BY k ${dir}, p.id ${dir}`,
    { ...where.params, ...pageParams(page), ...Object.assign({}, ...reads.map((r, i) => r.params(nested[i].page))) },
  );
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  if (page.fromEnd) kept.reverse();
  const cursorAt = (i: number) => keyedCursor(sort.tag, kept[i].k as string | number, (kept[i].n as NodeRec).id);
  const edges = kept.map((r, i) => new PageEdge(cursorAt, i, props ? markPartial(r.n as NodeRec) : r.n as NodeRec));
  return {
    edges,
    pageInfo: pageInfoOf(page, more, edges.length, cursorAt),
    totalCount: async () => {
      const res = await db.read(`MATCH (n:${label}) ${clauses} RETURN count(n) AS c`, where.params);
      return res[0].c as number;
    },
    nested: reads.map((r, i) => kept.map((row) =>
      relationPageOf(nested[i].spec, nested[i].page, nested[i].projection, row[r.rest] as unknown[][], row[r.total] as number | null))),
  };
}

/**
 * The edge at position `i` of a page, whose cursor is the page's cursor at that position, made when asked for:
 * lists of thousands of edges rarely show them. Lists, relationship lists and analysis answers share it.
 */
export class PageEdge<N> {
  constructor(
    private readonly cursorAt: (i: number) => string, private readonly i: number,
    readonly node: N, readonly link: RelRec | null = null,
  ) {}

  get cursor(): string {
    return this.cursorAt(this.i);
  }
}

/** A row's cursor; its sort key is there whenever its list's selection has a cursor (Projection.cursors). */
function keyedCursor(tag: string, k: string | number | undefined, id: string): string {
  if (k === undefined) throw new Error(`a cursor of list ${tag} was asked for, but its rows were read without their sort key`);
  return listCursor(tag, k, id);
}

/** Page info whose cursors, those of the page's first and last row, are made when asked for. */
export class LazyPageInfo implements PageInfo {
  constructor(
    private readonly count: number, private readonly cursorAt: (i: number) => string,
    readonly hasNextPage: boolean, readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.count ? this.cursorAt(0) : null;
  }

  get endCursor(): string | null {
    return this.count ? this.cursorAt(this.count - 1) : null;
  }
}

/**
 * The page info of `count` rows read in the page's direction, `more` saying whether a row beyond them was there: read
 * from the end, that row lies before the page, and a `before` cursor means rows follow it.
 */
function pageInfoOf(page: Page, more: boolean, count: number, cursorAt: (i: number) => string): PageInfo {
  return new LazyPageInfo(count, cursorAt, page.fromEnd ? page.before !== null : more, page.fromEnd ? more : page.after !== null);
}

/** One relationship hop seen from a parent: `(p:parent)-[r:rel]->(n:target)` or reversed. */
export interface RelationSpec {
  parent: string;
  rel: string;
  dir: 'out' | 'in';
  target: string;
  /** Sort key over `n` and `r`, ascending; negate numbers for a descending order. */
  key: string;
  tag: string;
  /** Optional condition over `n`/`r` with a parameter of the same name as the argument, applied when it is given. */
  extra?: { clause: string; param: string };
}

export interface RelationRow {
  n: NodeRec;
  r: RelRec;
  /** The sort key, read only when the projection asks for cursors. */
  k?: string | number;
}

export interface RelationPage {
  rows: RelationRow[];
  /** Null when the projection did not ask for it. */
  total: number | null;
  pageInfo: PageInfo;
  /** The cursor of row `i`, made when asked for. */
  cursorAt(i: number): string;
}

function pattern(spec: RelationSpec, p: string): string {
  return spec.dir === 'out' ? `(${p})-[r:${spec.rel}]->(n:${spec.target})` : `(${p})<-[r:${spec.rel}]-(n:${spec.target})`;
}

/**
 * One neighbour as a flat list, `[k, <node's properties>, <relationship's properties>]`: each part the values of
 * the projection's names in order, or the whole `properties()` map when every property is read; the sort key `k`
 * only when cursors are asked for. The driver decodes a list of values at about half the CPU of the same values
 * in maps, whose keys it decodes as strings again on every row (workload 1 of the bench reads about 1,000 such
 * rows per request).
 */
function rowList(projection: Projection): string {
  const part = (v: string, props: Props) => (props ? props.map((p) => `${v}.${propertyName(p)}`) : [`properties(${v})`]);
  return `[${[...(projection.cursors ? ['k'] : []), ...part('n', projection.node), ...part('r', projection.rel)].join(', ')}]`;
}

/** The record of one part of a row (see rowList), from position `at`. */
function partOf(props: Props, row: readonly unknown[], at: number): Record<string, unknown> {
  if (!props) return row[at] as Record<string, unknown>;
  const rec: Record<string, unknown> = {};
  for (let i = 0; i < props.length; i++) rec[props[i]] = row[at + i];
  return rec;
}

/** A row as read by rowList (`k` undefined when read without cursors). */
function rowOf(projection: Projection, row: readonly unknown[]): RelationRow {
  const nodeAt = projection.cursors ? 1 : 0;
  const relAt = nodeAt + (projection.node ? projection.node.length : 1);
  return {
    k: projection.cursors ? row[0] as string | number : undefined,
    n: partOf(projection.node, row, nodeAt) as NodeRec,
    r: partOf(projection.rel, row, relAt) as RelRec,
  };
}

/**
 * The first page forwards (no cursor), the usual case, of one parent `p` in scope: its first `limit + 1`
 * neighbours sorted (one more says whether more follow) in column `<name>Rest`, and their count in
 * `<name>Total` only when totalCount is asked for (null otherwise). Parameters are prefixed with `name`, so
 * several such reads can share one statement.
 */
function firstPageOf(spec: RelationSpec, projection: Projection, args: Record<string, unknown>, p: string, name: string) {
  const limit = `$${name}Limit`;
  const extra = extraOf(spec, args, `$${name}Extra`);
  const rest = `${name}Rest`;
  const total = `${name}Total`;
  return {
    rest,
    total,
    cypher: `CALL (${p}) {
         MATCH ${pattern(spec, p)}
         ${extra}
         WITH n, r, ${spec.key} AS k
         ORDER BY k, n.id
         LIMIT ${limit} + 1
         RETURN collect(${rowList(projection)}) AS ${rest}
       }
       ${projection.total === false
    ? `WITH *, null AS ${total}`
    : `CALL (${p}) { MATCH ${pattern(spec, p)} ${extra} RETURN count(*) AS ${total} }`}`,
    params: (page: Page) => ({
      [`${name}Limit`]: neo4j.int(page.limit),
      ...(extra ? { [`${name}Extra`]: args[spec.extra!.param] } : {}),
    }),
  };
}

/** The spec's extra condition as a WHERE with its parameter named `param`, when its argument is given; else ''. */
function extraOf(spec: RelationSpec, args: Record<string, unknown>, param: string): string {
  if (!spec.extra || args[spec.extra.param] == null) return '';
  return `WHERE ${spec.extra.clause.replace(new RegExp(`\\$${spec.extra.param}\\b`, 'g'), () => param)}`;
}

/** The page of a parent that is not there: no rows, so no cursor is ever asked of it. */
const EMPTY_PAGE: RelationPage = {
  rows: [], total: 0,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  cursorAt: (i) => { throw new RangeError(`no row ${i} in an empty page`); },
};

/** One parent's page from its window of rows (`window` holds one row more than the page when more follow). */
function relationPageOf(spec: RelationSpec, page: Page, projection: Projection, window: unknown[][], total: number | null): RelationPage {
  const kept = page.fromEnd ? window.slice(Math.max(0, window.length - page.limit)) : window.slice(0, page.limit);
  const list = kept.map((row) => rowOf(projection, row));
  if (projection.node) for (const x of list) markPartial(x.n);
  if (projection.rel) for (const x of list) markPartial(x.r);
  const more = window.length > page.limit;
  const cursorAt = (i: number) => keyedCursor(spec.tag, list[i].k, list[i].n.id);
  return { rows: list, total, pageInfo: pageInfoOf(page, more, list.length, cursorAt), cursorAt };
}

/** Whether a page is the first page forwards, the one a nested read can fetch with its parents. */
export function isFirstPage(page: Page): boolean {
  return page.after === null && page.before === null && !page.fromEnd;
}

/** Fetches one page of neighbours for each parent id, all in one query, reading the properties `projection` names. */
export async function relationPages(
  db: Queries, spec: RelationSpec, parentIds: readonly string[], args: PageArgs & Record<string, unknown>,
  projection: Projection = ALL,
): Promise<RelationPage[]> {
  const page = parsePage(args, spec.tag);
  const ids = [...new Set(parentIds)];
  let rows: Row[];
  if (isFirstPage(page)) {
    const read = firstPageOf(spec, projection, args, 'p', 'nested');
    rows = await db.read(
      `UNWIND $ids AS pid
       MATCH (p:${spec.parent} {id: pid})
       ${read.cypher}
       RETURN pid, ${read.total} AS total, ${read.rest} AS window`,
      { ids, ...read.params(page) });
  } else {
    // With a cursor or from the end: every neighbour sorted, then windowed.
    const extra = extraOf(spec, args, `$${spec.extra?.param}`);
    rows = await db.read(
      `UNWIND $ids AS pid
       MATCH ${pattern(spec, `p:${spec.parent} {id: pid}`)}
       ${extra}
       WITH pid, n, r, ${spec.key} AS k
       ORDER BY k, n.id
       WITH pid, collect({id: n.id, k: k, row: ${rowList(projection)}}) AS rows
       WITH pid, size(rows) AS total,
            [x IN rows ${windowOf(page, '>', '<', 'x.k', 'x.id')} | x.row] AS rest
       RETURN pid, total,
              CASE WHEN $fromEnd THEN rest[CASE WHEN size(rest) > $limit THEN size(rest) - $limit - 1 ELSE 0 END..]
                   ELSE rest[0..$limit + 1] END AS window`,
      { ids, ...pageParams(page), ...(extra ? { [spec.extra!.param]: args[spec.extra!.param] } : {}) });
  }
  const byParent = new Map<string, Row>(rows.map((r) => [r.pid as string, r]));
  return parentIds.map((pid) => {
    const row = byParent.get(pid);
    if (!row) return EMPTY_PAGE;
    return relationPageOf(spec, page, projection, row.window as unknown[][], row.total as number | null);
  });
}
