// Federation 2 subgraph mode (TG_SCHEMA_MODE=subgraph). The SDL in schema/ stays plain GraphQL (codegen and
// plain mode read it as it is); here the federation @link and an @key(fields: "id") on every node type are added
// to the parsed document, and each entity's __resolveReference loads through the request's DataLoader, so a
// router's `_entities` call for many representations costs one database round trip.
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Resolvers } from '../generated/resolvers-types.js';
import { ENTITIES, entityOfId } from '../domain/model.js';
import type { Context } from '../graph/context.js';

export type SchemaMode = 'plain' | 'subgraph';

export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.5';

/** Every node type (Technology, Organization, Sector, ...) is an entity keyed by its global id. */
export const ENTITY_TYPES: readonly string[] = ENTITIES.map((e) => e.label);

/** Value types that other subgraphs commonly define too; @shareable lets them compose. */
export const SHAREABLE_TYPES: readonly string[] = ['PageInfo'];

function directive(name: string, args: Record<string, string> = {}): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: Object.entries(args).map(([k, v]) => ({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: k },
      value: { kind: Kind.STRING, value: v },
    })),
  };
}

/** The plain SDL with the federation link, @key on entities and @shareable on common value types. */
export function subgraphTypeDefs(plainSdl: string): DocumentNode {
  const doc = parse(plainSdl);
  const link = parse(`extend schema @link(url: "${FEDERATION_LINK}", import: ["@key", "@shareable"])`).definitions[0];
  const definitions: DefinitionNode[] = doc.definitions.map((def) => {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) return def;
    const extra: ConstDirectiveNode[] = [];
    if (ENTITY_TYPES.includes(def.name.value)) extra.push(directive('key', { fields: 'id' }));
    if (SHAREABLE_TYPES.includes(def.name.value)) extra.push(directive('shareable'));
    return extra.length ? { ...def, directives: [...(def.directives ?? []), ...extra] } : def;
  });
  return { kind: Kind.DOCUMENT, definitions: [link, ...definitions] };
}

/** __resolveReference for every entity: through ctx.loaders.node, null when the id is not of that type. */
export function referenceResolvers(): Record<
  string,
  { __resolveReference: (ref: { id: string }, ctx: Context) => Promise<unknown> }
> {
  return Object.fromEntries(
    ENTITY_TYPES.map((type) => [
      type,
      {
        async __resolveReference(ref: { id: string }, ctx: Context) {
          if (typeof ref.id !== 'string' || entityOfId(ref.id)?.label !== type) return null;
          return ctx.loaders.node.load(ref.id);
        },
      },
    ]),
  );
}

/** The executable subgraph schema (adds `_service`, `_entities` and the `_Entity` union). */
export function subgraphSchema(plainSdl: string, resolvers: Resolvers): GraphQLSchema {
  const merged: Record<string, unknown> = { ...resolvers };
  for (const [type, ref] of Object.entries(referenceResolvers())) {
    merged[type] = { ...((merged[type] as object | undefined) ?? {}), ...ref };
  }
  return buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(plainSdl), resolvers: merged as never }]);
}

/** What ApolloServer needs for the schema in either mode. */
export function schemaOptions(
  mode: SchemaMode,
  plainSdl: string,
  resolvers: Resolvers,
): { schema: GraphQLSchema } | { typeDefs: string; resolvers: never } {
  return mode === 'subgraph'
    ? { schema: subgraphSchema(plainSdl, resolvers) }
    : { typeDefs: plainSdl, resolvers: resolvers as never };
}
