// A request that times out is stopped, not just answered (issue 20, finding 6): its transaction is rolled back
// and no further statement starts, so a 503 TIMEOUT means that nothing of it was written, and a client that
// retries on 503 does not write twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryStats, RequestStoppedError, type Database } from '../../src/db/driver.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { TG_ALLOW_WRITES: 'true', TG_REQUEST_TIMEOUT_MS: '1000' } });
});
afterAll(async () => {
  await t?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Transactions on the server whose current statement contains `text` (SHOW TRANSACTIONS itself left out). */
async function running(db: Database, text: string): Promise<number> {
  const [row] = await db.read(
    `SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $text AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS'
     RETURN count(*) AS n`,
    { text },
  );
  return row.n as number;
}

describe('a request that outlives TG_REQUEST_TIMEOUT_MS', () => {
  it('an import that answered 503 commits none of its records, and its transaction is gone at once', async () => {
    // Another transaction holds the lock on a node the import writes after its 44 technologies, so the import
    // is still waiting, with the technologies written but not committed, when the request times out.
    const blocker = t.db.driver.session({ database: 'neo4j' });
    const tx = await blocker.beginTransaction();
    try {
      await tx.run("MATCH (o:Organization {id: 'org:samsung-electronics'}) SET o.lockedBy = 'test'");
      const technologies = Array.from({ length: 44 }, (_, i) => ({
        id: `tech:stopped-${i}`,
        name: `Stopped ${i}`,
        kind: 'OTHER',
        provenance: 'ILLUSTRATIVE',
        sources: [],
      }));
      const organizations = [
        {
          id: 'org:samsung-electronics',
          name: 'Samsung Electronics',
          type: 'COMPANY',
          country: 'KR',
          provenance: 'ILLUSTRATIVE',
          sources: [],
        },
      ];
      const res = await t.gql('mutation($d: JSON!) { importGraph(document: $d) { ok nodes } }', {
        d: { technologies, organizations },
      });
      expect(res.status).toBe(503);
      expect(res.body.errors?.[0].extensions.code).toBe('TIMEOUT');
      expect(res.body.errors?.[0].message).toMatch(/nothing of it was written/);
      expect(await running(t.db, 'UNWIND $rows')).toBe(0);
      // Freeing the lock lets nothing of the import through any more.
      await sleep(1500);
    } finally {
      await tx.rollback();
      await blocker.close();
    }
    await sleep(1000);
    const [{ n }] = await t.db.read("MATCH (x:Technology) WHERE x.id STARTS WITH 'tech:stopped-' RETURN count(x) AS n");
    expect(n).toBe(0);
    // The service is not stuck: the same import now goes through.
    const again = await t.gql('mutation($d: JSON!) { importGraph(document: $d) { ok nodes } }', {
      d: {
        technologies: [
          { id: 'tech:stopped-0', name: 'Stopped 0', kind: 'OTHER', provenance: 'ILLUSTRATIVE', sources: [] },
        ],
      },
    });
    expect(again.body.data.importGraph).toEqual({ ok: true, nodes: 1 });
  });
});

describe('a database call of a stopped request', () => {
  const SLOW = 'UNWIND range(1, 400000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n';

  it('a running read is stopped on the server, and leaves no running transaction', async () => {
    const stop = new AbortController();
    const stats = new QueryStats();
    stats.signal = stop.signal;
    const started = performance.now();
    const read = t.db.read(SLOW, {}, stats);
    await sleep(400);
    expect(await running(t.db, 'range(1, 400000000)')).toBe(1);
    stop.abort(new RequestStoppedError());
    await expect(read).rejects.toBeInstanceOf(RequestStoppedError);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await running(t.db, 'range(1, 400000000)')).toBe(0);
  });

  it('starts no new statement once its request is stopped', async () => {
    const stop = new AbortController();
    const stats = new QueryStats();
    stats.signal = stop.signal;
    stop.abort(new RequestStoppedError());
    await expect(t.db.read('RETURN 1 AS one', {}, stats)).rejects.toBeInstanceOf(RequestStoppedError);
    await expect(
      t.db.writeAll(async (run) => {
        await run("CREATE (:Technology:Entity {id: 'tech:never'})");
      }, stats),
    ).rejects.toBeInstanceOf(RequestStoppedError);
    expect(stats.roundTrips).toBe(0);
    const [{ n }] = await t.db.read("MATCH (x {id: 'tech:never'}) RETURN count(x) AS n");
    expect(n).toBe(0);
  });

  it('a write stopped between its statements rolls back the ones already run', async () => {
    const stop = new AbortController();
    const stats = new QueryStats();
    stats.signal = stop.signal;
    const write = t.db.writeAll(async (run) => {
      await run("CREATE (:Technology:Entity {id: 'tech:half-written'})");
      stop.abort(new RequestStoppedError());
      await run("CREATE (:Technology:Entity {id: 'tech:half-written-2'})");
    }, stats);
    await expect(write).rejects.toBeInstanceOf(RequestStoppedError);
    expect(stats.writesCommitted).toBe(0);
    const [{ n }] = await t.db.read("MATCH (x) WHERE x.id STARTS WITH 'tech:half-written' RETURN count(x) AS n");
    expect(n).toBe(0);
  });
});

describe('a client that goes away', () => {
  it('stops its request: its transaction is rolled back on the server and nothing of it is written', async () => {
    // The request waits on a lock another transaction holds, so it is surely running when its client leaves.
    const blocker = t.db.driver.session({ database: 'neo4j' });
    const tx = await blocker.beginTransaction();
    try {
      await tx.run("MATCH (o:Organization {id: 'org:samsung-electronics'}) SET o.lockedBy = 'test'");
      const client = new AbortController();
      const organizations = [
        {
          id: 'org:samsung-electronics',
          name: 'Gone',
          type: 'COMPANY',
          country: 'KR',
          provenance: 'ILLUSTRATIVE',
          sources: [],
        },
      ];
      const req = fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        signal: client.signal,
        body: JSON.stringify({
          query: 'mutation($d: JSON!) { importGraph(document: $d) { ok } }',
          variables: { d: { organizations } },
        }),
      }).catch(() => 'aborted');
      await sleep(300);
      expect(await running(t.db, 'UNWIND $rows')).toBe(1);
      client.abort();
      expect(await req).toBe('aborted');
      await sleep(300);
      expect(await running(t.db, 'UNWIND $rows')).toBe(0);
    } finally {
      await tx.rollback();
      await blocker.close();
    }
    await sleep(500);
    const [{ name }] = await t.db.read("MATCH (o:Organization {id: 'org:samsung-electronics'}) RETURN o.name AS name");
    expect(name).toBe('Samsung Electronics');
  });
});
