// One neo4j-driver Driver per process, and the only way the rest of the code talks to the database:
// read() and write() run a parameterised statement in a managed transaction (executeRead/executeWrite,
// which retry transient errors), and count each call as one round trip for the request that made it.
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';

import type { BookmarkManager } from 'neo4j-driver';

export interface DbSettings {
  uri: string;
  user: string;
  password?: string;
  database: string;
  txTimeoutSeconds: number;
}

export type Row = Record<string, unknown>;

/** Counts database round trips and their time, per request (see server/context.ts). */
export class QueryStats {
  roundTrips = 0;
  millis = 0;
  /**
   * The request's causal-consistency bookmarks (db/bookmarks.ts): every session of the request starts after
   * them and adds its own, so a client that sends back the bookmark of its write reads that write on any
   * API instance and any cluster member.
   */
  bookmarks?: BookmarkManager;
}

export class Database {
  readonly driver: Driver;
  readonly database: string;
  private readonly txConfig: { timeout?: number };

  constructor(settings: DbSettings) {
    this.driver = neo4j.driver(
      settings.uri,
      settings.password !== undefined ? neo4j.auth.basic(settings.user, settings.password) : undefined,
      {
        // Our numbers (levels, years, won) fit in a double; native numbers keep resolvers simple.
        disableLosslessIntegers: true,
        maxConnectionPoolSize: 50,
        connectionAcquisitionTimeout: 10_000,
        userAgent: 'techgraph',
      },
    );
    this.database = settings.database;
    this.txConfig = settings.txTimeoutSeconds > 0 ? { timeout: settings.txTimeoutSeconds * 1000 } : {};
  }

  /** Waits until the server answers (up to `timeoutMs`). */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.driver.getServerInfo({ database: this.database });
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  read(cypher: string, params: Row = {}, stats?: QueryStats): Promise<Row[]> {
    return this.run('READ', (tx) => tx.run(cypher, params), stats);
  }

  write(cypher: string, params: Row = {}, stats?: QueryStats): Promise<Row[]> {
    return this.run('WRITE', (tx) => tx.run(cypher, params), stats);
  }

  /** Several statements in one write transaction: all or nothing. */
  async writeAll(work: (run: (cypher: string, params?: Row) => Promise<Row[]>) => Promise<void>, stats?: QueryStats): Promise<void> {
    await this.session('WRITE', (s) =>
      s.executeWrite(async (tx) => {
        await work(async (cypher, params = {}) => {
          const res = await tx.run(cypher, params);
          return res.records.map((r) => r.toObject());
        });
      }, this.txConfig), stats);
  }

  private async run(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => ReturnType<ManagedTransaction['run']>, stats?: QueryStats): Promise<Row[]> {
    return this.session(mode, async (s) => {
      const result = mode === 'READ'
        ? await s.executeRead((tx) => work(tx), this.txConfig)
        : await s.executeWrite((tx) => work(tx), this.txConfig);
      return result.records.map((r) => r.toObject());
    }, stats);
  }

  private async session<T>(mode: 'READ' | 'WRITE', body: (s: ReturnType<Driver['session']>) => Promise<T>, stats?: QueryStats): Promise<T> {
    const started = performance.now();
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: stats?.bookmarks,
    });
    try {
      return await body(session);
    } finally {
      await session.close();
      if (stats) {
        stats.roundTrips += 1;
        stats.millis += performance.now() - started;
      }
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
