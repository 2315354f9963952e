// The import path used by seeds, importGraph, and `npm run import`: validate the whole document, then write it.
import type { Queries } from '../db/driver.js';
import type { GraphDocument, ImportCounts, ImportProblem } from '../domain/document.js';
import type { StoredListing } from '../domain/evidence-rules.js';
import { validateDocument, type ExistingGraph } from './validate.js';
import { CycleConflict, writeDocument } from '../write/document.js';

export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; problems: ImportProblem[] };

export function existingGraph(db: Queries): ExistingGraph {
  return {
    async labelsOf(ids) {
      const rows = await db.read(
        `UNWIND $ids AS id MATCH (n:Entity {id: id})
         RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label`,
        { ids },
      );
      return new Map(rows.map((r) => [r.id as string, r.label as string]));
    },
    async supplyListings(ids) {
      const rows = await db.read(
        `UNWIND $ids AS id MATCH (l:SupplyListing {id: id})
         RETURN l.id AS id, coalesce(l.complete, false) AS complete,
                [(s:SupplyShare)-[:SHARE_IN]->(l) | {
                  id: s.id, country: s.country, share: s.share, organization: head([(s)-[:HELD_BY]->(o:Organization) | o.id])
                }] AS shares`,
        { ids },
      );
      return rows.map((r) => ({
        id: r.id as string,
        complete: r.complete as boolean,
        shares: r.shares as StoredListing['shares'],
      }));
    },
    async dependencies() {
      const rows = await db.read('MATCH (a:Technology)-[:DEPENDS_ON]->(b:Technology) RETURN a.id AS a, b.id AS b', {});
      return rows.map((r) => [r.a as string, r.b as string]);
    },
  };
}

export async function importDocument(db: Queries, doc: unknown): Promise<ImportResult> {
  const problems = await validateDocument(doc, existingGraph(db));
  if (problems.length) return { ok: false, problems };
  try {
    return { ok: true, counts: await writeDocument(db, doc as GraphDocument) };
  } catch (e) {
    if (e instanceof CycleConflict)
      return { ok: false, problems: [{ path: 'relationships', message: e.message, code: 'CYCLE' }] };
    throw e;
  }
}
