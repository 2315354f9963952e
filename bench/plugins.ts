// The APOC core plugin for the bench's peer (@neo4j/graphql needs it), fetched once from Maven Central with the
// bench-only pom (bench/neo4j-plugins/pom.xml) into $TG_NEO4J_CACHE/apoc, which is git-ignored with the rest of
// .neo4j/. Only the bench's embedded Neo4j is started with it (src/db/embedded.ts `plugins`).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';

const POM = join(PROJECT_ROOT, 'bench', 'neo4j-plugins', 'pom.xml');

/** Artifact name without version: `commons-lang3-3.12.0.jar` → `commons-lang3`. */
function artifactOf(jar: string): string {
  return jar.replace(/-\d[\w.]*(-[a-z]+)?\.jar$/, '');
}

/** Returns the plugin folder, fetching it first when missing or when the pom changed. */
export function ensureApoc(log: (msg: string) => void = () => undefined): string {
  const cache = process.env.TG_NEO4J_CACHE ?? join(PROJECT_ROOT, '.neo4j');
  const dir = join(cache, 'apoc');
  const stampFile = join(cache, 'apoc.stamp');
  const hash = createHash('sha256').update(readFileSync(POM)).digest('hex').slice(0, 16);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash && existsSync(dir)) return dir;
  log('fetching the APOC core plugin (bench only) from Maven Central');
  const download = join(cache, 'apoc-download');
  rmSync(download, { recursive: true, force: true });
  execFileSync(
    'mvn',
    ['-B', '-q', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${download}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  // Neo4j already ships some of APOC's dependencies (newer versions): keep Neo4j's, so no class is on the
  // classpath twice.
  const neo4jArtifacts = new Set(readdirSync(join(cache, 'lib')).map(artifactOf));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const jar of readdirSync(download).filter((f) => f.endsWith('.jar'))) {
    if (!neo4jArtifacts.has(artifactOf(jar))) copyFileSync(join(download, jar), join(dir, jar));
  }
  rmSync(download, { recursive: true, force: true });
  writeFileSync(stampFile, hash);
  return dir;
}
