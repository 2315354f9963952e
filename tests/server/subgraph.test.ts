// TG_SCHEMA_MODE=subgraph: the same API as an Apollo Federation 2 subgraph. Its SDL (from `_service`) composes
// with another subgraph using @apollo/composition, and `_entities` resolves references through the DataLoader. On the
// default graph with the fictional demo set (a technology with capabilities).
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/graph/index.js';
import { ENTITY_TYPES } from '../../src/server/subgraph.js';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: readSeedsWithDemo(), env: { TG_SCHEMA_MODE: 'subgraph' } });
});
afterAll(async () => {
  await t?.stop();
});

async function serviceSdl(): Promise<string> {
  const { body } = await t.gql('{ _service { sdl } }');
  expect(body.errors).toBeUndefined();
  return body.data._service.sdl as string;
}

// Another team's subgraph: it extends Technology with a field of its own and defines PageInfo too.
const portfolioSubgraph = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable"])
  type Technology @key(fields: "id") { id: ID! watchlisted: Boolean! }
  type PageInfo @shareable { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  type Query { watchlist: [Technology!]! }
`);

describe('subgraph mode', () => {
  it('serves an SDL with the federation link and @key(fields: "id") on every main type', async () => {
    const sdl = await serviceSdl();
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.5"');
    for (const type of [
      'Technology',
      'Organization',
      'Sector',
      'ValueChainStage',
      'Program',
      'Project',
      'CooperationCenter',
      'Person',
      'Event',
      'Source',
      'BudgetLine',
      'Review',
    ]) {
      expect(ENTITY_TYPES).toContain(type);
      expect(sdl).toMatch(new RegExp(`type ${type} implements [^{]*@key\\(fields: "id"\\)`));
    }
  });

  it('composes into a supergraph with another subgraph (@apollo/composition)', async () => {
    const result = composeServices([
      { name: 'techgraph', typeDefs: parse(await serviceSdl()), url: `${t.url}/graphql` },
      { name: 'portfolio', typeDefs: portfolioSubgraph, url: 'http://portfolio.invalid/graphql' },
    ]);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    const technology = /type Technology implements[^{]*\{/.exec(result.supergraphSdl ?? '')?.[0];
    expect(technology).toContain('@join__type(graph: TECHGRAPH, key: "id")');
    expect(technology).toContain('@join__type(graph: PORTFOLIO, key: "id")');
    expect(result.supergraphSdl).toContain('watchlisted: Boolean! @join__field(graph: PORTFOLIO)');
  });

  it('resolves entity references of several types in one database round trip, null for unknown or mistyped ids', async () => {
    const { body } = await t.gql(
      `query ($r: [_Any!]!) { _entities(representations: $r) {
      __typename ... on Technology { id name kind } ... on Organization { id name } ... on Program { id name } } }`,
      {
        r: [
          { __typename: 'Technology', id: 'tech:advanced-packaging-interposer' },
          { __typename: 'Organization', id: 'org:samsung-sdi' },
          { __typename: 'Program', id: 'program:chokepoint-joint-rnd' },
          { __typename: 'Technology', id: 'tech:no-such-technology' },
          { __typename: 'Technology', id: 'org:samsung-sdi' },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    const [tech, org, program, missing, mistyped] = body.data._entities;
    expect(tech).toMatchObject({
      __typename: 'Technology',
      id: 'tech:advanced-packaging-interposer',
      kind: 'CHOKEPOINT',
    });
    expect(org).toMatchObject({ __typename: 'Organization', id: 'org:samsung-sdi' });
    expect(program).toMatchObject({ __typename: 'Program', id: 'program:chokepoint-joint-rnd' });
    expect(missing).toBeNull();
    expect(mistyped).toBeNull();
    expect(body.extensions?.dbRoundTrips).toBe(1);
  });

  it('answers ordinary queries as in plain mode', async () => {
    const { body } = await t.gql(
      '{ technology(id: "tech:demo-nexus-packaging") { name capabilities(first: 2) { nodes { level } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.technology.capabilities.nodes).toHaveLength(2);
  });
});

describe('plain mode', () => {
  it('keeps the SDL files in schema/ free of federation directives', () => {
    expect(loadTypeDefs()).not.toMatch(/@key|@link|@shareable|_service|_entities/);
  });

  it('has no _service or _entities field', async () => {
    const plain = await startTestApp();
    try {
      const { status, body } = await plain.gql('{ _service { sdl } }');
      expect(status).toBe(200); // a validation error, to an application/json client
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].message).toMatch(/Cannot query field "_service"/);
    } finally {
      await plain.stop();
    }
  });
});
