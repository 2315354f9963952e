// Evidence about a technology besides capabilities (docs/domain.md, "Evidence (version 2)"): national assessments,
// supply listings with their shares, and import dependence; their references, and the lists of them on
// Technology, SupplyListing and Organization.
import DataLoader from 'dataloader';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { Context } from './context.js';
import type { Loaders } from './loaders.js';
import type { NodeRec, RelationSpec } from './lists.js';
import { factFields, nodesVia, singleVia } from './resolve.js';

/**
 * A listing's shares: the largest first, those without a number last, then by country code or organization name.
 * One text key, since a relation list sorts on one: the share's distance from 100 in millionths, zero-padded.
 */
const SHARE_ORDER = `CASE WHEN n.share IS NULL THEN '1'
  ELSE '0' + right('000000000' + toString(toInteger(round((100 - n.share) * 1000000))), 9) END
  + '#' + toLower(coalesce(n.country, head([(n)-[:HELD_BY]->(o:Organization) | o.name]), ''))`;

export const evidenceRelations = {
  // By country, then the latest round first: 10000 - round keeps four digits for every year 1900–2100.
  assessments: {
    parent: 'Technology', rel: 'ASSESSES', dir: 'in', target: 'NationalAssessment', key: "n.country + '#' + toString(10000 - n.round)",
    tag: 'tech.assessments', extra: { clause: 'n.country = $country', param: 'country' },
  },
  supplyListings: { parent: 'Technology', rel: 'LISTS', dir: 'in', target: 'SupplyListing', key: '-n.year', tag: 'tech.supplyListings' },
  // The latest year first, then the largest share (0–100, so below a thousand).
  importDependence: {
    parent: 'Technology', rel: 'IMPORT_OF', dir: 'in', target: 'ImportDependence', key: '-(n.year * 1000 + n.share)',
    tag: 'tech.importDependence', extra: { clause: 'n.importer = $importer', param: 'importer' },
  },
  shares: { parent: 'SupplyListing', rel: 'SHARE_IN', dir: 'in', target: 'SupplyShare', key: SHARE_ORDER, tag: 'listing.shares' },
  // The latest listing year first, then the largest share; an entry without a number (-1) after those with one.
  organizationShares: {
    parent: 'Organization', rel: 'HELD_BY', dir: 'in', target: 'SupplyShare',
    key: '-(coalesce(head([(n)-[:SHARE_IN]->(l:SupplyListing) | l.year]), 0) * 1000 + coalesce(n.share, -1))',
    tag: 'org.supplyShares',
  },
} satisfies Record<string, RelationSpec>;

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
    loader = new DataLoader(async (ids) => {
      const rows = await ctx.db.read(
        `UNWIND $ids AS id
         MATCH (l:SupplyListing {id: id})
         RETURN id, [(s:SupplyShare)-[:SHARE_IN]->(l) WHERE s.country IS NOT NULL AND s.share IS NOT NULL | s.share] AS shares`,
        { ids: [...new Set(ids)] });
      const byId = new Map(rows.map((r) => [r.id as string, r.shares as number[]]));
      return ids.map((id) => {
        const shares = byId.get(id) ?? [];
        // Rounded to millionths, so 33.3 + 33.3 + 33.4 reads 100 and not 99.99999999999999.
        return shares.length ? Math.round(shares.reduce((a, b) => a + b, 0) * 1e6) / 1e6 : null;
      });
    }, { maxBatchSize: 1000 });
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

const r = evidenceRelations;
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
    shares: nodesVia(r.shares),
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
  Technology: {
    assessments: nodesVia(r.assessments),
    supplyListings: nodesVia(r.supplyListings),
    importDependence: nodesVia(r.importDependence),
  },
  Organization: {
    supplyShares: nodesVia(r.organizationShares),
  },
};
