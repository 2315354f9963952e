// Chooses the database: the server at NEO4J_URI when set, otherwise an embedded Neo4j started here.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { Database, type DbSettings } from './driver.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded.js';

export interface Connection {
  db: Database;
  embedded?: EmbeddedNeo4j;
  close(): Promise<void>;
}

/**
 * A running service's embedded Neo4j writes how to reach it here (readable by this user only), so command-line
 * tools (`npm run seed`, `import`, `export`) use that server instead of opening the locked store a second time.
 */
export function runtimeFile(dataDir: string): string {
  return join(dataDir, 'neo4j.runtime.json');
}

function runningEmbedded(dataDir: string): { uri: string; user: string; password: string } | undefined {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as { uri: string; user: string; password: string; pid: number };
    process.kill(info.pid, 0); // throws when that JVM is gone
    return info;
  } catch {
    return undefined;
  }
}

/** The driver settings of TG_DB_* (timeouts, retry budget, pool size): the same for every Database we open. */
export function driverSettings(
  config: Config,
): Pick<
  DbSettings,
  'connectionTimeoutMs' | 'acquisitionTimeoutMs' | 'maxRetryTimeMs' | 'maxPoolSize' | 'txTimeoutSeconds'
> {
  const { connectionTimeoutMs, acquisitionTimeoutMs, maxRetryTimeMs, maxPoolSize } = config.db;
  return {
    connectionTimeoutMs,
    acquisitionTimeoutMs,
    maxRetryTimeMs,
    maxPoolSize,
    txTimeoutSeconds: config.neo4j.txTimeoutSeconds,
  };
}

/** For command-line tools: the embedded Neo4j a running service started, else whatever connect() picks. */
export async function connectShared(config: Config, log: (msg: string) => void = () => undefined): Promise<Connection> {
  const running = config.neo4j.uri ? undefined : runningEmbedded(config.neo4j.dataDir);
  if (!running) return connect(config, log);
  log(`using the running service's embedded Neo4j at ${running.uri}`);
  const db = new Database({ ...running, database: 'neo4j', ...driverSettings(config) });
  await db.waitUntilReady(10_000);
  return { db, close: () => db.close() };
}

export async function connect(config: Config, log: (msg: string) => void = () => undefined): Promise<Connection> {
  const n = config.neo4j;
  let embedded: EmbeddedNeo4j | undefined;
  let settings: DbSettings = {
    uri: n.uri ?? '',
    user: n.user,
    password: n.password,
    database: n.database,
    ...driverSettings(config),
  };
  if (!n.uri) {
    log(`starting the embedded Neo4j (data in ${n.dataDir})`);
    embedded = await startEmbeddedNeo4j({
      dataDir: n.dataDir,
      boltPort: n.boltPort,
      heap: n.heap,
      pageCache: n.pageCache,
      jit: n.jit,
      txTimeoutSeconds: n.txTimeoutSeconds,
      onPhase: (what, ms) => log(`embedded Neo4j: ${what} (${ms} ms after its JVM started)`),
    });
    // Community Edition has one user database, "neo4j".
    settings = { ...settings, uri: embedded.uri, user: embedded.user, password: embedded.password, database: 'neo4j' };
    writeFileSync(
      runtimeFile(n.dataDir),
      JSON.stringify({ uri: embedded.uri, user: embedded.user, password: embedded.password, pid: embedded.pid }),
      { mode: 0o600 },
    );
  }
  const db = new Database(settings);
  try {
    await db.waitUntilReady();
  } catch (e) {
    await db.close();
    await embedded?.stop();
    throw e;
  }
  return {
    db,
    embedded,
    async close() {
      await db.close();
      if (embedded) {
        await embedded.stop();
        rmSync(runtimeFile(n.dataDir), { force: true });
      }
    },
  };
}
