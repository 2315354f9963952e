// The explorer with a chain of a few hundred technologies (tests/explorer/synthetic.ts): the page draws every one
// the API returns in one batch, stays usable (a click opens the right panel) and sends nothing outside.
// No timing assertions: how fast belongs to benchmarks; this pins that it works at that size.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  apiChainIds,
  apiGaps,
  apiStandings,
  clickNode,
  drawnStatuses,
  launch,
  openPage,
  SCREENSHOTS,
  waitForView,
} from './browser.js';
import { syntheticChain } from './synthetic.js';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  t = await startTestApp({ doc: syntheticChain(300) });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('gap explorer at scale', () => {
  it('draws a chain of 300 technologies plus their inputs from another sector, as many nodes as the API returns, each with its status', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore?sector=sector:synthetic`);
    await waitForView(w.page, 'sector:synthetic');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-scale.png` });

    const chain = await apiChainIds(t, 'sector:synthetic');
    expect(chain.sectorIds).toHaveLength(300);
    expect(chain.all.size).toBeGreaterThan(300);
    const gaps = await apiGaps(t, 'sector:synthetic');
    expect(gaps.totalCount).toBeGreaterThan(100);
    const drawn = await drawnStatuses(w.page);
    expect(Object.keys(drawn).sort()).toEqual([...chain.all].sort());
    for (const row of gaps.rows) expect(drawn[row.technology.id], row.technology.id).toBe(row.status);
    // Every technology has the server's status (the rest through standing, in batches): none is left without one.
    const standings = await apiStandings(t, [...chain.all]);
    expect(drawn).toEqual(Object.fromEntries([...chain.all].map((id) => [id, standings[id].status])));
    const edges = await w.page.evaluate(() => window.explorer!.cy.edges().length);
    expect(edges).toBeGreaterThan(300);

    // Still responsive: a click on the top chokepoint opens its panel with the API's numbers.
    const top = gaps.rows[0];
    await clickNode(w.page, top.technology.id);
    await w.page.waitForSelector(
      `[data-panel=technology][data-id="${top.technology.id}"] [data-field=chokepointScore]`,
      { timeout: 30_000 },
    );
    expect(await w.page.textContent('[data-panel=technology] [data-field=chokepointScore]')).toBe(
      String(top.chokepointScore),
    );
    expect(await w.page.textContent('[data-panel=technology] [data-field=downstreamCount]')).toBe(
      String(top.downstreamCount),
    );
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-scale-selected.png` });

    // The table lists every row.
    await w.page.click('button[role=tab]:has-text("Table")');
    expect(await w.page.locator('[data-testid=rows] tbody tr').count()).toBe(chain.all.size);
    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
