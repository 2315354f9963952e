// Writes a validated graph document in one transaction of batched UNWIND statements: all of it or nothing.
// Every statement MERGEs on ids (and on type+ends for relationships) and SETs whole property maps, so
// running the same document twice leaves the same graph.
import type { Database, QueryStats } from '../db/driver.js';
import { ENTITY_LABEL } from '../db/migrations.js';
import { ENTITIES, ENTITY_BY_PREFIX, propOf, RELATIONSHIP_BY_TYPE } from '../graph/model.js';
import { SORT_KEY, sortKeyOf, sortKeySource } from '../graph/sorts.js';
import { toStored } from '../graph/values.js';
import type { GraphDocument, ImportCounts, NodeRecord, RelationshipRecord } from './document.js';

export const BATCH_SIZE = 5000;

/**
 * Node properties as stored: the record less its references, with `sources` kept as `sourceIds`, and the list
 * sort key of its name or title (src/graph/sorts.ts).
 */
export function storedNodeProps(rec: NodeRecord, parentField?: string): Record<string, unknown> {
  const entity = ENTITY_BY_PREFIX.get(rec.id.slice(0, rec.id.indexOf(':')));
  const spec = entity?.props ?? {};
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (k === 'sources' || k === parentField || v === null || v === undefined) continue;
    props[k] = toStored(propOf(spec, k)?.type, v);
  }
  props.sourceIds = rec.sources ?? [];
  const text = entity && sortKeySource(entity);
  if (text) props[SORT_KEY] = sortKeyOf(rec[text]);
  return props;
}

export function storedRelProps(rec: RelationshipRecord): Record<string, unknown> {
  const spec = RELATIONSHIP_BY_TYPE.get(rec.type)?.props ?? {};
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (k === 'type' || k === 'from' || k === 'to' || k === 'sources' || v === null || v === undefined) continue;
    props[k] = toStored(propOf(spec, k)?.type, v);
  }
  props.sourceIds = rec.sources ?? [];
  return props;
}

function* batches<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH_SIZE) yield items.slice(i, i + BATCH_SIZE);
}

/** The DEPENDS_ON relationships being written would close a cycle with ones committed meanwhile. */
export class CycleConflict extends Error {
  constructor(readonly from: string, readonly to: string) {
    super(`the DEPENDS_ON relationship ${from} -> ${to} would close a cycle (with relationships written at the same time)`);
  }
}

export async function writeDocument(db: Database, doc: GraphDocument, stats?: QueryStats): Promise<ImportCounts> {
  const counts: ImportCounts = { nodes: 0, relationships: 0, byCollection: {} };
  const dependencies = (doc.relationships ?? []).filter((r) => r.type === 'DEPENDS_ON');
  await db.writeAll(async (run) => {
    if (dependencies.length) {
      // The validator checked for cycles before this transaction, but two writers adding A -> B and B -> A at
      // the same time each pass it. So DEPENDS_ON writers take turns on one lock node, and check again below,
      // inside the transaction, where every edge committed before they got the lock is visible.
      await run("MERGE (l:WriteLock {name: 'DEPENDS_ON'}) SET l.at = timestamp()");
    }
    for (const entity of ENTITIES) {
      const records = (doc[entity.collection as keyof GraphDocument] as NodeRecord[] | undefined) ?? [];
      if (!records.length) continue;
      counts.nodes += records.length;
      counts.byCollection[entity.collection] = records.length;
      for (const batch of batches(records)) {
        await run(
          `UNWIND $rows AS row
           MERGE (n:${ENTITY_LABEL} {id: row.id})
           SET n:${entity.label}
           SET n = row.props`,
          { rows: batch.map((r) => ({ id: r.id, props: storedNodeProps(r, entity.parent?.field) })) },
        );
      }
    }
    // Parent references after all nodes exist, since a parent may come later in the document.
    for (const entity of ENTITIES) {
      const parent = entity.parent;
      const records = (doc[entity.collection as keyof GraphDocument] as NodeRecord[] | undefined) ?? [];
      if (!parent || !records.length) continue;
      for (const batch of batches(records)) {
        await run(
          `UNWIND $rows AS row
           MATCH (n:${entity.label} {id: row.id})
           OPTIONAL MATCH (n)-[old:${parent.rel}]->(p)
           WHERE row.parent IS NULL OR p.id <> row.parent
           DELETE old
           WITH DISTINCT n, row
           WHERE row.parent IS NOT NULL
           MATCH (p:${parent.label} {id: row.parent})
           MERGE (n)-[r:${parent.rel}]->(p)
           SET r = row.props`,
          {
            rows: batch.map((r) => ({
              id: r.id,
              parent: (r[parent.field] as string | undefined) ?? null,
              props: { provenance: r.provenance, sourceIds: r.sources ?? [] },
            })),
          },
        );
      }
    }
    const byType = new Map<string, RelationshipRecord[]>();
    for (const rel of doc.relationships ?? []) {
      let list = byType.get(rel.type);
      if (!list) byType.set(rel.type, (list = []));
      list.push(rel);
    }
    for (const [type, rels] of byType) {
      const spec = RELATIONSHIP_BY_TYPE.get(type)!;
      counts.relationships += rels.length;
      counts.byCollection[`relationships.${type}`] = rels.length;
      const fromLabel = spec.from.length === 1 ? `:${spec.from[0]}` : `:${ENTITY_LABEL}`;
      const toLabel = spec.to.length === 1 ? `:${spec.to[0]}` : `:${ENTITY_LABEL}`;
      for (const batch of batches(rels)) {
        await run(
          `UNWIND $rows AS row
           MATCH (a${fromLabel} {id: row.from})
           MATCH (b${toLabel} {id: row.to})
           MERGE (a)-[r:${type}]->(b)
           SET r = row.props`,
          { rows: batch.map((r) => ({ from: r.from, to: r.to, props: storedRelProps(r) })) },
        );
      }
    }
    if (dependencies.length) {
      const [cycle] = await run(
        `UNWIND $pairs AS p
         MATCH (a:Technology {id: p.from}), (b:Technology {id: p.to})
         WHERE EXISTS { (b)-[:DEPENDS_ON*1..]->(a) }
         RETURN a.id AS from, b.id AS to LIMIT 1`,
        { pairs: dependencies.map((r) => ({ from: r.from, to: r.to })) },
      );
      if (cycle) throw new CycleConflict(cycle.from as string, cycle.to as string); // rolls the whole write back
    }
  }, stats);
  return counts;
}
