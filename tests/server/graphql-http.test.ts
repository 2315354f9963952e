// The API over real HTTP on the real database, seeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.stop(); });

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
      sources: [{ id: 'source:inews24-2023-12-05-motie-global-tech-cooperation', kind: 'NEWS', publisher: expect.stringContaining('iNews24') }],
    });
  });

  it('lists capabilities of a technology with level, organization and the provenance of each level', async () => {
    const { body } = await t.gql(`{ technology(id: "tech:advanced-packaging-interposer") {
      capabilities(first: 100) { totalCount nodes { level holdsCoreIp provenance organization { id country } technology { id } } } } }`);
    expect(body.errors).toBeUndefined();
    const caps = body.data.technology.capabilities;
    expect(caps.totalCount).toBeGreaterThan(0);
    expect(caps.nodes).toHaveLength(caps.totalCount);
    for (const c of caps.nodes) {
      expect(c.technology.id).toBe('tech:advanced-packaging-interposer');
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

  it('gives 400 with a GraphQL syntax error for a query that does not parse', async () => {
    const { status, body } = await t.gql('{ technology(id: "x" { name }');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors?.[0].message).toMatch(/Syntax Error/);
  });

  it('gives a validation error naming an unknown field', async () => {
    const { status, body } = await t.gql('{ technologies { nodes { colour } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0].message).toMatch(/Cannot query field "colour" on type "Technology"/);
  });

  it('gives 400 for a body that is not JSON, without touching the schema', async () => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('reports the database round trips of a request', async () => {
    const { body } = await t.gql('{ technologies(first: 3) { nodes { id } } }');
    expect(body.extensions?.dbRoundTrips).toBe(1);
  });
});
