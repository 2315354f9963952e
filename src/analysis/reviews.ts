// Review compliance (domain.md, query 8): ACTIVE projects with fewer than two reviews in the twelve months up to
// a date. The window holds every day d with asOf − 12 months < d ≤ asOf (calendar months; a 29 February asOf
// goes back to 28 February), i.e. windowStart = (asOf − 12 months) + 1 day through windowEnd = asOf, both
// included. Reviews after asOf do not count.
import type { Queries } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import type { ProvenanceValue } from '../domain/model.js';
import { GAP_FIGURES, HAS_GAP, ok } from './cypher.js';
import type { PageArgs } from './gaps.js';
import { basisOfRow } from './evidence.js';
import { rowId } from './row-ids.js';
import {
  connectionOf,
  keysetWindow,
  lensTag,
  pageCypherParams,
  parseForwardPage,
  tagOf,
  type AnalysisParams,
  type KeysetConnection,
  type OrderKey,
} from './options.js';

/** The strategy's promise: progress checks at least twice a year. */
export const REQUIRED_REVIEWS = 2;

export interface ReviewComplianceItem {
  id: string;
  project: NodeRec;
  reviewCount: number;
  reviews: NodeRec[];
  lastReviewDate: string | null;
  gapTechnologies: NodeRec[];
  basis: ProvenanceValue;
}

export type ReviewComplianceConnection = KeysetConnection<ReviewComplianceItem> & {
  windowStart: string;
  windowEnd: string;
};

const ORDER: OrderKey[] = [
  { field: 'n', desc: false },
  { field: 'id', desc: false },
];

export async function reviewCompliance(
  db: Queries,
  asOf: string,
  params: AnalysisParams,
  pageArgs: PageArgs,
): Promise<ReviewComplianceConnection> {
  const tag = tagOf('reviews', asOf, ...lensTag(params));
  const page = parseForwardPage(pageArgs, tag, ORDER);
  const rows = await db.read(
    `WITH date($asOf) AS windowEnd, date($asOf) - duration({months: 12}) AS before
     MATCH (p:Project) WHERE p.status = 'ACTIVE' AND ${ok('p')}
     CALL (p, before, windowEnd) {
       OPTIONAL MATCH (r:Review)-[e:REVIEWS]->(p)
       WHERE ${ok('r')} AND ${ok('e')} AND date(r.date) > before AND date(r.date) <= windowEnd
       WITH r ORDER BY r.date, r.id
       RETURN count(r) AS n, collect(properties(r)) AS reviews
     }
     CALL (p, windowEnd) {
       OPTIONAL MATCH (r:Review)-[e:REVIEWS]->(p)
       WHERE ${ok('r')} AND ${ok('e')} AND date(r.date) <= windowEnd
       RETURN max(r.date) AS last
     }
     WITH p, n, reviews, last WHERE n < $required
     CALL (p) {
       MATCH (p)-[dv:DEVELOPS]->(t:Technology) WHERE ${ok('dv')} AND ${ok('t')}
       ${GAP_FIGURES}
       WITH t, status ORDER BY t.id
       RETURN collect(CASE WHEN ${HAS_GAP('status')} THEN properties(t) END) AS gapTechs
     }
     WITH p, n, reviews, last, gapTechs
     ORDER BY n ASC, p.id ASC
     WITH collect({n: n, id: p.id, p: properties(p), reviews: reviews, last: last, gapTechs: gapTechs}) AS rows
     RETURN size(rows) AS total, ${keysetWindow('rows', ORDER)} AS page,
            toString(date($asOf) - duration({months: 12}) + duration({days: 1})) AS windowStart,
            toString(date($asOf)) AS windowEnd`,
    { ...params, asOf, required: REQUIRED_REVIEWS, ...pageCypherParams(page) },
  );
  const r = rows[0];
  type Row = { n: number; p: NodeRec; reviews: NodeRec[]; last: string | null; gapTechs: NodeRec[] };
  return {
    windowStart: r.windowStart as string,
    windowEnd: r.windowEnd as string,
    ...connectionOf(r.page as Array<Row & Record<string, unknown>>, page, tag, ORDER, r.total as number, (x) => ({
      id: rowId.reviewCompliance(x.p.id, params),
      project: x.p,
      reviewCount: x.n,
      reviews: x.reviews,
      lastReviewDate: x.last,
      gapTechnologies: x.gapTechs,
      basis: basisOfRow([x.p, ...x.reviews]),
    })),
  };
}
