// Resolve infos from real operations against the real schema, without a server or a database: the SDL of
// schema/*.graphql, with a stand-in resolver on every field that has a resolver in the running schema (the
// projection takes a field's own resolver as a sign that it may load by the record's id), each recording the info
// it is called with and answering a made-up value so that execution reaches the fields below it.
import {
  buildASTSchema,
  execute,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isListType,
  isObjectType,
  parse,
  validate,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from 'graphql';
import { loadTypeDefs } from '../../src/graph/index.js';
import { resolvers } from '../../src/server/schema.js';

export const schema = buildASTSchema(parse(loadTypeDefs()));

let seen = new Map<string, GraphQLResolveInfo>();

function standIn(type: GraphQLOutputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [standIn(t.ofType)];
  if (isObjectType(t)) return {};
  if (isAbstractType(t)) return { __typename: schema.getPossibleTypes(t)[0].name };
  if (isEnumType(t)) return t.getValues()[0].value;
  const name = getNamedType(t).name;
  return name === 'Int' || name === 'Float' || name === 'KRW' ? 0 : name === 'Boolean' ? false : 'x';
}

const record: GraphQLFieldResolver<unknown, unknown> = (_source, _args, _ctx, info) => {
  const key = `${info.parentType.name}.${info.fieldName}`;
  if (!seen.has(key)) seen.set(key, info);
  return standIn(info.returnType);
};

for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName);
  if (!isObjectType(type) || !fields || typeof fields !== 'object') continue;
  for (const name of Object.keys(fields)) {
    const field = type.getFields()[name];
    if (field) field.resolve = record;
  }
}

/** The resolve infos of an operation's fields, by `Type.field` (the first one of each), after checking it is valid. */
export function infosOf(query: string, variables: Record<string, unknown> = {}): Map<string, GraphQLResolveInfo> {
  const document = parse(query);
  const problems = validate(schema, document);
  if (problems.length) throw new Error(problems.map((p) => p.message).join('\n'));
  seen = new Map();
  const result = execute({ schema, document, variableValues: variables, fieldResolver: record });
  if (result instanceof Promise) throw new Error('execution was expected to be synchronous');
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return seen;
}

/** The resolve info of `field` (`Type.field`) in the operation. */
export function infoOf(query: string, field: string, variables: Record<string, unknown> = {}): GraphQLResolveInfo {
  const info = infosOf(query, variables).get(field);
  if (!info) throw new Error(`${field} is not resolved by the operation`);
  return info;
}
