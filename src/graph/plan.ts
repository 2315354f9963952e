// The read planner: what a list field reads, as data. planRead turns a field's resolve info into a ReadPlan
// (which nodes, which of their properties, which page in which order, which nested lists in the same statement);
// plan-cypher.ts turns a plan into one Cypher statement; lists.ts runs it and decodes its rows. A top-level list
// plans one level of look-ahead: the first page of every relationship list selected on its nodes (relations.ts) is
// read in its own statement and primed into the DataLoaders, under the key (loaderKey) the nested field's own plan
// gives, since both are planned by planRelation here. A nested list the look-ahead cannot plan (a cursor, `last`, a
// field with @skip/@include, bad arguments) is left to its DataLoader, which reads the same plan on its own.
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
} from 'graphql';
import { parsePage, type Page, type PageArgs } from './pagination.js';
import {
  connectionNodePaths,
  nodeListProjection,
  projectionKey,
  relationshipListProjection,
  type Projection,
} from './projection.js';
import { relationOf, type BoundRelation } from './relations.js';

/** A filter compiled to WHERE fragments over `n` (and `r` in relationship lists) and their parameters. */
export interface Where {
  clauses: string[];
  params: Record<string, unknown>;
}

export interface SortSpec {
  /** Cypher expression over `n` (and `r` in relationship lists) giving a non-null key. */
  key: string;
  desc: boolean;
  /** Cursor tag: a cursor only works in the list and order that made it. */
  tag: string;
}

/** A top-level list over one label: its filter, its orders by name, the default one. */
export interface ListDefinition<F> {
  label: string;
  where(filter: F): Where;
  sorts: Record<string, string>;
  defaultSort: string;
}

interface PlanBase {
  where: Where;
  sort: SortSpec;
  page: Page;
  /** The properties read, and whether the total and the cursors are. */
  projection: Projection;
}

/** A top-level list: every node of `label` that the filter keeps, one page; the nested lists read in the same statement. */
export interface ListPlan extends PlanBase {
  kind: 'list';
  label: string;
  nested: RelationPlan[];
}

/** One relationship list of a batch of parents (their ids are the statement's `$ids`), one page per parent. */
export interface RelationPlan extends PlanBase {
  kind: 'relation';
  relation: BoundRelation;
}

export type ReadPlan = ListPlan | RelationPlan;

/** What planning reads of the resolve info (a test can build it from parsed field nodes). */
export type PlanInfo = Pick<
  GraphQLResolveInfo,
  'fieldName' | 'fieldNodes' | 'fragments' | 'variableValues' | 'parentType' | 'returnType'
>;

type OrderBy = { field: string; direction?: 'ASC' | 'DESC' | null } | null;

/**
 * The plan of the list field being resolved: a top-level list of `list`, or (without `list`) the relationship field
 * `parentType.fieldName` of relations.ts. Throws the field's argument errors (a bad page or cursor).
 * Memoised by the field nodes: graphql-js passes one array for one field of every parent in a list (and a new one
 * per execution), so a nested list under 100 parents is planned once, not 100 times.
 */
export function planRead<F>(info: PlanInfo, list?: ListDefinition<F>): ReadPlan {
  const cached = memo.get(info.fieldNodes);
  if (cached && cached.variables === info.variableValues && cached.list === list) return cached.plan;
  const field = info.parentType.getFields()[info.fieldName];
  let plan: ReadPlan;
  if (list) {
    plan = planList(info, field, list);
  } else {
    const relation = relationOf(info.parentType.name, info.fieldName);
    if (!relation)
      throw new Error(`${info.parentType.name}.${info.fieldName} is not a relationship list (relations.ts)`);
    plan = planRelation(relation, field, info.fieldNodes, info);
  }
  memo.set(info.fieldNodes, { variables: info.variableValues, list, plan });
  return plan;
}

const memo = new WeakMap<readonly FieldNode[], { variables: unknown; list: unknown; plan: ReadPlan }>();

