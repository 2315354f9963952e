// The offline playground: GraphiQL (web/playground/client.tsx) bundled by scripts/build-playground.mjs and served
// from here, with the example operations of operations/*.graphql opened as tabs. Nothing is loaded from outside
// this server.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { pageSecurityPolicy, styleHash } from './browser.js';

export const OPERATIONS_DIR = join(PROJECT_ROOT, 'operations');
const BUNDLE_DIR = join(PROJECT_ROOT, 'dist', 'playground');

export interface Example {
  name: string;
  query: string;
  variables?: string;
}

/** Each operations/*.graphql file; a `# variables: {...}` line gives the tab's variables. */
export function loadExamples(dir = OPERATIONS_DIR): Example[] {
  const order = (f: string) => (f.startsWith('TechnologyCapabilities') ? 0 : 1); // a first tab that shows data at once
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const vars = /^# variables: (.*)$/m.exec(text)?.[1];
      return {
        name: f.replace(/\.graphql$/, ''),
        query: text,
        variables: vars ? JSON.stringify(JSON.parse(vars), null, 2) : undefined,
      };
    });
}

/** The page's one inline style, allowed by its hash in the page's Content-Security-Policy. */
const PAGE_STYLE = 'html,body,#graphiql{height:100%;margin:0}';

export const PLAYGROUND_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Technology strategy graph · GraphQL playground</title>
<link rel="stylesheet" href="/playground/playground.css">
<style>${PAGE_STYLE}</style>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script src="/playground/playground.js"></script>
</body>
</html>
`;

export interface StaticFile {
  body: Buffer | string;
  type: string;
  /** A page's Content-Security-Policy (server/browser.ts), replacing the API's. */
  csp?: string;
}

const PLAYGROUND_CSP = pageSecurityPolicy([styleHash(PAGE_STYLE)]);

/** The playground's files by URL path, or undefined. */
export function playgroundFile(path: string): StaticFile | undefined {
  if (path === '/playground' || path === '/playground/')
    return { body: PLAYGROUND_HTML, type: 'text/html; charset=utf-8', csp: PLAYGROUND_CSP };
  if (path === '/playground/examples.json')
    return { body: JSON.stringify(loadExamples()), type: 'application/json; charset=utf-8' };
  const assets: Record<string, string> = {
    '/playground/playground.js': 'application/javascript; charset=utf-8',
    '/playground/playground.css': 'text/css; charset=utf-8',
  };
  const type = assets[path];
  if (!type) return undefined;
  const file = join(BUNDLE_DIR, path.slice('/playground/'.length));
  if (!existsSync(file)) {
    return { body: `/* The playground bundle is missing: run "npm run build:playground". */`, type };
  }
  return { body: readFileSync(file), type };
}
