// The playground as a person sees it: Debian's headless Chromium loads it with no request leaving this
// machine and no console errors, runs the first example, and shows the default graph's data (nothing invented).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (the CI script does), or set CHROMIUM_PATH`,
    );
  t = await startTestApp();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('playground in a browser', () => {
  it("loads offline, runs the first example and shows the default graph's data with its standing and the basis it rests on", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const outside: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:' && u.protocol !== 'blob:')
        outside.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${t.url}/playground`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await page.waitForFunction(() =>
      document.querySelector('.graphiql-query-editor')?.textContent?.includes('TechnologyCapabilities'),
    );
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      () => document.querySelector('.graphiql-response')?.textContent?.includes('Advanced packaging'),
      null,
      { timeout: 30_000 },
    );
    // The answer says what its figures rest on: the standing's basis, sourced or none (no evidence: UNKNOWN), since
    // the default graph holds no illustrative record; and no error.
    const response = (await page.textContent('.graphiql-response'))!;
    expect(response).toMatch(/"standing":\s*\{[^}]*"status":\s*"[A-Z]+"[^}]*"basis":\s*(null|"REPORTED"|"ASSESSED")/);
    expect(response).not.toContain('ILLUSTRATIVE');
    expect(response).not.toContain('"errors"');
    mkdirSync('tests/screenshots', { recursive: true });
    await page.screenshot({ path: 'tests/screenshots/playground.png' });
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
    const tabs = await page.locator('.graphiql-tab').count();
    expect(tabs).toBeGreaterThanOrEqual(2);
  });
});
