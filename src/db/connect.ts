// Chooses the database: the server at NEO4J_URI when set, otherwise an embedded Neo4j started here.
import type { Config } from '../config.js';
import { Database } from './driver.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded.js';

export interface Connection {
  db: Database;
  embedded?: EmbeddedNeo4j;
  close(): Promise<void>;
}

export async function connect(config: Config, log: (msg: string) => void = () => undefined): Promise<Connection> {
  const n = config.neo4j;
  let embedded: EmbeddedNeo4j | undefined;
  let settings = { uri: n.uri ?? '', user: n.user, password: n.password, database: n.database, txTimeoutSeconds: n.txTimeoutSeconds };
  if (!n.uri) {
    log(`starting the embedded Neo4j (data in ${n.dataDir})`);
    embedded = await startEmbeddedNeo4j({
      dataDir: n.dataDir, boltPort: n.boltPort, heap: n.heap, pageCache: n.pageCache, txTimeoutSeconds: n.txTimeoutSeconds,
    });
    // Community Edition has one user database, "neo4j".
    settings = { ...settings, uri: embedded.uri, user: embedded.user, password: embedded.password, database: 'neo4j' };
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
      await embedded?.stop();
    },
  };
}
