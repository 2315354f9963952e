// Starts one embedded Neo4j for the test run in a fresh temporary store (or uses NEO4J_URI when set),
// hands its address to the test files, and stops it at the end so no JVM outlives the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password?: string; database: string; embeddedPid?: number };
  }
}

let embedded: EmbeddedNeo4j | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4j', {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD,
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
    });
    return;
  }
  dataDir = mkdtempSync(join(tmpdir(), 'techgraph-test-'));
  // The compilers `npm start` gives it (TG_NEO4J_JIT).
  embedded = await startEmbeddedNeo4j({
    dataDir,
    boltPort: 0,
    heap: '768m',
    pageCache: '256m',
    jit: loadConfig().neo4j.jit,
    txTimeoutSeconds: 60,
  });
  project.provide('neo4j', {
    uri: embedded.uri,
    user: embedded.user,
    password: embedded.password,
    database: 'neo4j',
    embeddedPid: embedded.pid,
  });
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
