// Global object identification (node, nodes, the Node interface), sources, links, scalars, and the
// fields every connection type shares.
import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import type { Resolvers, SourceFilter } from '../generated/resolvers-types.js';
import { userInputError } from './errors.js';
import { ENTITIES, entityOfId } from '../domain/model.js';
import type { NodeRec } from './lists.js';
import { addWhere, commonWhere, connectionFields, factFields, listOf } from './resolve.js';
import { byText } from '../domain/sorts.js';
import { COUNTRY_CODES } from '../domain/countries.js';
import { scalarDocs } from './typedefs.js';
import { valueProblem } from '../domain/values.js';

export const MAX_NODES = 100;

function typeOf(n: NodeRec): string {
  const entity = entityOfId(n.id);
  if (!entity) throw new Error(`node with unexpected id ${n.id}`);
  return entity.label;
}

/** Descriptions and @specifiedBy URLs of the scalars, from the SDL: one text per scalar, wherever it is shown. */
const SCALAR_DOCS = scalarDocs();

function documented(name: string) {
  const doc = SCALAR_DOCS[name];
  if (!doc) throw new Error(`scalar ${name} is not declared in schema/*.graphql`);
  return { name, description: doc.description, specifiedByURL: doc.specifiedByURL };
}

function scalar(name: string, check: (v: unknown) => string | null, kind: Kind) {
  const parse = (v: unknown) => {
    const problem = check(v);
    if (problem) throw userInputError(`${name} ${problem}`);
    return v;
  };
  return new GraphQLScalarType({
    ...documented(name),
    serialize: (v) => v,
    parseValue: parse,
    parseLiteral(ast) {
      if (ast.kind !== kind)
        throw userInputError(`${name} must be a ${kind === Kind.STRING ? 'string' : 'number'} literal`);
      return parse(kind === Kind.STRING ? (ast as { value: string }).value : Number((ast as { value: string }).value));
    },
  });
}

// Every node type has its connection type, and so do the relationships listed as objects.
const connectionTypes = [...ENTITIES.map((e) => e.label), 'Capability', 'Employment', 'Participation'];

export const nodeResolvers: Resolvers = {
  Date: scalar('Date', (v) => valueProblem({ kind: 'date' }, v), Kind.STRING),
  KRW: scalar('KRW', (v) => valueProblem({ kind: 'krw' }, v), Kind.INT),
  CountryCode: scalar(
    'CountryCode',
    (v) =>
      typeof v === 'string' && COUNTRY_CODES.has(v)
        ? null
        : `must be an ISO 3166-1 alpha-2 code such as KR, US or DE, got ${JSON.stringify(v)}`,
    Kind.STRING,
  ),
  JSON: new GraphQLScalarType({
    ...documented('JSON'),
    serialize: (v) => v,
    parseValue: (v) => v,
    parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
  }),
  Query: {
    node: async (_, { id }, ctx) => (entityOfId(id) ? ctx.loaders.node.load(id) : null),
    nodes: async (_, { ids }, ctx) => {
      if (ids.length > MAX_NODES)
        throw userInputError(`"ids" may hold at most ${MAX_NODES} ids, got ${ids.length}`, 'ids');
      return Promise.all(ids.map((id) => (entityOfId(id) ? ctx.loaders.node.load(id) : null)));
    },
    sources: listOf<SourceFilter>({
      label: 'Source',
      sorts: { TITLE: byText, PUBLISHED_AT: "coalesce(n.publishedAt, '')", ID: 'n.id' },
      defaultSort: 'TITLE',
      where(f) {
        const w = commonWhere(f, ['title', 'publisher']);
        return f.kind ? addWhere(w, 'n.kind = $kind', { kind: f.kind }) : w;
      },
    }),
  },
  Node: { __resolveType: (n) => typeOf(n as NodeRec) as never },
  // (No field returns Fact itself.) A node's id names its type; a relationship's id (identity.ts) does not.
  Fact: {
    __resolveType: (f) => (entityOfId(String((f as { id?: unknown }).id)) ? typeOf(f as NodeRec) : 'Link') as never,
  },
  Source: { ...factFields },
  Link: { ...factFields },
  ...Object.fromEntries(connectionTypes.map((t) => [`${t}Connection`, connectionFields])),
};
