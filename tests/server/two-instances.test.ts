// Two API processes on one Neo4j, as behind a load balancer and as docker-compose.yml runs them: a one-off
// `src/cli/init.ts` migrates and seeds the empty graph, then two real child processes (`node --import tsx
// src/main.ts`, TG_SEED_ON_START=false) start, one connected with a bolt:// URI and one with a neo4j:// routing
// URI. A client writes through one and reads through the other with the bookmark the write returned, and both
// instances agree.
// (On one Neo4j server every committed write is visible at once; what this pins is that the bookmark flows
// from one process to the other and is accepted there. On a cluster the same bookmark makes a secondary wait.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BOOKMARK_HEADER } from '../../src/db/bookmarks.js';
import { resetGraph, testDatabase } from '../helpers/app.js';

interface Instance {
  url: string;
  child: ChildProcess;
  output: () => string;
}

function neo4jEnv(uri: string): Record<string, string> {
  const n = inject('neo4j');
  return { NEO4J_URI: uri, NEO4J_USER: n.user, NEO4J_PASSWORD: n.password ?? '', NEO4J_DATABASE: n.database };
}

/** Starts `node --import tsx src/main.ts` on the test run's Neo4j and waits for the "GraphQL: <url>" line. */
async function startInstance(uri: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      ...neo4jEnv(uri),
      HOST: '127.0.0.1',
      PORT: '0',
      TG_SEED_ON_START: 'false',
      TG_ALLOW_WRITES: 'true',
      LOG_LEVEL: 'warn',
      // One bookmark secret for both, as a deployment must give every instance (README "Running at scale").
      TG_BOOKMARK_SECRET: 'two-instances-test-bookmark-secret-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "GraphQL:" line within 60 s:\n${out}`)), 60_000);
    const look = () => {
      const m = /GraphQL:\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${out}`));
    });
  });
  return { url, child, output: () => out };
}

async function stopInstance(i: Instance | undefined): Promise<void> {
  if (!i || i.child.exitCode !== null) return;
  const exited = new Promise((r) => i.child.once('exit', r));
  i.child.kill('SIGTERM');
  await exited;
}

async function gql(
  i: Instance,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${i.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, bookmark: res.headers.get(BOOKMARK_HEADER), body: (await res.json()) as any };
}

let a: Instance | undefined;
let b: Instance | undefined;
let init: { status: number | null; stdout: string; stderr: string };
let seededNodes = 0;

beforeAll(async () => {
  const db = testDatabase();
  try {
    await resetGraph(db); // the seeds, to count them
    seededNodes = (await db.read('MATCH (n:Entity) RETURN count(n) AS n'))[0].n as number;
    await resetGraph(db, null); // then an empty graph, as on a first deployment
  } finally {
    await db.close();
  }
  const { uri } = inject('neo4j');
  init = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/init.ts'], {
    env: { ...process.env, ...neo4jEnv(uri) },
    encoding: 'utf8',
  });
  [a, b] = await Promise.all([startInstance(uri), startInstance(uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:'))]);
});
afterAll(async () => {
  await Promise.all([stopInstance(a), stopInstance(b)]);
});

const CREATE = `mutation ($input: CreateTechnologyInput!) {
  createTechnology(input: $input) { technology { id } userErrors { message } } }`;
const READ = `query ($id: ID!) { technology(id: $id) { id name kind provenance description } }`;

describe('two API instances on one Neo4j', () => {
  it('start on a graph that the one-off init job migrated and seeded, and see the same seeds', async () => {
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('loaded the seeds into the empty graph');
    const count = '{ technologies(first: 1) { totalCount } organizations(first: 1) { totalCount } }';
    const [fromA, fromB] = await Promise.all([gql(a!, count), gql(b!, count)]);
    expect(fromA.body.data.technologies.totalCount).toBeGreaterThan(0);
    expect(fromA.body.data).toEqual(fromB.body.data);
    const db = testDatabase();
    try {
      expect((await db.read('MATCH (n:Entity) RETURN count(n) AS n'))[0].n).toBe(seededNodes);
    } finally {
      await db.close();
    }
  });

  it('are separate processes on separate ports, both ready, one over bolt:// and one over neo4j:// (routing)', async () => {
    expect(a!.child.pid).not.toBe(b!.child.pid);
    expect(a!.url).not.toBe(b!.url);
    for (const i of [a!, b!]) expect((await fetch(`${i.url}/readyz`)).status).toBe(200);
  });

  it('a write through one instance is read through the other with its bookmark, and both agree', async () => {
    const id = `tech:two-instances-${Date.now()}`;
    const input = {
      id,
      name: 'Written through instance A',
      kind: 'ORIGINAL',
      provenance: 'ILLUSTRATIVE',
      description: 'read back through B',
    };
    const write = await gql(a!, CREATE, { input });
    expect(write.body.errors).toBeUndefined();
    expect(write.body.data.createTechnology).toEqual({ technology: { id }, userErrors: [] });
    expect(write.bookmark).toBeTruthy();

    const readB = await gql(b!, READ, { id }, { [BOOKMARK_HEADER]: write.bookmark! });
    expect(readB.status).toBe(200);
    expect(readB.body.data.technology).toEqual({
      id,
      name: input.name,
      kind: 'ORIGINAL',
      provenance: 'ILLUSTRATIVE',
      description: input.description,
    });
    const readA = await gql(a!, READ, { id }, { [BOOKMARK_HEADER]: readB.bookmark! });
    expect(readA.body.data).toEqual(readB.body.data);
  });

  it('works the other way round, with the client carrying the newest bookmark from response to response', async () => {
    const id = `tech:two-instances-back-${Date.now()}`;
    const created = await gql(b!, CREATE, {
      input: { id, name: 'Written through B', kind: 'CHOKEPOINT', provenance: 'ILLUSTRATIVE' },
    });
    expect(created.body.data.createTechnology.userErrors).toEqual([]);
    const update = await gql(
      a!,
      `mutation ($input: UpdateTechnologyInput!) { updateTechnology(input: $input) { userErrors { message } } }`,
      { input: { id, name: 'Renamed through A' } },
      { [BOOKMARK_HEADER]: created.bookmark! },
    );
    expect(update.body.data.updateTechnology.userErrors).toEqual([]);
    const read = await gql(b!, READ, { id }, { [BOOKMARK_HEADER]: update.bookmark! });
    expect(read.body.data.technology.name).toBe('Renamed through A');
    const count = `{ technologies(first: 1, filter: { kind: CHOKEPOINT }) { totalCount } }`;
    const [countA, countB] = await Promise.all([
      gql(a!, count, {}, { [BOOKMARK_HEADER]: read.bookmark! }),
      gql(b!, count, {}, { [BOOKMARK_HEADER]: read.bookmark! }),
    ]);
    expect(countA.body.data).toEqual(countB.body.data);
  });
});
