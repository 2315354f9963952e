// Reads the whole graph back into the import format, in a canonical order (records by id, relationships by
// type, from, to; properties without nulls), so that export → import into an empty database → export
// gives the same document.
import type { Queries, Row } from '../db/driver.js';
import { ENTITIES, RELATIONSHIPS, entityOfId, type EntitySpec } from '../domain/model.js';
import { SORT_KEY } from '../domain/sorts.js';
import { FORMAT, type GraphDocument, type NodeRecord, type RelationshipRecord } from '../domain/document.js';

/** `RETURN` columns of a node's properties and its refs' targets (`ref0`, `ref1`, … in the order of entity.refs). */
function nodeColumns(entity: EntitySpec): string {
  return [
    'properties(n) AS props',
    ...(entity.refs ?? []).map((r, i) => `head([(n)-[:${r.rel}]->(p:${r.label}) | p.id]) AS ref${i}`),
  ].join(', ');
}

/** A node's row as an import record, its refs as fields. */
function recordOf(entity: EntitySpec, row: Row): NodeRecord {
  const rec = fromStored(row.props as Record<string, unknown>) as NodeRecord;
  (entity.refs ?? []).forEach((r, i) => {
    if (row[`ref${i}`] != null) rec[r.field] = row[`ref${i}`];
  });
  return canonical(rec, ['id']) as NodeRecord;
}

export async function exportDocument(db: Queries): Promise<GraphDocument> {
  const doc: GraphDocument = { format: FORMAT };
  for (const entity of ENTITIES) {
    const rows = await db.read(`MATCH (n:${entity.label}) RETURN ${nodeColumns(entity)} ORDER BY n.id`);
    (doc as Record<string, unknown>)[entity.collection] = rows.map((row) => recordOf(entity, row));
  }
  const relationships: RelationshipRecord[] = [];
  for (const spec of RELATIONSHIPS) {
    const rows = await db.read(
      `MATCH (a)-[r:${spec.type}]->(b) RETURN a.id AS from, b.id AS to, properties(r) AS props ORDER BY from, to`,
    );
    for (const row of rows) {
      relationships.push(
        canonical(
          { type: spec.type, from: row.from, to: row.to, ...fromStored(row.props as Record<string, unknown>) },
          ['type', 'from', 'to'],
        ) as RelationshipRecord,
      );
    }
  }
  doc.relationships = relationships;
  return doc;
}

/** One node as an import record (with its refs), or null when there is no such node. */
export async function exportNode(db: Queries, id: string): Promise<NodeRecord | null> {
  const entity = entityOfId(id);
  if (!entity) return null;
  const rows = await db.read(`MATCH (n:${entity.label} {id: $id}) RETURN ${nodeColumns(entity)}`, { id });
  return rows.length ? recordOf(entity, rows[0]) : null;
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
    if (leading.includes(k) || k === 'provenance' || k === 'sources' || rec[k] === null || rec[k] === undefined)
      continue;
    out[k] = rec[k];
  }
  out.provenance = rec.provenance;
  out.sources = rec.sources;
  return out;
}
