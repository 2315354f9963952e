// The gap explorer: a page at /explore that draws a sector's value chain and its gaps. Its client
// (web/explorer/client.tsx, React + cytoscape) is bundled by scripts/build-explorer.mjs into dist/explorer and
// served from here; it talks to /graphql like any other client. Nothing is loaded from outside this server.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { pageSecurityPolicy, styleHash } from './browser.js';
import type { StaticFile } from './playground.js';

const BUNDLE_DIR = join(PROJECT_ROOT, 'dist', 'explorer');

export const EXPLORER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gap explorer · Technology strategy graph</title>
<link rel="stylesheet" href="/explore/explorer.css">
</head>
<body>
<div id="explorer"><p class="boot">Loading the gap explorer…</p></div>
<noscript>The gap explorer needs JavaScript. The API itself is at /graphql.</noscript>
<script src="/explore/explorer.js"></script>
</body>
</html>
`;

/** The stylesheet cytoscape adds to the page once (a <style> element): the page's CSP allows it by its hash.
 *  Should a cytoscape upgrade change it, the browser tests see the CSP refusal as a console error. */
const CYTOSCAPE_STYLE = '.__________cytoscape_container { position: relative; }';
const EXPLORER_CSP = pageSecurityPolicy([styleHash(CYTOSCAPE_STYLE)]);

const ASSETS: Record<string, string> = {
  '/explore/explorer.js': 'application/javascript; charset=utf-8',
  '/explore/explorer.css': 'text/css; charset=utf-8',
};

/** The explorer's files by URL path, or undefined. */
export function explorerFile(path: string): StaticFile | undefined {
  if (path === '/explore' || path === '/explore/')
    return { body: EXPLORER_HTML, type: 'text/html; charset=utf-8', csp: EXPLORER_CSP };
  const type = ASSETS[path];
  if (!type) return undefined;
  const file = join(BUNDLE_DIR, path.slice('/explore/'.length));
  if (!existsSync(file)) return { body: `/* The explorer bundle is missing: run "npm run build:explorer". */`, type };
  return { body: readFileSync(file), type };
}
