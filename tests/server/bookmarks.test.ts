// Neo4j bookmarks through the API (x-neo4j-bookmark): every response carries a signed token of the bookmarks of
// the database state it saw, a request that sends it back starts from at least that state, and a token this API
// did not issue (made up, altered, or signed with another secret) is refused before any database work: Neo4j
// would otherwise hold a session for its whole bookmark wait on a transaction id the client made up.
// The two-instance test (tests/server/two-instances.test.ts) uses tokens across processes.
import type { Session } from 'neo4j-driver';
import { Neo4jError } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKMARK_HEADER, bookmarkCodec } from '../../src/db/bookmarks.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { forgeAhead, unsignedToken } from '../helpers/bookmarks.js';

const SECRET = 'bookmarks-test-secret-of-at-least-32-characters';
const codec = bookmarkCodec([SECRET]);

let t: TestApp;
/** Transactions begun through the app's driver, and a simulated error for the next one's first statement. */
let begun = 0;
let failNextWith: Neo4jError | undefined;

beforeAll(async () => {
  t = await startTestApp({ env: { TG_ALLOW_WRITES: 'true', TG_BOOKMARK_SECRET: SECRET } });
  const original = t.db.driver.session.bind(t.db.driver);
  (t.db.driver as { session: typeof t.db.driver.session }).session = (config = {}) => {
    const session: Session = original(config);
    for (const name of ['beginTransaction', 'executeRead', 'executeWrite'] as const) {
      const call = (session[name] as (...a: unknown[]) => unknown).bind(session);
      (session as any)[name] = (...args: unknown[]) => {
        begun += 1;
        const failWith = failNextWith;
        failNextWith = undefined;
        if (failWith && name === 'beginTransaction') {
          const tx = call(...args) as { run: unknown };
          tx.run = () => {
            throw failWith;
          };
          return tx;
        }
        if (failWith) {
          // A managed transaction: its first attempt fails, later ones (retries) run as usual.
          let first = true;
          const work = args[0] as (tx: unknown) => unknown;
          return call((tx: unknown) => {
            if (first) {
              first = false;
              throw failWith;
            }
            return work(tx);
          }, args[1]);
        }
        return call(...args);
      };
    }
    return session;
  };
});
afterAll(async () => {
  await t?.stop();
});

const READ = '{ technologies(first: 1) { nodes { id } } }';

async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as any;
  return {
    status: res.status,
    token: res.headers.get(BOOKMARK_HEADER),
    retryAfter: res.headers.get('retry-after'),
    body,
    ms: performance.now() - started,
  };
}

/** The Neo4j bookmark behind a genuine token of the running API. */
async function realBookmark(): Promise<string> {
  const { token } = await post(READ);
  const bookmarks = codec.decode(token!);
  if (bookmarks instanceof Error || bookmarks.length !== 1) throw new Error(`no bookmark in ${token}`);
  return bookmarks[0];
}

function expectRefused(r: Awaited<ReturnType<typeof post>>, what: string) {
  expect(r.status, what).toBe(400);
  expect(r.body.data, what).toBeUndefined();
  expect(r.body.errors[0].extensions.code, what).toBe('BAD_REQUEST');
  expect(r.body.errors[0].extensions.reason, what).toBe('BOOKMARK_INVALID');
  expect(r.body.errors[0].message, what).toContain(BOOKMARK_HEADER);
  expect(r.token, what).toBeNull();
}

