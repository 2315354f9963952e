// The example consumer (examples/consumer.ts) against the running server: as a script, the way a consumer
// runs it, and through its typed client, which sends registered ids rather than query text. On the fictional demo
// set alone: the script asks who can do the first chokepoint technology by name, and in the default graph (which
// rates nobody) that is the article's example, with no capability to print.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TechnologiesDocument } from '../../client/graphql.js';
import { createTechgraphClient, TechgraphError } from '../../examples/consumer.js';
import { readDemo } from '../../src/import/seeds.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: readDemo() });
});
afterAll(async () => {
  await t?.stop();
});

function runScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/consumer.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('examples/consumer.ts', () => {
  it('runs as a script against the server and prints chokepoint technologies and who can do the first', async () => {
    const { code, stdout, stderr } = await runScript([`${t.url}/graphql`]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ chokepoint technologies; the first 5:/);
    expect(stdout).toMatch(/ {2}tech:\S+ {2}.+\[(REPORTED|ASSESSED|ILLUSTRATIVE)\]/);
    expect(stdout).toMatch(/Who can do ".+" \(\d+ organizations\):\n\s+\d+ {2}\S/);
  });

  it('sends registered ids, and gets the same answer as with the text of the document', async () => {
    const byId = await createTechgraphClient({ url: `${t.url}/graphql` }).request(TechnologiesDocument, {
      kind: 'ORIGINAL',
      first: 3,
    });
    const byText = await createTechgraphClient({ url: `${t.url}/graphql`, sendText: true }).request(
      TechnologiesDocument,
      { kind: 'ORIGINAL', first: 3 },
    );
    expect(byId.technologies.nodes).toHaveLength(3);
    expect(byId).toEqual(byText);
    expect(byId.technologies.nodes.every((n) => n.kind === 'ORIGINAL')).toBe(true);
  });

  it('carries the bookmark of each response into the next request', async () => {
    const client = createTechgraphClient({ url: `${t.url}/graphql` });
    expect(client.bookmark).toBeUndefined();
    await client.request(TechnologiesDocument, { first: 1 });
    expect(client.bookmark).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/); // signed: <payload>.<mac>
  });

  it('reports errors with their code', async () => {
    const client = createTechgraphClient({ url: `${t.url}/graphql` });
    const error = await client.request(TechnologiesDocument, { first: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TechgraphError);
    expect((error as TechgraphError).code).toBe('BAD_USER_INPUT');
  });
});
