// Cypher of the mutations that the import path does not cover: changing some fields of a node, deleting a
// node (with its owned children when forced), and removing a relationship. Creation and adding
// relationships go through the import path (src/import), so they are validated exactly like an import.
import type { Database, QueryStats } from '../db/driver.js';
import { ENTITY_LABEL } from '../db/migrations.js';
import type { EntitySpec } from './model.js';
import { SORT_KEY, sortKeyOf, sortKeySource } from './sorts.js';

/** Relationships whose `from` node cannot exist without its `to` node (a budget line without its program). */
const OWNED_BY = 'FUNDS|REVIEWS|STAGE_OF';

export async function updateNode(
  db: Database, stats: QueryStats, entity: EntitySpec, id: string, changes: Record<string, unknown>,
  parent: { id: string | null; props: Record<string, unknown> } | undefined,
): Promise<void> {
  const text = sortKeySource(entity);
  if (text && text in changes) changes = { ...changes, [SORT_KEY]: sortKeyOf(changes[text]) };
  await db.writeAll(async (run) => {
    // `+=` with a null value removes that property; the other properties stay as they are, so concurrent
    // updates of different fields do not overwrite each other.
    await run(`MATCH (n:${entity.label} {id: $id}) SET n += $changes`, { id, changes });
    if (entity.parent && parent) {
      const rel = entity.parent.rel;
      await run(
        `MATCH (n:${entity.label} {id: $id})
         OPTIONAL MATCH (n)-[old:${rel}]->(p)
         WHERE $parent IS NULL OR p.id <> $parent
         DELETE old
         WITH DISTINCT n
         WHERE $parent IS NOT NULL
         MATCH (p:${entity.parent.label} {id: $parent})
         MERGE (n)-[r:${rel}]->(p)
         SET r = $props`,
        { id, parent: parent.id, props: parent.props },
      );
    }
  }, stats);
}

export interface References {
  /** Relationships into the node from others. */
  incoming: number;
  /** Facts that cite the node as a source. */
  citations: number;
}

export async function referencesOf(db: Database, stats: QueryStats, id: string): Promise<References> {
  const [row] = await db.read(
    `MATCH (n:${ENTITY_LABEL} {id: $id})
     RETURN COUNT { (n)<-[]-() } AS incoming,
            COUNT { MATCH (x:${ENTITY_LABEL}) WHERE $id IN x.sourceIds } +
            COUNT { MATCH ()-[r]->() WHERE $id IN r.sourceIds } AS citations`,
    { id }, stats);
  return { incoming: (row?.incoming as number) ?? 0, citations: (row?.citations as number) ?? 0 };
}

/** Deletes the node, its relationships, and the nodes it owns (budget lines, reviews, stages). */
export async function deleteNode(db: Database, stats: QueryStats, label: string, id: string): Promise<{ deleted: boolean; removedRelationships: number }> {
  const [row] = await db.write(
    `MATCH (n:${label} {id: $id})
     OPTIONAL MATCH (c)-[:${OWNED_BY}]->(n)
     WITH n, collect(DISTINCT c) AS owned
     WITH n, owned, COUNT { (n)-[]-() } + reduce(s = 0, c IN owned | s + COUNT { (c)-[]-() }) AS rels
     FOREACH (c IN owned | DETACH DELETE c)
     DETACH DELETE n
     RETURN rels`,
    { id }, stats);
  return { deleted: row !== undefined, removedRelationships: (row?.rels as number) ?? 0 };
}

export async function removeRelationship(db: Database, stats: QueryStats, type: string, from: string, to: string): Promise<boolean> {
  const [row] = await db.write(
    `MATCH (:${ENTITY_LABEL} {id: $from})-[r:${type}]->(:${ENTITY_LABEL} {id: $to})
     DELETE r
     RETURN count(*) AS n`,
    { from, to }, stats);
  return ((row?.n as number) ?? 0) > 0;
}

/** The stored properties of a relationship, or null. */
export async function relationshipProps(db: Database, stats: QueryStats, type: string, from: string, to: string): Promise<Record<string, unknown> | null> {
  const [row] = await db.read(
    `MATCH (:${ENTITY_LABEL} {id: $from})-[r:${type}]->(:${ENTITY_LABEL} {id: $to}) RETURN properties(r) AS r`,
    { from, to }, stats);
  return (row?.r as Record<string, unknown>) ?? null;
}
