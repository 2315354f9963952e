// The gap explorer as a strategist uses it, in Debian's headless Chromium: it loads with nothing leaving this
// machine and no console errors, draws exactly the chain the API describes, opens a technology's panel with the
// API's numbers, finds Korean names, shows a company's exposure, links to the playground, exports PNG and CSV. It
// opens on the default graph's semiconductor chain (CSET's figures, nothing invented); the views that need levels,
// projects and reliances open the fictional demo set's chains (loaded beside the default graph). Each test saves a
// screenshot to tests/screenshots/. (API keys: explorer-keys.test.ts.)
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';
import {
  apiChainIds,
  apiGaps,
  apiStandings,
  clickNode,
  drawnLooks,
  drawnStatuses,
  launch,
  openPage,
  SCREENSHOTS,
  waitForView,
} from './browser.js';

const DEMO_CHIPS = 'sector:demo-chipworks';
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  t = await startTestApp({ doc: readSeedsWithDemo() });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('gap explorer in a browser (default graph and demo set)', () => {
  it('loads offline without console errors and draws every technology of the chain the API returns, coloured by the status the server gives it', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore`);
    await waitForView(w.page, 'sector:semiconductors');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-semiconductors.png` });

    const chain = await apiChainIds(t, 'sector:semiconductors');
    const gaps = await apiGaps(t, 'sector:semiconductors');
    const drawn = await drawnStatuses(w.page);
    expect(Object.keys(drawn).sort()).toEqual([...chain.all].sort());
    for (const row of gaps.rows) expect(drawn[row.technology.id], row.technology.id).toBe(row.status);
    // Every technology's status is the server's standing, none guessed: the gaps, the unrated and the LEADING ones.
    const standings = await apiStandings(t, [...chain.all]);
    expect(drawn).toEqual(Object.fromEntries([...chain.all].map((id) => [id, standings[id].status])));
    // A technology is striped exactly when its figures rest on illustrative data: on the default graph, none is.
    const looks = await drawnLooks(w.page);
    for (const id of chain.all) expect(looks[id].striped, id).toBe(standings[id].basis === 'ILLUSTRATIVE');
    expect(Object.values(looks).filter((l) => l.striped)).toEqual([]);
    // The summary line says the same.
    expect(await w.page.textContent('[data-count=technologies]')).toBe(String(chain.all.size));
    expect(await w.page.textContent('[data-count=gaps]')).toBe(String(gaps.totalCount));
    // A legend explains the colours and sizes.
    const legend = await w.page.textContent('[data-testid=legend]');
    for (const word of [
      'Absent',
      'Lagging',
      'Following',
      'Leading',
      'Present',
      'Unknown',
      'illustrative',
      'chokepoint score',
    ])
      expect(legend).toContain(word);

    // The demo set's chip chain, whose levels are ILLUSTRATIVE: every technology with figures is striped, and nodes
    // are sized by chokepoint score: the highest-scoring gap is drawn larger than a LEADING technology.
    await w.page.goto(`${t.url}/explore?sector=${DEMO_CHIPS}`);
    await waitForView(w.page, DEMO_CHIPS);
    const demoChain = await apiChainIds(t, DEMO_CHIPS);
    const demoStandings = await apiStandings(t, [...demoChain.all]);
    const demoLooks = await drawnLooks(w.page);
    for (const id of demoChain.all) expect(demoLooks[id].striped, id).toBe(demoStandings[id].basis === 'ILLUSTRATIVE');
    expect(Object.values(demoLooks).filter((l) => l.striped).length).toBeGreaterThan(0);
    const sizes = await w.page.evaluate(() =>
      window
        .explorer!.cy.nodes('.tech')
        .map((n) => ({ id: n.id(), size: n.data('size') as number, status: n.data('status') as string })),
    );
    const top = (await apiGaps(t, DEMO_CHIPS)).rows[0];
    const leading = sizes.find((s) => s.status === 'LEADING')!;
    expect(sizes.find((s) => s.id === top.technology.id)!.size).toBeGreaterThan(leading.size);

    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it("draws inputs from other sectors too: the demo set's automata with their upstream chain, as many nodes as the API gives", async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore?sector=sector:demo-automata`);
    await waitForView(w.page, 'sector:demo-automata');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-robotics.png` });
    const chain = await apiChainIds(t, 'sector:demo-automata');
    expect(chain.all.size).toBeGreaterThan(chain.sectorIds.length);
    const drawn = await drawnStatuses(w.page);
    expect(Object.keys(drawn).sort()).toEqual([...chain.all].sort());
    const gaps = await apiGaps(t, 'sector:demo-automata');
    for (const row of gaps.rows) expect(drawn[row.technology.id], row.technology.id).toBe(row.status);
    const upstream = await w.page.evaluate(() => window.explorer!.cy.nodes('.tech.upstream').length);
    expect(upstream).toBe(chain.all.size - chain.sectorIds.length);
    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('clicking a technology opens its panel with the numbers the API gives, partner candidates, projects, eligibility and sources', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore?sector=${DEMO_CHIPS}`);
    await waitForView(w.page, DEMO_CHIPS);
    const id = 'tech:demo-velorite-resist';
    await clickNode(w.page, id);
    await w.page.waitForSelector(`[data-panel=technology][data-id="${id}"] [data-testid=eligibility]`, {
      timeout: 30_000,
    });
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-panel.png` });

    const row = (await apiGaps(t, DEMO_CHIPS)).rows.find((r) => r.technology.id === id)!;
    const field = (f: string) => w.page.textContent(`[data-panel=technology] [data-field=${f}]`);
    const num = (v: number | null) => (v == null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(1));
    expect(await field('domesticBest')).toBe(num(row.domesticBest));
    expect(await field('foreignBest')).toBe(num(row.foreignBest));
    expect(await field('gap')).toBe(num(row.gap));
    expect(await field('chokepointScore')).toBe(num(row.chokepointScore));
    expect(await field('downstreamCount')).toBe(num(row.downstreamCount));
    expect(await field('blocks')).toBe(String(row.blocks.length));

    const { body } = await t.gql(`{
      partnerCandidates(technology: "${id}", first: 20) { nodes { organization { id } } }
      jointRndEligibility(technology: "${id}") { eligible c1 { value reason } c2 { value reason } c3 { value reason } }
      technology(id: "${id}") { projects(first: 20) { nodes { title } } }
    }`);
    const partners = await w.page.$$eval('[data-testid=partners] [data-partner]', (els) =>
      els.map((e) => e.getAttribute('data-partner')),
    );
    expect(partners).toEqual(
      body.data.partnerCandidates.nodes.map((n: { organization: { id: string } }) => n.organization.id),
    );
    const eligibility = await w.page.textContent('[data-testid=eligibility]');
    for (const c of ['c1', 'c2', 'c3'] as const) expect(eligibility).toContain(body.data.jointRndEligibility[c].reason);
    const panel = (await w.page.textContent('[data-panel=technology]'))!;
    for (const p of body.data.technology.projects.nodes) expect(panel).toContain(p.title);
    // Every level shown carries its provenance; the demo set's illustrative levels say so.
    expect(await w.page.locator('[data-panel=technology] [data-testid=capabilities] .prov').count()).toBeGreaterThan(0);
    expect(panel).toContain('illustrative');

    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('the search finds a technology by its Korean name, and choosing it selects it in the graph', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore?sector=${DEMO_CHIPS}`);
    await waitForView(w.page, DEMO_CHIPS);
    await w.page.fill('input[aria-label=Search]', '글리머');
    const hit = w.page.locator('[data-testid=search-hits] li[data-id="tech:demo-glimmer-veil"]');
    await hit.waitFor({ timeout: 30_000 });
    expect(await hit.textContent()).toContain('글리머 베일 마스크 보호막');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-search-ko.png` });
    await hit.click();
    await w.page.waitForSelector('[data-panel=technology][data-id="tech:demo-glimmer-veil"]');
    expect(
      await w.page.evaluate(() => window.explorer!.cy.getElementById('tech:demo-glimmer-veil').hasClass('selected')),
    ).toBe(true);
    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('a company found by its Korean name shows its exposure paths, as many as the API returns', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore?sector=${DEMO_CHIPS}`);
    await waitForView(w.page, DEMO_CHIPS);
    await w.page.fill('input[aria-label=Search]', '문페블전자');
    const hit = w.page.locator('[data-testid=search-hits] li[data-id="org:demo-moonpebble-electronics"]');
    await hit.waitFor({ timeout: 30_000 });
    await hit.click();
    await waitForView(w.page, 'org:demo-moonpebble-electronics');
    await w.page.waitForSelector('[data-panel=organization]');
    await w.page.screenshot({ path: `${SCREENSHOTS}/explorer-exposure.png` });

    const { body } = await t.gql(
      `{ exposure(organization: "org:demo-moonpebble-electronics", first: 100) { totalCount nodes { assessment { technology { id } status } path { id } } } }`,
    );
    const rows = body.data.exposure.nodes as Array<{
      assessment: { technology: { id: string }; status: string };
      path: Array<{ id: string }>;
    }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(await w.page.textContent('[data-count=exposures]')).toBe(String(body.data.exposure.totalCount));
    const onPaths = new Set(rows.flatMap((r) => r.path.map((p) => p.id)));
    const drawn = await drawnStatuses(w.page);
    expect(Object.keys(drawn).sort()).toEqual([...onPaths].sort());
    for (const r of rows) expect(drawn[r.assessment.technology.id]).toBe(r.assessment.status);
    expect(await w.page.locator('[data-panel=organization] .exposures > li').count()).toBe(rows.length);
    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('"Open in playground" opens the exact operation behind the view in the playground', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore`);
    await waitForView(w.page, 'sector:semiconductors');
    await w.page.click('.ops-button');
    const link = w.page.locator('.ops-menu a[data-operation=ExplorerValueChainGaps]');
    const href = (await link.getAttribute('href'))!;
    const url = new URL(href, t.url);
    expect(url.pathname).toBe('/playground');
    const query = url.searchParams.get('query')!;
    const variables = JSON.parse(url.searchParams.get('variables')!);
    expect(variables).toMatchObject({ sector: 'sector:semiconductors', lens: { homeCountry: 'KR', threshold: 80 } });
    // The operation runs as it stands and answers what the page drew.
    const { body } = await t.gql(query, variables);
    expect(body.errors).toBeUndefined();
    expect(body.data.valueChainGaps.totalCount).toBe(Number(await w.page.textContent('[data-count=gaps]')));
    const sent = w.graphql.filter((g) => g.operationName === 'ExplorerValueChainGaps');
    expect(sent.length).toBeGreaterThan(0);

    const pg = await openPage(browser);
    await pg.page.goto(url.toString());
    await pg.page.waitForFunction(
      () => document.querySelector('.graphiql-query-editor')?.textContent?.includes('ExplorerValueChainGaps'),
      null,
      { timeout: 30_000 },
    );
    await pg.page.screenshot({ path: `${SCREENSHOTS}/explorer-open-in-playground.png` });
    expect(pg.outside).toEqual([]);
    expect(pg.consoleErrors).toEqual([]);
  });

  it('exports the graph as PNG and the rows as CSV, one row per drawn technology', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${t.url}/explore`);
    await waitForView(w.page, 'sector:semiconductors');
    const [csv] = await Promise.all([w.page.waitForEvent('download'), w.page.click('button:has-text("CSV")')]);
    const text = readFileSync((await csv.path())!, 'utf8').replace(/^\ufeff/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0].split(',')).toContain('chokepoint_score');
    const drawn = await drawnStatuses(w.page);
    expect(lines.length - 1).toBe(Object.keys(drawn).length);
    expect(text).toContain('EUV 노광장비');
    const [png] = await Promise.all([w.page.waitForEvent('download'), w.page.click('button:has-text("PNG")')]);
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(csv.suggestedFilename()).toMatch(/^value-chain-semiconductors-KR-t80\.csv$/);
    expect(w.outside).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
