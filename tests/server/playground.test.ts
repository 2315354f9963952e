// The playground is served by us, works offline, and opens with example operations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

describe('/playground', () => {
  it('serves a page that loads only our own bundle, no CDN', async () => {
    const res = await fetch(`${t.url}/playground`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/playground/playground.js');
    expect(html).not.toMatch(/https?:\/\//);
    const js = await fetch(`${t.url}/playground/playground.js`);
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(100_000);
  });

  it('offers at least two example operations, each valid against the schema', async () => {
    const examples = await (await fetch(`${t.url}/playground/examples.json`)).json();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const ex of examples) {
      const { body } = await t.gql(ex.query, ex.variables ? JSON.parse(ex.variables) : undefined);
      expect(body.errors, ex.name).toBeUndefined();
      expect(
        Object.values(body.data ?? {}).some((v) => v !== null),
        ex.name,
      ).toBe(true);
    }
  });

  it('redirects / to the playground', async () => {
    const res = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/playground');
  });
});
