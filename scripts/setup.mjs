#!/usr/bin/env node
// Prepares what `npm start` and `npm test` need beyond node_modules, with visible progress:
//  1. the embedded Neo4j's jars from Maven Central (mvn dependency:copy-dependencies on neo4j/pom.xml),
//  2. the Java launcher compiled against them and packed as launcher.jar (a jar, not a folder of classes: the JVM's
//     class-data sharing archive, which src/db/class-archive.ts keeps beside it, only takes classes from jars),
//  3. `npm run build` (scripts/build.mjs): the server compiled to dist/, and from web/ the offline GraphiQL
//     playground bundle and the gap explorer's bundle (/explore), so that `npm start` right after the install has
//     nothing to build.
// Idempotent: each step is skipped when its inputs have not changed (a stamp holds their hash).
// Skipped entirely for the jars when NEO4J_URI is set at install time and TG_FETCH_NEO4J is not "1".
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.TG_NEO4J_CACHE ?? join(root, '.neo4j');
const lib = join(cache, 'lib');
const classes = join(cache, 'classes');
const launcherJar = join(cache, 'launcher.jar');

function hashOf(...files) {
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(join(root, f)));
  return h.digest('hex').slice(0, 16);
}
function stamped(name, hash) {
  const f = join(cache, `${name}.stamp`);
  return existsSync(f) && readFileSync(f, 'utf8') === hash;
}
function stamp(name, hash) {
  writeFileSync(join(cache, `${name}.stamp`), hash);
}
function step(msg) {
  process.stdout.write(`[setup] ${msg}\n`);
}

function fetchJars() {
  const hash = hashOf('neo4j/pom.xml');
  if (stamped('jars', hash) && existsSync(lib)) return step('Neo4j jars: up to date');
  step('Neo4j jars: fetching Neo4j 5.26 Community from Maven Central (about 125 MB, once)...');
  rmSync(lib, { recursive: true, force: true });
  const started = Date.now();
  // -B: plain progress lines; Maven prints each artifact as it downloads.
  execFileSync(
    'mvn',
    [
      '-B',
      '-f',
      join(root, 'neo4j/pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${lib}`,
      '-DincludeScope=runtime',
      '-Dmdep.useRepositoryLayout=false',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const count = readdirSync(lib).filter((f) => f.endsWith('.jar')).length;
  step(`Neo4j jars: ${count} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  stamp('jars', hash);
}

function compileLauncher() {
  const hash = hashOf('neo4j/pom.xml', 'neo4j/src/EmbeddedNeo4j.java');
  if (stamped('launcher', hash) && existsSync(launcherJar)) return step('Neo4j launcher: up to date');
  step('Neo4j launcher: compiling neo4j/src/EmbeddedNeo4j.java');
  rmSync(classes, { recursive: true, force: true });
  mkdirSync(classes, { recursive: true });
  execFileSync(
    'javac',
    ['--release', '17', '-cp', join(lib, '*'), '-d', classes, join(root, 'neo4j/src/EmbeddedNeo4j.java')],
    { stdio: 'inherit' },
  );
  // The classes stay too: an older checkout sharing this cache (TG_NEO4J_CACHE) runs them from the folder.
  execFileSync('jar', ['--create', '--file', launcherJar, '-C', classes, '.'], { stdio: 'inherit' });
  stamp('launcher', hash);
}

function build() {
  step('Build: the server to dist/, the playground and explorer bundles');
  // --optional: a production install (`npm ci --omit=dev`) has no esbuild and must not fail for it.
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale', '--optional'], { stdio: 'inherit' });
}

mkdirSync(cache, { recursive: true });
const wantJars = !process.env.NEO4J_URI || process.env.TG_FETCH_NEO4J === '1';
if (wantJars) {
  fetchJars();
  compileLauncher();
} else {
  step('NEO4J_URI is set: not fetching the embedded Neo4j');
}
build();
