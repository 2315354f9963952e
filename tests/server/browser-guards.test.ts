// Hostile web pages (server/browser.ts): a DNS-rebinding page is refused by its Host, a foreign origin may not
// POST (not even a mutation with TG_ALLOW_WRITES=true), every response carries nosniff, no-framing and a
// Content-Security-Policy, and the playground cannot be framed.
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { hostAllowed } from '../../src/server/browser.js';
import { createLogger } from '../../src/server/log.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let t: TestApp; // defaults: anonymous loopback reads, TG_ALLOW_WRITES=true (the worst case for rebinding)
let listed: App; // TG_ALLOWED_HOSTS=graph.example, TG_CORS_ORIGINS=https://app.example

beforeAll(async () => {
  t = await startTestApp({ env: { TG_ALLOW_WRITES: 'true' } });
  listed = await startApp(
    t.db,
    loadConfig({
      ...process.env,
      PORT: '0',
      TG_SEED_ON_START: 'false',
      TG_ALLOW_WRITES: 'true',
      TG_ALLOWED_HOSTS: 'graph.example, *.internal.example',
      TG_CORS_ORIGINS: 'https://app.example',
    }),
    createLogger('silent'),
  );
});
afterAll(async () => {
  await listed?.stop();
  await t?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json?: any;
}

/** node:http, because fetch will not send a Host header of our choosing. */
function send(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => {
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const port = (url: string) => new URL(url).port;
const JSON_CT = { 'content-type': 'application/json' };
const QUERY = JSON.stringify({ query: '{ technologies(first: 2) { nodes { id } } }' });
const createSector = (id: string) =>
  JSON.stringify({
    query: `mutation { createSector(input: {id: "${id}", name: "Rebound", provenance: ILLUSTRATIVE}) { sector { id } userErrors { code } } }`,
  });
const sectorExists = async (id: string) =>
  (await t.gql('query($id: ID!) { sector(id: $id) { id } }', { id })).body.data?.sector != null;

describe('DNS rebinding: the Host allowlist', () => {
  it('refuses a request for attacker.example with 421, on /graphql and /metrics, before reading anything', async () => {
    const host = `attacker.example:${port(t.url)}`;
    const read = await send(t.url, 'POST', '/graphql', { ...JSON_CT, host, origin: `http://${host}` }, QUERY);
    expect(read.status).toBe(421);
    expect(read.json.data).toBeUndefined();
    expect(read.json.errors[0].extensions.code).toBe('HOST_NOT_ALLOWED');
    expect(read.json.errors[0].message).toMatch(/TG_ALLOWED_HOSTS/);
    const metrics = await send(t.url, 'GET', '/metrics', { host });
    expect(metrics.status).toBe(421);
    expect(metrics.text).not.toMatch(/techgraph_/);
    for (const path of ['/playground', '/explore', '/', '/graphql?query=%7B__typename%7D']) {
      expect((await send(t.url, 'GET', path, { host, 'apollo-require-preflight': 'true' })).status, path).toBe(421);
    }
  });

  it('refuses a rebinding mutation even with TG_ALLOW_WRITES=true, and nothing is written', async () => {
    const host = `attacker.example:${port(t.url)}`;
    const res = await send(
      t.url,
      'POST',
      '/graphql',
      { ...JSON_CT, host, origin: `http://${host}` },
      createSector('sector:rebound-1'),
    );
    expect(res.status).toBe(421);
    expect(await sectorExists('sector:rebound-1')).toBe(false);
  });

  it('answers the loopback names and IP addresses, with and without a port', async () => {
    const p = port(t.url);
    for (const host of [
      `localhost:${p}`,
      'localhost',
      'LOCALHOST.',
      `app.localhost:${p}`,
      `127.0.0.1:${p}`,
      '127.0.0.1',
      `[::1]:${p}`,
      `10.1.2.3:${p}`,
    ]) {
      const res = await send(t.url, 'POST', '/graphql', { ...JSON_CT, host }, QUERY);
      expect(res.status, host).toBe(200);
      expect(res.json.data.technologies.nodes, host).toHaveLength(2);
    }
    expect((await send(t.url, 'GET', '/metrics', { host: `localhost:${p}` })).status).toBe(200);
  });

  it('lets load balancers probe /healthz and /readyz by any name', async () => {
    const host = 'lb-probe.example';
    expect((await send(t.url, 'GET', '/healthz', { host })).status).toBe(200);
    expect((await send(t.url, 'GET', '/readyz', { host })).status).toBe(200);
  });

  it('takes its names from TG_ALLOWED_HOSTS (`*.x` for subdomains), which replaces the loopback names', async () => {
    const p = port(listed.url);
    for (const [host, status] of [
      [`graph.example:${p}`, 200],
      ['GRAPH.example', 200],
      [`a.internal.example:${p}`, 200],
      [`127.0.0.1:${p}`, 200],
      [`localhost:${p}`, 421],
      ['internal.example', 421],
      ['evilgraph.example', 421],
      [`graph.example.attacker.example:${p}`, 421],
    ] as const) {
      expect((await send(listed.url, 'POST', '/graphql', { ...JSON_CT, host }, QUERY)).status, host).toBe(status);
    }
  });

  it('parses the setting: the loopback names and HOST by default, `*` for any', () => {
    expect(loadConfig({}).allowedHosts).toEqual(['localhost', '*.localhost']);
    expect(loadConfig({ HOST: '0.0.0.0' }).allowedHosts).toEqual(['localhost', '*.localhost']);
    expect(loadConfig({ HOST: 'graph.lan' }).allowedHosts).toEqual(['localhost', '*.localhost', 'graph.lan']);
    expect(loadConfig({ TG_ALLOWED_HOSTS: ' A.example , b.example' }).allowedHosts).toEqual(['a.example', 'b.example']);
    expect(hostAllowed('attacker.example', loadConfig({ TG_ALLOWED_HOSTS: '*' }).allowedHosts)).toBe(true);
    expect(hostAllowed('attacker.example', loadConfig({}).allowedHosts)).toBe(false);
    expect(hostAllowed('localhost:abc', loadConfig({}).allowedHosts)).toBe(false);
    expect(hostAllowed('[::1', loadConfig({}).allowedHosts)).toBe(false);
  });
});

describe('foreign web origins', () => {
  it('refuses a mutation from a foreign Origin even with TG_ALLOW_WRITES=true, and writes nothing', async () => {
    const res = await send(
      t.url,
      'POST',
      '/graphql',
      { ...JSON_CT, host: `localhost:${port(t.url)}`, origin: 'https://evil.example' },
      createSector('sector:foreign-1'),
    );
    expect(res.status).toBe(403);
    expect(res.json.errors[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/evil\.example.*TG_CORS_ORIGINS/),
    });
    expect(await sectorExists('sector:foreign-1')).toBe(false);
    const sandboxed = await send(
      t.url,
      'POST',
      '/graphql',
      { ...JSON_CT, origin: 'null' },
      createSector('sector:foreign-2'),
    );
    expect(sandboxed.status).toBe(403);
  });

  it('refuses a POST read from a foreign Origin, but lets it GET', async () => {
    const post = await send(t.url, 'POST', '/graphql', { ...JSON_CT, origin: 'https://evil.example' }, QUERY);
    expect(post.status).toBe(403);
    const get = await send(t.url, 'GET', '/graphql?query=%7B__typename%7D', {
      origin: 'https://evil.example',
      'apollo-require-preflight': 'true',
    });
    expect(get.status).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined(); // and CORS keeps its answer from the page
  });

  it("lets the server's own origin and the TG_CORS_ORIGINS origins write", async () => {
    const own = await send(
      t.url,
      'POST',
      '/graphql',
      { ...JSON_CT, host: `localhost:${port(t.url)}`, origin: `http://localhost:${port(t.url)}` },
      createSector('sector:own-origin-1'),
    );
    expect(own.status, own.text).toBe(200);
    expect(own.json.data.createSector.sector).toEqual({ id: 'sector:own-origin-1' });
    const cors = await send(
      listed.url,
      'POST',
      '/graphql',
      { ...JSON_CT, origin: 'https://app.example' },
      createSector('sector:cors-origin-1'),
    );
    expect(cors.status, cors.text).toBe(200);
    expect(cors.json.data.createSector.sector).toEqual({ id: 'sector:cors-origin-1' });
    // Another port of this machine is another origin.
    const otherPort = await send(
      t.url,
      'POST',
      '/graphql',
      { ...JSON_CT, host: `localhost:${port(t.url)}`, origin: 'http://localhost:1' },
      createSector('sector:own-origin-2'),
    );
    expect(otherPort.status).toBe(403);
    await t.db.write("MATCH (s:Sector) WHERE s.id IN ['sector:own-origin-1', 'sector:cors-origin-1'] DETACH DELETE s");
  });

  it('still answers a preflight from a foreign origin (without allowing it)', async () => {
    const res = await send(t.url, 'OPTIONS', '/graphql', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('security headers', () => {
  it('sends nosniff, no framing and no referrer on every response, API answers with a CSP of none', async () => {
    const answers = {
      graphql: await send(t.url, 'POST', '/graphql', JSON_CT, QUERY),
      metrics: await send(t.url, 'GET', '/metrics', {}),
      healthz: await send(t.url, 'GET', '/healthz', {}),
      notFound: await send(t.url, 'GET', '/nothing', {}),
      refused: await send(t.url, 'GET', '/metrics', { host: 'attacker.example' }),
      asset: await send(t.url, 'GET', '/playground/playground.js', {}),
    };
    for (const [name, a] of Object.entries(answers)) {
      expect(a.headers['x-content-type-options'], name).toBe('nosniff');
      expect(a.headers['x-frame-options'], name).toBe('DENY');
      expect(a.headers['referrer-policy'], name).toBe('no-referrer');
      expect(a.headers['content-security-policy'], name).toMatch(/frame-ancestors 'none'/);
    }
    expect(answers.graphql.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('gives the playground and the explorer a policy of their own origin only, no inline script', async () => {
    for (const path of ['/playground', '/explore']) {
      const csp = String((await send(t.url, 'GET', path, {})).headers['content-security-policy']);
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/connect-src 'self'/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    }
  });

  it('keeps the playground from being framed with a mutation preloaded (headless Chromium)', async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) refused.push(m.text());
      });
      const target = `${t.url}/playground?query=${encodeURIComponent('mutation { deleteSector(input: {id: "sector:x"}) { deletedId } }')}`;
      // The page's load event waits for its frame's.
      await page.setContent(`<iframe src="${target}" width="800" height="600"></iframe>`, {
        waitUntil: 'load',
        timeout: 15_000,
      });
      await page.waitForTimeout(1000); // had the playground loaded, it would have drawn itself by now
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const drawn = await frame
        ?.evaluate(() => document.querySelector('.graphiql-container') !== null)
        .catch(() => false);
      expect(drawn).toBe(false);
      expect(refused.length).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });
});
