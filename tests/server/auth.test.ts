// Access control: reader and editor API keys sent as Bearer tokens, stored only as hashes; anonymous reads as a
// setting; writes only with an editor key (or, for local development, anonymous loopback callers with
// TG_ALLOW_WRITES); every refusal a clear UNAUTHENTICATED/FORBIDDEN before anything is read or written.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { exportDocument } from '../../src/import/export.js';
import { assertCanWrite } from '../../src/graph/guard.js';
import { newKey } from '../../src/server/auth.js';
import { createLogger } from '../../src/server/log.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const reader = newKey('reader');
const editor = newKey('editor');
const dir = mkdtempSync(join(tmpdir(), 'techgraph-keys-'));
const keysFile = join(dir, 'keys.json');
const env = {
  TG_API_KEYS: JSON.stringify([reader.record, editor.record]),
  TG_KEYS_FILE: keysFile,
  TG_ALLOW_WRITES: 'false',
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env });
});
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const CREATE = `mutation { createSector(input: { id: "sector:auth-test", name: "Auth test", provenance: ILLUSTRATIVE }) { sector { id } userErrors { code } } }`;
const DELETE = `mutation { deleteSector(input: { id: "sector:auth-test" }) { deletedId } }`;

describe('API keys', () => {
  it('lets anonymous callers read while the API listens on loopback (the default)', async () => {
    expect(t.config.auth.anonymousReads).toBe(true);
    const { status, body } = await t.gql('{ technologies(first: 1) { nodes { id } } }');
    expect(status).toBe(200);
    expect(body.data.technologies.nodes).toHaveLength(1);
  });

  it('refuses an unknown key with 401 UNAUTHENTICATED and a WWW-Authenticate header, even for reads', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer('tg_not-a-real-key') },
      body: JSON.stringify({ query: '{ technologies(first: 1) { nodes { id } } }' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const body = await res.json();
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      { message: 'The API key is not valid.', extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) } },
    ]);
  });

  it('refuses an Authorization header that is not a Bearer token', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer two words', editor.key]) {
      const { status, body } = await t.gql('{ __typename }', undefined, { authorization: header });
      expect(status, header).toBe(401);
      expect(body.errors![0].extensions.code, header).toBe('UNAUTHENTICATED');
    }
  });

  it('lets a reader key read but not write: FORBIDDEN before any database work, nothing written', async () => {
    const read = await t.gql('{ technologies(first: 1) { nodes { id } } }', undefined, bearer(reader.key));
    expect(read.body.errors).toBeUndefined();
    const before = await exportDocument(t.db);
    const { status, body } = await t.gql(CREATE, undefined, bearer(reader.key));
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      { message: 'This API key may only read; writes need an editor key.', extensions: { code: 'FORBIDDEN' } },
    ]);
    expect(body.extensions?.dbRoundTrips).toBe(0);
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('refuses anonymous writes with UNAUTHENTICATED, also for importGraph, and writes nothing', async () => {
    const before = await exportDocument(t.db);
    const { status, body } = await t.gql(CREATE);
    expect(status).toBe(401);
    expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors![0].message).toMatch(/editor API key/);
    const imp = await t.gql('mutation($d: JSON!) { importGraph(document: $d) { ok } }', {
      d: { sectors: [{ id: 'sector:nope', name: 'Nope', provenance: 'ILLUSTRATIVE', sources: [] }] },
    });
    expect(imp.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('refuses an operation of several mutation fields as a whole, before any of them runs', async () => {
    const before = await exportDocument(t.db);
    const { body } = await t.gql(
      `mutation { a: createSector(input: { id: "sector:auth-a", name: "A", provenance: ILLUSTRATIVE }) { sector { id } }
      b: createSector(input: { id: "sector:auth-b", name: "B", provenance: ILLUSTRATIVE }) { sector { id } } }`,
      undefined,
      bearer(reader.key),
    );
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('lets an editor key write', async () => {
    const { status, body } = await t.gql(CREATE, undefined, bearer(editor.key));
    expect(status).toBe(200);
    expect(body.data.createSector).toEqual({ sector: { id: 'sector:auth-test' }, userErrors: [] });
    const del = await t.gql(DELETE, undefined, bearer(editor.key));
    expect(del.body.data.deleteSector.deletedId).toBe('sector:auth-test');
  });

  it('accepts a key made by `npm run key` at once, and stores only its hash', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/key.ts', '--role', 'editor', '--note', 'test'],
      {
        env: { ...process.env, TG_KEYS_FILE: keysFile },
      },
    );
    const key = stdout.trim();
    expect(key).toMatch(/^tg_[A-Za-z0-9_-]{43}$/);
    expect(stderr).toMatch(/shown only now/);
    const stored = readFileSync(keysFile, 'utf8');
    expect(stored).not.toContain(key);
    expect(JSON.parse(stored).keys).toEqual([
      expect.objectContaining({ role: 'editor', note: 'test', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    await new Promise((r) => setTimeout(r, 1100)); // the keys file is looked at no more than once a second
    const { body } = await t.gql(CREATE, undefined, bearer(key));
    expect(body.data.createSector.userErrors).toEqual([]);
    await t.gql(DELETE, undefined, bearer(key));
  });
});

describe('settings', () => {
  it('turns anonymous reads off by default when the API listens beyond loopback', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).auth.anonymousReads).toBe(false);
    expect(loadConfig({ HOST: '::1' }).auth.anonymousReads).toBe(true);
    expect(loadConfig({ HOST: '127.0.0.1' }).auth.anonymousReads).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', TG_ANONYMOUS_READS: 'true' }).auth.anonymousReads).toBe(true);
  });

  it('refuses anonymous reads when they are off, and still serves keys', async () => {
    const config = loadConfig({
      ...process.env,
      ...env,
      PORT: '0',
      TG_SEED_ON_START: 'false',
      TG_ANONYMOUS_READS: 'false',
    });
    const app = await startApp(t.db, config, createLogger('silent'));
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
      const anon = await post({});
      expect(anon.status).toBe(401);
      expect((await anon.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const withKey = await post(bearer(reader.key));
      expect(await withKey.json()).toMatchObject({ data: { __typename: 'Query' } });
      expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('with TG_ALLOW_WRITES, lets anonymous callers write only over loopback and not through a proxy', async () => {
    const config = loadConfig({
      ...process.env,
      ...env,
      PORT: '0',
      TG_SEED_ON_START: 'false',
      TG_ALLOW_WRITES: 'true',
    });
    const app = await startApp(t.db, config, createLogger('silent'));
    try {
      const post = async (query: string, headers: Record<string, string> = {}) =>
        (
          await fetch(`${app.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ query }),
          })
        ).json();
      const proxied = await post(CREATE, { 'x-forwarded-for': '203.0.113.9' });
      expect(proxied.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const readerWrite = await post(CREATE, bearer(reader.key));
      expect(readerWrite.errors[0].extensions.code).toBe('FORBIDDEN');
      const local = await post(CREATE);
      expect(local.data.createSector.userErrors).toEqual([]);
      await post(DELETE);
    } finally {
      await app.stop();
    }
  });

  it('assertCanWrite: editor always; anonymous only with TG_ALLOW_WRITES on loopback; reader never', () => {
    const check = (role: 'anonymous' | 'reader' | 'editor', allowWrites: boolean, loopback: boolean) => {
      try {
        assertCanWrite({ role, config: { allowWrites }, loopback });
        return 'ok';
      } catch (e) {
        return (e as { extensions: { code: string } }).extensions.code;
      }
    };
    expect(check('editor', false, false)).toBe('ok');
    expect(check('anonymous', true, true)).toBe('ok');
    expect(check('anonymous', true, false)).toBe('UNAUTHENTICATED');
    expect(check('anonymous', false, true)).toBe('UNAUTHENTICATED');
    expect(check('reader', true, true)).toBe('FORBIDDEN');
  });
});
