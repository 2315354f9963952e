// Look-ahead: a top-level list reads the first page of the relationship lists selected on its nodes in the
// same statement as the nodes themselves, one CALL subquery per nested list, instead of a second round trip
// per list level through the DataLoaders. The pages read are primed into those DataLoaders, so the nested
// resolvers run unchanged and find them there; a nested list this cannot plan (a cursor, `last`, a field with
// @skip/@include, arguments it cannot read) is simply left to its DataLoader, which gives the same answer.
import {
  getArgumentValues, getNamedType, isObjectType, type FieldNode, type GraphQLResolveInfo,
} from 'graphql';
import type { Context } from './context.js';
import { isFirstPage, type Connection, type NestedRead, type RelationPage, type RelationSpec } from './lists.js';
import { parsePage, type PageArgs } from './pagination.js';
import { loaderKey } from './loaders.js';
import { connectionNodePaths, nodeListProjection, relationshipListProjection } from './projection.js';

const RELATION = Symbol('relation field');

type RelationKind = 'nodes' | 'relationships';

interface RelationMeta {
  spec: RelationSpec;
  kind: RelationKind;
}

/** Marks a resolver as the relationship list `spec` (see resolve.ts `nodesVia`, `relationshipsVia`). */
export function markRelationField<F extends object>(resolver: F, spec: RelationSpec, kind: RelationKind): F {
  Object.defineProperty(resolver, RELATION, { value: { spec, kind } satisfies RelationMeta });
  return resolver;
}

/** The marked relationship fields, by `Type.field`: the schema's own field resolvers are copies without the mark. */
const relationFields = new Map<string, RelationMeta>();

/** Finds the marked relationship fields of a resolver map (graph/index.ts, once the domains are merged). */
export function registerRelationFields(resolvers: object): void {
  for (const [type, fields] of Object.entries(resolvers)) {
    for (const [name, resolver] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
      const meta = (resolver as { [RELATION]?: RelationMeta } | null)?.[RELATION];
      if (meta) relationFields.set(`${type}.${name}`, meta);
    }
  }
}

/** The nested lists of the connection field being resolved that can be read with its nodes. */
export function planNestedReads(info: GraphQLResolveInfo): NestedRead[] {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return [];
  const nodeType = getNamedType(connection.getFields().nodes?.type);
  if (!isObjectType(nodeType)) return [];
  const fields = nodeType.getFields();

  // On one path, field nodes with one response key are one field (graphql-js merges them; validation made
  // their arguments equal).
  const groups: FieldNode[][] = [];
  // Only what graphql-js will execute: a nested list under a skipped `nodes` or fragment is not read (the cost
  // limit, which follows @skip/@include too, would not have counted it).
  for (const path of connectionNodePaths(info.fieldNodes, info.fragments, info.variableValues)) {
    const byKey = new Map<string, FieldNode[]>();
    for (const f of path) {
      const key = f.alias?.value ?? f.name.value;
      byKey.set(key, [...(byKey.get(key) ?? []), f]);
    }
    groups.push(...byKey.values());
  }

  const reads = new Map<string, NestedRead>();
  for (const group of groups) {
    const field = fields[group[0].name.value];
    const meta = field && relationFields.get(`${nodeType.name}.${field.name}`);
    if (!meta || group.some((f) => f.directives?.length)) continue;
    let args: PageArgs & Record<string, unknown>;
    try {
      args = getArgumentValues(field, group[0], info.variableValues);
      const page = parsePage(args, meta.spec.tag);
      if (!isFirstPage(page)) continue;
      const sub = { fieldNodes: group, fragments: info.fragments, returnType: field.type };
      const projection = meta.kind === 'nodes' ? nodeListProjection(sub) : relationshipListProjection(sub);
      reads.set(loaderKey(meta.spec, args, projection), { spec: meta.spec, args, page, projection });
    } catch {
      continue; // bad arguments: the nested resolver reports them on its own field
    }
  }
  return [...reads.values()];
}

/** Hands the pages read with the parents to the DataLoaders the nested resolvers will ask. */
export function primeNestedReads(
  ctx: Context, reads: readonly NestedRead[], connection: Connection<{ node: { id: string } }> & { nested: RelationPage[][] },
): void {
  reads.forEach((read, i) => {
    const loader = ctx.loaders.relation(read.spec, read.args, read.projection);
    connection.edges.forEach((edge, j) => loader.prime(edge.node.id, connection.nested[i][j]));
  });
}
