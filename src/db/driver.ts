// One neo4j-driver Driver per process, and the only way the rest of the code talks to the database:
// read() and write() run a parameterised statement in a transaction that is retried on transient errors (as the
// driver's executeRead/executeWrite would, but with our own retry rule, isRetryable), and count each call as
// one round trip for the request that made it.
// When Neo4j goes away, calls fail fast with ServiceUnavailable: the driver's timeouts and retry budget are
// short, and after one such failure further calls fail at once (no connection attempt) until a background
// probe sees the server again. Nothing needs restarting: the driver's pool reconnects by itself.
// A request's calls carry its AbortSignal (QueryStats.signal): once it fires (the request timed out or its client
// went away), no new statement starts, and a running transaction is rolled back (closing its session sends RESET,
// which stops the statement on the server), unless its commit was already under way.
// Readiness pings go through a second driver with one connection of its own, so a saturated pool is not an outage.
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
  /** Connections in the pool (default 50). */
  maxPoolSize?: number;
}

/** Told about every database call (metrics); must not throw. */
export interface DbObserver {
  call(mode: 'READ' | 'WRITE', seconds: number, error?: unknown): void;
  /** The database became unreachable (false) or reachable again (true). */
  availability?(up: boolean): void;
}

/**
 * Errors that mean "the database cannot be reached right now" (not: "this query is wrong"). Waiting too long for a
 * pooled connection is not one: that is our own load (isBusyError), and the server is there.
 */
export function isUnavailableError(e: unknown): boolean {
  if (!(e instanceof Neo4jError)) return false;
  return (
    e.code === 'ServiceUnavailable' ||
    e.code === 'SessionExpired' ||
    e.code.startsWith('Neo.TransientError.General.DatabaseUnavailable') ||
    /failed to connect|connection was closed|connection refused/i.test(e.message)
  );
}

/** Every pooled connection stayed busy for the whole acquisition timeout: too much work, not an outage. */
export function isBusyError(e: unknown): boolean {
  return e instanceof Neo4jError && /connection acquisition timed out/i.test(e.message);
}

/** The request a call belongs to was stopped (timed out or abandoned): the call did not run, or was rolled back. */
export class RequestStoppedError extends Error {
  constructor(message = 'The request was stopped before this part of it could finish; nothing of it was written.') {
    super(message);
    this.name = 'RequestStoppedError';
  }
}

