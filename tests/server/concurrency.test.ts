// Concurrent writes lose nothing that was accepted and leave a valid graph; an import that fails in the
// middle of its batches leaves nothing behind.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { Database, type QueryStats, type Row } from '../../src/db/driver.js';
import { exportDocument } from '../../src/import/export.js';
import { EMPTY_GRAPH, validateDocument } from '../../src/import/validate.js';
import { BATCH_SIZE } from '../../src/write/document.js';
import { newKey } from '../../src/server/auth.js';
import { createLogger } from '../../src/server/log.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const editor = newKey('editor');
const auth = { authorization: `Bearer ${editor.key}` };
const env = { TG_API_KEYS: JSON.stringify([editor.record]), TG_ALLOW_WRITES: 'false' };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env });
});
afterAll(async () => {
  await t?.stop();
});

const TECH = 'tech:advanced-packaging-interposer';

async function expectValidGraph(db: Database): Promise<void> {
  const problems = await validateDocument(await exportDocument(db), EMPTY_GRAPH);
  expect(problems).toEqual([]);
}

describe('fifty parallel writes to one node', () => {
  it('updates: every one accepted and atomic, the last one wins whole, the graph stays valid', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.gql(
          `mutation($input: UpdateTechnologyInput!) { updateTechnology(input: $input) { technology { name description } userErrors { code message } } }`,
          { input: { id: TECH, name: `Parallel name ${i}`, description: `Parallel description ${i}` } },
          auth,
        ),
      ),
    );
    results.forEach(({ status, body }, i) => {
      expect(status).toBe(200);
      expect(body.data.updateTechnology.userErrors, `update ${i}`).toEqual([]);
    });
    const { body } = await t.gql(`{ technology(id: "${TECH}") { name description } }`);
    const m = /^Parallel name (\d+)$/.exec(body.data.technology.name);
    expect(m).not.toBeNull();
    expect(body.data.technology.description).toBe(`Parallel description ${m![1]}`); // never half of one and half of another
    await expectValidGraph(t.db);
  });

  it('relationships: fifty dependencies added at once to one technology are all there', async () => {
    const targets = Array.from({ length: 50 }, (_, i) => `tech:parallel-target-${i}`);
    const created = await t.gql(
      'mutation($d: JSON!) { importGraph(document: $d) { ok userErrors { message } } }',
      {
        d: {
          technologies: targets.map((id, i) => ({
            id,
            name: `Parallel target ${i}`,
            kind: 'OTHER',
            provenance: 'ILLUSTRATIVE',
            sources: [],
          })),
        },
      },
      auth,
    );
    expect(created.body.data.importGraph).toEqual({ ok: true, userErrors: [] });
    const results = await Promise.all(
      targets.map((to) =>
        t.gql(
          `mutation($input: DependencyInput!) { addDependency(input: $input) { userErrors { code message } } }`,
          { input: { technology: 'tech:parallel-hub', dependsOn: to, provenance: 'ILLUSTRATIVE' } },
          auth,
        ),
      ),
    );
    // The hub does not exist yet: every one is refused the same way, and nothing is written.
    for (const r of results) expect(r.body.data.addDependency.userErrors[0].code).toBe('NOT_FOUND');
    await t.gql(
      'mutation { createTechnology(input: { id: "tech:parallel-hub", name: "Hub", kind: OTHER, provenance: ILLUSTRATIVE }) { userErrors { code } } }',
      undefined,
      auth,
    );
    const added = await Promise.all(
      targets.map((to) =>
        t.gql(
          `mutation($input: DependencyInput!) { addDependency(input: $input) { userErrors { code message } } }`,
          { input: { technology: 'tech:parallel-hub', dependsOn: to, provenance: 'ILLUSTRATIVE' } },
          auth,
        ),
      ),
    );
    const accepted = added.filter((r) => r.body.data.addDependency.userErrors.length === 0).length;
    expect(accepted).toBe(50);
    const { body } = await t.gql('{ technology(id: "tech:parallel-hub") { dependencies(first: 100) { totalCount } } }');
    expect(body.data.technology.dependencies.totalCount).toBe(50);
    await expectValidGraph(t.db);
  });

  it('opposite dependencies added at the same time never close a cycle', async () => {
    const pairs = Array.from({ length: 10 }, (_, i) => [`tech:race-a-${i}`, `tech:race-b-${i}`]);
    await t.gql(
      'mutation($d: JSON!) { importGraph(document: $d) { ok } }',
      {
        d: {
          technologies: pairs
            .flat()
            .map((id) => ({ id, name: id, kind: 'OTHER', provenance: 'ILLUSTRATIVE', sources: [] })),
        },
      },
      auth,
    );
    const add = (from: string, to: string) =>
      t.gql(
        `mutation($input: DependencyInput!) { addDependency(input: $input) { userErrors { code } } }`,
        { input: { technology: from, dependsOn: to, provenance: 'ILLUSTRATIVE' } },
        auth,
      );
    const results = await Promise.all(pairs.map(([a, b]) => Promise.all([add(a, b), add(b, a)])));
    for (const pair of results) {
      const errors = pair.map((r) => r.body.data.addDependency.userErrors);
      expect(errors.filter((e) => e.length === 0)).toHaveLength(1); // exactly one of the two wins
      expect(errors.flat().map((e: { code: string }) => e.code)).toEqual(['CYCLE']);
    }
    const rows = await t.db.read(
      'MATCH (a:Technology)-[:DEPENDS_ON]->(b:Technology)-[:DEPENDS_ON]->(a) WHERE a.id STARTS WITH "tech:race-" RETURN count(*) AS n',
    );
    expect(rows[0].n).toBe(0);
    await expectValidGraph(t.db);
  });
});

