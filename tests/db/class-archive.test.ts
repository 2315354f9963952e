// The embedded JVM's class-data sharing archive (src/db/class-archive.ts): which options a start gets, and when the
// archive must be made again. Runs without a JVM (tests/db/embedded.test.ts starts one with and without it).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveKey, neo4jClassPath, planClassArchive } from '../../src/db/class-archive.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'techgraph-cds-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A cache as scripts/setup.mjs leaves it, with fake jars, and a fake JDK. */
function fixture(launcher: 'jar' | 'classes' = 'jar') {
  const cache = tempDir();
  mkdirSync(join(cache, 'lib'));
  for (const jar of ['neo4j-kernel.jar', 'antlr.jar', 'zstd.jar']) writeFileSync(join(cache, 'lib', jar), jar);
  writeFileSync(join(cache, 'lib', 'README.txt'), 'not a jar');
  if (launcher === 'jar') writeFileSync(join(cache, 'launcher.jar'), 'launcher');
  else {
    mkdirSync(join(cache, 'classes'));
    writeFileSync(join(cache, 'classes', 'EmbeddedNeo4j.class'), 'class');
  }
  const jdk = tempDir();
  writeFileSync(join(jdk, 'release'), 'JAVA_VERSION="17.0.15"\n');
  return { cache, jdk, cds: join(cache, 'cds') };
}

describe('class path', () => {
  it('is the launcher jar, then the jars by name; undefined when nothing is installed', () => {
    const { cache } = fixture();
    expect(neo4jClassPath(cache)).toEqual({
      entries: ['launcher.jar', 'lib/antlr.jar', 'lib/neo4j-kernel.jar', 'lib/zstd.jar'].map((f) => join(cache, f)),
      archivable: true,
    });
    expect(neo4jClassPath(tempDir())).toBeUndefined();
  });

  it('falls back to the classes folder of an older install, which cannot be archived', () => {
    const { cache, cds } = fixture('classes');
    const cp = neo4jClassPath(cache)!;
    expect(cp).toMatchObject({ archivable: false });
    expect(cp.entries[0]).toBe(join(cache, 'classes'));
    expect(planClassArchive(cp, cds, 'somekey').args).toEqual([]);
  });
});

describe('archive', () => {
  it('is recorded by a first start under a name of its own, then used by the next', () => {
    const { cache, cds } = fixture();
    const cp = neo4jClassPath(cache)!;
    const first = planClassArchive(cp, cds, 'k1');
    expect(first.recording).toBe(true);
    expect(first.args).toHaveLength(1);
    const recording = /^-XX:ArchiveClassesAtExit=(.+\.tmp)$/.exec(first.args[0])![1];
    writeFileSync(recording, 'archive'); // what the JVM writes as it exits
    first.finish();
    expect(readdirSync(cds)).toEqual(['neo4j-k1.jsa']);
    const second = planClassArchive(cp, cds, 'k1');
    expect(second).toMatchObject({ args: [`-XX:SharedArchiveFile=${join(cds, 'neo4j-k1.jsa')}`], recording: false });
  });

  it('is left alone when the JVM recorded nothing (killed), and an older one goes when a new one is made', () => {
    const { cache, cds } = fixture();
    const cp = neo4jClassPath(cache)!;
    const killed = planClassArchive(cp, cds, 'old');
    killed.finish();
    expect(existsSync(join(cds, 'neo4j-old.jsa'))).toBe(false);
    writeFileSync(join(cds, 'neo4j-old.jsa'), 'old archive');
    const stale = join(cds, 'neo4j-new.jsa.1-dead.tmp');
    writeFileSync(stale, 'a recording whose JVM died');
    utimesSync(stale, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const next = planClassArchive(cp, cds, 'new');
    writeFileSync(next.args[0].split('=')[1], 'new archive');
    next.finish();
    expect(readdirSync(cds)).toEqual(['neo4j-new.jsa']);
  });

  it('has a key that changes with any jar and with the JDK, and none without a known JDK', () => {
    const { cache, jdk } = fixture();
    const cp = neo4jClassPath(cache)!;
    const key = archiveKey(cp, jdk)!;
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(archiveKey(cp, jdk)).toBe(key);
    writeFileSync(join(cache, 'lib', 'zstd.jar'), 'a newer zstd');
    const afterJar = archiveKey(cp, jdk);
    expect(afterJar).not.toBe(key);
    writeFileSync(join(jdk, 'release'), 'JAVA_VERSION="17.0.16"\n');
    expect(archiveKey(cp, jdk)).not.toBe(afterJar);
    expect(archiveKey(cp, tempDir())).toBeUndefined();
  });

  it('is not recorded where it cannot be written', () => {
    const { cache } = fixture();
    const file = join(cache, 'not-a-folder');
    writeFileSync(file, '');
    expect(planClassArchive(neo4jClassPath(cache)!, join(file, 'cds'), 'k').args).toEqual([]);
  });
});
