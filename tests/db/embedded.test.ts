// The embedded Neo4j: a real server over Bolt with a generated password, persistence, and no JVM left behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedNeo4j } from '../../src/db/embedded.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'techgraph-emb-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitDead(pid: number, ms = 30_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return !alive(pid);
}

// Each test starts one or two JVMs: allow for a slow, busy machine (this is not a timing assertion).
const SLOW = 240_000;
const opts = (dataDir: string) => ({ dataDir, boltPort: 0, heap: '256m', pageCache: '64m', txTimeoutSeconds: 10 });
/** The JVM's options, as its command line has them. */
const jvmOptions = (pid: number) =>
  readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    .split('\0')
    .filter((a) => a.startsWith('-XX:'));

describe('embedded Neo4j', () => {
  it(
    'listens on loopback only, refuses a wrong password, keeps data across restarts, and records its class archive for the next start, which the quick JIT maps too',
    async () => {
      const dir = tempDir();
      const archives = tempDir(); // not the shared cache's: the first start here must be one without an archive
      const phases: string[] = [];
      const first = await startEmbeddedNeo4j({
        ...opts(dir),
        classArchiveDir: archives,
        onPhase: (what, ms) => phases.push(`${what} ${ms >= 0}`),
      });
      expect(phases).toEqual(['launcher running true', 'databases started true', 'password set true']);
      expect(jvmOptions(first.pid).filter((o) => /Archive/.test(o))).toEqual([
        expect.stringMatching(/^-XX:ArchiveClassesAtExit=.+\.tmp$/),
      ]);
      expect(jvmOptions(first.pid)).not.toContain('-XX:TieredStopAtLevel=1'); // both compilers unless asked
      expect(first.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
      const wrong = neo4j.driver(first.uri, neo4j.auth.basic('neo4j', 'not-the-password'));
      await expect(wrong.verifyConnectivity()).rejects.toThrow(/unauthorized|authentication/i);
      await wrong.close();
      const d1 = neo4j.driver(first.uri, neo4j.auth.basic(first.user, first.password));
      await d1.executeQuery('CREATE (:Probe {v: 42})');
      await d1.close();
      await first.stop();
      expect(alive(first.pid)).toBe(false);
      const recorded = readdirSync(archives);
      expect(recorded).toEqual([expect.stringMatching(/^neo4j-[0-9a-f]{16}\.jsa$/)]);

      // The quick JIT (C1 only, TG_NEO4J_JIT=quick) maps the archive recorded without it.
      const second = await startEmbeddedNeo4j({ ...opts(dir), classArchiveDir: archives, jit: 'quick' });
      expect(jvmOptions(second.pid)).toContain('-XX:TieredStopAtLevel=1');
      expect(jvmOptions(second.pid).filter((o) => /Archive/.test(o))).toEqual([
        `-XX:SharedArchiveFile=${join(archives, recorded[0])}`,
      ]);
      // Mapped, not just named: a JVM that finds an archive unusable ignores it without a word.
      expect(readFileSync(`/proc/${second.pid}/maps`, 'utf8')).toContain(join(archives, recorded[0]));
      expect(second.password).not.toBe(first.password);
      const d2 = neo4j.driver(second.uri, neo4j.auth.basic(second.user, second.password));
      const { records } = await d2.executeQuery('MATCH (p:Probe) RETURN p.v AS v');
      expect(records.map((r) => r.get('v').toNumber())).toEqual([42]);
      await d2.close();
      await second.stop();
    },
    SLOW,
  );

  it(
    'stops its JVM when the Node process that started it is killed outright',
    async () => {
      const dir = tempDir();
      const script = `import { startEmbeddedNeo4j } from ${JSON.stringify(join(process.cwd(), 'src/db/embedded.ts'))};
      const e = await startEmbeddedNeo4j(${JSON.stringify({ ...opts(dir), classArchiveDir: false })});
      console.log('PID ' + e.pid); setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const jvmPid = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          const m = /PID (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', () => reject(new Error(`child exited early: ${out}`)));
      });
      expect(alive(jvmPid)).toBe(true);
      child.kill('SIGKILL'); // no exit handlers run: the JVM must notice its stdin closing
      expect(await waitDead(jvmPid)).toBe(true);
    },
    SLOW,
  );
});
