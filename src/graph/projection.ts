// Which stored properties a list field has to read, from the fields the operation selects: a list query then
// returns `n{.id, .name, …}` instead of `properties(n)`, so Neo4j reads, and the driver decodes, only what the
// answer shows (workload 1 of the bench: 100 technologies × their capabilities × name and country of each
// organization). Stored properties are named as their GraphQL fields (src/domain/model.ts), except `sources`,
// which reads `sourceIds`. Fields with a selection of their own are relationships, loaded by the record's id, and
// read nothing; a scalar name that is not a property (a computed field) projects to null, which no resolver reads.
//
// A projected record is partial. It is only ever used under the selection it was projected for, except as the
// parent end of a reified relationship (a capability's `technology` when listed from the technology): that end
// is reloaded whole when asked for (see resolve.ts `relationshipConnection`). The read planner (plan.ts) takes its
// projections from here.
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLType,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** Property names to read; null = all of them (`properties(x)`). */
export type Props = string[] | null;

export interface Projection {
  /** The nodes at the other end. */
  node: Props;
  /** The relationship crossed. */
  rel: Props;
  /** Whether the list's totalCount is asked for (counting costs a second walk of each parent's relationships). */
  total: boolean;
  /**
   * Whether any cursor is asked for (an edge's, or the page info's start or end): only then does a row carry its
   * sort key. Rows read without it cannot make cursors.
   */
  cursors: boolean;
}

const PARTIAL = Symbol('partial record');

/** Marks a record read with a projection (not every property is there). */
export function markPartial<T extends object>(rec: T): T {
  // A plain assignment (a symbol key is invisible to JSON and Object.keys): defineProperty on each of thousands
  // of records per request showed in CPU profiles.
  (rec as Record<symbol, unknown>)[PARTIAL] = true;
  return rec;
}

export function isPartial(rec: object): boolean {
  return (rec as Record<symbol, unknown>)[PARTIAL] === true;
}

const RELOAD = Symbol('to be loaded whole');

/**
 * A stand-in for a partial record handed on beyond the selection it was read for (the technology of an analysis
 * row, as a capability's end in its evidence): the resolver that returns it loads the record by id instead.
 */
export function reloaded<T extends { id: string }>(rec: T): T {
  return { id: rec.id, [RELOAD]: true } as unknown as T;
}

export function mustReload(rec: object | null | undefined): rec is { id: string } {
  return !!rec && (rec as Record<symbol, unknown>)[RELOAD] === true;
}

type Fragments = Record<string, FragmentDefinitionNode>;

type Variables = Record<string, unknown>;

/**
 * Whether graphql-js will execute a selection, by its @skip and @include. Without `variables` every selection
 * counts (a projection that reads a skipped field's property reads a little more, nothing wrong); with them,
 * as graphql-js decides, which is what anything that plans database work for the selection must follow.
 */