/** A database whose write transactions fail, in Neo4j itself, at their `failAt`-th statement. */
class FailingDatabase extends Database {
  failAt = Number.POSITIVE_INFINITY;

  override async writeAll(
    work: (run: (cypher: string, params?: Row) => Promise<Row[]>) => Promise<void>,
    stats?: QueryStats,
  ): Promise<void> {
    let n = 0;
    return super.writeAll(
      (run) =>
        work(async (cypher, params) => {
          n += 1;
          if (n === this.failAt) await run('UNWIND [1, 0] AS x RETURN 1 / x AS boom'); // division by zero, in the database
          return run(cypher, params);
        }),
      stats,
    );
  }
}

describe('an import that fails in the middle of its batches', () => {
  it('leaves nothing behind: the batches already written are rolled back with the rest', async () => {
    const n = inject('neo4j'); // the run's Neo4j, as tests/helpers/app.ts reaches it
    const db = new FailingDatabase({
      uri: n.uri,
      user: n.user,
      password: n.password,
      database: n.database,
      txTimeoutSeconds: 60,
    });
    const app = await startApp(
      db,
      loadConfig({ ...process.env, ...env, PORT: '0', TG_SEED_ON_START: 'false', TG_MAX_BODY_BYTES: '5000000' }),
      createLogger('silent'),
    );
    try {
      const before = await exportDocument(db);
      const sectors = Array.from({ length: BATCH_SIZE + 10 }, (_, i) => ({
        id: `sector:bulk-${i}`,
        name: `Bulk ${i}`,
        provenance: 'ILLUSTRATIVE',
        sources: [],
      }));
      db.failAt = 2; // after the first batch of BATCH_SIZE sectors was written
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          query: 'mutation($d: JSON!) { importGraph(document: $d) { ok nodes } }',
          variables: { d: { sectors } },
        }),
      });
      const body = await res.json();
      expect(res.status).toBe(500); // an internal error with no data: monitoring by status must see it
      expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.errors[0].message).toBe('Internal server error');
      const [{ c }] = await db.read('MATCH (s:Sector) WHERE s.id STARTS WITH "sector:bulk-" RETURN count(s) AS c');
      expect(c).toBe(0);
      expect(await exportDocument(db)).toEqual(before);

      db.failAt = Number.POSITIVE_INFINITY; // the same import, without the fault, writes everything
      const ok = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          query: 'mutation($d: JSON!) { importGraph(document: $d) { ok nodes } }',
          variables: { d: { sectors } },
        }),
      });
      expect((await ok.json()).data.importGraph).toEqual({ ok: true, nodes: BATCH_SIZE + 10 });
      await db.write('MATCH (s:Sector) WHERE s.id STARTS WITH "sector:bulk-" DETACH DELETE s');
    } finally {
      await app.stop();
      await db.close();
    }
  });
});
