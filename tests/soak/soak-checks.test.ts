// The soak's checks can fail: each one, given the damage it looks for, reports it (and the harmless cases pass).
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  dependencyCycle,
  fingerprint,
  judgeWrites,
  openTransactions,
  type ImportTrack,
  type Lifecycle,
} from '../../scripts/soak/run.js';
import { bookmarkAhead, classify, importDocument } from '../../scripts/soak/traffic.js';
import { resetGraph, testDatabase } from '../helpers/app.js';
import type { Database } from '../../src/db/driver.js';

let db: Database;
let driver: Driver;
const database = () => inject('neo4j').database;

beforeAll(async () => {
  db = testDatabase();
  await resetGraph(db);
  const n = inject('neo4j');
  driver = neo4j.driver(n.uri, neo4j.auth.basic(n.user, n.password ?? ''));
});

afterAll(async () => {
  await driver?.close();
  await db?.close();
});

describe("the soak's checks", () => {
  it("fingerprint: ignores the soak's own records and the import lock, and changes when a seeded node does", async () => {
    const before = await fingerprint(driver, database());
    await db.write(`CREATE (:Entity:Technology {id: 'tech:soak-x-i0-0', name: 'soak'})`);
    await db.write(`MERGE (l:WriteLock {name: 'DEPENDS_ON'}) SET l.at = timestamp()`);
    expect(await fingerprint(driver, database())).toEqual(before);
    await db.write(
      `MATCH (t:Technology {id: 'tech:advanced-packaging-interposer'}) SET t.description = 'changed behind the soak\\'s back'`,
    );
    expect((await fingerprint(driver, database())).nodesHash).not.toBe(before.nodesHash);
  });

  it('dependencyCycle: none in the seeds, and the cycle named once one is written', async () => {
    await resetGraph(db);
    expect(await dependencyCycle(driver, database())).toBeUndefined();
    const [{ a, b }] = await db.read(
      'MATCH (a:Technology)-[:DEPENDS_ON]->(b:Technology) RETURN a.id AS a, b.id AS b LIMIT 1',
    );
    await db.write('MATCH (a:Technology {id: $a}), (b:Technology {id: $b}) CREATE (b)-[:DEPENDS_ON]->(a)', { a, b });
    const cycle = await dependencyCycle(driver, database());
    expect(cycle).toBeDefined();
    expect(cycle![0]).toBe(cycle![cycle!.length - 1]);
    expect(cycle).toEqual(expect.arrayContaining([a, b]));
    await resetGraph(db);
  });

  it('openTransactions: lists a transaction another session holds open, and not its own SHOW', async () => {
    expect(await openTransactions(driver)).toEqual([]);
    const session = driver.session({ database: database() });
    const tx = await session.beginTransaction();
    try {
      await tx.run('MATCH (n:Technology) RETURN count(n)');
      expect((await openTransactions(driver)).length).toBe(1);
    } finally {
      await tx.rollback();
      await session.close();
    }
  });

  it('judgeWrites: a half-written import, an import that answered TIMEOUT but committed, an acknowledged write that is missing', () => {
    const doc = importDocument('soak-t-i0', 'tech:x') as {
      sectors: Array<{ id: string }>;
      technologies: Array<{ id: string }>;
      relationships: Array<{ from: string }>;
    };
    const all = [...doc.sectors, ...doc.technologies].map((n) => ({ id: n.id, name: 'n' }));
    const rels = doc.relationships.map((r) => r.from);
    const track = (marker: string, outcome: ImportTrack['outcome'], allowed: ImportTrack['allowed']): ImportTrack => ({
      marker,
      kind: 'import',
      outcome,
      allowed,
    });
    expect(judgeWrites([track('soak-t-i0', 'ok', ['present'])], [], all, rels)).toEqual({
      partial: [],
      wrongState: [],
    });
    expect(judgeWrites([track('soak-t-i0', 'ok', ['present'])], [], all.slice(1), rels).partial).toHaveLength(1);
    expect(judgeWrites([track('soak-t-i0', 'timeout', ['absent'])], [], all, rels).wrongState[0]).toMatch(
      /timeout but is present.*finding 6/,
    );
    const life: Lifecycle = {
      id: 'tech:soak-t-m0',
      name: 'Soak m0',
      allowed: new Set(['updated']),
      steps: ['create:ok', 'update:ok'],
    };
    expect(judgeWrites([], [life], [{ id: 'tech:soak-t-m0', name: 'Soak m0 updated' }], []).wrongState).toEqual([]);
    expect(judgeWrites([], [life], [], []).wrongState).toEqual(['technology after create:ok, update:ok is absent']);
  });

  it('classify: internal errors in a 200 body, unavailable, client errors and refusals each in their class', () => {
    expect(
      classify(200, { data: null, errors: [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }).outcome,
    ).toBe('internal');
    expect(classify(200, { errors: [{ message: 'x' }] }).outcome).toBe('internal');
    expect(classify(500, undefined).outcome).toBe('internal');
    expect(classify(503, { errors: [{ message: 'x', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }).outcome).toBe(
      'unavailable',
    );
    expect(classify(503, { errors: [{ message: 'x', extensions: { code: 'TIMEOUT' } }] }).outcome).toBe('timeout');
    expect(classify(401, { errors: [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }] }).outcome).toBe(
      'client_error',
    );
    expect(classify(200, { data: { addDependency: { userErrors: [{ code: 'CYCLE' }] } } }).outcome).toBe('refused');
    expect(classify(200, { data: { technologies: { totalCount: 3 } } }).outcome).toBe('ok');
  });

  it("bookmarkAhead: moves a Neo4j 5 bookmark's transaction id forward, whatever its integer width", () => {
    // A bookmark of transaction 108 (0x6c, a tiny PackStream integer), as the embedded Neo4j gave it out.
    const real = 'FB:kcwQ85ciBasVRHOgwxw0W5kC8WyQ';
    const bytes = (b: string) => Buffer.from(b.slice(3), 'base64');
    expect(bytes(real)[19]).toBe(108);
    expect(bytes(bookmarkAhead(real, 5))[19]).toBe(113);
    const far = bytes(bookmarkAhead(real, 1_000_000));
    expect(far[19]).toBe(0xca);
    expect(far.readInt32BE(20)).toBe(1_000_108);
    expect(far.subarray(0, 19)).toEqual(bytes(real).subarray(0, 19)); // same database
    expect(far.subarray(24)).toEqual(bytes(real).subarray(20));
    expect(() => bookmarkAhead('FB:bm90LWEtYm9va21hcms', 1)).toThrow(/not a Neo4j 5 bookmark/);
  });
});
