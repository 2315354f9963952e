// Operations: health and readiness, Prometheus metrics, JSON logs with request ids, internal errors masked
// (code + plain message + request id, the details only in the log), Apollo's own errors with codes, CORS,
// and a graceful shutdown that finishes in-flight requests.
import { request } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/server/log.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let app: App; // a second app on the same database, logging into `lines`
const lines: Array<Record<string, any>> = [];
beforeAll(async () => {
  t = await startTestApp();
  const logger = pino(
    { level: 'info', base: undefined },
    {
      write: (s: string) => {
        lines.push(JSON.parse(s));
      },
    },
  );
  app = await startApp(
    t.db,
    loadConfig({ ...process.env, PORT: '0', TG_SEED_ON_START: 'false', TG_CORS_ORIGINS: 'https://strategy.example' }),
    logger,
  );
});
afterAll(async () => {
  await app?.stop();
  await t?.stop();
});

async function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { res, body: await res.json() };
}

describe('health, readiness, request ids', () => {
  it('answers /healthz and /readyz (database reachable, migrations and seeds done)', async () => {
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { started: true, database: 'reachable', access: 'anonymous reads' },
    });
  });

  it('echoes a well-formed x-request-id, makes one up otherwise, and puts it in the response extensions', async () => {
    const mine = await post(t.url, { query: '{ __typename }' }, { 'x-request-id': 'trace-123' });
    expect(mine.res.headers.get('x-request-id')).toBe('trace-123');
    expect(mine.body.extensions.requestId).toBe('trace-123');
    const bad = await post(t.url, { query: '{ __typename }' }, { 'x-request-id': 'no spaces <allowed>' });
    expect(bad.res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs every request as one JSON line with its request id, status and duration', async () => {
    await post(app.url, { query: '{ __typename }' }, { 'x-request-id': 'log-probe-1' });
    const line = lines.find((l) => l.requestId === 'log-probe-1' && l.msg === 'request');
    expect(line).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      status: 200,
      ms: expect.any(Number),
      time: expect.any(Number),
    });
  });
});

