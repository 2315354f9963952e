// Shared by the explorer's browser tests: a fresh bundle, Debian's headless Chromium, pages that record any request
// leaving this machine and any console error, and the API's own answers to compare the page with.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'tests/screenshots';

/** Bundles the explorer from the current sources (so the test sees what it tests), then starts Chromium. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (the CI script does), or set CHROMIUM_PATH`,
    );
  execFileSync(process.execPath, ['scripts/build-explorer.mjs'], { stdio: 'pipe' });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
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
}

export interface WatchedPage {
  page: Page;
  /** Requests to anything but this machine. */
  outside: string[];
  consoleErrors: string[];
  /** GraphQL requests the page sent: operation name, variables and headers. */
  graphql: Array<{ operationName: string; variables: Record<string, any>; headers: Record<string, string> }>;
}

export async function openPage(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const w: WatchedPage = { page, outside: [], consoleErrors: [], graphql: [] };
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:' && u.protocol !== 'blob:')
      w.outside.push(r.url());
    if (u.pathname === '/graphql' && r.method() === 'POST') {
      const body = JSON.parse(r.postData() ?? '{}') as { operationName?: string; variables?: Record<string, any> };
      w.graphql.push({
        operationName: body.operationName ?? '',
        variables: body.variables ?? {},
        headers: r.headers(),
      });
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.consoleErrors.push(`pageerror: ${e.message}`));
  return w;
}

/** Waits until the graph has drawn the view with this id. */
export async function waitForView(page: Page, viewId: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const g = document.querySelector<HTMLElement>('[data-testid=graph]');
      return g?.dataset.ready === 'true' && g.dataset.view === id && !document.querySelector('.stage[aria-busy=true]');
    },
    viewId,
    { timeout: 60_000 },
  );
}

/** Clicks a drawn node where it is on screen, as a person would. */
export async function clickNode(page: Page, id: string): Promise<void> {
  await page.evaluate((nid) => {
    const cy = window.explorer!.cy;
    cy.center(cy.getElementById(nid));
  }, id);
  const at = await page.evaluate((nid) => {
    const cy = window.explorer!.cy;
    const p = cy.getElementById(nid).renderedPosition();
    const r = document.querySelector('[data-testid=graph]')!.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, id);
  await page.mouse.click(at.x, at.y);
}

/** Status of every drawn technology, by id ('none' where the page shows none). */
export async function drawnStatuses(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    window.explorer!.cy.nodes('.tech').forEach((n) => {
      out[n.id()] = n.data('status');
    });
    return out;
  });
}

/** How each drawn technology looks: status, fill colour, and whether it is striped as illustrative. */
export async function drawnLooks(
  page: Page,
): Promise<Record<string, { status: string; color: string; striped: boolean }>> {
  return page.evaluate(() => {
    const out: Record<string, { status: string; color: string; striped: boolean }> = {};
    window.explorer!.cy.nodes('.tech').forEach((n) => {
      out[n.id()] = {
        status: n.data('status'),
        color: n.style('background-color'),
        striped: n.hasClass('illustrative') && n.style('background-image') !== 'none',
      };
    });
    return out;
  });
}

/** Technology.standing of some technologies, asked the simplest way, with a lens. */
export async function apiStandings(
  t: TestApp,
  ids: string[],
  lens: Record<string, unknown> = {},
): Promise<Record<string, { status: string; domesticBest: number | null; gap: number | null; basis: string | null }>> {
  const out: Record<string, { status: string; domesticBest: number | null; gap: number | null; basis: string | null }> =
    {};
  for (let i = 0; i < ids.length; i += 50) {
    const { body }: { body: { data?: any; errors?: unknown } } = await t.gql(
      `query($ids: [ID!]!, $lens: AnalysisLens) { nodes(ids: $ids) { ... on Technology { id
      standing(lens: $lens) { status domesticBest gap basis } } } }`,
      { ids: ids.slice(i, i + 50), lens },
    );
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    for (const n of body.data.nodes) out[n.id] = n.standing;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The API's answers, asked the simplest way (not through the page's code).

export interface GapRowAnswer {
  technology: { id: string };
  status: string;
  domesticBest: number | null;
  foreignBest: number | null;
  gap: number;
  downstreamCount: number;
  chokepointScore: number;
  blocks: Array<{ id: string }>;
}

export async function apiGaps(t: TestApp, sector: string): Promise<{ totalCount: number; rows: GapRowAnswer[] }> {
  const rows: GapRowAnswer[] = [];
  let after: string | null = null;
  let totalCount: number;
  do {
    const { body }: { body: { data?: any; errors?: unknown } } = await t.gql(
      `query($s: ID!, $after: String) { valueChainGaps(sector: $s, first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { technology { id } status domesticBest foreignBest gap downstreamCount chokepointScore blocks { id } } } }`,
      { s: sector, after },
    );
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    const c: { totalCount: number; nodes: GapRowAnswer[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
      body.data.valueChainGaps;
    totalCount = c.totalCount;
    rows.push(...c.nodes);
    after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
  } while (after);
  return { totalCount, rows };
}

/** The sector's technologies plus every technology upstream of them within 10 DEPENDS_ON hops, by the read API. */
export async function apiChainIds(t: TestApp, sector: string): Promise<{ sectorIds: string[]; all: Set<string> }> {
  const sectorIds: string[] = [];
  const deps = new Map<string, string[]>();
  let after: string | null = null;
  do {
    const { body }: { body: { data?: any; errors?: unknown } } = await t.gql(
      `query($s: ID!, $after: String) { sector(id: $s) { technologies(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor } nodes { id dependencies(first: 40) { nodes { id } } } } } }`,
      { s: sector, after },
    );
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    const c: {
      nodes: Array<{ id: string; dependencies: { nodes: Array<{ id: string }> } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    } = body.data.sector.technologies;
    for (const n of c.nodes) {
      sectorIds.push(n.id);
      deps.set(
        n.id,
        n.dependencies.nodes.map((d: { id: string }) => d.id),
      );
    }
    after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
  } while (after);
  const all = new Set(sectorIds);
  let frontier = sectorIds;
  for (let hop = 0; hop < 10 && frontier.length; hop++) {
    const next = [...new Set(frontier.flatMap((id) => deps.get(id) ?? []))].filter((id) => !all.has(id));
    for (let i = 0; i < next.length; i += 50) {
      const { body } = await t.gql(
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Technology { id dependencies(first: 40) { nodes { id } } } } }`,
        { ids: next.slice(i, i + 50) },
      );
      for (const n of body.data.nodes)
        deps.set(
          n.id,
          n.dependencies.nodes.map((d: { id: string }) => d.id),
        );
    }
    next.forEach((id) => all.add(id));
    frontier = next;
  }
  return { sectorIds, all };
}
