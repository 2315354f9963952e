// Resolver builders shared by the domain modules: every relationship field (relations.ts) as a connection of nodes
// or of reified relationships, a to-one reference, a top-level list, and the fields every connection and fact has.
// List fields are planned by plan.ts; these only run the plan and shape its pages.
import type { GraphQLResolveInfo } from 'graphql';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { Context } from './context.js';
import { provenancesAtLeast, type ProvenanceValue } from '../domain/model.js';
import {
  PageEdge,
  readList,
  type Connection,
  type NodeEdge,
  type NodeRec,
  type RelRec,
  type RelationPage,
  type RelationRow,
} from './lists.js';
import { planRead, type ListDefinition, type RelationPlan, type Where } from './plan.js';
import { isPartial } from './projection.js';
import type { NodeConnection, RelationshipConnection, RelationshipEdge, RelationshipRec } from './records.js';
import { relationshipId } from './identity.js';
import { RELATIONS, type BoundRelation } from './relations.js';

/**
 * A connection over one page of a relationship list. Its nodes and edges are made when first asked for, and
 * only those asked for: a nested list of thousands of rows is usually shown as `nodes` alone.
 */
class PageConnection<N, E extends { node: N }> implements Connection<E> {
  private madeNodes?: N[];
  private madeEdges?: E[];

  constructor(
    private readonly page: RelationPage,
    private readonly nodeOf: (row: RelationRow) => N,
    private readonly edgeOf: (row: RelationRow, node: N, i: number) => E,
    readonly totalCount: Connection<E>['totalCount'],
  ) {}

  get pageInfo() {
    return this.page.pageInfo;
  }

  get nodes(): N[] {
    return (this.madeNodes ??= this.page.rows.map(this.nodeOf));
  }

  get edges(): E[] {
    const nodes = this.nodes;
    return (this.madeEdges ??= this.page.rows.map((row, i) => this.edgeOf(row, nodes[i], i)));
  }
}

/**
 * The resolver of every relationship field: plans it (argument errors belong to this field, not to the batch),
 * then loads the parent's page from the plan's DataLoader, primed when its top-level list read it ahead.
 */