describe('errors', () => {
  it('masks an internal error as INTERNAL_SERVER_ERROR with the request id, and logs the details with it', async () => {
    // A stored value the schema cannot serialize: an internal fault, not the client's.
    await t.db.write(
      `CREATE (:Entity:Technology {id: 'tech:broken-for-test', name: ['not', 'a', 'string'], kind: 'OTHER', provenance: 'ILLUSTRATIVE', sourceIds: []})`,
    );
    const { res, body } = await post(
      app.url,
      { query: '{ technology(id: "tech:broken-for-test") { id name } }' },
      { 'x-request-id': 'broken-1' },
    ).finally(() => t.db.write("MATCH (n:Entity {id: 'tech:broken-for-test'}) DETACH DELETE n"));
    expect(res.status).toBe(200);
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        locations: expect.any(Array),
        path: ['technology', 'name'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'broken-1' },
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/cannot represent|stack|at \w+ \(|MATCH|neo4j/i);
    const logged = lines.find((l) => l.requestId === 'broken-1' && l.msg === 'internal error');
    expect(logged).toMatchObject({
      level: 50,
      path: ['technology', 'name'],
      err: { message: expect.stringMatching(/String cannot represent/), stack: expect.any(String) },
    });
  });

  it('gives every error of Apollo and of the HTTP layer a code and a 4xx status', async () => {
    // GraphQL request errors get their 4xx with application/graphql-response+json; an application/json client
    // gets 200 for them (GraphQL over HTTP; tests/server/graphql-http.test.ts).
    const gql = (b: unknown) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify(b),
      });
    const cases: Array<[string, () => Promise<Response>, number, string]> = [
      [
        'GET without a query',
        () => fetch(`${t.url}/graphql`, { headers: { 'apollo-require-preflight': 'true' } }),
        400,
        'BAD_REQUEST',
      ],
      [
        'PUT',
        () => fetch(`${t.url}/graphql`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
        405,
        'BAD_REQUEST',
      ],
      [
        'a mutation over GET',
        () =>
          fetch(
            `${t.url}/graphql?query=${encodeURIComponent('mutation { deleteSector(input: {id: "sector:x"}) { deletedId } }')}`,
            { headers: { 'apollo-require-preflight': 'true' } },
          ),
        405,
        'BAD_REQUEST',
      ],
      [
        'a batch',
        () =>
          fetch(`${t.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '[{"query":"{ __typename }"}]',
          }),
        400,
        'BAD_REQUEST',
      ],
      [
        'an empty body',
        () => fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }),
        400,
        'BAD_REQUEST',
      ],
      [
        'query not a string',
        () =>
          fetch(`${t.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query": 5}',
          }),
        400,
        'BAD_REQUEST',
      ],
      [
        'variables not an object',
        () =>
          fetch(`${t.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query": "{ __typename }", "variables": [1]}',
          }),
        400,
        'BAD_REQUEST',
      ],
      [
        'a variable of the wrong type',
        () => gql({ query: 'query($n: Int) { technologies(first: $n) { totalCount } }', variables: { n: 'ten' } }),
        400,
        'BAD_USER_INPUT',
      ],
      [
        'an unknown operation name',
        () => gql({ query: 'query A { __typename }', operationName: 'B' }),
        400,
        'OPERATION_RESOLUTION_FAILURE',
      ],
      ['an unknown path', () => fetch(`${t.url}/nowhere`), 404, 'NOT_FOUND'],
    ];
    for (const [name, send, status, code] of cases) {
      const res = await send();
      const body = await res.json();
      expect(res.status, name).toBe(status);
      expect(body.errors?.[0]?.extensions?.code, name).toBe(code);
      expect(
        body.errors.every((e: { extensions?: { code?: string } }) => typeof e.extensions?.code === 'string'),
        name,
      ).toBe(true);
    }
  });
});

describe('/metrics', () => {
  it('exposes requests and latency by operation, errors by code and database call durations, in Prometheus text', async () => {
    await post(t.url, { query: 'query MetricsProbe { technologies(first: 2) { nodes { id } } }' });
    await post(t.url, { query: '{ technologies(' });
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^techgraph_graphql_requests_total\{operation="MetricsProbe",type="query"\} 1$/m);
    expect(text).toMatch(
      /^techgraph_graphql_request_duration_seconds_count\{operation="MetricsProbe",type="query"\} 1$/m,
    );
    expect(text).toMatch(/^techgraph_graphql_errors_total\{code="GRAPHQL_PARSE_FAILED"\} 1$/m);
    expect(text).toMatch(/^techgraph_db_call_duration_seconds_bucket\{le="0.1",mode="READ"\} \d+$/m);
    expect(text).toMatch(/^techgraph_db_calls_total\{mode="READ",outcome="ok"\} [1-9]\d*$/m);
    expect(text).toMatch(/^techgraph_db_up 1$/m);
    expect(text).toMatch(/^techgraph_http_responses_total\{route="\/graphql",status="400"\} \d+$/m);
    expect(text).toMatch(/^techgraph_process_resident_memory_bytes \d+/m);
  });

  it('keeps client-chosen operation names from growing the label set without bound', () => {
    const m = app.metrics;
    expect(m.operationLabel('has spaces')).toBe('other');
    expect(m.operationLabel(null)).toBe('anonymous');
    for (let i = 0; i < 300; i++) m.operationLabel(`Op${i}`);
    expect(m.operationLabel('Op250')).toBe('other');
    expect(m.operationLabel('Op5')).toBe('Op5');
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin, and lets it read the response and the request id', async () => {
    const pre = await fetch(`${app.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://strategy.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://strategy.example');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const { res } = await post(app.url, { query: '{ __typename }' }, { origin: 'https://strategy.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://strategy.example');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const other = await post(app.url, { query: '{ __typename }' }, { origin: 'https://evil.example' });
    expect(other.res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('graceful shutdown', () => {
  it('stops accepting, finishes the request in flight, then stops', async () => {
    const victim = await startApp(
      t.db,
      loadConfig({ ...process.env, PORT: '0', TG_SEED_ON_START: 'false' }),
      createLogger('silent'),
    );
    const body = JSON.stringify({ query: '{ technologies(first: 3) { nodes { id } } }' });
    let stopped = false;
    const response = new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
      const req = request(
        `${victim.url}/graphql`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        },
        (r) => {
          let text = '';
          r.on('data', (c) => {
            text += c;
          });
          r.on('end', () => resolve({ status: r.statusCode!, text, connection: r.headers.connection }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10)); // the request is in flight...
      setTimeout(() => {
        const stopping = victim.stop().then(() => {
          stopped = true;
        });
        setTimeout(async () => {
          // ...new connections are refused while it is...
          await expect(fetch(`${victim.url}/healthz`)).rejects.toThrow();
          expect(stopped).toBe(false);
          req.end(body.slice(10)); // ...and it still completes.
          await stopping;
        }, 200);
      }, 200);
    });
    const r = await response;
    expect(r.status, r.text).toBe(200);
    expect(JSON.parse(r.text).data?.technologies.nodes, r.text).toHaveLength(3);
    expect(r.connection).toBe('close');
    await victim.stop();
    expect(stopped).toBe(true);
  });
});
