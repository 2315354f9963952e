// The read planner without a database (src/graph/plan.ts, plan-cypher.ts): plans built from real operations
// against the real schema (tests/helpers/plan.ts), and the Cypher and parameters they run pinned. What must hold
// besides the text: a nested list is read ahead only when it can be (first page, no directive), and the plan a
// nested field makes for itself has the DataLoader key its top-level list primed, so the pages read ahead are found.
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { compactCypher } from '../../src/db/compact.js';
import { listCursor } from '../../src/graph/pagination.js';
import { loaderKey, planRead, type ListPlan, type ReadPlan, type RelationPlan } from '../../src/graph/plan.js';
import { cypherFor, totalCypherFor } from '../../src/graph/plan-cypher.js';
import { RELATIONS } from '../../src/graph/relations.js';
import { technologyList } from '../../src/graph/technology.js';
import { infoOf, infosOf, schema } from '../helpers/plan.js';

// Integers travel as neo4j Integers (LIMIT needs one): shown as int(n).
expect.addSnapshotSerializer({ test: (v) => neo4j.isInt(v), serialize: (v) => `int(${v.toString()})` });

/** The statement as it is sent (compacted), one clause a line so that a snapshot reads. */
function statement(plan: ReadPlan): { cypher: string; params: Record<string, unknown> } {
  const { cypher, params } = cypherFor(plan);
  return {
    cypher: compactCypher(cypher).replace(/(?<!\{) (?=(UNWIND|MATCH|WITH|ORDER BY|LIMIT|CALL|RETURN) )/g, '\n'),
    params,
  };
}

function listPlan(query: string, variables: Record<string, unknown> = {}): ListPlan {
  const plan = planRead(infoOf(query, 'Query.technologies', variables), technologyList);
  if (plan.kind !== 'list') throw new Error('expected a list plan');
  return plan;
}

function relationPlan(query: string, field: string, variables: Record<string, unknown> = {}): RelationPlan {
  const plan = planRead(infoOf(query, field, variables));
  if (plan.kind !== 'relation') throw new Error('expected a relation plan');
  return plan;
}

describe('the read planner', () => {
  it('reads a top-level list in one statement, projecting only the selected properties', () => {
    const plan = listPlan('{ technologies(first: 5) { nodes { id name kind } } }');
    expect(plan.nested).toEqual([]);
    expect(statement(plan)).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (n:Technology) WHERE n.sortKey IS NOT NULL
      WITH n, n.sortKey AS k
      WITH n AS p, k
      ORDER BY k ASC, p.id ASC
      LIMIT $limit + 1
      RETURN p{.id, .name, .kind} AS n, k
      ORDER BY k ASC, p.id ASC",
        "params": {
          "afterId": null,
          "afterK": null,
          "beforeId": null,
          "beforeK": null,
          "fromEnd": false,
          "limit": int(5),
        },
      }
    `);
  });

  it('reads the first page of a nested list in the same statement, with the columns its selection shows', () => {
    const plan = listPlan(`{ technologies(first: 10) { nodes { id name
      capabilities(first: 3) { totalCount nodes { level organization { name country } } } } } }`);
    expect(plan.nested).toHaveLength(1);
    // level, name and country: neither the sort key (no cursor asked) nor the organization's id (nothing loads by it).
    expect(statement(plan)).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (n:Technology) WHERE n.sortKey IS NOT NULL
      WITH n, n.sortKey AS k
      WITH n AS p, k
      ORDER BY k ASC, p.id ASC
      LIMIT $limit + 1
      CALL (p) { MATCH (p)<-[r:HAS_CAPABILITY]-(n:Organization)
      WITH n, r, -r.level AS k
      ORDER BY k, n.id
      LIMIT $nested0Limit + 1
      RETURN collect([n.name, n.country, r.level]) AS nested0Rest }
      CALL (p) { MATCH (p)<-[r:HAS_CAPABILITY]-(n:Organization)
      RETURN count(*) AS nested0Total }
      RETURN p{.id, .name} AS n, k, nested0Rest, nested0Total
      ORDER BY k ASC, p.id ASC",
        "params": {
          "afterId": null,
          "afterK": null,
          "beforeId": null,
          "beforeK": null,
          "fromEnd": false,
          "limit": int(10),
          "nested0Limit": int(3),
        },
      }
    `);
  });

  it("reads a far end's id only when a field of it loads by it", () => {
    const plan = listPlan(`{ technologies(first: 5) { nodes { capabilities(first: 5) {
      nodes { organization { name capabilities(first: 1) { totalCount } } } } } } }`);
    expect(statement(plan).cypher).toContain('RETURN collect([n.id, n.name]) AS nested0Rest');
  });

  it('gives the nested field the plan, and so the DataLoader key, its list read ahead under', () => {
    const query = `{ technologies(first: 10) { nodes { id
      a: capabilities(first: 3, country: "US") { edges { cursor node { level } } }
      b: capabilities(first: 2) { nodes { organization { name } } }
      sectors { nodes { name } } } } }`;
    const infos = infosOf(query);
    const plan = planRead(infos.get('Query.technologies')!, technologyList) as ListPlan;
    expect(plan.nested.map((x) => x.relation.field)).toEqual(['capabilities', 'capabilities', 'sectors']);
    // The resolver of Technology.capabilities (the first, `a`) and Technology.sectors plan themselves from their own infos.
    const own = [planRead(infos.get('Technology.capabilities')!), planRead(infos.get('Technology.sectors')!)];
    expect(own.map((x) => loaderKey(x as RelationPlan))).toEqual([
      loaderKey(plan.nested[0]),
      loaderKey(plan.nested[2]),
    ]);
    expect(loaderKey(plan.nested[0])).not.toBe(loaderKey(plan.nested[1]));
    // A filter argument's parameter is renamed per nested read, so several share the statement.
    expect(statement(plan).cypher).toContain(
      'MATCH (p)<-[r:HAS_CAPABILITY]-(n:Organization) WHERE n.country = $nested0Country',
    );
    expect(statement(plan).params).toMatchObject({
      nested0Country: 'US',
      nested0Limit: neo4j.int(3),
      nested1Limit: neo4j.int(2),
      nested2Limit: neo4j.int(20),
    });
  });

  it('reads a page from the end before a cursor by walking the order backwards', () => {
    const before = listCursor('Technology:NAME:A', 'quantum sensing', 'tech:quantum-sensing');
    const plan = listPlan(
      `query($before: String) { technologies(last: 2, before: $before) {
      pageInfo { hasPreviousPage startCursor } nodes { name } } }`,
      { before },
    );
    expect(plan.page).toEqual({
      limit: 2,
      fromEnd: true,
      after: null,
      before: { k: 'quantum sensing', id: 'tech:quantum-sensing' },
    });
    expect(statement(plan)).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (n:Technology) WHERE n.sortKey IS NOT NULL AND n.sortKey <= $beforeK
      WITH n, n.sortKey AS k WHERE (k < $beforeK OR (k = $beforeK AND n.id < $beforeId))
      WITH n AS p, k
      ORDER BY k DESC, p.id DESC
      LIMIT $limit + 1
      RETURN p{.id, .name} AS n, k
      ORDER BY k DESC, p.id DESC",
        "params": {
          "afterId": null,
          "afterK": null,
          "beforeId": "tech:quantum-sensing",
          "beforeK": "quantum sensing",
          "fromEnd": true,
          "limit": int(2),
        },
      }
    `);
  });

  it("leaves a nested list with a cursor to its DataLoader, which windows every parent's sorted rows", () => {
    const after = listCursor('tech.capabilities', -3, 'org:a');
    const query = `query($after: String) { technologies(first: 10) { nodes { id
      capabilities(first: 2, after: $after, country: "KR") { pageInfo { endCursor } nodes { level } } } } }`;
    expect(listPlan(query, { after }).nested).toEqual([]);
    expect(statement(relationPlan(query, 'Technology.capabilities', { after }))).toMatchInlineSnapshot(`
      {
        "cypher": "UNWIND $ids AS pid
      MATCH (p:Technology {id: pid})<-[r:HAS_CAPABILITY]-(n:Organization) WHERE n.country = $country
      WITH pid, n, r, -r.level AS k
      ORDER BY k, n.id
      WITH pid, collect({id: n.id, k: k, row: [k, n.id, r.level]}) AS rows
      WITH pid, size(rows) AS total, [x IN rows WHERE (x.k > $afterK OR (x.k = $afterK AND x.id > $afterId)) | x.row] AS rest
      RETURN pid, total, CASE WHEN $fromEnd THEN rest[CASE WHEN size(rest) > $limit THEN size(rest) - $limit - 1 ELSE 0 END..] ELSE rest[0..$limit + 1] END AS window",
        "params": {
          "afterId": "org:a",
          "afterK": -3,
          "beforeId": null,
          "beforeK": null,
          "country": "KR",
          "fromEnd": false,
          "limit": int(2),
        },
      }
    `);
  });

  it('compiles a filter to WHERE clauses over parameters, and counts the list with the same filter', () => {
    const plan =
      listPlan(`{ technologies(first: 3, filter: { nameContains: "Chip", minProvenance: ASSESSED, sector: "sector:semiconductors" },
      orderBy: { field: ID, direction: DESC }) { totalCount nodes { id } } }`);
    expect(statement(plan)).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (n:Technology) WHERE n.provenance IN $provenances AND (toLower(coalesce(n.name, '')) CONTAINS $nameContains OR toLower(coalesce(n.nameKo, '')) CONTAINS $nameContains) AND EXISTS { (n)-[:IN_SECTOR]->(:Sector {id: $sector}) } AND n.id IS NOT NULL
      WITH n, n.id AS k
      WITH n AS p, k
      ORDER BY k DESC, p.id DESC
      LIMIT $limit + 1
      RETURN p{.id} AS n, k
      ORDER BY k DESC, p.id DESC",
        "params": {
          "afterId": null,
          "afterK": null,
          "beforeId": null,
          "beforeK": null,
          "fromEnd": false,
          "limit": int(3),
          "nameContains": "chip",
          "provenances": [
            "REPORTED",
            "ASSESSED",
          ],
          "sector": "sector:semiconductors",
        },
      }
    `);
    expect(compactCypher(totalCypherFor(plan).cypher)).toMatchInlineSnapshot(
      `"MATCH (n:Technology) WHERE n.provenance IN $provenances AND (toLower(coalesce(n.name, '')) CONTAINS $nameContains OR toLower(coalesce(n.nameKo, '')) CONTAINS $nameContains) AND EXISTS { (n)-[:IN_SECTOR]->(:Sector {id: $sector}) } RETURN count(n) AS c"`,
    );
  });

  it('reads no nested list that @skip or @include leaves out, and leaves one with a directive of its own to its DataLoader', () => {
    const onNodes = `query($skip: Boolean!) { technologies(first: 50) { nodes @skip(if: $skip) { capabilities(first: 100) { totalCount } } } }`;
    expect(listPlan(onNodes, { skip: true }).nested).toEqual([]);
    expect(listPlan(onNodes, { skip: false }).nested.map((x) => x.relation.field)).toEqual(['capabilities']);
    const onFragment = `fragment Caps on Technology { capabilities(first: 100) { nodes { level } } }
      query($show: Boolean!) { technologies(first: 50) { edges { node { id ...Caps @include(if: $show) } } } }`;
    expect(listPlan(onFragment, { show: false }).nested).toEqual([]);
    expect(listPlan(onFragment, { show: true }).nested.map((x) => x.relation.field)).toEqual(['capabilities']);

    const onField = `query($skip: Boolean!) { technologies(first: 5) { nodes { id capabilities(first: 2) @skip(if: $skip) { nodes { level } } } } }`;
    const plan = listPlan(onField, { skip: false });
    expect(plan.nested).toEqual([]);
    expect(statement(plan).cypher).not.toContain('HAS_CAPABILITY');
    expect(statement(relationPlan(onField, 'Technology.capabilities', { skip: false }))).toMatchInlineSnapshot(`
      {
        "cypher": "UNWIND $ids AS pid
      MATCH (p:Technology {id: pid})
      CALL (p) { MATCH (p)<-[r:HAS_CAPABILITY]-(n:Organization)
      WITH n, r, -r.level AS k
      ORDER BY k, n.id
      LIMIT $nestedLimit + 1
      RETURN collect([r.level]) AS nestedRest }
      WITH *, null AS nestedTotal
      RETURN pid, nestedTotal AS total, nestedRest AS window",
        "params": {
          "nestedLimit": int(2),
        },
      }
    `);
  });

  it('reports a bad page on the field, and leaves such a nested list to the field', () => {
    const query = '{ technologies(first: 2) { nodes { id capabilities(first: 101) { nodes { level } } } } }';
    expect(listPlan(query).nested).toEqual([]);
    expect(() => relationPlan(query, 'Technology.capabilities')).toThrow(/"first" must be between 0 and 100/);
    expect(() => listPlan('{ technologies(first: 1, last: 1) { nodes { id } } }')).toThrow(
      /"first" or "last", not both/,
    );
  });

  it('knows every connection field of a node type from relations.ts, and nothing else', () => {
    const declared: string[] = [];
    const found: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) continue;
      for (const field of Object.values(type.getFields())) {
        const connection = getNamedType(field.type);
        if (isObjectType(connection) && connection.name.endsWith('Connection'))
          found.push(`${type.name}.${field.name}`);
      }
    }
    for (const [type, fields] of Object.entries(RELATIONS)) {
      for (const [name, relation] of Object.entries(fields)) {
        declared.push(`${type}.${name}`);
        const field = (schema.getType(type) as GraphQLObjectType).getFields()[name];
        const nodes = getNamedType(
          (getNamedType(field.type) as GraphQLObjectType).getFields().nodes.type,
        ) as GraphQLObjectType;
        // A list of nodes lists the target; a list of reified relationships has the target as one of its ends.
        if (relation.list === 'nodes') expect(nodes.name, `${type}.${name}`).toBe(relation.target);
        else
          expect(
            Object.values(nodes.getFields()).map((f) => getNamedType(f.type).name),
            `${type}.${name}`,
          ).toContain(relation.target);
        if (relation.filter)
          expect(
            field.args.map((a) => a.name),
            `${type}.${name}`,
          ).toContain(relation.filter.arg);
      }
    }
    expect(declared.sort()).toEqual(found.sort());
  });
});
