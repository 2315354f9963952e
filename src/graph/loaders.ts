// Per-request DataLoaders: every nested list or reference of a query level is fetched in one batched query,
// so a query nested d list-levels deep makes about d round trips whatever the list sizes.
import DataLoader from 'dataloader';
import type { Queries } from '../db/driver.js';
import { ENTITY_LABEL } from '../db/migrations.js';
import { readRelationPages, type NodeRec, type RelationPage } from './lists.js';
import { loaderKey, type RelationPlan } from './plan.js';

export interface Loaders {
  /** Any node by id (null when absent). */
  node: DataLoader<string, NodeRec | null>;
  /**
   * One page of a relationship list per parent, for one plan (field, page, filter, properties read): the nested
   * field loads from it, and a top-level list primes it with the pages it read ahead (plan.ts `loaderKey`).
   */
  relation(plan: RelationPlan): DataLoader<string, RelationPage>;
  /** The single node at the end of a to-one relationship (a stage's sector, a project's program). */
  single(
    parentLabel: string,
    rel: string,
    targetLabel: string,
  ): DataLoader<string, { n: NodeRec; r: Record<string, unknown> } | null>;
}

export function createLoaders(db: Queries): Loaders {
  const node = new DataLoader<string, NodeRec | null>(
    async (ids) => {
      const rows = await db.read(`UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN properties(n) AS n`, {
        ids: [...new Set(ids)],
      });
      const byId = new Map(rows.map((r) => [(r.n as NodeRec).id, r.n as NodeRec]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { maxBatchSize: 1000 },
  );

  const relations = new Map<string, DataLoader<string, RelationPage>>();
  const singles = new Map<string, DataLoader<string, { n: NodeRec; r: Record<string, unknown> } | null>>();
  return {
    node,
    relation(plan) {
      const key = loaderKey(plan);
      let loader = relations.get(key);
      if (!loader) {
        loader = new DataLoader((ids) => readRelationPages(db, plan, ids), { maxBatchSize: 1000 });
        relations.set(key, loader);
      }
      return loader;
    },
    single(parentLabel, rel, targetLabel) {
      const key = `${parentLabel}|${rel}|${targetLabel}`;
      let loader = singles.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (ids) => {
            const rows = await db.read(
              `UNWIND $ids AS pid
             MATCH (p:${parentLabel} {id: pid})-[r:${rel}]->(n:${targetLabel})
             RETURN pid, properties(n) AS n, properties(r) AS r`,
              { ids: [...new Set(ids)] },
            );
            const byId = new Map(
              rows.map((r) => [r.pid as string, { n: r.n as NodeRec, r: r.r as Record<string, unknown> }]),
            );
            return ids.map((id) => byId.get(id) ?? null);
          },
          { maxBatchSize: 1000 },
        );
        singles.set(key, loader);
      }
      return loader;
    },
  };
}
