// The TG_DB_* settings reach the driver (issue 18): they were parsed, then dropped on the way to the Database.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { driverSettings } from '../../src/db/connect.js';
import { Database } from '../../src/db/driver.js';

let db: Database | undefined;
afterAll(async () => {
  await db?.close();
});

describe('TG_DB_* settings', () => {
  it('are all handed to the Database, with the transaction timeout', () => {
    const config = loadConfig({
      TG_DB_CONNECT_TIMEOUT_MS: '1234',
      TG_DB_ACQUIRE_TIMEOUT_MS: '2345',
      TG_DB_RETRY_MS: '3456',
      TG_DB_POOL_SIZE: '7',
      TG_TX_TIMEOUT_SECONDS: '9',
    });
    expect(driverSettings(config)).toEqual({
      connectionTimeoutMs: 1234,
      acquisitionTimeoutMs: 2345,
      maxRetryTimeMs: 3456,
      maxPoolSize: 7,
      txTimeoutSeconds: 9,
    });
  });

  it('shape the pool: TG_DB_POOL_SIZE connections, and TG_DB_ACQUIRE_TIMEOUT_MS of waiting for one', async () => {
    const n = inject('neo4j');
    const config = loadConfig({ TG_DB_POOL_SIZE: '1', TG_DB_ACQUIRE_TIMEOUT_MS: '300' });
    db = new Database({
      uri: n.uri,
      user: n.user,
      password: n.password,
      database: n.database,
      ...driverSettings(config),
    });
    const session = db.driver.session({ database: 'neo4j' });
    const tx = await session.beginTransaction();
    await tx.run('RETURN 1');
    try {
      const started = performance.now();
      await expect(db.read('RETURN 1')).rejects.toThrow(/acquisition timed out in 300 ms/);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await tx.rollback();
      await session.close();
    }
  });
});
