// Every part of the schema is described (types, fields, arguments, input fields, enum values), and each custom
// scalar has one description and @specifiedBy URL: the same in schema/, in schema.graphql and in the running
// schema (src/graph/node.ts defines the scalars in code, from the SDL's texts).
import {
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/graph/index.js';
import { resolvers } from '../../src/server/schema.js';
import { readCommittedSdl } from '../../src/server/sdl.js';
import { subgraphSchema } from '../../src/server/subgraph.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** `Type`, `Type.field`, `Type.field(arg)`, `Input.field` and `Enum.VALUE` of every part without a description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (key: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(key);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}

const CUSTOM_SCALARS = ['Date', 'KRW', 'CountryCode', 'JSON'];

function scalarDocsOf(schema: GraphQLSchema) {
  return Object.fromEntries(
    CUSTOM_SCALARS.map((name) => {
      const type = schema.getType(name);
      if (!isScalarType(type)) throw new Error(`${name} is not a scalar`);
      return [name, { description: type.description, specifiedByURL: type.specifiedByURL ?? null }];
    }),
  );
}

describe('descriptions', () => {
  it('leave nothing of schema/*.graphql undescribed: types, fields, arguments, input fields, enum values', () => {
    const missing = undescribed(buildSchema(loadTypeDefs()));
    expect(missing, `undescribed in schema/*.graphql:\n${missing.join('\n')}`).toEqual([]);
  });

  it('are checked by a walk that finds an undescribed field, argument, input field, enum value and type', () => {
    const schema = buildSchema(`
      "Q" type Query { "f" f(a: Int): E, g: Int }
      "E" enum E { "A" A B }
      input I { x: Int }
    `);
    expect(undescribed(schema)).toEqual(['Query.f(a)', 'Query.g', 'E.B', 'I', 'I.x']);
  });
});

describe('custom scalars', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ doc: null });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('carry @specifiedBy where a specification defines their format (KRW says why it has none)', () => {
    const docs = scalarDocsOf(buildSchema(loadTypeDefs()));
    expect(docs.Date.specifiedByURL).toBe('https://www.rfc-editor.org/rfc/rfc3339#section-5.6');
    expect(docs.CountryCode.specifiedByURL).toBe('https://www.iso.org/iso-3166-country-codes.html');
    expect(docs.JSON.specifiedByURL).toBe('https://www.rfc-editor.org/rfc/rfc8259');
    expect(docs.KRW.specifiedByURL).toBeNull();
    expect(docs.KRW.description).toMatch(/No @specifiedBy/);
  });

  it('have one description and URL each: the same in schema/, schema.graphql, the running schema and subgraph mode', async () => {
    const sdl = scalarDocsOf(buildSchema(loadTypeDefs()));
    expect(scalarDocsOf(buildSchema(readCommittedSdl()))).toEqual(sdl);
    expect(scalarDocsOf(subgraphSchema(loadTypeDefs(), resolvers))).toEqual(sdl);
    const { body } = await t.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }));
    const running = Object.fromEntries(
      (body.data.__schema.types as Array<{ name: string; description: string | null; specifiedByURL: string | null }>)
        .filter((type) => CUSTOM_SCALARS.includes(type.name))
        .map((type) => [type.name, { description: type.description, specifiedByURL: type.specifiedByURL }]),
    );
    expect(running).toEqual(sdl);
  });
});
