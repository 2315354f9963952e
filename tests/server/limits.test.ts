// Limits refuse expensive operations before the database is touched: depth, aliases, tokens, fragment
// expansion, directives, cost (page sizes included), body size and request time; all of them settings.
import { request } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/server/log.js';
import { WALK_COST } from '../../src/server/limits.js';
import { MAX_HOPS } from '../../src/analysis/options.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

/** Database round trips made by the whole app so far (from its metrics). */
async function dbCalls(app = t.app): Promise<number> {
  const m = await app.metrics.dbCalls.get();
  return m.values.reduce((sum, v) => sum + v.value, 0);
}

/**
 * Sends a query and checks it was refused with `code`, with no database work at all. Status 200: a request error
 * to an application/json client, as GraphQL over HTTP asks (application/graphql-response+json gets 400).
 */
async function refused(query: string, code: string, variables?: Record<string, unknown>) {
  const before = await dbCalls();
  const { status, body } = await t.gql(query, variables);
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.data).toBeUndefined();
  expect(body.errors![0].extensions.code).toBe(code);
  expect(await dbCalls()).toBe(before);
  return body.errors![0];
}

function nested(levels: number): string {
  let q = 'id';
  for (let i = 0; i < levels; i++) q = `dependencies(first: 1) { nodes { ${q} } }`;
  return `{ technology(id: "tech:advanced-packaging-interposer") { ${q} } }`;
}