async function relationField(
  parent: NodeRec,
  _args: unknown,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<NodeConnection | RelationshipConnection> {
  const plan = planRead(info);
  if (plan.kind !== 'relation') throw new Error(`${info.parentType.name}.${info.fieldName} is not a relationship list`);
  const page = await ctx.loaders.relation(plan).load(parent.id);
  return plan.relation.list === 'nodes'
    ? nodeConnection(plan, page, parent, ctx)
    : relationshipConnection(plan, page, parent, ctx);
}

/** The resolvers of the relationship fields, by type, from relations.ts (merged with the domain modules' own). */
export const relationResolvers = Object.fromEntries(
  Object.entries(RELATIONS).map(([type, fields]) => [
    type,
    Object.fromEntries(Object.keys(fields).map((field) => [field, relationField])),
  ]),
) as Resolvers;

/** The nodes at the other end, with the relationship's provenance on each edge. */
function nodeConnection(plan: RelationPlan, page: RelationPage, parent: NodeRec, ctx: Context): NodeConnection {
  const relation = plan.relation;
  return new PageConnection<NodeRec, NodeEdge>(
    page,
    (row) => row.n,
    (row, node, i) => new PageEdge(page.cursorAt, i, node, linkOf(relation, parent.id, row)),
    page.total ?? totalOf(ctx, plan, parent.id),
  );
}

/** The start and end ids of the relationship a row of `spec` crossed from the record `near`. */
function endsOf(spec: BoundRelation, near: string, row: RelationRow): [string, string] {
  return spec.dir === 'out' ? [near, row.n.id] : [row.n.id, near];
}

/** The relationship of a row as a Link, with its identity (identity.ts). */
function linkOf(spec: BoundRelation, near: string, row: RelationRow): RelRec | null {
  return row.r ? { ...row.r, id: relationshipId(spec.rel, ...endsOf(spec, near, row)) } : null;
}

const LISTED_FROM = Symbol('the record the relationship was listed from');
const CONTEXT = Symbol('request context');

/**
 * The end of a reified relationship at the record it was listed from. That record was read for its own selection
 * and, as this end, may be asked for other fields: then it is loaded whole.
 */
function listedFrom(this: { [LISTED_FROM]: NodeRec; [CONTEXT]: Context }): NodeRec | Promise<NodeRec | null> {
  const parent = this[LISTED_FROM];
  return isPartial(parent) ? this[CONTEXT].loaders.node.load(parent.id) : parent;
}

/** One prototype per side (not one per parent: thousands of records on a hundred prototypes read slowly). */
const LISTED_FROM_SIDE = {
  from: Object.defineProperty({}, 'from', { get: listedFrom, enumerable: true }),
  to: Object.defineProperty({}, 'to', { get: listedFrom, enumerable: true }),
};

/** Reified relationships (a Capability, a Participation, an Employment). */
function relationshipConnection(
  plan: RelationPlan,
  page: RelationPage,
  parent: NodeRec,
  ctx: Context,
): RelationshipConnection {
  const spec = plan.relation;
  const far = spec.dir === 'out' ? 'to' : 'from';
  const near = spec.dir === 'out' ? 'from' : 'to';
  const relationshipOf = (row: RelationRow): RelationshipRec => {
    const rel = Object.assign(Object.create(LISTED_FROM_SIDE[near]), row.r);
    rel.id = relationshipId(spec.rel, ...endsOf(spec, parent.id, row));
    rel[far] = row.n;
    rel[LISTED_FROM] = parent;
    rel[CONTEXT] = ctx;
    return rel;
  };
  return new PageConnection<RelationshipRec, RelationshipEdge>(
    page,
    relationshipOf,
    (_row, node, i) => new PageEdge(page.cursorAt, i, node),
    page.total ?? totalOf(ctx, plan, parent.id),
  );
}

/** The count a page was read without (its selection did not show totalCount): read when asked for after all. */
function totalOf(ctx: Context, plan: RelationPlan, id: string) {
  return async () =>
    (await ctx.loaders.relation({ ...plan, projection: { ...plan.projection, total: true } }).load(id)).total ?? 0;
}

/** A to-one reference such as a stage's sector. */
export function singleVia(parentLabel: string, rel: string, targetLabel: string) {
  return async (parent: NodeRec, _args: unknown, ctx: Context): Promise<NodeRec | null> =>
    (await ctx.loaders.single(parentLabel, rel, targetLabel).load(parent.id))?.n ?? null;
}

/** A top-level connection over one label; the first pages of its nested lists are read with it (plan.ts). */
export function listOf<F>(def: ListDefinition<F>) {
  return async (_: unknown, _args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    const plan = planRead(info, def);
    if (plan.kind !== 'list') throw new Error('a top-level list plans a list');
    const connection = await readList(ctx.db, plan);
    // The pages read ahead, to the DataLoaders the nested fields will ask (the same plans, so the same keys).
    plan.nested.forEach((read, i) => {
      const loader = ctx.loaders.relation(read);
      connection.edges.forEach((edge, j) => loader.prime(edge.node.id, connection.nested[i][j]));
    });
    return connection;
  };
}

/** Builds WHERE fragments from the filter fields most lists share. */
export function commonWhere(
  filter: { minProvenance?: ProvenanceValue | null; nameContains?: string | null },
  nameFields = ['name', 'nameKo'],
): Where {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.minProvenance) {
    clauses.push('n.provenance IN $provenances');
    params.provenances = provenancesAtLeast(filter.minProvenance);
  }
  if (filter.nameContains != null && filter.nameContains !== '') {
    clauses.push(`(${nameFields.map((f) => `toLower(coalesce(n.${f}, '')) CONTAINS $nameContains`).join(' OR ')})`);
    params.nameContains = filter.nameContains.toLowerCase();
  }
  return { clauses, params };
}

export function addWhere(w: Where, clause: string, params: Record<string, unknown>): Where {
  return { clauses: [...w.clauses, clause], params: { ...w.params, ...params } };
}

/** Fields of every connection type. */
export const connectionFields = {
  nodes: (c: { edges: Array<{ node: unknown }>; nodes?: unknown[] }) => c.nodes ?? c.edges.map((e) => e.node),
  totalCount: (c: { totalCount: number | (() => Promise<number>) }) =>
    typeof c.totalCount === 'function' ? c.totalCount() : c.totalCount,
};

/** Fields of every fact (node or relationship): its sources. */
/** A node's other names (none stored: an empty list). */
export const aliasesOf = (n: NodeRec): string[] => (n.aliases as string[] | undefined) ?? [];

export const factFields = {
  sources: async (f: RelRec, _args: unknown, ctx: Context) =>
    (await ctx.loaders.node.loadMany(f.sourceIds ?? [])).filter(
      (s): s is NodeRec => s !== null && !(s instanceof Error),
    ),
};

/** A `type(id:)` query field: the node with that id when it is of this type (its id prefix), else null. */
export function nodeOfType(prefix: string) {
  return async (_: unknown, { id }: { id: string }, ctx: Context): Promise<NodeRec | null> => {
    const n = await ctx.loaders.node.load(id);
    return n && n.id.startsWith(`${prefix}:`) ? n : null;
  };
}
