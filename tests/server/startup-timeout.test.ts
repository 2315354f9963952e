// Start-up work (migrations, seeding an empty store) is not bound by TG_TX_TIMEOUT_SECONDS, which is meant for
// requests: with a 1-second transaction timeout, seeding that has to wait longer still completes (issue 20, finding 8).
import { afterAll, describe, expect, inject, it } from 'vitest';
import { seedIfEmpty } from '../../src/app.js';
import { Database } from '../../src/db/driver.js';
import { readDefaultGraph } from '../../src/import/seeds.js';
import { resetGraph } from '../helpers/app.js';

let db: Database | undefined;
afterAll(async () => {
  await db?.close();
});

describe('seeding at start with TG_TX_TIMEOUT_SECONDS=1', () => {
  it('completes even when its transaction takes longer than the request transaction timeout', async () => {
    const n = inject('neo4j');
    db = new Database({ uri: n.uri, user: n.user, password: n.password, database: n.database, txTimeoutSeconds: 1 });
    await resetGraph(db, null);
    // Another transaction holds the unique id of the first seed record for 2.5 s: the seeding transaction has to
    // wait that long, as a slow first start (cold JVM, fresh store) makes it wait.
    const first = readDefaultGraph().sources![0].id;
    const blocker = db.driver.session({ database: 'neo4j' });
    const tx = await blocker.beginTransaction();
    await tx.run('CREATE (:Entity:Blocker {id: $id})', { id: first });
    const release = new Promise<void>((r) =>
      setTimeout(() => {
        void tx
          .rollback()
          .then(() => blocker.close())
          .then(r);
      }, 2500),
    );
    try {
      expect(await seedIfEmpty(db)).toBe(true);
    } finally {
      await release;
    }
    const [{ count }] = await db.read('MATCH (n:Entity) RETURN count(n) AS count');
    expect(count).toBeGreaterThan(50);
  });
});
