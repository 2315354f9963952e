// The embedded Neo4j against a local adversary: no default password at any moment of a start, no lock-out by
// wrong passwords, no account but the API's, an owner-only store, and a plain message when the store is in use.
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'techgraph-sec-'));
  dirs.push(d);
  return d;
};
const running: EmbeddedNeo4j[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Each test starts one or two JVMs: allow for a slow, busy machine (this is not a timing assertion).
const SLOW = 240_000;
const opts = (dataDir: string, boltPort = 0) => ({
  dataDir,
  boltPort,
  heap: '256m',
  pageCache: '64m',
  txTimeoutSeconds: 10,
});

async function start(dataDir: string, boltPort = 0): Promise<EmbeddedNeo4j> {
  const e = await startEmbeddedNeo4j(opts(dataDir, boltPort));
  running.push(e);
  return e;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One login attempt: 'in' when the credentials were accepted, 'refused' when Bolt answered no, 'closed' when
 *  nothing listened yet. */
async function tryLogin(uri: string, user: string, password: string): Promise<'in' | 'refused' | 'closed'> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    connectionTimeout: 2000,
    maxConnectionPoolSize: 1,
  });
  try {
    await driver.executeQuery('RETURN 1');
    return 'in';
  } catch (e) {
    const code = String((e as { code?: string }).code);
    // Logged in with an expired password: enough to set a new one and own the server.
    if (code === 'Neo.ClientError.Security.CredentialsExpired') return 'in';
    if (code.startsWith('Neo.ClientError.Security.')) return 'refused';
    if (code === 'ServiceUnavailable' || code === 'SessionExpired') return 'closed';
    throw e;
  } finally {
    await driver.close();
  }
}

/** Every file under `dir`, with its mode. */
function modes(dir: string): { path: string; mode: number; dir: boolean }[] {
  const out: { path: string; mode: number; dir: boolean }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    out.push({ path, mode: statSync(path).mode & 0o777, dir: entry.isDirectory() });
    if (entry.isDirectory()) out.push(...modes(path));
  }
  return out;
}

// One store through its life, as an adversary on the machine would meet it: its first start (polled with the default
// account all along), wrong passwords, a second server on the same folder, an account planted, a restart.
describe('embedded Neo4j against a local adversary', () => {
  const dir = tempDir();
  const outcomes: string[] = [];
  let server: EmbeddedNeo4j;
  let startMs = 0;

  beforeAll(async () => {
    const port = await freePort();
    const uri = `bolt://127.0.0.1:${port}`;
    let ready = false;
    // The attacker polls the port (which /proc/net/tcp would show) as fast as it can through the whole start.
    const attacker = (async () => {
      let after = 0;
      while (after < 5) {
        const r = await tryLogin(uri, 'neo4j', 'neo4j');
        outcomes.push(r);
        if (ready) after += 1;
        if (r === 'closed') await new Promise((res) => setTimeout(res, 20));
      }
    })();
    const began = Date.now();
    server = await start(dir, port);
    startMs = Date.now() - began;
    ready = true;
    await attacker;
  }, SLOW);

  it('never accepts the default neo4j/neo4j account, from the moment Bolt listens on a fresh store', async () => {
    expect(outcomes).not.toContain('in');
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThanOrEqual(5);
    expect(await tryLogin(server.uri, server.user, server.password)).toBe('in');
  });

  it('keeps letting the API in after any number of wrong passwords (no lock-out)', async () => {
    for (let i = 0; i < 8; i++) expect(await tryLogin(server.uri, 'neo4j', `wrong-${i}`)).toBe('refused');
    expect(await tryLogin(server.uri, server.user, server.password)).toBe('in');
  });

  it(
    'says plainly, and sooner than a start takes, that the store is in use when a second server starts on it',
    async () => {
      const began = Date.now();
      await expect(startEmbeddedNeo4j(opts(dir))).rejects.toThrow(/is in use by another process.*TG_DATA_DIR/s);
      // The same machine's start of a whole server is the yardstick: refusing must cost less than that.
      expect(Date.now() - began).toBeLessThan(startMs);
      expect(await tryLogin(server.uri, server.user, server.password)).toBe('in');
    },
    SLOW,
  );

  it(
    'drops at the next start an account the API did not create, and keeps the store owner-only',
    async () => {
      const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
      await driver.executeQuery(
        "CREATE USER backdoor SET PASSWORD 'backdoor-pass' CHANGE NOT REQUIRED",
        {},
        { database: 'system' },
      );
      await driver.close();
      expect(await tryLogin(server.uri, 'backdoor', 'backdoor-pass')).toBe('in');
      await server.stop();

      const again = await start(dir);
      expect(await tryLogin(again.uri, 'backdoor', 'backdoor-pass')).toBe('refused');
      expect(await tryLogin(again.uri, again.user, again.password)).toBe('in');
      const files = modes(dir);
      expect(files.length).toBeGreaterThan(10);
      expect(files.filter((f) => (f.mode & 0o077) !== 0).map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);
      expect(statSync(dir).mode & 0o077).toBe(0);
    },
    SLOW,
  );
});