function stoppedError(signal: AbortSignal): RequestStoppedError {
  return signal.reason instanceof RequestStoppedError ? signal.reason : new RequestStoppedError();
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

/** Counts database round trips and their time, per request (see graph/context.ts). */
export class QueryStats {
  roundTrips = 0;
  millis = 0;
  /**
   * The request's causal-consistency bookmarks (db/bookmarks.ts): every session of the request starts after
   * them and adds its own, so a client that sends back the bookmark of its write reads that write on any
   * API instance and any cluster member.
   */
  bookmarks?: BookmarkManager;
  /** Fires when the request is stopped: calls then start nothing new and roll back what is running. */
  signal?: AbortSignal;
  /** Write transactions of the request that committed, and ones whose commit is under way. */
  writesCommitted = 0;
  commitsInFlight = 0;
  /** Overrides the transaction timeout (seconds) for these calls: start-up work (migrations, seeds) is longer. */
  txTimeoutSeconds?: number;
}

/** Reads and writes as the code above this layer makes them: parameterised statements, in transactions. */
export interface Queries {
  read(cypher: string, params?: Row): Promise<Row[]>;
  write(cypher: string, params?: Row): Promise<Row[]>;
  /** Several statements in one write transaction: all or nothing. */
  writeAll(work: (run: (cypher: string, params?: Row) => Promise<Row[]>) => Promise<void>): Promise<void>;
}

/**
 * The database as one request (or one start-up job) sees it: every call counts as its round trip and carries its
 * bookmarks, stop signal and transaction timeout (`stats`), so no call can leave them out. A resolver's context holds
 * one of these, never the Database itself.
 */
export class Scope implements Queries {
  constructor(
    private readonly db: Database,
    readonly stats: QueryStats = new QueryStats(),
  ) {}

  read(cypher: string, params: Row = {}): Promise<Row[]> {
    return this.db.read(cypher, params, this.stats);
  }

  write(cypher: string, params: Row = {}): Promise<Row[]> {
    return this.db.write(cypher, params, this.stats);
  }

  writeAll(work: (run: (cypher: string, params?: Row) => Promise<Row[]>) => Promise<void>): Promise<void> {
    return this.db.writeAll(work, this.stats);
  }
}

/** Seconds a start-up transaction (migrations, seeding) may take at least: TG_TX_TIMEOUT_SECONDS bounds requests. */
export const START_UP_TX_TIMEOUT_SECONDS = 600;

export class Database {
  readonly driver: Driver;
  readonly database: string;
  /** Told about every call (server/metrics.ts); add with observe(). */
  private readonly observers = new Set<DbObserver>();
  private readonly txConfig: { timeout?: number };
  /** One connection of its own for ping() (/readyz, the recovery probe), so a busy pool does not look like an outage. */
  private readonly probeDriver: Driver;
  private readonly maxRetryTimeMs: number;
  /** Set while the server is known to be unreachable; a probe clears it. */
  private down = false;
  private probe?: NodeJS.Timeout;
  private closed = false;

  constructor(settings: DbSettings) {
    const auth = settings.password !== undefined ? neo4j.auth.basic(settings.user, settings.password) : undefined;
    this.driver = neo4j.driver(settings.uri, auth, {
      // Our numbers (levels, years, won) fit in a double; native numbers keep resolvers simple.
      disableLosslessIntegers: true,
      maxConnectionPoolSize: settings.maxPoolSize ?? 50,
      connectionTimeout: settings.connectionTimeoutMs ?? 3000,
      connectionAcquisitionTimeout: settings.acquisitionTimeoutMs ?? 5000,
      userAgent: 'techgraph',
    });
    this.probeDriver = neo4j.driver(settings.uri, auth, {
      maxConnectionPoolSize: 1,
      connectionTimeout: settings.connectionTimeoutMs ?? 3000,
      connectionAcquisitionTimeout: 2000,
      userAgent: 'techgraph-probe',
    });
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
    return () => {
      this.observers.delete(observer);
    };
  }

  /** False after a call found the server unreachable, until the background probe reaches it again. */
  get available(): boolean {
    return !this.down;
  }

  /**
   * Stats for start-up work (migrations, seeding): its transactions get START_UP_TX_TIMEOUT_SECONDS at least, as a
   * small TG_TX_TIMEOUT_SECONDS (meant for requests) would otherwise stop the seeding of an empty store.
   */
  startUpStats(): QueryStats {
    const stats = new QueryStats();
    const own = this.txConfig.timeout;
    if (own !== undefined) stats.txTimeoutSeconds = Math.max(START_UP_TX_TIMEOUT_SECONDS, own / 1000);
    return stats;
  }

  /** The database as one request sees it (see Scope). */
  scope(stats: QueryStats = new QueryStats()): Scope {
    return new Scope(this, stats);
  }

  /** The database as start-up work sees it: migrations and seeding, under startUpStats(). */
  startUp(): Scope {
    return new Scope(this, this.startUpStats());
  }

  /** Asks the server now (for /readyz): true when it answers within `timeoutMs`. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), timeoutMs);
    });
    const ok = await Promise.race([
      this.probeDriver.getServerInfo({ database: this.database }).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
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
    return this.transaction('READ', async (run) => run(text, params), stats);
  }

  write(cypher: string, params: Row = {}, stats?: QueryStats): Promise<Row[]> {
    const text = compactCypher(cypher);
    return this.transaction('WRITE', async (run) => run(text, params), stats);
  }

  /** Several statements in one write transaction: all or nothing. */
  async writeAll(
    work: (run: (cypher: string, params?: Row) => Promise<Row[]>) => Promise<void>,
    stats?: QueryStats,
  ): Promise<void> {
    await this.transaction('WRITE', (run) => work((cypher, params = {}) => run(compactCypher(cypher), params)), stats);
  }

  /**
   * One transaction, retried on transient errors (retrying). `phase.committing` is set once the work is done and
   * the commit is sent: a stop then waits for the commit's answer instead of claiming that nothing was written.
   */
  private async transaction<T>(
    mode: 'READ' | 'WRITE',
    work: (run: (text: string, params: Row) => Promise<Row[]>) => Promise<T>,
    stats?: QueryStats,
  ): Promise<T> {
    const signal = stats?.signal;
    const config = stats?.txTimeoutSeconds !== undefined ? { timeout: stats.txTimeoutSeconds * 1000 } : this.txConfig;
    const phase = { committing: false };
    const committing = (on: boolean) => {
      if (phase.committing === on) return;
      phase.committing = on;
      if (stats && mode === 'WRITE') stats.commitsInFlight += on ? 1 : -1;
    };
    const attempt = async (tx: Transaction): Promise<T> => {
      committing(false); // a retry starts the work again
      const out = await work(async (text, params) => {
        if (signal?.aborted) throw stoppedError(signal); // no new statement once the request is stopped
        const res = await tx.run(text, params);
        return res.records.map((r) => r.toObject());
      });
      if (signal?.aborted) throw stoppedError(signal); // rolls back instead of committing
      return out;
    };
    return this.session(
      mode,
      async (s) => {
        try {
          const out = await this.retrying(s, config, attempt, () => committing(true));
          if (stats && mode === 'WRITE') stats.writesCommitted += 1;
          return out;
        } finally {
          committing(false);
        }
      },
      stats,
      phase,
    );
  }

  /**
   * Begin, work, commit in the session's access mode; on an error that isRetryable, again after 1 s, 2 s, 4 s...
   * (±20 %) while less than maxRetryTimeMs has passed since the first failure (the driver's own schedule). Ours
   * rather than executeRead/executeWrite because the driver retries every transient error and offers no way to
   * leave one out (see isRetryable).
   */
  private async retrying<T>(
    session: ReturnType<Driver['session']>,
    config: { timeout?: number },
    work: (tx: Transaction) => Promise<T>,
    beforeCommit: () => void,
  ): Promise<T> {
    let firstFailure: number | undefined;
    for (let delay = 1000; ; delay *= 2) {
      const tx = session.beginTransaction(config);
      try {
        const result = await work(tx);
        beforeCommit();
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

  private async session<T>(
    mode: 'READ' | 'WRITE',
    body: (s: ReturnType<Driver['session']>) => Promise<T>,
    stats?: QueryStats,
    phase: { committing: boolean } = { committing: false },
  ): Promise<T> {
    const signal = stats?.signal;
    if (signal?.aborted) throw stoppedError(signal);
    if (this.down) {
      // Known to be unreachable: fail now rather than spend the retry budget on every call.
      throw new Neo4jError(
        'The database is not reachable (waiting for it to come back).',
        neo4j.error.SERVICE_UNAVAILABLE as 'ServiceUnavailable',
        '08000',
        'connection exception',
      );
    }
    const started = performance.now();
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: stats?.bookmarks,
    });
    let error: unknown;
    let onAbort: (() => void) | undefined;
    let stopped = false;
    try {
      const running = body(session);
      if (!signal) return await running;
      running.catch(() => undefined); // settles after we stopped waiting for it
      return await new Promise<T>((resolve, reject) => {
        onAbort = () => {
          // A commit already sent may have taken effect: wait for its answer rather than claim it did not.
          if (phase.committing) return;
          stopped = true;
          reject(stoppedError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        running.then(resolve, reject);
      });
    } catch (e) {
      error = e;
      if (isUnavailableError(e)) this.markDown();
      throw e;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      // Closing a session with an open transaction sends RESET: the server stops the statement and rolls back.
      // Bounded when stopped: a session still waiting for a pooled connection closes only once it has one.
      const closing = session.close().catch(() => undefined);
      await (stopped ? Promise.race([closing, new Promise((r) => setTimeout(r, 1000).unref())]) : closing);
      const ms = performance.now() - started;
      if (stats) {
        stats.roundTrips += 1;
        stats.millis += ms;
      }
      for (const o of this.observers) {
        try {
          o.call(mode, ms / 1000, error);
        } catch {
          /* metrics never break a query */
        }
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probe);
    await Promise.all([this.driver.close(), this.probeDriver.close()]);
  }
}
