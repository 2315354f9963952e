// /readyz, which the image's and compose's health checks use, reflects what a client gets: an API that refuses
// every request (anonymous reads off, no API key at all) is not ready, however healthy its database.
import { afterEach, describe, expect, it } from 'vitest';
import { newKey } from '../../src/server/auth.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function readyz(app: TestApp) {
  const res = await fetch(`${app.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, unknown> } };
}

describe('/readyz and access', () => {
  it('is 503 with access "none" when anonymous reads are off and no key is configured (every query would be 401)', async () => {
    t = await startTestApp({
      doc: null,
      env: { TG_ANONYMOUS_READS: 'false', TG_API_KEYS: '', TG_KEYS_FILE: '/nonexistent/keys.json' },
    });
    expect((await t.gql('{ __typename }')).status).toBe(401);
    const r = await readyz(t);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'not ready', checks: { database: 'reachable', access: 'none' } });
  });

  it('is 200 once a key is configured, and that key is served', async () => {
    const { key, record } = newKey('reader');
    t = await startTestApp({
      doc: null,
      env: {
        TG_ANONYMOUS_READS: 'false',
        TG_API_KEYS: JSON.stringify([record]),
        TG_KEYS_FILE: '/nonexistent/keys.json',
      },
    });
    const r = await readyz(t);
    expect(r.status).toBe(200);
    expect(r.body.checks.access).toBe('API keys');
    expect((await t.gql('{ __typename }', undefined, { authorization: `Bearer ${key}` })).status).toBe(200);
  });

  it('is 200 with anonymous reads on, and an anonymous query is served', async () => {
    t = await startTestApp({ doc: null, env: { TG_ANONYMOUS_READS: 'true' } });
    const r = await readyz(t);
    expect(r.status).toBe(200);
    expect(r.body.checks.access).toBe('anonymous reads');
    expect((await t.gql('{ __typename }')).status).toBe(200);
  });
});
