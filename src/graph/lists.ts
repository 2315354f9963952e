// Running a read plan (plan.ts, plan-cypher.ts) and turning its rows into pages and connections:
//  - readList: a top-level list's page, and the first pages of its nested reads, one round trip; its totalCount
//    a second one, only when asked for;
//  - readRelationPages: one page of a relationship list for each of many parents (one DataLoader batch), one
//    round trip.
import type { Queries, Row } from '../db/driver.js';
import { listCursor, type Page, type PageInfo } from './pagination.js';
import { markPartial } from './projection.js';
import type { ListPlan, RelationPlan } from './plan.js';
import { cypherFor, nestedColumns, rowOf, totalCypherFor } from './plan-cypher.js';

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

/** A top-level list's page, with the pages of its nested reads: `nested[i][j]` is read i's page of row j. */
export async function readList(
  db: Queries,
  plan: ListPlan,
): Promise<Connection<NodeEdge> & { nested: RelationPage[][] }> {
  const { page, sort } = plan;
  const { cypher, params } = cypherFor(plan);
  const rows = await db.read(cypher, params);
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  if (page.fromEnd) kept.reverse();
  const props = plan.projection.node;
  const cursorAt = (i: number) => keyedCursor(sort.tag, kept[i].k as string | number, (kept[i].n as NodeRec).id);
  const edges = kept.map((r, i) => new PageEdge(cursorAt, i, props ? markPartial(r.n as NodeRec) : (r.n as NodeRec)));
  return {
    edges,
    pageInfo: pageInfoOf(page, more, edges.length, cursorAt),
    totalCount: async () => {
      const total = totalCypherFor(plan);
      return (await db.read(total.cypher, total.params))[0].c as number;
    },
    nested: plan.nested.map((read, i) => {
      const columns = nestedColumns(i);
      return kept.map((row) =>
        relationPageOf(read, row[columns.rest] as unknown[][], row[columns.total] as number | null),
      );
    }),
  };
}

/**
 * The edge at position `i` of a page, whose cursor is the page's cursor at that position, made when asked for:
 * lists of thousands of edges rarely show them. Lists, relationship lists and analysis answers share it.
 */
export class PageEdge<N> {
  constructor(
    private readonly cursorAt: (i: number) => string,
    private readonly i: number,
    readonly node: N,
    readonly link: RelRec | null = null,
  ) {}

  get cursor(): string {
    return this.cursorAt(this.i);
  }
}

/** A row's cursor; its sort key is there whenever its list's selection has a cursor (Projection.cursors). */
function keyedCursor(tag: string, k: string | number | undefined, id: string): string {
  if (k === undefined)
    throw new Error(`a cursor of list ${tag} was asked for, but its rows were read without their sort key`);
  return listCursor(tag, k, id);
}

/** Page info whose cursors, those of the page's first and last row, are made when asked for. */
export class LazyPageInfo implements PageInfo {
  constructor(
    private readonly count: number,
    private readonly cursorAt: (i: number) => string,
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
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
  return new LazyPageInfo(
    count,
    cursorAt,
    page.fromEnd ? page.before !== null : more,
    page.fromEnd ? more : page.after !== null,
  );
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

/** The page of a parent that is not there: no rows, so no cursor is ever asked of it. */
const EMPTY_PAGE: RelationPage = {
  rows: [],
  total: 0,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  cursorAt: (i) => {
    throw new RangeError(`no row ${i} in an empty page`);
  },
};

/** One parent's page from its window of rows (`window` holds one row more than the page when more follow). */
function relationPageOf(plan: RelationPlan, window: unknown[][], total: number | null): RelationPage {
  const { page, projection } = plan;
  const kept = page.fromEnd ? window.slice(Math.max(0, window.length - page.limit)) : window.slice(0, page.limit);
  const list = kept.map((row) => rowOf(projection, row) as RelationRow);
  if (projection.node) for (const x of list) markPartial(x.n);
  if (projection.rel) for (const x of list) markPartial(x.r);
  const more = window.length > page.limit;
  const cursorAt = (i: number) => keyedCursor(plan.relation.tag, list[i].k, list[i].n.id);
  return { rows: list, total, pageInfo: pageInfoOf(page, more, list.length, cursorAt), cursorAt };
}

/** One page of the relationship list `plan` for each parent id, all in one statement. */
export async function readRelationPages(
  db: Queries,
  plan: RelationPlan,
  parentIds: readonly string[],
): Promise<RelationPage[]> {
  const { cypher, params } = cypherFor(plan);
  const rows = await db.read(cypher, { ids: [...new Set(parentIds)], ...params });
  const byParent = new Map<string, Row>(rows.map((r) => [r.pid as string, r]));
  return parentIds.map((pid) => {
    const row = byParent.get(pid);
    if (!row) return EMPTY_PAGE;
    return relationPageOf(plan, row.window as unknown[][], row.total as number | null);
  });
}
