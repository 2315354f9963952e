// The HTTP side of failures: an internal error gets a 5xx status (so monitoring by status sees it), and a client
// that hangs up mid-body is counted as 499 (client closed request), not logged or counted as a 500 of ours.
import { request } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const lines: Array<Record<string, any>> = [];
let logged: App; // a second app on the same database, logging into `lines`

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
  logged = await startApp(t.db, loadConfig({ ...process.env, PORT: '0', TG_SEED_ON_START: 'false' }), logger);
});
afterAll(async () => {
  await logged?.stop();
  await t?.stop();
});

interface Answer {
  status: number;
  contentType: string;
  json?: any;
}

function send(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  }).then(async (res) => ({
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    json: await res.json(),
  }));
}

const JSON_CT = { 'content-type': 'application/json' };
const QUERY = JSON.stringify({ query: '{ technologies(first: 2) { nodes { id } } }' });

describe('internal errors in the HTTP status', () => {
  const BROKEN = 'tech:0-broken-for-status-test'; // sorts first by id
  async function withBrokenTechnology<T>(run: () => Promise<T>): Promise<T> {
    // A stored value the schema cannot serialize (a list as the name): an internal fault, not the client's.
    await t.db.write(
      `CREATE (:Entity:Technology {id: $id, name: ['not', 'a', 'string'], kind: 'OTHER', provenance: 'ILLUSTRATIVE', sourceIds: []})`,
      { id: BROKEN },
    );
    try {
      return await run();
    } finally {
      await t.db.write('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: BROKEN });
    }
  }
  const partial = JSON.stringify({ query: `{ technology(id: "${BROKEN}") { id name } }` });
  const whole = JSON.stringify({ query: '{ technologies(first: 1, orderBy: {field: ID}) { nodes { id name } } }' });

  it('answers 500 when the internal error left no data, for both media types', async () => {
    await withBrokenTechnology(async () => {
      for (const accept of ['application/graphql-response+json', 'application/json']) {
        const res = await send(t.url, { accept }, whole);
        expect(res.status, accept).toBe(500);
        expect(res.contentType, accept).toMatch(accept);
        expect(res.json, accept).toMatchObject({
          data: null,
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      }
    });
  });

  it('keeps 200 for partial data, as the spec requires of application/graphql-response+json when data is not null', async () => {
    await withBrokenTechnology(async () => {
      const strict = await send(t.url, { accept: 'application/graphql-response+json' }, partial);
      expect(strict.status).toBe(200);
      expect(strict.json).toMatchObject({
        data: { technology: null },
        errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      const legacy = await send(t.url, { accept: 'application/json' }, partial);
      expect(legacy.status).toBe(200);
      expect(legacy.json.data).toEqual({ technology: null });
    });
  });

  it('keeps client errors as they were', async () => {
    const accept = 'application/graphql-response+json';
    expect((await send(t.url, { accept }, JSON.stringify({ query: '{ nope }' }))).status).toBe(400);
    const missing = await send(t.url, { accept }, JSON.stringify({ query: '{ technology(id: "tech:nope") { id } }' }));
    expect(missing.status).toBe(200);
  });
});

describe('a client that hangs up mid-body', () => {
  function abortMidBody(url: string, requestId: string): Promise<void> {
    const u = new URL(url);
    const body = QUERY;
    return new Promise((resolve) => {
      const req = request({
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: '/graphql',
        headers: { ...JSON_CT, 'content-length': String(body.length), 'x-request-id': requestId },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(body.slice(0, 10));
      setTimeout(() => req.destroy(), 100);
    });
  }
  const count = (text: string, status: string) =>
    Number(
      new RegExp(`^techgraph_http_responses_total\\{route="/graphql",status="${status}"\\} (\\d+)$`, 'm').exec(
        text,
      )?.[1] ?? 0,
    );

  it('is counted as 499 (client closed request), not as a 500, and not logged as an error', async () => {
    const before = await (await fetch(`${logged.url}/metrics`)).text();
    for (let i = 0; i < 5; i++) await abortMidBody(logged.url, `hangup-${i}`);
    let after = '';
    for (let i = 0; i < 50 && count(after, '499') < count(before, '499') + 5; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await (await fetch(`${logged.url}/metrics`)).text();
    }
    expect(count(after, '499') - count(before, '499')).toBe(5);
    expect(count(after, '500') - count(before, '500')).toBe(0);
    const mine = lines.filter((l) => String(l.requestId).startsWith('hangup-'));
    expect(mine.filter((l) => l.level >= 50)).toEqual([]);
    expect(mine.filter((l) => l.msg === 'request')).toHaveLength(5);
    expect(mine.find((l) => l.msg === 'request')).toMatchObject({ status: 499, clientClosed: true });
  });
});
