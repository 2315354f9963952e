// The gap explorer on a graph with national assessments, supply listings and import figures (evidence-graph.ts:
// domain.md's second worked example and a few records more), in Debian's headless Chromium, as a strategist uses it:
// every status is the server's (gap rows, unrated rows, Technology.standing), PRESENT and UNKNOWN are drawn in
// colours of their own and not as gaps, figures resting on illustrative data are striped and marked, the panel shows
// a technology's evidence (share bars, assessment rounds as a trend, import figures) with provenance and sources, the
// lens's asOf and minEvidence controls change every question, and a failed analysis is said, not guessed around.
// Screenshots go to tests/screenshots/explorer-evidence-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  apiStandings,
  clickNode,
  drawnLooks,
  drawnStatuses,
  launch,
  openPage,
  SCREENSHOTS,
  waitForView,
  type WatchedPage,
} from './browser.js';
import { evidenceGraph, EXPECTED_2025 } from './evidence-graph.js';

let t: TestApp;
let browser: Browser;
const SECTOR = 'sector:semi';
const IDS = Object.keys(EXPECTED_2025);
const ANALYSIS_OPS = ['ExplorerValueChainGaps', 'ExplorerEvidenceBacklog', 'ExplorerStandings', 'ExplorerTechnology'];

beforeAll(async () => {
  t = await startTestApp({ doc: evidenceGraph });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function openChain(query = ''): Promise<WatchedPage> {
  const w = await openPage(browser);
  await w.page.goto(`${t.url}/explore?sector=${SECTOR}${query}`);
  await waitForView(w.page, SECTOR);
  return w;
}

async function openPanel(page: Page, id: string): Promise<void> {
  await clickNode(page, id);
  await page.waitForSelector(`[data-panel=technology][data-id="${id}"] [data-testid=eligibility]`, { timeout: 30_000 });
}

/** The text of a figure in the technology panel. */
const figure = (page: Page, field: string) => page.textContent(`[data-panel=technology] [data-field=${field}]`);

describe('gap explorer with evidence (assessments, listings, imports)', () => {
  it('colours each technology by the status the server gives it, PRESENT and UNKNOWN in colours of their own and not counted as gaps', async () => {
    const w = await openChain();
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-evidence-chain.png` });
    const api = await apiStandings(t, IDS);
    const drawn = await drawnStatuses(w.page);
    expect(drawn).toEqual(Object.fromEntries(IDS.map((id) => [id, api[id].status])));
    expect(drawn).toEqual(
      Object.fromEntries(IDS.map((id) => [id, EXPECTED_2025[id as keyof typeof EXPECTED_2025].status])),
    );

    // Six statuses, five colours in this chain (G and S share ABSENT's); PRESENT and UNKNOWN differ from the gaps and LEADING.
    const looks = await drawnLooks(w.page);
    const color = (id: string) => looks[id].color;
    expect(new Set(IDS.map(color)).size).toBe(5);
    for (const gapLike of ['tech:g', 'tech:i', 'tech:p']) {
      expect(color('tech:t')).not.toBe(color(gapLike));
      expect(color('tech:u')).not.toBe(color(gapLike));
    }
    // The summary counts the server's rows: 3 gaps, 2 unrated.
    expect(await w.page.textContent('[data-count=gaps]')).toBe('3');
    expect(await w.page.textContent('[data-count=unrated]')).toBe('2');
    const legend = (await w.page.textContent('[data-testid=legend]'))!;
    for (const word of ['Absent', 'Lagging', 'Following', 'Present', 'Unknown', 'Leading', 'unrated'])
      expect(legend).toContain(word);
    expect(await w.page.getAttribute('[data-legend-status=PRESENT]', 'title')).toContain('not a gap');
    expect(await w.page.getAttribute('[data-legend-status=UNKNOWN]', 'title')).toContain('not a gap');
    // The overview lists the unrated ones as the evidence backlog, in the server's order (U before T).
    expect(
      await w.page.$$eval('[data-testid=backlog] [data-backlog]', (els) =>
        els.map((e) => e.getAttribute('data-backlog')),
      ),
    ).toEqual(['tech:u', 'tech:t']);

    // No status is worked out in the page: the gap rows and unrated rows come from the analysis, and only the
    // technology neither list holds (P) is asked for its standing.
    const standings = w.graphql.filter((g) => g.operationName === 'ExplorerStandings');
    expect(standings.flatMap((g) => g.variables.ids)).toEqual(['tech:p']);
    for (const g of w.graphql.filter((r) => ANALYSIS_OPS.includes(r.operationName)))
      expect(g.variables.lens, g.operationName).toMatchObject({ homeCountry: 'KR', threshold: 80 });
    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('stripes and marks every technology whose figures rest on illustrative data, in the graph, the legend and the table', async () => {
    const w = await openChain();
    const api = await apiStandings(t, IDS);
    const looks = await drawnLooks(w.page);
    const striped = IDS.filter((id) => looks[id].striped).sort();
    expect(striped).toEqual(IDS.filter((id) => api[id].basis === 'ILLUSTRATIVE').sort());
    expect(striped).toEqual(['tech:g', 'tech:p']);
    expect(await w.page.getAttribute('[data-legend=illustrative]', 'title')).toMatch(
      /ILLUSTRATIVE data: invented .* no source claims it/,
    );

    await w.page.click('button[role=tab]:has-text("Table")');
    await w.page.waitForSelector('[data-testid=rows]');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-evidence-table.png` });
    for (const id of IDS) {
      const marks = await w.page.locator(`[data-testid=rows] tr[data-row="${id}"] [data-illustrative]`).count();
      expect(marks, id).toBe(api[id].basis === 'ILLUSTRATIVE' ? 1 : 0);
    }
    expect(
      await w.page.getAttribute(`[data-testid=rows] tr[data-row="tech:g"] [data-illustrative]`, 'title'),
    ).toContain('no source claims it');
    expect(w.consoleErrors).toEqual([]);
  });

  it("T's panel shows the latest listing's shares as bars, organizations listed with or without a number, each with provenance and a numbered source", async () => {
    const w = await openChain();
    await openPanel(w.page, 'tech:t');
    await w.page.locator('[data-testid=supply]').scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-evidence-supply.png` });
    const panel = '[data-panel=technology]';
    expect(await w.page.textContent(`${panel} .panel-sub`)).toContain('Present');
    expect(await w.page.getAttribute(`${panel} [data-testid=supply]`, 'data-listing')).toBe('listing:t-2023');
    const bars = await w.page.$$eval(`${panel} [data-testid=share-bars] li`, (els) =>
      els.map((e) => [e.getAttribute('data-share'), e.getAttribute('data-value'), e.classList.contains('home')]),
    );
    expect(bars).toEqual([
      ['share:t-2023-us', '91', false],
      ['share:t-2023-kr', '5', true],
      ['share:t-2023-jp', '4', false],
      ['share:t-2023-org-a', '3', true],
      ['share:t-2023-org-m', '', false],
    ]);
    expect(await w.page.textContent(`${panel} [data-share="share:t-2023-org-m"]`)).toContain('listed');
    // Each bar with its provenance and the listing's source, numbered in the panel's source list.
    for (const [id] of bars) {
      expect(await w.page.textContent(`${panel} [data-share="${id}"] .prov`)).toBe('reported');
      expect(await w.page.locator(`${panel} [data-share="${id}"] .srcref`).count()).toBe(1);
    }
    expect(await w.page.textContent(`${panel} .sources`)).toContain('Supply chain data set (test copy)');
    // The figures are the server's: home share 5 %, HHI 8,322, resting on the reported listing (no illustrative mark).
    expect(await figure(w.page, 'homeShare')).toBe('5 %');
    expect(await figure(w.page, 'hhi')).toBe('8322');
    expect(await figure(w.page, 'gap')).toBe('unrated');
    expect(await w.page.locator(`${panel} [data-testid=numbers] [data-illustrative]`).count()).toBe(0);
    expect(await w.page.textContent(`${panel} [data-testid=basis]`)).toContain('reported');
    // M is listed without a level: a supplier candidate to approach.
    expect(await w.page.locator(`${panel} [data-testid=suppliers] [data-supplier="org:m"]`).count()).toBe(1);
    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it("I's panel shows the national assessment rounds per country as a trend, the home country's counted round marked, and the figures it sets", async () => {
    const w = await openChain();
    await openPanel(w.page, 'tech:i');
    await w.page.locator('[data-testid=assessments]').scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-evidence-assessments.png` });
    const panel = '[data-panel=technology]';
    const points = await w.page.$$eval(`${panel} [data-testid=trend] [data-series]`, (gs) =>
      gs.map((g) => [
        g.getAttribute('data-series'),
        g.querySelectorAll('circle').length,
        g.querySelectorAll('polyline').length,
      ]),
    );
    expect(points).toEqual([
      ['KR', 3, 1],
      ['JP', 2, 1],
      ['US', 1, 0],
    ]);
    // A point's title says what it is.
    expect(await w.page.textContent(`${panel} [data-point="assessment:i-kr-2022"] title`)).toBe(
      'KR, round 2022: 70 (KISTEP) · reported',
    );
    // The rows list every round; the one the figures rest on is marked as counted.
    expect(await w.page.locator(`${panel} [data-testid=assessment-rows] tbody tr`).count()).toBe(6);
    expect(await w.page.textContent(`${panel} tr[data-assessment="assessment:i-kr-2022"]`)).toContain('counted');
    expect(await w.page.textContent(`${panel} tr[data-assessment="assessment:i-kr-2020"]`)).not.toContain('counted');
    expect(await figure(w.page, 'domesticBest')).toBe('70');
    expect(await figure(w.page, 'gap')).toBe('30');
    expect(await figure(w.page, 'foreignBest')).toBe('100');
    expect(await w.page.getAttribute(`${panel} [data-field=domesticBest]`, 'data-basis')).toBe('REPORTED');
    expect(await w.page.textContent(`${panel} [data-testid=standing-evidence]`)).toContain(
      'KR national assessment, round 2022: 70',
    );
    expect(w.consoleErrors).toEqual([]);
  });

  it("S's panel shows KR's import figures with provenance; G's figures carry the illustrative marker with a title that explains it", async () => {
    const w = await openChain();
    await openPanel(w.page, 'tech:s');
    const panel = '[data-panel=technology]';
    const imports = await w.page.$$eval(`${panel} [data-testid=imports] [data-import]`, (els) =>
      els.map((e) => [
        e.getAttribute('data-import'),
        e.querySelector('.sb-value')?.textContent,
        e.querySelector('.prov')?.textContent,
      ]),
    );
    expect(imports.sort()).toEqual([
      ['importdep:s-kr-jp-2023', '5 %', 'reported'],
      ['importdep:s-kr-nl-2023', '95 %', 'reported'],
    ]);
    expect(await w.page.locator(`${panel} [data-testid=numbers] [data-illustrative]`).count()).toBe(0);

    await openPanel(w.page, 'tech:g');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-evidence-illustrative.png` });
    expect(await figure(w.page, 'gap')).toBe('100');
    expect(await w.page.getAttribute(`${panel} [data-field=gap]`, 'data-basis')).toBe('ILLUSTRATIVE');
    const mark = w.page.locator(`${panel} [data-testid=numbers] [data-illustrative]`).first();
    expect(await mark.getAttribute('title')).toMatch(/^Rests on ILLUSTRATIVE data: invented .* no source claims it/);
    expect(await w.page.locator(`${panel} .panel-sub [data-illustrative]`).count()).toBe(1);
    // The foreign best (F's illustrative 90) is marked too.
    expect(await w.page.getAttribute(`${panel} [data-field=foreignBest]`, 'data-basis')).toBe('ILLUSTRATIVE');
    expect(w.consoleErrors).toEqual([]);
  });

  it('asks every question through the lens: as of 2021-06-01 I is FOLLOWING at 60 and S and T are UNKNOWN; with sourced numbers only P and G are UNKNOWN and nothing is striped', async () => {
    const w = await openChain();
    await w.page.fill('input[aria-label="As of"]', '2021-06-01');
    await w.page.waitForFunction(() => new URL(location.href).searchParams.get('asOf') === '2021-06-01');
    await waitForView(w.page, SECTOR);
    await w.page.waitForFunction(
      () => window.explorer!.cy.getElementById('tech:s').data('status') === 'UNKNOWN',
      null,
      { timeout: 30_000 },
    );
    const early = await apiStandings(t, IDS, { asOf: '2021-06-01' });
    expect(await drawnStatuses(w.page)).toEqual(Object.fromEntries(IDS.map((id) => [id, early[id].status])));
    expect([early['tech:i'].status, early['tech:s'].status, early['tech:t'].status]).toEqual([
      'FOLLOWING',
      'UNKNOWN',
      'UNKNOWN',
    ]);
    const sent = w.graphql.filter((g) => g.operationName === 'ExplorerValueChainGaps').at(-1)!;
    expect(sent.variables.lens).toEqual({
      homeCountry: 'KR',
      threshold: 80,
      minProvenance: 'ILLUSTRATIVE',
      asOf: '2021-06-01',
    });
    await openPanel(w.page, 'tech:i');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-evidence-asof.png` });
    expect(await figure(w.page, 'domesticBest')).toBe('60');
    expect(await figure(w.page, 'gap')).toBe('40');
    expect(await figure(w.page, 'chokepointScore')).toBe('80');
    // The 2022 rounds are after the as-of date: drawn hollow, listed greyed, not counted.
    expect(
      await w.page.getAttribute('[data-panel=technology] tr[data-assessment="assessment:i-kr-2022"]', 'class'),
    ).toContain('later');
    expect(await w.page.textContent('[data-panel=technology] tr[data-assessment="assessment:i-kr-2020"]')).toContain(
      'counted',
    );

    await w.page.fill('input[aria-label="As of"]', '');
    await w.page.selectOption('select[aria-label="Minimum evidence"]', 'ASSESSED');
    await w.page.waitForFunction(
      () =>
        new URL(location.href).searchParams.get('minEvidence') === 'ASSESSED' &&
        !new URL(location.href).searchParams.get('asOf'),
    );
    await waitForView(w.page, SECTOR);
    await w.page.waitForFunction(
      () => window.explorer!.cy.getElementById('tech:p').data('status') === 'UNKNOWN',
      null,
      { timeout: 30_000 },
    );
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-evidence-sourced.png` });
    // The tooltip left over I (hovered when it was clicked) showed the old lens's numbers: recolouring hides it.
    expect(await w.page.locator('.graph-tooltip').isHidden()).toBe(true);
    const sourced = await apiStandings(t, IDS, { minEvidence: 'ASSESSED' });
    expect(await drawnStatuses(w.page)).toEqual(Object.fromEntries(IDS.map((id) => [id, sourced[id].status])));
    expect(sourced['tech:g'].status).toBe('UNKNOWN');
    const looks = await drawnLooks(w.page);
    expect(IDS.filter((id) => looks[id].striped)).toEqual([]);
    const last = w.graphql.filter((g) => g.operationName === 'ExplorerEvidenceBacklog').at(-1)!;
    expect(last.variables.lens).toEqual({
      homeCountry: 'KR',
      threshold: 80,
      minProvenance: 'ILLUSTRATIVE',
      minEvidence: 'ASSESSED',
    });
    // The panel (still on I) hides the illustrative capability levels and says how many.
    await w.page.waitForSelector('[data-panel=technology] [data-hidden]', { timeout: 30_000 });
    expect(await w.page.getAttribute('[data-panel=technology] [data-hidden]', 'data-hidden')).toBe('2');
    expect(w.consoleErrors).toEqual([]);
  });

  it('when the analysis fails, says so plainly and draws the chain without any status instead of guessing one', async () => {
    const w = await openPage(browser);
    await w.page.route('**/graphql', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { operationName?: string };
      if (body.operationName === 'ExplorerValueChainGaps') {
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            data: null,
            errors: [{ message: 'The database is unavailable.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          }),
        });
      } else await route.continue();
    });
    await w.page.goto(`${t.url}/explore?sector=${SECTOR}`);
    await waitForView(w.page, SECTOR);
    await w.page.waitForSelector('[data-testid=analysis-error]');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-evidence-analysis-failed.png` });
    expect(await w.page.textContent('[data-testid=analysis-error]')).toContain('The database is unavailable.');
    expect(await w.page.textContent('[data-testid=analysis-error]')).toContain('nothing is guessed');
    const looks = await drawnLooks(w.page);
    expect(Object.values(looks).map((l) => l.status)).toEqual(IDS.map(() => 'none'));
    expect(new Set(Object.values(looks).map((l) => l.color)).size).toBe(1);
    expect(await w.page.textContent('[data-count=gaps]')).toBe('—');
    expect(await w.page.textContent('[data-count=unrated]')).toBe('—');
    expect(await w.page.textContent('[data-testid=legend]')).toContain('No status');
    // Nor is standing asked for, to fill in for the failed lists.
    expect(w.graphql.filter((g) => g.operationName === 'ExplorerStandings')).toEqual([]);
  });
});
