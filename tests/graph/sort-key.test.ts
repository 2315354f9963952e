// The stored sort key behind name and title order (src/domain/sorts.ts): kept by every write, filled in for nodes
// stored before it existed, left out of exports, and read from its index so a page stops after its own rows.
// On the default graph with the fictional demo set (the default graph has no projects to order by title).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { exportDocument } from '../../src/import/export.js';
import { planRead } from '../../src/graph/plan.js';
import { cypherFor } from '../../src/graph/plan-cypher.js';
import { technologyList } from '../../src/graph/technology.js';
import { infoOf } from '../helpers/plan.js';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: readSeedsWithDemo(), env: { TG_ALLOW_WRITES: 'true' } });
});
afterAll(async () => {
  await t?.stop();
});

const firstNames = async (field: string, n = 3, args = '') => {
  const { body } = await t.gql(`{ ${field}(first: ${n}${args}) { nodes { id } } }`);
  expect(body.errors).toBeUndefined();
  return (body.data[field].nodes as Array<{ id: string }>).map((x) => x.id);
};

describe('sort key', () => {
  it('moves a renamed node to its new place in name order, whatever the case of the new name', async () => {
    const before = await firstNames('technologies');
    const last = (await firstNames('technologies', 1, ', orderBy: { field: NAME, direction: DESC }'))[0];
    expect(before).not.toContain(last);
    const { body } = await t.gql(
      `mutation($id: ID!) { updateTechnology(input: { id: $id, name: "0000 First by name" }) { userErrors { code } } }`,
      { id: last },
    );
    expect(body.data.updateTechnology.userErrors).toEqual([]);
    expect((await firstNames('technologies'))[0]).toBe(last);
    await t.gql(
      `mutation($id: ID!) { updateTechnology(input: { id: $id, name: "ZZZZ LAST BY NAME" }) { userErrors { code } } }`,
      { id: last },
    );
    expect((await firstNames('technologies', 1, ', orderBy: { field: NAME, direction: DESC }'))[0]).toBe(last);
  });

  it('orders by title for projects, and by country then name for organizations', async () => {
    const { body } = await t.gql(
      '{ projects(first: 100) { nodes { title } } organizations(first: 100, orderBy: { field: COUNTRY }) { nodes { country name } } }',
    );
    const titles = body.data.projects.nodes.map((p: { title: string }) => p.title.toLowerCase());
    expect(titles.length).toBeGreaterThan(1);
    expect(titles).toEqual([...titles].sort());
    const orgs = body.data.organizations.nodes.map(
      (o: { country: string; name: string }) => `${o.country}#${o.name.toLowerCase()}`,
    );
    expect(orgs.length).toBeGreaterThan(1);
    expect(orgs).toEqual([...orgs].sort());
  });

  it('is filled in at start for nodes stored without one, which lists would otherwise leave out', async () => {
    await t.db.write(
      "CREATE (:Entity:Sector {id: 'sector:legacy', name: 'Aaa legacy sector', provenance: 'ILLUSTRATIVE', sourceIds: []})",
    );
    expect(await firstNames('sectors', 100)).not.toContain('sector:legacy');
    await migrate(t.db);
    expect((await firstNames('sectors'))[0]).toBe('sector:legacy');
    await t.db.write("MATCH (n {id: 'sector:legacy'}) DETACH DELETE n");
  });

  it('is not part of an export', async () => {
    const doc = await exportDocument(t.db);
    const records = Object.values(doc).filter(Array.isArray).flat() as Array<Record<string, unknown>>;
    expect(records.length).toBeGreaterThan(10);
    expect(records.filter((r) => 'sortKey' in r)).toEqual([]);
  });

  it('lets a list read its page from the index in order instead of sorting every node of the label', async () => {
    // The statements the plans of three pages run (lists.ts readList sends cypherFor's text).
    const { body } = await t.gql('{ technologies(first: 2) { pageInfo { endCursor } nodes { id } } }');
    const statementOf = (query: string, variables: Record<string, unknown> = {}) =>
      cypherFor(planRead(infoOf(query, 'Query.technologies', variables), technologyList));
    const sent = [
      statementOf('{ technologies(first: 2) { pageInfo { endCursor } nodes { id } } }'),
      statementOf('query($c: String) { technologies(first: 2, after: $c) { nodes { id } } }', {
        c: body.data.technologies.pageInfo.endCursor,
      }),
      statementOf('{ technologies(first: 2, orderBy: { field: ID, direction: DESC }) { nodes { id } } }'),
    ];
    const operators = (p: any): string[] => [p.operatorType.replace(/@.*/, ''), ...p.children.flatMap(operators)];
    for (const s of sent) {
      const res = await t.db.driver.executeQuery(`EXPLAIN ${s.cypher}`, s.params, {
        database: inject('neo4j').database,
      });
      const ops = operators(res.summary.plan);
      // Index order, then a PartialTop for the id tie-break: never a label scan sorted whole by Top or Sort.
      expect(
        ops.some((o) => /^NodeIndex(Scan|SeekByRange)$/.test(o)),
        ops.join(' '),
      ).toBe(true);
      expect(ops).not.toContain('NodeByLabelScan');
      expect(ops.filter((o) => o === 'Top' || o === 'Sort')).toEqual([]);
    }
  });
});
