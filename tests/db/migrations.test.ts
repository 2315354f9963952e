// The migration planner: from what SHOW INDEXES reports, only the missing constraints and indexes are created and
// a retired index is dropped. Runs without a database (tests/graph/sort-key.test.ts runs the data migration).
import { describe, expect, it } from 'vitest';
import {
  NAME_INDEX,
  RETIRED_INDEXES,
  dataStatement,
  schemaChanges,
  schemaItems,
  type ExistingIndex,
} from '../../src/db/migrations.js';
import { ENTITIES } from '../../src/domain/model.js';

/** SHOW INDEXES of a store that has every item: a constraint shows as its backing index, named after it. */
function complete(): ExistingIndex[] {
  return schemaItems().map((i) => ({
    name: i.name,
    state: 'ONLINE',
    owningConstraint: i.kind === 'constraint' ? i.name : null,
  }));
}

describe('migration planner', () => {
  it('creates everything on an empty store, with IF NOT EXISTS, and drops nothing', () => {
    const stmts = schemaChanges([]);
    expect(stmts).toHaveLength(schemaItems().length);
    expect(stmts.every((s) => /^CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX) \w+ IF NOT EXISTS /.test(s))).toBe(true);
    expect(stmts.filter((s) => s.startsWith('CREATE CONSTRAINT'))).toHaveLength(ENTITIES.length + 1);
    expect(stmts.some((s) => s.startsWith(`CREATE FULLTEXT INDEX ${NAME_INDEX} `))).toBe(true);
  });

  it('sends nothing to a store that is up to date', () => {
    expect(schemaChanges(complete())).toEqual([]);
  });

  it('creates only what is missing', () => {
    const existing = complete().filter((i) => i.name !== 'sector_name' && i.name !== 'project_id');
    expect(schemaChanges(existing).sort()).toEqual([
      'CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE',
      'CREATE INDEX sector_name IF NOT EXISTS FOR (n:Sector) ON (n.name)',
    ]);
  });

  it('drops a retired index first, and only when it is there', () => {
    expect(RETIRED_INDEXES).toContain('name_search');
    const existing = [...complete(), { name: 'name_search', state: 'ONLINE', owningConstraint: null }];
    expect(schemaChanges(existing)).toEqual(['DROP INDEX name_search IF EXISTS']);
    const stmts = schemaChanges([{ name: 'name_search', state: 'ONLINE', owningConstraint: null }]);
    expect(stmts[0]).toBe('DROP INDEX name_search IF EXISTS');
    expect(stmts.slice(1).some((s) => s.includes('name_search'))).toBe(false);
  });

  it('counts a constraint as present by its owning constraint, not by an index of the same name', () => {
    const existing = complete().map((i) => (i.name === 'entity_id' ? { ...i, owningConstraint: null } : i));
    expect(schemaChanges(existing)).toEqual([
      'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
    ]);
  });

  it('fills the sort key of every sorted label in one statement', () => {
    const stmt = dataStatement();
    const labels = [...stmt.matchAll(/CALL \(\) \{ MATCH \(n:(\w+)\) WHERE n\.sortKey IS NULL SET/g)].map((m) => m[1]);
    expect(labels).toContain('Technology');
    expect(labels).toContain('Project');
    expect(labels).not.toContain('BudgetLine');
    expect(new Set(labels).size).toBe(labels.length);
  });
});
