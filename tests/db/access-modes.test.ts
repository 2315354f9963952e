// Cluster-readiness of the one way the code talks to Neo4j (src/db/driver.ts): reads open READ sessions
// (served by secondaries / read replicas in a cluster), writes WRITE sessions (routed to the leader), every
// statement runs in a transaction that is retried on retryable errors only (never on a bookmark the database has
// not reached), and a request's bookmark manager (QueryStats.bookmarks) reaches every session.
import neo4j, { Neo4jError, type Session } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBookmarks } from '../../src/db/bookmarks.js';
import { isRetryable, QueryStats, type Database } from '../../src/db/driver.js';
import { testDatabase } from '../helpers/app.js';

let db: Database;
const opened: Array<{ mode: string | undefined; database: string | undefined; bookmarkManager: unknown }> = [];
let attempts = 0;
/** Makes the next managed transaction's first attempt fail with this error before running the statement. */
let failFirstAttemptWith: Neo4jError | undefined;

beforeAll(() => {
  db = testDatabase();
  // Watch the sessions Database opens and count the attempts of each managed transaction.
  const original = db.driver.session.bind(db.driver);
  (db.driver as { session: typeof db.driver.session }).session = (config = {}) => {
    opened.push({ mode: config.defaultAccessMode, database: config.database, bookmarkManager: config.bookmarkManager });
    const session: Session = original(config);
    // Transactions begun by hand (Database's own retry loop): each is one attempt.
    const begin = session.beginTransaction.bind(session);
    (session as { beginTransaction: typeof begin }).beginTransaction = (txConfig) => {
      const tx = begin(txConfig);
      attempts += 1;
      const failWith = failFirstAttemptWith;
      failFirstAttemptWith = undefined;
      if (failWith)
        (tx as { run: unknown }).run = () => {
          throw failWith;
        };
      return tx;
    };
    // Managed transactions (executeRead/executeWrite): each call of the work is one attempt.
    for (const name of ['executeRead', 'executeWrite'] as const) {
      const execute = session[name].bind(session);
      (session as any)[name] = (work: (tx: unknown) => unknown, txConfig?: unknown) => {
        const failWith = failFirstAttemptWith;
        failFirstAttemptWith = undefined;
        let first = true;
        return execute((tx) => {
          attempts += 1;
          if (first && failWith) {
            first = false;
            throw failWith;
          }
          return work(tx);
        }, txConfig as never);
      };
    }
    return session;
  };
});
afterAll(async () => {
  await db?.close();
});

function reset() {
  opened.length = 0;
  attempts = 0;
}

describe('Database sessions', () => {
  it('reads in READ sessions and writes in WRITE sessions, on the configured database', async () => {
    reset();
    await db.read('RETURN 1 AS one');
    await db.write('MERGE (n:AccessModeProbe {id: "probe"}) DELETE n');
    await db.writeAll(async (run) => {
      await run('RETURN 1');
      await run('RETURN 2');
    });
    expect(opened.map((s) => s.mode)).toEqual([neo4j.session.READ, neo4j.session.WRITE, neo4j.session.WRITE]);
    expect(new Set(opened.map((s) => s.database))).toEqual(new Set([db.database]));
  });

  it('retries a transient error and gives up at once on a client error', async () => {
    reset();
    failFirstAttemptWith = new Neo4jError(
      'deadlock (simulated)',
      'Neo.TransientError.Transaction.DeadlockDetected',
      'N/A',
      'N/A',
    );
    expect(await db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    expect(attempts).toBe(2);

    reset();
    await expect(db.read('RETURN this is not cypher')).rejects.toMatchObject({
      code: expect.stringMatching(/^Neo\.ClientError\.Statement\.SyntaxError/),
    });
    expect(attempts).toBe(1);
  });

  it('does not retry a bookmark the database has not reached: one attempt, and the error goes to the caller', async () => {
    reset();
    failFirstAttemptWith = new Neo4jError(
      "Database 'neo4j' not up to the requested version: 8. Latest database version is 5 (simulated)",
      'Neo.TransientError.Transaction.BookmarkTimeout',
      '08N13',
      'N/A',
    );
    await expect(db.read('RETURN 1 AS one')).rejects.toMatchObject({
      code: 'Neo.TransientError.Transaction.BookmarkTimeout',
    });
    expect(attempts).toBe(1);

    reset();
    failFirstAttemptWith = new Neo4jError(
      'not reached (simulated)',
      'Neo.TransientError.Transaction.BookmarkTimeout',
      '08N13',
      'N/A',
    );
    await expect(
      db.writeAll(async (run) => {
        await run('RETURN 1');
      }),
    ).rejects.toMatchObject({ code: 'Neo.TransientError.Transaction.BookmarkTimeout' });
    expect(attempts).toBe(1);
  });

  it('classifies errors for retrying: transient and unreachable yes, bookmark not reached and client errors no', () => {
    const err = (code: string) => new Neo4jError('x', code, 'N/A', 'N/A');
    expect(isRetryable(err('Neo.TransientError.Transaction.DeadlockDetected'))).toBe(true);
    expect(isRetryable(err('ServiceUnavailable'))).toBe(true);
    expect(isRetryable(err('SessionExpired'))).toBe(true);
    expect(isRetryable(err('Neo.TransientError.Transaction.BookmarkTimeout'))).toBe(false);
    expect(isRetryable(err('Neo.ClientError.Statement.SyntaxError'))).toBe(false);
    expect(isRetryable(err('Neo.ClientError.Transaction.InvalidBookmark'))).toBe(false);
    expect(isRetryable(new Error('not a Neo4j error'))).toBe(false);
  });

  it("hands the request's bookmark manager to every session, and a write moves its bookmarks on", async () => {
    reset();
    const stats = new QueryStats();
    stats.bookmarks = requestBookmarks();
    await db.write('MERGE (n:AccessModeProbe {id: "probe"}) DELETE n', {}, stats);
    const afterWrite = [...(await stats.bookmarks.getBookmarks())];
    await db.read('RETURN 1', {}, stats);
    expect(opened.map((s) => s.bookmarkManager)).toEqual([stats.bookmarks, stats.bookmarks]);
    expect(afterWrite).toHaveLength(1);
    expect(stats.roundTrips).toBe(2);
  });
});
