// Writes a validated graph document in one transaction of batched UNWIND statements: all of it or nothing.
// Every statement MERGEs on ids (and on type+ends for relationships) and SETs whole property maps, so
// running the same document twice leaves the same graph.
import type { Queries } from '../db/driver.js';
import { ENTITY_LABEL } from '../db/migrations.js';
import { findCycle } from '../domain/cycles.js';
import type { GraphDocument, ImportCounts, NodeRecord, RelationshipRecord } from '../domain/document.js';
import { ENTITIES, RELATIONSHIP_BY_TYPE } from '../domain/model.js';
import { refRow, refStatement, storedNodeProps, storedRelProps } from './stored.js';

export const BATCH_SIZE = 5000;

function* batches<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH_SIZE) yield items.slice(i, i + BATCH_SIZE);
}

/** The DEPENDS_ON relationships being written would close a cycle with ones committed meanwhile. */
export class CycleConflict extends Error {
  constructor(readonly cycle: string[]) {
    super(
      `these DEPENDS_ON relationships would close a cycle (with relationships written at the same time): ${cycle.join(' -> ')}`,
    );
  }
}

/**
 * The DEPENDS_ON edges out of every technology reachable from `targets` (them included), as id pairs: every cycle
 * closed by a new edge a -> b runs from b back to a, so it lies in this subgraph. The walk asks only for distinct
 * ends without a bound or a path predicate, which Neo4j answers by a breadth-first search that visits each node
 * once (BFSPruningVarExpand): its cost is linear in the subgraph, where a test for a path between two given nodes
 * (`EXISTS { (b)-[:DEPENDS_ON*1..]->(a) }`) tries every path and is exponential on a dense layered graph.
 */
export const REACHABLE_DEPENDENCIES = `
  UNWIND $targets AS target
  MATCH (b:Technology {id: target})
  MATCH (b)-[:DEPENDS_ON*0..]->(x:Technology)
  WITH DISTINCT x
  MATCH (x)-[:DEPENDS_ON]->(y:Technology)
  RETURN x.id AS from, y.id AS to`;

export async function writeDocument(db: Queries, doc: GraphDocument): Promise<ImportCounts> {
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
          { rows: batch.map((r) => ({ id: r.id, props: storedNodeProps(r) })) },
        );
      }
    }
    // References after all nodes exist, since a target may come later in the document.
    for (const entity of ENTITIES) {
      const records = (doc[entity.collection as keyof GraphDocument] as NodeRecord[] | undefined) ?? [];
      for (const ref of entity.refs ?? []) {
        for (const batch of batches(records))
          await run(refStatement(entity, ref), { rows: batch.map((r) => refRow(r, ref)) });
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
      const edges = await run(REACHABLE_DEPENDENCIES, { targets: [...new Set(dependencies.map((r) => r.to))] });
      const cycle = findCycle(edges.map((e) => [e.from as string, e.to as string] as const));
      if (cycle) throw new CycleConflict(cycle); // rolls the whole write back
    }
  });
  return counts;
}