function planList<F>(info: PlanInfo, field: GraphQLField<unknown, unknown>, list: ListDefinition<F>): ListPlan {
  const args = getArgumentValues(field, info.fieldNodes[0], info.variableValues) as PageArgs & {
    filter?: F | null;
    orderBy?: OrderBy;
  };
  const name = args.orderBy?.field ?? list.defaultSort;
  const desc = args.orderBy?.direction === 'DESC';
  const sort = { key: list.sorts[name], desc, tag: `${list.label}:${name}:${desc ? 'D' : 'A'}` };
  return {
    kind: 'list',
    label: list.label,
    where: list.where(args.filter ?? ({} as F)),
    sort,
    page: parsePage(args, sort.tag),
    // (A top-level row always carries its sort key, whatever `cursors` says: the statement orders by it.)
    projection: nodeListProjection(info),
    nested: lookAhead(info),
  };
}

/** The plan of one relationship field from its field nodes (on one parent type; their arguments are equal). */
function planRelation(
  relation: BoundRelation,
  field: GraphQLField<unknown, unknown>,
  fieldNodes: readonly FieldNode[],
  info: Pick<PlanInfo, 'fragments' | 'variableValues'>,
): RelationPlan {
  const args = getArgumentValues(field, fieldNodes[0], info.variableValues) as PageArgs & Record<string, unknown>;
  const value = relation.filter && args[relation.filter.arg];
  const sub = { fieldNodes, fragments: info.fragments, returnType: field.type };
  return {
    kind: 'relation',
    relation,
    where:
      relation.filter && value != null
        ? { clauses: [relation.filter.clause], params: { [relation.filter.arg]: value } }
        : { clauses: [], params: {} },
    sort: { key: relation.sort, desc: false, tag: relation.tag },
    page: parsePage(args, relation.tag),
    projection: relation.list === 'nodes' ? nodeListProjection(sub) : relationshipListProjection(sub),
  };
}

/** Whether a page is the first page forwards, the one a nested read can fetch with its parents. */
export function isFirstPage(page: Page): boolean {
  return page.after === null && page.before === null && !page.fromEnd;
}

/** The relationship lists selected on the nodes of the connection field being resolved that can be read with them. */
function lookAhead(info: PlanInfo): RelationPlan[] {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return [];
  const nodeType = getNamedType(connection.getFields().nodes?.type);
  if (!isObjectType(nodeType)) return [];
  const fields = nodeType.getFields();

  // On one path, field nodes with one response key are one field (graphql-js merges them; validation made
  // their arguments equal). Only what graphql-js will execute: a nested list under a skipped `nodes` or fragment
  // is not read (the cost limit, which follows @skip/@include too, would not have counted it).
  const groups: FieldNode[][] = [];
  for (const path of connectionNodePaths(info.fieldNodes, info.fragments, info.variableValues)) {
    const byKey = new Map<string, FieldNode[]>();
    for (const f of path) {
      const key = f.alias?.value ?? f.name.value;
      byKey.set(key, [...(byKey.get(key) ?? []), f]);
    }
    groups.push(...byKey.values());
  }

  const reads = new Map<string, RelationPlan>();
  for (const group of groups) {
    const field = fields[group[0].name.value];
    const relation = field && relationOf(nodeType.name, field.name);
    // A field with a directive is left to its resolver: its field nodes there are graphql-js's to collect.
    if (!relation || group.some((f) => f.directives?.length)) continue;
    let plan: RelationPlan;
    try {
      plan = planRelation(relation, field, group, info);
    } catch {
      continue; // bad arguments: the nested resolver reports them on its own field
    }
    if (isFirstPage(plan.page)) reads.set(loaderKey(plan), plan);
  }
  return [...reads.values()];
}

/**
 * The DataLoader key of a relationship plan: the pages read ahead are primed, and a nested field's own pages
 * loaded, under this key, so two equal plans share one loader.
 */
export function loaderKey(plan: RelationPlan): string {
  let key = keys.get(plan);
  if (key === undefined) {
    key = `${plan.relation.tag}|${JSON.stringify(plan.page)}|${JSON.stringify(plan.where)}|${projectionKey(plan.projection)}`;
    keys.set(plan, key);
  }
  return key;
}

/** Keys by plan: a nested field's plan is memoised (planRead), and its key asked for once per parent. */
const keys = new WeakMap<RelationPlan, string>();