describe('query limits', () => {
  it('refuses a 20-deep query before touching the database', async () => {
    const err = await refused(nested(10), 'GRAPHQL_VALIDATION_FAILED');
    expect(err.message).toMatch(/depth limit of 12 exceeded, found 22/);
    expect(err.extensions!.limit).toBe('depth');
  });

  it('answers a query just inside the depth limit', async () => {
    const { body } = await t.gql(nested(5));
    expect(body.errors).toBeUndefined();
  });

  it('refuses an alias bomb', async () => {
    const fields = Array.from({ length: 200 }, (_, i) => `a${i}: node(id: "x") { id }`).join(' ');
    const err = await refused(`{ ${fields} }`, 'GRAPHQL_VALIDATION_FAILED');
    expect(err.message).toMatch(/Aliases limit of 30 exceeded/);
  });

  it('refuses a huge first, in the query text or in a variable, as too costly', async () => {
    const err = await refused(
      '{ technologies(first: 1000000) { nodes { id sectors { nodes { id } } } } }',
      'QUERY_TOO_COMPLEX',
    );
    expect(err.message).toMatch(/estimated cost is \d+, over the limit of 100000/);
    expect(err.extensions).toMatchObject({ maxCost: 100_000 });
    await refused('query($n: Int) { organizations(first: $n) { nodes { id } } }', 'QUERY_TOO_COMPLEX', {
      n: 1_000_000,
    });
  });

  it('estimates one operation again for other variables: refused for a huge page after passing with a small one', async () => {
    const q =
      'query($n: Int) { organizations(first: $n) { nodes { id capabilities(first: $n) { nodes { level } } } } }';
    for (const n of [5, 5, 2000, 5]) {
      if (n > 100) {
        await refused(q, 'QUERY_TOO_COMPLEX', { n });
        continue;
      }
      const { body } = await t.gql(q, { n });
      expect(body.errors).toBeUndefined();
      expect(body.extensions!.cost).toBe(1 + n * (1 + 1 + n));
    }
  });

  it('answers an operation whose variables nest too deeply to serialise (the cost is then estimated, not kept)', async () => {
    const depth = 50_000;
    const variables = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"{ __typename }","variables":${variables}}`,
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.data).toEqual({ __typename: 'Query' });
  });

  it('counts page sizes: nested pages multiply, and a moderate query passes and reports its cost', async () => {
    await refused(
      `{ technologies(first: 100) { nodes { capabilities(first: 100) { nodes {
      organization { people(first: 100) { nodes { title } } } } } } } }`,
      'QUERY_TOO_COMPLEX',
    );
    const { body } = await t.gql(
      '{ technologies(first: 10) { nodes { capabilities(first: 10) { nodes { organization { name } } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.extensions!.cost).toBe(1 + 10 * (1 + 1 + 10 * (1 + 1))); // technologies, nodes, capabilities, nodes + organization
  });

  it('prices a page of 0 as a page of 1: its statement, totalCount and pageInfo still run', async () => {
    const q = (n: number) =>
      `{ technologies(first: ${n}) { totalCount pageInfo { hasNextPage } nodes { capabilities(first: 10) { nodes { organization { name } } } } } }`;
    const zero = await t.gql(q(0));
    expect(zero.body.errors).toBeUndefined();
    // technologies + (pageInfo + nodes + capabilities + 10 × (nodes + organization))
    expect(zero.body.extensions!.cost).toBe(1 + (1 + 1 + 1 + 10 * 2));
    expect(zero.body.extensions!.cost).toBe((await t.gql(q(1))).body.extensions!.cost);
  });

  // (The first analysis statement is planned cold, which takes seconds on a loaded machine.)
  it(
    'prices the analysis questions for their walk of the dependency graph, whatever the page size',
    { timeout: 180_000 },
    async () => {
      const ranking = await t.gql('{ chokepointRanking(first: 0) { totalCount } }');
      expect(ranking.body.errors).toBeUndefined();
      expect(ranking.body.extensions!.cost).toBe(1 + WALK_COST);
      // exposure walks once more per row, for its evidence path.
      const exposure = await t.gql('{ exposure(organization: "org:nobody", first: 2) { totalCount nodes { hops } } }');
      expect(exposure.body.errors).toBeUndefined();
      expect(exposure.body.extensions!.cost).toBe(1 + WALK_COST + 2 * (1 + MAX_HOPS)); // per row: nodes, and the path walk
    },
  );

  it(
    'prices the unrated rows and the evidence backlog as walks, and the lists inside rows by their page size',
    { timeout: 180_000 },
    async () => {
      const backlog = await t.gql('{ evidenceBacklog(first: 2) { totalCount nodes { downstreamCount } } }');
      expect(backlog.body.errors).toBeUndefined();
      expect(backlog.body.extensions!.cost).toBe(1 + WALK_COST + 2 * 1);
      const unrated = await t.gql('{ chokepointRanking(first: 0) { unrated(first: 3) { totalCount } } }');
      expect(unrated.body.extensions!.cost).toBe(1 + WALK_COST + (1 + WALK_COST));
      // chokepointRanking, then per row: nodes, blocksConnection and 50 × its nodes.
      const blocks = await t.gql(
        '{ chokepointRanking(first: 2) { nodes { blocksConnection(first: 50) { nodes { id name } } } } }',
      );
      expect(blocks.body.errors).toBeUndefined();
      expect(blocks.body.extensions!.cost).toBe(1 + WALK_COST + 2 * (1 + 1 + 50 * 1));
      await refused(
        `{ chokepointRanking(first: 100) { nodes { blocksConnection(first: 100) { nodes {
      dependents(first: 100) { nodes { id } } } } } } }`,
        'QUERY_TOO_COMPLEX',
      );
    },
  );

  it('refuses a document of too many tokens before parsing it all', async () => {
    const err = await refused(`{ ${'__typename '.repeat(4000)} }`, 'GRAPHQL_PARSE_FAILED');
    expect(err.message).toMatch(/more th.t 3000 tokens/);
  });

  it('refuses a fragment bomb (each fragment spreading the previous twice)', async () => {
    const frags = ['fragment F0 on Technology { id name }'];
    for (let i = 1; i <= 30; i++) frags.push(`fragment F${i} on Technology { ...F${i - 1} ...F${i - 1} }`);
    const err = await refused(
      `{ technologies(first: 1) { nodes { ...F30 } } } ${frags.join(' ')}`,
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(err.message).toMatch(/too many selections/);
  });

  it('refuses cyclic fragments', async () => {
    const err = await refused(
      '{ technologies(first: 1) { nodes { ...A } } } fragment A on Technology { id ...B } fragment B on Technology { name ...A }',
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(err.message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('refuses too many directives', async () => {
    await refused(`{ __typename ${'@include(if: true) '.repeat(60)} }`, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('lets the introspection query and the playground examples through', async () => {
    const { body } = await t.gql(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.__schema.types.length).toBeGreaterThan(50);
  });

  it('refuses a body over the size limit with 413 PAYLOAD_TOO_LARGE, declared or streamed', async () => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } });
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${t.url}/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (r) => {
          r.resume();
          resolve(r.statusCode!);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 12; i++) req.write('x'.repeat(100_000));
      req.end();
    });
    expect(streamed).toBe(413);
  });
});

describe('limits are settings', () => {
  it('applies TG_MAX_DEPTH, TG_MAX_ALIASES, TG_MAX_COST, TG_MAX_TOKENS and TG_MAX_BODY_BYTES', async () => {
    const config = loadConfig({
      ...process.env,
      PORT: '0',
      TG_SEED_ON_START: 'false',
      TG_MAX_DEPTH: '3',
      TG_MAX_ALIASES: '1',
      TG_MAX_COST: '10',
      TG_MAX_TOKENS: '40',
      TG_MAX_BODY_BYTES: '2000',
    });
    const app = await startApp(t.db, config, createLogger('silent'));
    try {
      const post = async (query: string) => {
        const res = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        return { status: res.status, body: await res.json() };
      };
      expect((await post('{ technologies(first: 1) { nodes { id } } }')).body.errors).toBeUndefined();
      expect(
        (await post('{ technologies(first: 1) { nodes { sectors { nodes { id } } } } }')).body.errors[0].message,
      ).toMatch(/depth limit of 3/);
      expect((await post('{ a: node(id: "x") { id } b: node(id: "y") { id } }')).body.errors[0].message).toMatch(
        /Aliases limit of 1/,
      );
      expect((await post('{ technologies(first: 11) { nodes { id } } }')).body.errors[0].extensions.code).toBe(
        'QUERY_TOO_COMPLEX',
      );
      expect(
        (await post('{ exposure(organization: "org:x", first: 0) { totalCount } }')).body.errors[0].extensions.code,
      ).toBe('QUERY_TOO_COMPLEX');
      expect((await post(`{ ${'__typename '.repeat(50)} }`)).body.errors[0].extensions.code).toBe(
        'GRAPHQL_PARSE_FAILED',
      );
      expect((await post(`{ __typename }${' '.repeat(2100)}`)).status).toBe(413);
    } finally {
      await app.stop();
    }
  });

  it('stops a request that takes longer than TG_REQUEST_TIMEOUT_MS (here: a body that never finishes)', async () => {
    const config = loadConfig({ ...process.env, PORT: '0', TG_SEED_ON_START: 'false', TG_REQUEST_TIMEOUT_MS: '300' });
    const app = await startApp(t.db, config, createLogger('silent'));
    try {
      const { status, body } = await new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = request(
          `${app.url}/graphql`,
          { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } },
          (r) => {
            let text = '';
            r.on('data', (c) => {
              text += c;
            });
            r.on('end', () => resolve({ status: r.statusCode!, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.write('{"query": "{ __typename'); // ...and the rest never comes
      });
      expect(status).toBe(408);
      expect(body.errors[0].extensions.code).toBe('TIMEOUT');
    } finally {
      await app.stop();
    }
  });
});
