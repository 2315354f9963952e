// The explorer is a client like any other: where the API wants a key, the page says so, takes a pasted key, keeps it
// in this tab's session storage only, and sends it as `Authorization: Bearer` on every request.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey } from '../../src/server/auth.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launch, openPage, SCREENSHOTS, waitForView } from './browser.js';

let t: TestApp;
let browser: Browser;
const { key, record } = newKey('reader', { note: 'explorer test' });

beforeAll(async () => {
  t = await startTestApp({ env: { TG_ANONYMOUS_READS: 'false', TG_API_KEYS: JSON.stringify([record]) } });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('gap explorer with API keys', () => {
  it('asks for a key when the API wants one, then sends the pasted key as a bearer token and keeps it for the session only', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore`);
    const error = w.page.locator('.error[role=alert]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain('Enter an API key');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-needs-key.png` });

    await error.locator('button').click();
    await w.page.fill('.key-menu input', key);
    const before = w.graphql.length;
    await w.page.click('.key-menu button.primary');
    await waitForView(w.page, 'sector:semiconductors');
    const sent = w.graphql.slice(before);
    expect(sent.length).toBeGreaterThan(1);
    for (const g of sent) expect(g.headers.authorization).toBe(`Bearer ${key}`);
    expect(await w.page.evaluate(() => sessionStorage.getItem('techgraph.explorer.apiKey'))).toBe(key);
    expect(await w.page.evaluate(() => localStorage.length)).toBe(0);
    expect(await w.page.textContent('.keybtn')).toContain('Key set');
    expect(w.outside).toEqual([]);
  });
});