describe('bookmarks', () => {
  it('come back with a read, in the header and in extensions.bookmark, signed, holding Neo4j bookmarks', async () => {
    const { token, body } = await post(READ);
    expect(body.errors).toBeUndefined();
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(body.extensions.bookmark).toBe(token);
    const bookmarks = codec.decode(token!);
    expect(bookmarks).not.toBeInstanceOf(Error);
    expect((bookmarks as string[]).length).toBeGreaterThan(0);
    expect(bookmarkCodec(['another-secret-of-at-least-32-characters!']).decode(token!)).toBeInstanceOf(Error);
  });

  it("move forward with a write, and a read that sends the write's bookmark sees the write", async () => {
    const before = (await post(READ)).token!;
    const write = await post(
      `mutation ($input: UpdateTechnologyInput!) { updateTechnology(input: $input) { userErrors { message } } }`,
      { input: { id: 'tech:advanced-packaging-interposer', description: 'bookmarked description' } },
    );
    expect(write.body.errors).toBeUndefined();
    expect(write.body.data.updateTechnology.userErrors).toEqual([]);
    expect(write.token).toBeTruthy();
    expect(write.token).not.toBe(before);

    const read = await post('{ technology(id: "tech:advanced-packaging-interposer") { description } }', undefined, {
      [BOOKMARK_HEADER]: write.token!,
    });
    expect(read.status).toBe(200);
    expect(read.body.data.technology.description).toBe('bookmarked description');
    expect(read.token).toBeTruthy();
  });

  it('are refused with 400 BAD_REQUEST when the header is not a token this API gave out', async () => {
    for (const bad of [
      'not a token!',
      unsignedToken(['a']),
      `${unsignedToken(['a'])}.${'A'.repeat(43)}`,
      '.',
      `x.${'_'.repeat(43)}`,
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      'x'.repeat(9000),
    ]) {
      expectRefused(await post(READ, undefined, { [BOOKMARK_HEADER]: bad }), bad.slice(0, 80));
    }
  });

  it('refuse a forged token (unsigned, a transaction a few ahead of the real one) at once, without touching the database', async () => {
    const forged = unsignedToken([forgeAhead(await realBookmark(), 3)]);
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) baseline.push((await post(READ)).ms);
    begun = 0;
    const r = await post(READ, undefined, { [BOOKMARK_HEADER]: forged });
    expectRefused(r, forged);
    expect(begun).toBe(0); // no transaction was begun for it
    // The server's bookmark wait is seconds; the refusal takes about as long as a plain read.
    expect(r.ms).toBeLessThan(5 * Math.max(...baseline) + 100);
  });

  it('refuse a genuine token that was altered, or signed with another secret', async () => {
    const genuine = (await post(READ)).token!;
    const [payload, mac] = genuine.split('.');
    const content = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { b: string[]; t: number };
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const reencoded = (c: unknown) => Buffer.from(JSON.stringify(c)).toString('base64url');
    const tampered = {
      'payload character changed': `${flip(payload, 5)}.${mac}`,
      'mac character changed': `${payload}.${flip(mac, 10)}`,
      'bookmark moved ahead, mac kept': `${reencoded({ ...content, b: [forgeAhead(content.b[0], 3)] })}.${mac}`,
      'issue time changed, mac kept': `${reencoded({ ...content, t: content.t + 1 })}.${mac}`,
      'mac of another token': `${payload}.${codec.encode(['FB:other']).split('.')[1]}`,
      'signed with another secret': bookmarkCodec(['another-secret-of-at-least-32-characters!']).encode(content.b),
      'mac truncated': `${payload}.${mac.slice(0, 42)}`,
    };
    begun = 0;
    for (const [what, token] of Object.entries(tampered))
      expectRefused(await post(READ, undefined, { [BOOKMARK_HEADER]: token }), what);
    expect(begun).toBe(0);
  });

  it('a signed token holding a bookmark Neo4j never issued reaches the database and is refused there', async () => {
    const { body } = await post(READ, undefined, { [BOOKMARK_HEADER]: codec.encode(['FB:not-a-real-bookmark']) });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].extensions.reason).toBe('BOOKMARK_INVALID');
    expect(body.errors[0].message).toContain(BOOKMARK_HEADER);
  });

  it("when the database has not reached the token's bookmark: one attempt, then 503 SERVICE_UNAVAILABLE with Retry-After", async () => {
    const token = (await post(READ)).token!;
    begun = 0;
    failNextWith = new Neo4jError(
      "Database 'neo4j' not up to the requested version: 99. Latest database version is 5 (simulated)",
      'Neo.TransientError.Transaction.BookmarkTimeout',
      '08N13',
      'N/A',
    );
    const r = await post(READ, undefined, { [BOOKMARK_HEADER]: token });
    expect(begun).toBe(1);
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBeTruthy();
    expect(r.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(r.body.errors[0].extensions.reason).toBe('BOOKMARK_NOT_REACHED');
    expect(r.body.errors[0].message).toContain(BOOKMARK_HEADER);
    expect(r.body.errors[0].message).not.toMatch(/Neo\.|version: 99/);
    // And the database is not marked unreachable: the next request is answered.
    expect((await post(READ)).status).toBe(200);
  });
});
