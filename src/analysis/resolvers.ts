// Resolvers of the analysis questions (schema/analysis.graphql). Arguments are checked here; the questions are
// computed by the Cypher in the other modules of src/analysis.
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeRec } from '../graph/lists.js';
import type { Context } from '../server/context.js';
import { budgetSummary } from './budget.js';
import { jointRndEligibility } from './eligibility.js';
import { exposure } from './exposure.js';
import { chokepointRanking, uncoveredTargets, valueChainGaps } from './gaps.js';
import { analysisParams, kept, type AnalysisParams } from './options.js';
import { partnerCandidates } from './partners.js';
import { reviewCompliance } from './reviews.js';
import { singleSourceRisks } from './risks.js';
import { search } from './search.js';

/** The node with this id if it is of the type with this id prefix and kept at the minimum provenance. */
async function subject(ctx: Context, id: string, prefix: string, params: AnalysisParams): Promise<NodeRec | null> {
  if (!id.startsWith(`${prefix}:`)) return null;
  const n = await ctx.loaders.node.load(id);
  return n && kept(params, n) ? n : null;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export const analysisResolvers: Resolvers = {
  Query: {
    valueChainGaps: async (_, args, ctx) => {
      const params = analysisParams(args);
      const sector = await subject(ctx, args.sector, 'sector', params);
      return sector ? valueChainGaps(ctx.db, ctx.stats, sector.id, params, args) : null;
    },
    chokepointRanking: (_, args, ctx) => chokepointRanking(ctx.db, ctx.stats, analysisParams(args), args),
    partnerCandidates: async (_, args, ctx) => {
      const params = analysisParams(args);
      const technology = await subject(ctx, args.technology, 'tech', params);
      return technology ? partnerCandidates(ctx.db, ctx.stats, technology, params, args) : null;
    },
    singleSourceRisks: (_, args, ctx) => singleSourceRisks(ctx.db, ctx.stats, args.kind ?? null, analysisParams(args), args),
    jointRndEligibility: (_, args, ctx) => jointRndEligibility(ctx.db, ctx.stats, args.technology, analysisParams(args)),
    uncoveredTargets: async (_, args, ctx) => {
      const params = analysisParams(args);
      const program = await subject(ctx, args.program, 'program', params);
      return program ? uncoveredTargets(ctx.db, ctx.stats, program.id, params, args) : null;
    },
    exposure: async (_, args, ctx) => {
      const params = analysisParams(args);
      const org = await subject(ctx, args.organization, 'org', params);
      return org ? exposure(ctx.db, ctx.stats, org, params, args) : null;
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
