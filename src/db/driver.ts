// One neo4j-driver Driver per process, and the only way the rest of the code talks to the database:
// read() and write() run a parameterised statement in a transaction that is retried on transient errors (as the
// driver's executeRead/executeWrite would, but with our own retry rule, isRetryable), and count each call as
// one round trip for the request that made it.
// When Neo4j goes away, calls fail fast with ServiceUnavailable: the driver's timeouts and retry budget are
// short, and after one such failure further calls fail at once (no connection attempt) until a background
// probe sees the server again. Nothing needs restarting: the driver's pool reconnects by itself.
import neo4j, { Neo4jError, type Driver, type Transaction } from 'neo4j-driver';

import type { BookmarkManager } from 'neo4j-driver';
import { compactCypher } from './compact.js';

export interface DbSettings {
  uri: string;
  user: string;
  password?: string;
  database: string;
  txTimeoutSeconds: number;
  /** TCP connect timeout (default 3 s). */
  connectionTimeoutMs?: number;
  /** Waiting for a pooled connection (default 5 s). */
  acquisitionTimeoutMs?: number;
  /** How long managed transactions retry transient errors, unreachable server included (default 3 s). */
  maxRetryTimeMs?: number;
}

/** Told about every database call (metrics); must not throw. */
export interface DbObserver {
  call(mode: 'READ' | 'WRITE', seconds: number, error?: unknown): void;
  /** The database became unreachable (false) or reachable again (true). */
  availability?(up: boolean): void;
}

/** Errors that mean "the database cannot be reached right now" (not: "this query is wrong"). */
export function isUnavailableError(e: unknown): boolean {
  if (!(e instanceof Neo4jError)) return false;
  return e.code === 'ServiceUnavailable' || e.code === 'SessionExpired'
    || e.code.startsWith('Neo.TransientError.General.DatabaseUnavailable')
    || /connection acquisition timed out|failed to connect|connection was closed|connection refused/i.test(e.message);
}

/**
 * The database has not reached a bookmark the request carried (x-neo4j-bookmark): the server already waited its
 * bookmark timeout for it. A member that lags, or a token from before a restore.
 */
export function isBookmarkNotReached(e: unknown): boolean {
  return e instanceof Neo4jError && e.code.startsWith('Neo.TransientError.Transaction.BookmarkTimeout');
}

/**
 * Whether a failed transaction is tried again: the driver's retryable errors (transient ones, an unreachable or
 * switching member), except a bookmark not reached. The driver counts that one as transient too, but each attempt
 * holds a session and a pooled connection for the server's whole bookmark timeout, and trying again at once
 * rarely finds the member caught up; the client is told instead (503, try again shortly).
 */
