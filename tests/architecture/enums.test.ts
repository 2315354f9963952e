// The model's enumerations (src/domain/model.ts: the values an import or a mutation may store) are the GraphQL
// enums of schema/ (whose TypeScript types src/generated/ holds): the domain keeps its lists as data, since it sits
// below the generated API types, and this test keeps the two from drifting apart. No database.
import { buildSchema, getNamedType, isEnumType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENTITIES, PROVENANCES, RELATIONSHIPS } from '../../src/domain/model.js';
import { loadTypeDefs } from '../../src/graph/index.js';

const schema: GraphQLSchema = buildSchema(loadTypeDefs());

/** The values of the GraphQL enum that `type.field` returns, sorted. */
function enumValuesOf(type: string, field: string): string[] {
  const object = schema.getType(type);
  if (!isObjectType(object)) throw new Error(`${type} is not an object type of the schema`);
  const named = getNamedType(object.getFields()[field]?.type);
  if (!isEnumType(named)) throw new Error(`${type}.${field} is not an enum in the schema`);
  return named
    .getValues()
    .map((v) => v.name)
    .sort();
}

/** The GraphQL type of each relationship type that has properties (see schema/common.graphql and the domains). */
const RELATIONSHIP_TYPES: Record<string, string> = {
  HAS_CAPABILITY: 'Capability',
  PARTICIPATES_IN: 'Participation',
  WORKS_FOR: 'Employment',
};

describe('enumerations', () => {
  const cases = [
    ...ENTITIES.flatMap((e) => Object.entries(e.props).map(([name, p]) => ({ type: e.label, name, p }))),
    ...RELATIONSHIPS.flatMap((r) =>
      Object.entries(r.props).map(([name, p]) => ({ type: RELATIONSHIP_TYPES[r.type], name, p })),
    ),
  ].filter((c) => c.p.type.kind === 'enum');

  it('finds the enumerations of the model', () => {
    expect(cases.map((c) => `${c.type}.${c.name}`)).toEqual(
      expect.arrayContaining(['Technology.kind', 'Participation.role', 'CooperationCenter.status']),
    );
  });

  it.each(cases.map((c) => [`${c.type}.${c.name}`, c] as const))('%s has the values of its GraphQL enum', (_, c) => {
    const values = c.p.type.kind === 'enum' ? [...c.p.type.values].sort() : [];
    expect(values).toEqual(enumValuesOf(c.type, c.name));
  });

  it('provenance has the values of the Provenance enum', () => {
    expect([...PROVENANCES].sort()).toEqual(enumValuesOf('Source', 'provenance'));
  });
});
