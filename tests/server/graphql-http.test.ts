// The API over real HTTP on the real database, seeded with the default graph and the fictional demo set (whose
// technologies have capabilities).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusForMediaType } from '../../src/server/media-status.js';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

/** Accept headers, and the status GraphQL over HTTP asks for a request error under each (none: application/json). */
const MEDIA_TYPES: Array<[string | undefined, number]> = [
  [undefined, 200],
  ['application/json', 200],
  ['*/*', 200],
  ['application/graphql-response+json', 400],
  ['application/graphql-response+json, application/json;q=0.9', 400],
];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: readSeedsWithDemo() });
});
afterAll(async () => {
  await t?.stop();
});

describe('POST /graphql', () => {
  it('returns a seeded technology with its kind, Korean name and the article as its source', async () => {
    const { status, body } = await t.gql(`{ technology(id: "tech:advanced-packaging-interposer") {
      id name nameKo kind provenance sources { id kind publisher } } }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.technology).toEqual({
      id: 'tech:advanced-packaging-interposer',
      name: 'Advanced packaging using next-generation interposers',
      nameKo: '차세대 인터포저를 활용한 첨단 패키징 기술',
      kind: 'CHOKEPOINT',
      provenance: 'REPORTED',
      sources: [
        {
          id: 'source:inews24-2023-12-05-motie-global-tech-cooperation',
          kind: 'NEWS',
          publisher: expect.stringContaining('iNews24'),
        },
      ],
    });
  });

  it('lists capabilities of a technology with level, organization and the provenance of each level', async () => {
    const { body } = await t.gql(`{ technology(id: "tech:demo-nexus-packaging") {
      capabilities(first: 100) { totalCount nodes { level holdsCoreIp provenance organization { id country } technology { id } } } } }`);
    expect(body.errors).toBeUndefined();
    const caps = body.data.technology.capabilities;
    expect(caps.totalCount).toBeGreaterThan(0);
    expect(caps.nodes).toHaveLength(caps.totalCount);
    for (const c of caps.nodes) {
      expect(c.technology.id).toBe('tech:demo-nexus-packaging');
      expect(c.level).toBeGreaterThanOrEqual(0);
      expect(c.level).toBeLessThanOrEqual(100);
      expect(['ASSESSED', 'ILLUSTRATIVE', 'REPORTED']).toContain(c.provenance);
    }
    const levels = caps.nodes.map((c: { level: number }) => c.level);
    expect(levels).toEqual([...levels].sort((a, b) => b - a)); // best first
  });

  it('answers the CTO meeting with all 17 attendees of firms and agencies, and the hosting minister', async () => {
    const { body } = await t.gql(`{ node(id: "event:cto-meeting-2023-12-05") { ... on Event { date venue
      attendees(first: 50) { totalCount nodes { nameKo employments { nodes { title organization { type nameKo } } } } } } } }`);
    const ev = body.data.node;
    expect(ev.date).toBe('2023-12-05');
    expect(ev.attendees.totalCount).toBe(18);
    const orgTypes = ev.attendees.nodes.map((p: any) => p.employments.nodes[0].organization.type);
    expect(orgTypes.filter((x: string) => x === 'COMPANY')).toHaveLength(12);
    expect(orgTypes.filter((x: string) => x === 'AGENCY')).toHaveLength(5);
    const shin = ev.attendees.nodes.find((p: any) => p.nameKo === '신동주');
    expect(shin.employments.nodes[0]).toEqual({ title: 'CEO', organization: { type: 'COMPANY', nameKo: '모빌린트' } });
  });

  it('answers a query that does not parse with a syntax error: 200 for application/json, 400 for application/graphql-response+json', async () => {
    for (const [accept, expected] of MEDIA_TYPES) {
      const { status, body } = await t.gql('{ technology(id: "x" { name }', undefined, accept ? { accept } : {});
      expect(status, accept).toBe(expected);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(body.errors?.[0].message).toMatch(/Syntax Error/);
    }
  });

  it('gives a validation error naming an unknown field: 200 for application/json, 400 for application/graphql-response+json', async () => {
    for (const [accept, expected] of MEDIA_TYPES) {
      const { status, body } = await t.gql(
        '{ technologies { nodes { colour } } }',
        undefined,
        accept ? { accept } : {},
      );
      expect(status, accept).toBe(expected);
      expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.errors?.[0].message).toMatch(/Cannot query field "colour" on type "Technology"/);
    }
  });

  it('gives 400 for a body that is not JSON, without touching the schema', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('reports the database round trips of a request', async () => {
    const { body } = await t.gql('{ technologies(first: 3) { nodes { id } } }');
    expect(body.extensions?.dbRoundTrips).toBe(1);
  });
});

describe('status by media type (GraphQL over HTTP)', () => {
  it('answers variables that do not coerce and a query over the cost limit like any request error', async () => {
    for (const [accept, expected] of MEDIA_TYPES) {
      const headers: Record<string, string> = accept ? { accept } : {};
      const coercion = await t.gql('query($n: Int) { technologies(first: $n) { totalCount } }', { n: 'many' }, headers);
      expect(coercion.status, accept).toBe(expected);
      expect(coercion.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const costly = await t.gql('{ technologies(first: 100000) { nodes { id } } }', undefined, headers);
      expect(costly.status, accept).toBe(expected);
      expect(costly.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    }
  });

  it('keeps the status of refusals about the caller or the request itself, for application/json too', async () => {
    const mutation =
      'mutation { createTechnology(input: { id: "tech:t-media", name: "x", kind: ORIGINAL, provenance: ILLUSTRATIVE }) { technology { id } } }';
    const forged = { 'x-neo4j-bookmark': 'not-a-token' };
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const anonymousWrite = await t.gql(mutation, undefined, { accept });
      expect(anonymousWrite.status, accept).toBe(401);
      expect(anonymousWrite.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const bookmark = await t.gql('{ __typename }', undefined, { accept, ...forged });
      expect(bookmark.status, accept).toBe(400);
      expect(bookmark.body.errors?.[0].extensions.reason).toBe('BOOKMARK_INVALID');
      const notJson = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { accept, 'content-type': 'application/json' },
        body: '{"query": ',
      });
      expect(notJson.status, accept).toBe(400);
    }
  });
});

describe('statusForMediaType', () => {
  const body = (r: unknown) => JSON.stringify(r);
  const parseFailed = { errors: [{ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] };
  it('turns 400 into 200 only for application/json, only when every error is about the document and there is no data', () => {
    expect(statusForMediaType(400, 'application/json; charset=utf-8', body(parseFailed))).toBe(200);
    expect(statusForMediaType(400, 'application/graphql-response+json; charset=utf-8', body(parseFailed))).toBe(400);
    expect(
      statusForMediaType(
        400,
        'application/json',
        body({ errors: [...parseFailed.errors, { message: 'x', extensions: { code: 'BAD_REQUEST' } }] }),
      ),
    ).toBe(400);
    expect(statusForMediaType(400, 'application/json', body({ ...parseFailed, data: null }))).toBe(400);
    expect(statusForMediaType(400, 'application/json', body({ errors: [] }))).toBe(400);
    expect(statusForMediaType(400, 'application/json', 'not json')).toBe(400);
    expect(statusForMediaType(403, 'application/json', body(parseFailed))).toBe(403);
    expect(statusForMediaType(400, undefined, body(parseFailed))).toBe(400);
  });
});
