// Neo4j bookmarks through the API (x-neo4j-bookmark): every response carries the bookmarks of the database
// state it saw, a request that sends them back starts from at least that state, and a token that is not one
// of ours is refused. The two-instance test (tests/server/two-instances.test.ts) uses this across processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKMARK_HEADER, decodeBookmarks, encodeBookmarks } from '../../src/db/bookmarks.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ env: { TG_ALLOW_WRITES: 'true' } }); });
afterAll(async () => { await t?.stop(); });

async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, token: res.headers.get(BOOKMARK_HEADER), body: await res.json() as any };
}

describe('bookmarks', () => {
  it('come back with a read, in the header and in extensions.bookmark, as Neo4j bookmarks', async () => {
    const { token, body } = await post('{ technologies(first: 1) { nodes { id } } }');
    expect(body.errors).toBeUndefined();
    expect(token).toBeTruthy();
    expect(body.extensions.bookmark).toBe(token);
    const bookmarks = decodeBookmarks(token!);
    expect(bookmarks).not.toBeInstanceOf(Error);
    expect((bookmarks as string[]).length).toBeGreaterThan(0);
  });

  it('move forward with a write, and a read that sends the write\'s bookmark sees the write', async () => {
    const before = (await post('{ technologies(first: 1) { nodes { id } } }')).token!;
    const write = await post(`mutation ($input: UpdateTechnologyInput!) { updateTechnology(input: $input) { userErrors { message } } }`,
      { input: { id: 'tech:advanced-packaging-interposer', description: 'bookmarked description' } });
    expect(write.body.errors).toBeUndefined();
    expect(write.body.data.updateTechnology.userErrors).toEqual([]);
    expect(write.token).toBeTruthy();
    expect(write.token).not.toBe(before);

    const read = await post('{ technology(id: "tech:advanced-packaging-interposer") { description } }', undefined, { [BOOKMARK_HEADER]: write.token! });
    expect(read.status).toBe(200);
    expect(read.body.data.technology.description).toBe('bookmarked description');
    expect(read.token).toBeTruthy();
  });

  it('are refused with 400 BAD_REQUEST when the header is not a token this API gave out', async () => {
    for (const bad of ['not a token!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      const { status, body } = await post('{ technologies(first: 1) { nodes { id } } }', undefined, { [BOOKMARK_HEADER]: bad });
      expect(status, bad).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0].message).toContain(BOOKMARK_HEADER);
    }
  });

  it('reach the database: a well-formed token holding a bookmark Neo4j never issued fails the request', async () => {
    const { body } = await post('{ technologies(first: 1) { nodes { id } } }', undefined, { [BOOKMARK_HEADER]: encodeBookmarks(['FB:not-a-real-bookmark']) });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toContain(BOOKMARK_HEADER);
  });
});