export function isRetryable(e: unknown): boolean {
  return Neo4jError.isRetryable(e) && !isBookmarkNotReached(e);
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
  /** Told about every call (server/metrics.ts); add with observe(). */
  private readonly observers = new Set<DbObserver>();
  private readonly txConfig: { timeout?: number };
  private readonly maxRetryTimeMs: number;
  /** Set while the server is known to be unreachable; a probe clears it. */
  private down = false;
  private probe?: NodeJS.Timeout;
  private closed = false;

  constructor(settings: DbSettings) {
    this.driver = neo4j.driver(
      settings.uri,
      settings.password !== undefined ? neo4j.auth.basic(settings.user, settings.password) : undefined,
      {
        // Our numbers (levels, years, won) fit in a double; native numbers keep resolvers simple.
        disableLosslessIntegers: true,
        maxConnectionPoolSize: 50,
        connectionTimeout: settings.connectionTimeoutMs ?? 3000,
        connectionAcquisitionTimeout: settings.acquisitionTimeoutMs ?? 5000,
        userAgent: 'techgraph',
      },
    );
    this.database = settings.database;
    this.txConfig = settings.txTimeoutSeconds > 0 ? { timeout: settings.txTimeoutSeconds * 1000 } : {};
    this.maxRetryTimeMs = settings.maxRetryTimeMs ?? 3000;
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

  /** Adds an observer; returns the function that removes it again. */
  observe(observer: DbObserver): () => void {
    this.observers.add(observer);
    return () => { this.observers.delete(observer); };
  }

  /** False after a call found the server unreachable, until the background probe reaches it again. */
  get available(): boolean {
    return !this.down;
  }

  /** Asks the server now (for /readyz): true when it answers within `timeoutMs`. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((r) => { timer = setTimeout(() => r(false), timeoutMs); });
    const ok = await Promise.race([this.driver.getServerInfo({ database: this.database }).then(() => true, () => false), timeout]);
    clearTimeout(timer);
    if (ok && this.down) this.markUp();
    return ok;
  }

  private markDown(): void {
    if (this.down || this.closed) return;
    this.down = true;
    for (const o of this.observers) o.availability?.(false);
    const tick = async () => {
      if (this.closed) return;
      if (await this.ping()) return; // ping() marked us up
      this.probe = setTimeout(() => void tick(), 500);
      this.probe.unref();
    };
    this.probe = setTimeout(() => void tick(), 250);
    this.probe.unref();
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    clearTimeout(this.probe);
    for (const o of this.observers) o.availability?.(true);
  }

  read(cypher: string, params: Row = {}, stats?: QueryStats): Promise<Row[]> {
    const text = compactCypher(cypher);
    return this.run('READ', (tx) => tx.run(text, params), stats);
  }

  write(cypher: string, params: Row = {}, stats?: QueryStats): Promise<Row[]> {
    const text = compactCypher(cypher);
    return this.run('WRITE', (tx) => tx.run(text, params), stats);
  }

  /** Several statements in one write transaction: all or nothing. */
  async writeAll(work: (run: (cypher: string, params?: Row) => Promise<Row[]>) => Promise<void>, stats?: QueryStats): Promise<void> {
    await this.session('WRITE', (s) =>
      this.transaction(s, async (tx) => {
        await work(async (cypher, params = {}) => {
          const res = await tx.run(compactCypher(cypher), params);
          return res.records.map((r) => r.toObject());
        });
      }), stats);
  }

  private async run(mode: 'READ' | 'WRITE', work: (tx: Transaction) => ReturnType<Transaction['run']>, stats?: QueryStats): Promise<Row[]> {
    return this.session(mode, async (s) => {
      const result = await this.transaction(s, (tx) => work(tx));
      return result.records.map((r) => r.toObject());
    }, stats);
  }

  /**
   * A managed transaction in the session's access mode: begin, work, commit; on an error that isRetryable, again
   * after 1 s, 2 s, 4 s... (±20 %) while less than maxRetryTimeMs has passed since the first failure (the
   * driver's own schedule). Ours rather than executeRead/executeWrite because the driver retries every transient
   * error and offers no way to leave one out (see isRetryable).
   */
  private async transaction<T>(session: ReturnType<Driver['session']>, work: (tx: Transaction) => Promise<T>): Promise<T> {
    let firstFailure: number | undefined;
    for (let delay = 1000; ; delay *= 2) {
      const tx = session.beginTransaction(this.txConfig);
      try {
        const result = await work(tx);
        await tx.commit();
        return result;
      } catch (e) {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        firstFailure ??= Date.now();
        if (!isRetryable(e) || Date.now() - firstFailure > this.maxRetryTimeMs || this.closed) throw e;
        await new Promise((r) => setTimeout(r, delay * (0.8 + Math.random() * 0.4)));
      }
    }
  }

  private async session<T>(mode: 'READ' | 'WRITE', body: (s: ReturnType<Driver['session']>) => Promise<T>, stats?: QueryStats): Promise<T> {
    if (this.down) {
      // Known to be unreachable: fail now rather than spend the retry budget on every call.
      throw new Neo4jError('The database is not reachable (waiting for it to come back).', neo4j.error.SERVICE_UNAVAILABLE as 'ServiceUnavailable', '08000', 'connection exception');
    }
    const started = performance.now();
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: stats?.bookmarks,
    });
    let error: unknown;
    try {
      return await body(session);
    } catch (e) {
      error = e;
      if (isUnavailableError(e)) this.markDown();
      throw e;
    } finally {
      await session.close().catch(() => undefined);
      const ms = performance.now() - started;
      if (stats) {
        stats.roundTrips += 1;
        stats.millis += ms;
      }
      for (const o of this.observers) {
        try { o.call(mode, ms / 1000, error); } catch { /* metrics never break a query */ }
      }
    }
  }

  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probe);
    return this.driver.close();
  }
}
