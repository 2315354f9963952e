// Evidence about a technology besides capabilities (docs/domain.md, "Evidence (version 2)"): national assessments,
// supply listings with their shares, and import dependence; their references, and the lists of them on
// Technology, SupplyListing and Organization (declared in relations.ts).
import DataLoader from 'dataloader';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { Context } from './context.js';
import type { Loaders } from './loaders.js';
import type { NodeRec } from './lists.js';
import { factFields, singleVia } from './resolve.js';

const assessmentTechnology = singleVia('NationalAssessment', 'ASSESSES', 'Technology');
const listingTechnology = singleVia('SupplyListing', 'LISTS', 'Technology');
const shareListing = singleVia('SupplyShare', 'SHARE_IN', 'SupplyListing');
const shareOrganization = singleVia('SupplyShare', 'HELD_BY', 'Organization');
const dependenceTechnology = singleVia('ImportDependence', 'IMPORT_OF', 'Technology');

/** One request's sums of country shares, batched: a page of listings asks once. Keyed by the request's loaders. */
const shareSums = new WeakMap<Loaders, DataLoader<string, number | null>>();

function shareSumOf(ctx: Context, listingId: string): Promise<number | null> {
  let loader = shareSums.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(
      async (ids) => {
        const rows = await ctx.db.read(
          `UNWIND $ids AS id
         MATCH (l:SupplyListing {id: id})
         RETURN id, [(s:SupplyShare)-[:SHARE_IN]->(l) WHERE s.country IS NOT NULL AND s.share IS NOT NULL | s.share] AS shares`,
          { ids: [...new Set(ids)] },
        );
        const byId = new Map(rows.map((r) => [r.id as string, r.shares as number[]]));
        return ids.map((id) => {
          const shares = byId.get(id) ?? [];
          // Rounded to millionths, so 33.3 + 33.3 + 33.4 reads 100 and not 99.99999999999999.
          return shares.length ? Math.round(shares.reduce((a, b) => a + b, 0) * 1e6) / 1e6 : null;
        });
      },
      { maxBatchSize: 1000 },
    );
    shareSums.set(ctx.loaders, loader);
  }
  return loader.load(listingId);
}

/** A required reference: the model keeps it set (it is owned by its target), so a missing one is a broken graph. */
function required(load: (n: NodeRec, args: unknown, ctx: Context) => Promise<NodeRec | null>, what: string) {
  return async (n: NodeRec, args: unknown, ctx: Context): Promise<NodeRec> => {
    const target = await load(n, args, ctx);
    if (!target) throw new Error(`${n.id} has no ${what}`);
    return target;
  };
}

export const evidenceResolvers: Resolvers = {
  NationalAssessment: {
    ...factFields,
    technology: required(assessmentTechnology, 'technology'),
  },
  SupplyListing: {
    ...factFields,
    technology: required(listingTechnology, 'technology'),
    complete: (l) => l.complete === true,
    countryShareSum: (l, _args, ctx) => shareSumOf(ctx, l.id),
  },
  SupplyShare: {
    ...factFields,
    listing: required(shareListing, 'listing'),
    organization: shareOrganization,
  },
  ImportDependence: {
    ...factFields,
    technology: required(dependenceTechnology, 'technology'),
  },
};
