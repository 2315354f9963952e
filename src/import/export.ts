// Reads the whole graph back into the import format, in a canonical order (records by id, relationships by
// type, from, to; properties without nulls), so that export → import into an empty database → export
// gives the same document.
import type { Database, QueryStats } from '../db/driver.js';
import { ENTITIES, RELATIONSHIPS, entityOfId } from '../graph/model.js';
import { SORT_KEY } from '../graph/sorts.js';
import { FORMAT, type GraphDocument, type NodeRecord, type RelationshipRecord } from './document.js';

export async function exportDocument(db: Database): Promise<GraphDocument> {
  const doc: GraphDocument = { format: FORMAT };
  for (const entity of ENTITIES) {
    const parent = entity.parent;
    const rows = await db.read(
      parent
        ? `MATCH (n:${entity.label}) OPTIONAL MATCH (n)-[:${parent.rel}]->(p:${parent.label})
           RETURN properties(n) AS props, p.id AS parent ORDER BY n.id`
        : `MATCH (n:${entity.label}) RETURN properties(n) AS props, null AS parent ORDER BY n.id`,
    );
    (doc as Record<string, unknown>)[entity.collection] = rows.map((row) => {
      const rec = fromStored(row.props as Record<string, unknown>) as NodeRecord;
      if (parent && row.parent) rec[parent.field] = row.parent;
      return canonical(rec, ['id']);
    });
  }
  const relationships: RelationshipRecord[] = [];
  for (const spec of RELATIONSHIPS) {
    const rows = await db.read(
      `MATCH (a)-[r:${spec.type}]->(b) RETURN a.id AS from, b.id AS to, properties(r) AS props ORDER BY from, to`,
    );
    for (const row of rows) {
      relationships.push(canonical({ type: spec.type, from: row.from, to: row.to, ...fromStored(row.props as Record<string, unknown>) },
        ['type', 'from', 'to']) as RelationshipRecord);
    }
  }
  doc.relationships = relationships;
  return doc;
}

/** One node as an import record (with its parent reference), or null when there is no such node. */
export async function exportNode(db: Database, id: string, stats?: QueryStats): Promise<NodeRecord | null> {
  const entity = entityOfId(id);
  if (!entity) return null;
  const parent = entity.parent;
  const rows = await db.read(
    parent
      ? `MATCH (n:${entity.label} {id: $id}) OPTIONAL MATCH (n)-[:${parent.rel}]->(p:${parent.label})
         RETURN properties(n) AS props, p.id AS parent`
      : `MATCH (n:${entity.label} {id: $id}) RETURN properties(n) AS props, null AS parent`,
    { id }, stats);
  if (!rows.length) return null;
  const rec = fromStored(rows[0].props as Record<string, unknown>) as NodeRecord;
  if (parent && rows[0].parent) rec[parent.field] = rows[0].parent;
  return canonical(rec, ['id']) as NodeRecord;
}

/** Stored properties as a record: `sourceIds` as `sources`, less the derived sort key. */
function fromStored(props: Record<string, unknown>): Record<string, unknown> {
  const { sourceIds, [SORT_KEY]: _sortKey, ...rest } = props;
  return { ...rest, sources: (sourceIds as string[] | undefined) ?? [] };
}

/** Leading keys first, then the rest alphabetically, provenance and sources last: stable, diff-friendly output. */
function canonical(rec: Record<string, unknown>, leading: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of leading) out[k] = rec[k];
  for (const k of Object.keys(rec).sort()) {
    if (leading.includes(k) || k === 'provenance' || k === 'sources' || rec[k] === null || rec[k] === undefined) continue;
    out[k] = rec[k];
  }
  out.provenance = rec.provenance;
  out.sources = rec.sources;
  return out;
}
