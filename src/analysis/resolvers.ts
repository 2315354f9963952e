// Resolvers of the analysis questions (schema/analysis.graphql). Arguments are checked here; the questions are
// computed by the Cypher in the other modules of src/analysis.
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeRec } from '../graph/lists.js';
import type { Context } from '../server/context.js';
import { budgetSummary } from './budget.js';
import { jointRndEligibility } from './eligibility.js';
import { exposure } from './exposure.js';
import { chokepointRanking, CONNECTION_ROWS, gapProjection, uncoveredTargets, valueChainGaps } from './gaps.js';
import { analysisParams, kept, type AnalysisParams } from './options.js';
import { partnerCandidates, partnerProjection } from './partners.js';
import { reviewCompliance } from './reviews.js';
import { singleSourceRisks } from './risks.js';
import { search } from './search.js';

function ofType(id: string, prefix: string): boolean {
  return id.startsWith(`${prefix}:`);
}

/** The node with this id if it is of the type with this id prefix and kept at the minimum provenance. */
async function subject(ctx: Context, id: string, prefix: string, params: AnalysisParams): Promise<NodeRec | null> {
  if (!ofType(id, prefix)) return null;
  const n = await ctx.loaders.node.load(id);
  return n && kept(params, n) ? n : null;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export const analysisResolvers: Resolvers = {
  Query: {
    // The gap questions look their subject up in their own statement (one round trip); an id of another type is
    // no such subject.
    valueChainGaps: (_, args, ctx, info) => {
      const params = analysisParams(args);
      return ofType(args.sector, 'sector')
        ? valueChainGaps(ctx.db, ctx.stats, args.sector, params, args, gapProjection(info, CONNECTION_ROWS))
        : null;
    },
    chokepointRanking: (_, args, ctx, info) =>
      chokepointRanking(ctx.db, ctx.stats, analysisParams(args), args, gapProjection(info, CONNECTION_ROWS)),
    partnerCandidates: (_, args, ctx, info) => {
      const params = analysisParams(args);
      return ofType(args.technology, 'tech')
        ? partnerCandidates(ctx.db, ctx.stats, args.technology, params, args, partnerProjection(info))
        : null;
    },
    singleSourceRisks: (_, args, ctx) => singleSourceRisks(ctx.db, ctx.stats, args.kind ?? null, analysisParams(args), args),
    jointRndEligibility: (_, args, ctx) => jointRndEligibility(ctx.db, ctx.stats, args.technology, analysisParams(args)),
    uncoveredTargets: (_, args, ctx, info) => {
      const params = analysisParams(args);
      return ofType(args.program, 'program')
        ? uncoveredTargets(ctx.db, ctx.stats, args.program, params, args, gapProjection(info, CONNECTION_ROWS))
        : null;
    },
    exposure: (_, args, ctx, info) => {
      const params = analysisParams(args);
      return ofType(args.organization, 'org')
        ? exposure(ctx.db, ctx.stats, args.organization, params, args, gapProjection(info, CONNECTION_ROWS.map((r) => [...r, 'assessment'])))
        : null;
    },
    reviewCompliance: (_, args, ctx) =>
      reviewCompliance(ctx.db, ctx.stats, args.asOf ?? today(), analysisParams(args), args),
    budgetSummary: async (_, args, ctx) => {
      const params = analysisParams(args);
      const program = await subject(ctx, args.program, 'program', params);
      return program ? budgetSummary(ctx.db, ctx.stats, program, params) : null;
    },
    search: (_, args, ctx) =>
      search(ctx.db, ctx.stats, args.text, args.kinds ?? null, analysisParams(args), args),
  },
};
