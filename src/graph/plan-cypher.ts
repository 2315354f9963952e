// A read plan (plan.ts) as Cypher and parameters: pure, no driver, so tests pin the statements without a database
// (tests/graph/planner.test.ts). Labels, relationship types, sort keys and filter clauses come from the fixed
// declarations (relations.ts, each domain module's list definition); every value is a parameter.
//  - a list plan: one statement for the page, a keyset window over the sort key, the first page of each nested
//    read as a CALL subquery (columns nested<i>Rest, nested<i>Total); its totalCount a separate COUNT, run only
//    when asked for, so no list is ever collected to count it (totalCypherFor);
//  - a relation plan: the pages of many parents at once (`$ids`, one DataLoader batch), windowed per parent inside
//    the database (columns pid, total, window).
import neo4j from 'neo4j-driver';
import { pageParams, type Page } from './pagination.js';
import { propertyName, cypherProps, type Projection, type Props } from './projection.js';
import { isFirstPage, type ListPlan, type ReadPlan, type RelationPlan, type Where } from './plan.js';
import type { BoundRelation } from './relations.js';
import { INDEXED_SORTS } from '../domain/sorts.js';

export interface Statement {
  cypher: string;
  params: Record<string, unknown>;
}

/** The statement that reads a plan's page (a relation plan's also takes `$ids`, the parents' ids). */
export function cypherFor(plan: ReadPlan): Statement {
  return plan.kind === 'list' ? listCypher(plan) : relationCypher(plan);
}

/** The count of a list plan's rows (its totalCount), read only when asked for. */
export function totalCypherFor(plan: ListPlan): Statement {
  const clauses = plan.where.clauses.length ? `WHERE ${plan.where.clauses.join(' AND ')}` : '';
  return { cypher: `MATCH (n:${plan.label}) ${clauses} RETURN count(n) AS c`, params: plan.where.params };
}

