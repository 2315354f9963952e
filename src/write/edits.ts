// The writes of the mutations that the import path does not cover: changing some fields of a node, deleting a node
// (with the nodes it owns when forced), and removing a relationship, with the reads that decide them. Creation and
// adding relationships go through the import path (src/import), so they are validated exactly like an import; both
// paths store a node's fields and its references through src/write/stored.ts.
import type { Queries } from '../db/driver.js';
import { ENTITY_LABEL } from '../db/migrations.js';
import { OWNED_RELATIONSHIPS, OWNERSHIP_DEPTH, type EntitySpec } from '../domain/model.js';
import { refRow, refStatement, storedFields } from './stored.js';

/**
 * Changes the given fields of a node (a null removes the property; `id` and references are not properties) and,
 * given the record as it is after the change (`record`), points its refs at that record's targets with its
 * provenance and sources on each edge (a null target leaves the ref unset).
 */
export async function updateNode(
  db: Queries,
  entity: EntitySpec,
  id: string,
  fields: Record<string, unknown>,
  record?: Record<string, unknown>,
): Promise<void> {
  const { id: _id, ...rest } = fields;
  const changes = storedFields(entity, rest);
  await db.writeAll(async (run) => {
    // `+=` with a null value removes that property; the other properties stay as they are, so concurrent
    // updates of different fields do not overwrite each other.
    await run(`MATCH (n:${entity.label} {id: $id}) SET n += $changes`, { id, changes });
    if (record)
      for (const ref of entity.refs ?? [])
        await run(refStatement(entity, ref), { rows: [refRow({ ...record, id }, ref)] });
  });
}

export interface References {
  /** Relationships into the node from others. */
  incoming: number;
  /** Facts that cite the node as a source. */
  citations: number;
}

export async function referencesOf(db: Queries, id: string): Promise<References> {
  const [row] = await db.read(
    `MATCH (n:${ENTITY_LABEL} {id: $id})
     RETURN COUNT { (n)<-[]-() } AS incoming,
            COUNT { MATCH (x:${ENTITY_LABEL}) WHERE $id IN x.sourceIds } +
            COUNT { MATCH ()-[r]->() WHERE $id IN r.sourceIds } AS citations`,
    { id },
  );
  return { incoming: (row?.incoming as number) ?? 0, citations: (row?.citations as number) ?? 0 };
}

/**
 * Deletes the node, its relationships, and the nodes it owns, transitively (see RefSpec.owned: a program's budget
 * lines, a technology's supply listings and their shares). `removedRelationships` counts each removed
 * relationship once, whichever of the deleted nodes it touched.
 */
export async function deleteNode(
  db: Queries,
  label: string,
  id: string,
): Promise<{ deleted: boolean; removedRelationships: number }> {
  const owned = OWNED_RELATIONSHIPS.length
    ? `OPTIONAL MATCH (c)-[:${OWNED_RELATIONSHIPS.join('|')}*1..${OWNERSHIP_DEPTH}]->(n)`
    : 'WITH n, null AS c';
  const [row] = await db.write(
    `MATCH (n:${label} {id: $id})
     ${owned}
     WITH n, [n] + collect(DISTINCT c) AS gone
     CALL (gone) { UNWIND gone AS x MATCH (x)-[r]-() RETURN count(DISTINCT r) AS rels }
     FOREACH (x IN gone | DETACH DELETE x)
     RETURN rels`,
    { id },
  );
  return { deleted: row !== undefined, removedRelationships: (row?.rels as number) ?? 0 };
}

export async function removeRelationship(db: Queries, type: string, from: string, to: string): Promise<boolean> {
  const [row] = await db.write(
    `MATCH (:${ENTITY_LABEL} {id: $from})-[r:${type}]->(:${ENTITY_LABEL} {id: $to})
     DELETE r
     RETURN count(*) AS n`,
    { from, to },
  );
  return ((row?.n as number) ?? 0) > 0;
}

/** The stored properties of a relationship, or null. */
export async function relationshipProps(
  db: Queries,
  type: string,
  from: string,
  to: string,
): Promise<Record<string, unknown> | null> {
  const [row] = await db.read(
    `MATCH (:${ENTITY_LABEL} {id: $from})-[r:${type}]->(:${ENTITY_LABEL} {id: $to}) RETURN properties(r) AS r`,
    { from, to },
  );
  return (row?.r as Record<string, unknown>) ?? null;
}
