// A technology's standing under a lens (Technology.standing): the figures and status of domain.md "Figures and
// status" with the evidence behind them. Batched per request and lens, so a list of technologies asking for their
// standing costs one statement.
import DataLoader from 'dataloader';
import type { NodeRec } from '../graph/lists.js';
import type { ProvenanceValue } from '../domain/model.js';
import type { Context } from '../graph/context.js';
import type { GapStatus } from '../generated/resolvers-types.js';
import { EVIDENCE_RECORDS, GAP_FIGURES } from './cypher.js';
import { list, node, nullable, num, str, decodeRow } from '../db/rows.js';
import { basisOf, evidenceOf, type EvidenceRecord } from './evidence.js';
import { evidenceRow, FIGURES } from './rows.js';
import { lensTag, type AnalysisParams } from './options.js';

export interface TechnologyStanding {
  status: GapStatus;
  domesticBest: number | null;
  foreignBest: number | null;
  gap: number | null;
  homeShare: number | null;
  hhi: number | null;
  listingYear: number | null;
  basis: ProvenanceValue | null;
  evidence: EvidenceRecord[];
}

const STANDING = `
  UNWIND $ids AS id
  MATCH (t:Technology {id: id})
  ${GAP_FIGURES}
  ${EVIDENCE_RECORDS}
  RETURN id, properties(t) AS t, status, domesticBest, foreignBest, gap, homeShare, hhi, listing.year AS listingYear, evidence`;

const STANDING_ROW = { id: str, t: node, ...FIGURES, listingYear: nullable(num), evidence: list(evidenceRow) };

const loaders = new WeakMap<Context, Map<string, DataLoader<string, TechnologyStanding | null>>>();

function loaderOf(ctx: Context, params: AnalysisParams): DataLoader<string, TechnologyStanding | null> {
  let byLens = loaders.get(ctx);
  if (!byLens) loaders.set(ctx, (byLens = new Map()));
  const key = JSON.stringify(lensTag(params));
  let loader = byLens.get(key);
  if (!loader) {
    loader = new DataLoader(
      async (ids) => {
        const rows = await ctx.db.read(STANDING, { ...params, ids: [...new Set(ids)] });
        const byId = new Map(
          rows.map((row) => {
            const { id, t, evidence: records, ...figures } = decodeRow('standing', STANDING_ROW, row);
            const evidence = evidenceOf(records, t);
            return [id, { ...figures, basis: basisOf(evidence), evidence }];
          }),
        );
        return ids.map((id) => byId.get(id) ?? null);
      },
      { maxBatchSize: 500 },
    );
    byLens.set(key, loader);
  }
  return loader;
}

/** The standing of a technology under the lens of `params`. */
export async function standingOf(
  ctx: Context,
  technology: NodeRec,
  params: AnalysisParams,
): Promise<TechnologyStanding> {
  const found = await loaderOf(ctx, params).load(technology.id);
  if (!found) throw new Error(`technology ${technology.id} went away while its standing was read`);
  return found;
}