function included(node: SelectionNode, variables?: Variables): boolean {
  if (!variables || !node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** The fields selected in a selection set, fragments (inline and named) flattened, by field name. */
export function fieldsOf(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  out: FieldNode[] = [],
  variables?: Variables,
): FieldNode[] {
  for (const s of set?.selections ?? []) {
    if (!included(s, variables)) continue;
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) fieldsOf(s.selectionSet, fragments, out, variables);
    else if (s.kind === Kind.FRAGMENT_SPREAD)
      fieldsOf(fragments[s.name.value]?.selectionSet, fragments, out, variables);
  }
  return out;
}

function sub(fields: FieldNode[], name: string, fragments: Fragments, variables?: Variables): FieldNode[] {
  return fields.filter((f) => f.name.value === name).flatMap((f) => fieldsOf(f.selectionSet, fragments, [], variables));
}

/**
 * Whether a record of `type` answering `fields` has to carry its id besides its cursors: when the id is asked for,
 * or any selected field has a resolver of its own (relationships and computed fields may load by it; `sources`,
 * which reads `sourceIds`, keeps it too, to be safe), or the type is abstract (its type is told from the id). A nested list of plain properties (workload 1 of the
 * bench: each capability's organization's name and country) then reads two values per row fewer.
 */
function needsId(type: GraphQLNamedType | undefined, fields: readonly FieldNode[]): boolean {
  if (!isObjectType(type)) return true;
  const defs = type.getFields();
  return fields.some((f) => f.name.value === 'id' || defs[f.name.value]?.resolve !== undefined);
}

/** Stored property names for a record of which `fields` are selected. */
function propsOf(fields: FieldNode[], withId: boolean): string[] {
  const props = new Set<string>(withId ? ['id'] : []);
  for (const f of fields) {
    const name = f.name.value;
    if (name.startsWith('__')) continue;
    if (name === 'sources') props.add('sourceIds');
    // Any other field with a selection is a relationship, read by the record's id, not a stored property.
    else if (f.selectionSet) continue;
    else if (name !== 'id' || withId) props.add(name);
  }
  return [...props];
}

/**
 * The field nodes selected on the nodes of a connection field, by path: under `nodes { … }`, and under
 * `edges { node { … } }` (graphql-js resolves the two paths separately). With `variables`, only the selections
 * graphql-js will execute (see `included`).
 */
export function connectionNodePaths(
  fieldNodes: readonly FieldNode[],
  fragments: Fragments,
  variables?: Variables,
): [FieldNode[], FieldNode[]] {
  const top = fieldNodes.flatMap((f) => fieldsOf(f.selectionSet, fragments, [], variables));
  return [
    sub(top, 'nodes', fragments, variables),
    sub(sub(top, 'edges', fragments, variables), 'node', fragments, variables),
  ];
}

function connectionNodeFields(fieldNodes: readonly FieldNode[], fragments: Fragments): FieldNode[] {
  return connectionNodePaths(fieldNodes, fragments).flat();
}

type FieldInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/** A connection field: its field nodes and fragments, and its type (a connection type). */
type ConnectionInfo = FieldInfo & Pick<GraphQLResolveInfo, 'returnType'>;

/** The type of the field `name` of a connection's nodes (`nodes`) or of their field `name` (`nodes.<name>`). */
function fieldType(type: GraphQLType | undefined, name: string): GraphQLNamedType | undefined {
  const named = type && getNamedType(type);
  return isObjectType(named) ? getNamedType(named.getFields()[name]?.type) : undefined;
}

/** Whether a cursor is selected: `edges { cursor }`, `pageInfo { startCursor endCursor }`. */
function cursorsSelected(top: FieldNode[], fragments: Fragments): boolean {
  return (
    sub(top, 'edges', fragments).some((f) => f.name.value === 'cursor') ||
    sub(top, 'pageInfo', fragments).some((f) => f.name.value === 'startCursor' || f.name.value === 'endCursor')
  );
}

/**
 * Memoised by the field nodes: graphql-js passes the same array for one field of every parent in a list, so a
 * nested list under 100 parents works its projection out once, not 100 times.
 */
function memoByFieldNodes(compute: (info: ConnectionInfo) => Projection): (info: ConnectionInfo) => Projection {
  const cache = new WeakMap<readonly FieldNode[], Projection>();
  return (info) => {
    let p = cache.get(info.fieldNodes);
    if (!p) cache.set(info.fieldNodes, (p = compute(info)));
    return p;
  };
}

/** The connection field being resolved: what its nodes (`nodes`, `edges.node`) and edges' `link` select. */
export const nodeListProjection = memoByFieldNodes((info) => {
  const top = info.fieldNodes.flatMap((f) => fieldsOf(f.selectionSet, info.fragments));
  const nodes = connectionNodeFields(info.fieldNodes, info.fragments);
  const links = sub(sub(top, 'edges', info.fragments), 'link', info.fragments);
  const cursors = cursorsSelected(top, info.fragments);
  // A link's id is made of its two ends' ids (graph/identity.ts), the far one being the node's.
  const linkIds = links.some((f) => f.name.value === 'id');
  return {
    node: propsOf(nodes, cursors || linkIds || needsId(fieldType(info.returnType, 'nodes'), nodes)),
    rel: propsOf(links, false),
    total: top.some((f) => f.name.value === 'totalCount'),
    cursors,
  };
});

/**
 * A connection of reified relationships (Capability, Employment, Participation): the relationship's own fields,
 * and the fields selected under any of its object fields for the node at the other end.
 */
export const relationshipListProjection = memoByFieldNodes((info) => {
  const top = info.fieldNodes.flatMap((f) => fieldsOf(f.selectionSet, info.fragments));
  const rels = connectionNodeFields(info.fieldNodes, info.fragments);
  // Each end field (a capability's organization, its technology) with the fields selected under it.
  const ends = rels
    .filter((f) => f.selectionSet && f.name.value !== 'sources')
    .map((f) => ({ name: f.name.value, fields: fieldsOf(f.selectionSet, info.fragments) }));
  const relType = fieldType(info.returnType, 'nodes');
  const cursors = cursorsSelected(top, info.fragments);
  // A relationship's id is made of its two ends' ids (graph/identity.ts), the far one being the node's.
  const withId =
    cursors ||
    rels.some((f) => f.name.value === 'id') ||
    ends.some((e) => needsId(fieldType(relType, e.name), e.fields));
  return {
    node: propsOf(
      ends.flatMap((e) => e.fields),
      withId,
    ),
    rel: propsOf(
      rels.filter((f) => !f.selectionSet || f.name.value === 'sources'),
      false,
    ),
    total: top.some((f) => f.name.value === 'totalCount'),
    cursors,
  };
});

/**
 * Stored property names to read for the records found at any of `paths` under the field being resolved (an
 * analysis answer: `[['nodes', 'blocks'], ['edges', 'node', 'blocks']]`), plus `always`.
 */
export function selectedProps(
  info: FieldInfo,
  paths: readonly (readonly string[])[],
  always: readonly string[] = [],
): string[] {
  return [
    ...new Set([
      ...propsOf(
        paths.flatMap((path) => fieldsAt(info, path)),
        true,
      ),
      ...always,
    ]),
  ];
}

/** Whether a field is selected at any of `paths` (`[['nodes', 'cooperationCenters'], …]`). */
export function isSelected(info: FieldInfo, paths: readonly (readonly string[])[]): boolean {
  return paths.some((path) => fieldsAt(info, path.slice(0, -1)).some((f) => f.name.value === path.at(-1)));
}

/** The fields selected under `path` of the field being resolved. */
function fieldsAt(info: FieldInfo, path: readonly string[]): FieldNode[] {
  let level = info.fieldNodes.flatMap((f) => fieldsOf(f.selectionSet, info.fragments));
  for (const name of path) level = sub(level, name, info.fragments);
  return level;
}

/** A property name checked to be a plain identifier before it goes into Cypher text (GraphQL names are). */
export function propertyName(p: string): string {
  if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(p)) throw new Error(`not a property name: ${p}`);
  return p;
}

/** Cypher for the properties of `v`: `properties(v)`, or a map projection of the given names. */
export function cypherProps(v: string, props: Props): string {
  if (!props) return `properties(${v})`;
  return `${v}{${props.map((p) => `.${propertyName(p)}`).join(', ')}}`;
}

/**
 * Cypher for the properties of `v` named by the list expression `names` (a parameter; null: all of them, as a
 * map): the list of their values in that order, which db/rows.ts `projectedNode` makes a record again. Unlike
 * cypherProps the text does not change with the selection, so a statement has one plan for every selection. Null
 * for a null `v` (an OPTIONAL MATCH that found nothing), which collect() leaves out, as it does a map projection.
 */
export function cypherPropsOf(v: string, names: string): string {
  return `CASE WHEN ${v} IS NULL THEN null WHEN ${names} IS NULL THEN properties(${v}) ELSE [k IN ${names} | ${v}[k]] END`;
}

/** A stable key for a projection (DataLoader cache keys). */
export function projectionKey(p: Projection): string {
  return `${p.node?.slice().sort().join(',') ?? '*'}|${p.rel?.slice().sort().join(',') ?? '*'}|${p.total}|${p.cursors}`;
}