/** The columns of nested read `i` in a list plan's rows. */
export function nestedColumns(i: number): { rest: string; total: string } {
  return { rest: `nested${i}Rest`, total: `nested${i}Total` };
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
function indexedOrder(key: string, page: Page, gt: string, lt: string): string[] {
  if (!INDEXED_SORTS.has(key)) return [];
  return [
    `${key} IS NOT NULL`,
    ...(page.after ? [`${key} ${gt}= $afterK`] : []),
    ...(page.before ? [`${key} ${lt}= $beforeK`] : []),
  ];
}

function listCypher(plan: ListPlan): Statement {
  const { page, sort, where } = plan;
  // Reading from the end means walking the order backwards; rows are put back in order when decoded.
  const backwards = page.fromEnd !== sort.desc;
  const gt = sort.desc ? '<' : '>';
  const lt = sort.desc ? '>' : '<';
  const dir = backwards ? 'DESC' : 'ASC';
  const ordered = [...where.clauses, ...indexedOrder(sort.key, page, gt, lt)];
  const reads = plan.nested.map((x, i) => firstPageOf(x, 'p', `nested${i}`));
  return {
    cypher: `MATCH (n:${plan.label}) ${ordered.length ? `WHERE ${ordered.join(' AND ')}` : ''}
     WITH n, ${sort.key} AS k
     ${windowOf(page, gt, lt)}
     WITH n AS p, k
     ORDER BY k ${dir}, p.id ${dir}
     LIMIT $limit + 1
     ${reads.map((r) => r.cypher).join('\n')}
     RETURN ${cypherProps('p', plan.projection.node)} AS n, k${reads.map((r) => `, ${r.rest}, ${r.total}`).join('')}
     ORDER BY k ${dir}, p.id ${dir}`,
    params: { ...where.params, ...pageParams(page), ...Object.assign({}, ...reads.map((r) => r.params)) },
  };
}

function relationCypher(plan: RelationPlan): Statement {
  const { relation, page, projection, where } = plan;
  if (isFirstPage(page)) {
    const read = firstPageOf(plan, 'p', 'nested');
    return {
      cypher: `UNWIND $ids AS pid
       MATCH (p:${relation.parent} {id: pid})
       ${read.cypher}
       RETURN pid, ${read.total} AS total, ${read.rest} AS window`,
      params: read.params,
    };
  }
  // With a cursor or from the end: every neighbour sorted, then windowed.
  return {
    cypher: `UNWIND $ids AS pid
       MATCH ${pattern(relation, `p:${relation.parent} {id: pid}`)}
       ${whereOf(where)}
       WITH pid, n, r, ${relation.sort} AS k
       ORDER BY k, n.id
       WITH pid, collect({id: n.id, k: k, row: ${rowList(projection)}}) AS rows
       WITH pid, size(rows) AS total,
            [x IN rows ${windowOf(page, '>', '<', 'x.k', 'x.id')} | x.row] AS rest
       RETURN pid, total,
              CASE WHEN $fromEnd THEN rest[CASE WHEN size(rest) > $limit THEN size(rest) - $limit - 1 ELSE 0 END..]
                   ELSE rest[0..$limit + 1] END AS window`,
    params: { ...pageParams(page), ...where.params },
  };
}

function pattern(relation: BoundRelation, p: string): string {
  return relation.dir === 'out'
    ? `(${p})-[r:${relation.rel}]->(n:${relation.target})`
    : `(${p})<-[r:${relation.rel}]-(n:${relation.target})`;
}

function whereOf(where: Where): string {
  return where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : '';
}

/** A filter whose parameters are renamed `<name><Param>`, so several reads can share one statement. */
function renamed(where: Where, name: string): Where {
  const to = (p: string) => `${name}${p[0].toUpperCase()}${p.slice(1)}`;
  const names = Object.keys(where.params);
  return {
    clauses: where.clauses.map((c) =>
      names.reduce((text, p) => text.replace(new RegExp(`\\$${propertyName(p)}\\b`, 'g'), () => `$${to(p)}`), c),
    ),
    params: Object.fromEntries(names.map((p) => [to(p), where.params[p]])),
  };
}

/**
 * The first page forwards (no cursor), the usual case, of one parent `p` in scope: its first `limit + 1`
 * neighbours sorted (one more says whether more follow) in column `<name>Rest`, and their count in
 * `<name>Total` only when totalCount is asked for (null otherwise). Parameters are prefixed with `name`, so
 * several such reads can share one statement.
 */
function firstPageOf(plan: RelationPlan, p: string, name: string) {
  const { relation, projection } = plan;
  const where = renamed(plan.where, name);
  const filter = whereOf(where);
  const rest = `${name}Rest`;
  const total = `${name}Total`;
  return {
    rest,
    total,
    cypher: `CALL (${p}) {
         MATCH ${pattern(relation, p)}
         ${filter}
         WITH n, r, ${relation.sort} AS k
         ORDER BY k, n.id
         LIMIT $${name}Limit + 1
         RETURN collect(${rowList(projection)}) AS ${rest}
       }
       ${
         projection.total === false
           ? `WITH *, null AS ${total}`
           : `CALL (${p}) { MATCH ${pattern(relation, p)} ${filter} RETURN count(*) AS ${total} }`
       }`,
    params: { [`${name}Limit`]: neo4j.int(plan.page.limit), ...where.params },
  };
}

/**
 * One neighbour as a flat list, `[k, <node's properties>, <relationship's properties>]`: each part the values of
 * the projection's names in order, or the whole `properties()` map when every property is read; the sort key `k`
 * only when cursors are asked for. The driver decodes a list of values at about half the CPU of the same values
 * in maps, whose keys it decodes as strings again on every row (workload 1 of the bench reads about 1,000 such
 * rows per request). rowOf reads it back.
 */
function rowList(projection: Projection): string {
  const part = (v: string, props: Props) =>
    props ? props.map((p) => `${v}.${propertyName(p)}`) : [`properties(${v})`];
  return `[${[...(projection.cursors ? ['k'] : []), ...part('n', projection.node), ...part('r', projection.rel)].join(', ')}]`;
}

/** The record of one part of a row (see rowList), from position `at`. */
function partOf(props: Props, row: readonly unknown[], at: number): Record<string, unknown> {
  if (!props) return row[at] as Record<string, unknown>;
  const rec: Record<string, unknown> = {};
  for (let i = 0; i < props.length; i++) rec[props[i]] = row[at + i];
  return rec;
}

/** A row as rowList wrote it: the node's and the relationship's records, and the sort key when read. */
export function rowOf(
  projection: Projection,
  row: readonly unknown[],
): { k: string | number | undefined; n: Record<string, unknown>; r: Record<string, unknown> } {
  const nodeAt = projection.cursors ? 1 : 0;
  const relAt = nodeAt + (projection.node ? projection.node.length : 1);
  return {
    k: projection.cursors ? (row[0] as string | number) : undefined,
    n: partOf(projection.node, row, nodeAt),
    r: partOf(projection.rel, row, relAt),
  };
}
