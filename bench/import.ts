// Import rate: our validated import (importDocument: the whole-document validation, then writeDocument's batched
// MERGEs in one transaction) against the floor, a bare UNWIND … CREATE of the same records in batches of the same
// size, one transaction per batch, with no validation, no MERGE and no idempotency. Both start from an empty graph
// (constraints and indexes in place) and store the same properties.
import neo4j, { type Driver } from 'neo4j-driver';
import type { Database } from '../src/db/driver.js';
import { ENTITY_LABEL } from '../src/db/migrations.js';
import { ENTITIES, RELATIONSHIP_BY_TYPE } from '../src/domain/model.js';
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../src/domain/document.js';
import { existingGraph, importDocument } from '../src/import/index.js';
import { validateDocument } from '../src/import/validate.js';
import { BATCH_SIZE } from '../src/write/document.js';
import { storedNodeProps, storedRelProps } from '../src/write/stored.js';

export interface ImportTiming {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  /** Ours only: the part spent validating. */
  validateSeconds?: number;
}

export function recordCount(doc: GraphDocument): number {
  let n = doc.relationships?.length ?? 0;
  for (const e of ENTITIES) n += (doc as Record<string, unknown[]>)[e.collection]?.length ?? 0;
  return n;
}

/** Deletes every node, in transactions of 10,000 (a single one would need the heap of a whole import). */
export async function clearGraph(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS');
  } finally {
    await session.close();
  }
}

export async function ourImport(db: Database, doc: GraphDocument): Promise<ImportTiming> {
  const records = recordCount(doc);
  // Where the time goes: the validation alone, on the same empty graph, outside the timed import (it writes nothing).
  const v0 = performance.now();
  await validateDocument(doc, existingGraph(db));
  const validateSeconds = (performance.now() - v0) / 1000;
  const t0 = performance.now();
  const result = await importDocument(db, doc);
  const seconds = (performance.now() - t0) / 1000;
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return { records, seconds, recordsPerSecond: records / seconds, validateSeconds };
}

export async function floorImport(driver: Driver, database: string, doc: GraphDocument): Promise<ImportTiming> {
  const records = recordCount(doc);
  const t0 = performance.now();
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  const batchRun = async (cypher: string, rows: unknown[]) => {
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      const batch = rows.slice(i, i + BATCH_SIZE);
      await session.executeWrite((tx) => tx.run(cypher, { rows: batch }));
    }
  };
  try {
    for (const e of ENTITIES) {
      const recs = (doc as Record<string, NodeRecord[]>)[e.collection] ?? [];
      if (!recs.length) continue;
      await batchRun(
        `UNWIND $rows AS row CREATE (n:${ENTITY_LABEL}:${e.label}) SET n = row`,
        recs.map((r) => storedNodeProps(r)),
      );
    }
    for (const e of ENTITIES) {
      for (const p of e.refs ?? []) {
        const recs = ((doc as Record<string, NodeRecord[]>)[e.collection] ?? []).filter((r) => r[p.field]);
        if (!recs.length) continue;
        await batchRun(
          `UNWIND $rows AS row MATCH (n:${e.label} {id: row.id}) MATCH (p:${p.label} {id: row.parent})
           CREATE (n)-[r:${p.rel}]->(p) SET r = row.props`,
          recs.map((r) => ({
            id: r.id,
            parent: r[p.field],
            props: { provenance: r.provenance, sourceIds: r.sources ?? [] },
          })),
        );
      }
    }
    const byType = new Map<string, RelationshipRecord[]>();
    for (const r of doc.relationships ?? []) (byType.get(r.type) ?? byType.set(r.type, []).get(r.type)!).push(r);
    for (const [type, rels] of byType) {
      const spec = RELATIONSHIP_BY_TYPE.get(type)!;
      const from = spec.from.length === 1 ? spec.from[0] : ENTITY_LABEL;
      const to = spec.to.length === 1 ? spec.to[0] : ENTITY_LABEL;
      await batchRun(
        `UNWIND $rows AS row MATCH (a:${from} {id: row.from}) MATCH (b:${to} {id: row.to})
         CREATE (a)-[r:${type}]->(b) SET r = row.props`,
        rels.map((r) => ({ from: r.from, to: r.to, props: storedRelProps(r) })),
      );
    }
  } finally {
    await session.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { records, seconds, recordsPerSecond: records / seconds };
}
