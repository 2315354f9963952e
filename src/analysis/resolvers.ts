// Resolvers of the analysis questions (schema/analysis.graphql). Arguments are checked here; the questions are
// computed by the Cypher in the other modules of src/analysis.
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeRec } from '../graph/lists.js';
import type { Context } from '../graph/context.js';
import { userInputError } from '../graph/errors.js';
import { budgetSummary } from './budget.js';
import { jointRndEligibility } from './eligibility.js';
import { exposure } from './exposure.js';
import { evidenceResolvers } from './evidence.js';
import {
  chokepointRanking,
  CONNECTION_ROWS,
  evidenceBacklog,
  gapProjection,
  uncoveredTargets,
  valueChainGaps,
} from './gaps.js';
import { analysisParams, kept, type AnalysisParams } from './options.js';
import { partnerCandidates, partnerProjection } from './partners.js';
import { reviewCompliance } from './reviews.js';
import { DEFAULT_CONCENTRATION, singleSourceRisks } from './risks.js';
import { standingOf } from './standing.js';
import { search } from './search.js';
import { BY_ID, BY_NAME, rowListConnection } from './row-lists.js';

function ofType(id: string, prefix: string): boolean {
  return id.startsWith(`${prefix}:`);
}

/** The node with this id if it is of the type with this id prefix and kept at the minimum provenance. */
async function subject(ctx: Context, id: string, prefix: string, params: AnalysisParams): Promise<NodeRec | null> {
  if (!ofType(id, prefix)) return null;
  const n = await ctx.loaders.node.load(id);
  return n && kept(params, n) ? n : null;
}

export const analysisResolvers: Resolvers = {
  Query: {
    // The gap questions look their subject up in their own statement (one round trip); an id of another type is
    // no such subject.
    valueChainGaps: (_, args, ctx, info) => {
      const params = analysisParams(args);
      return ofType(args.sector, 'sector')
        ? valueChainGaps(ctx.db, args.sector, params, args, gapProjection(info, CONNECTION_ROWS))
        : null;
    },
    chokepointRanking: (_, args, ctx, info) =>
      chokepointRanking(ctx.db, analysisParams(args), args, gapProjection(info, CONNECTION_ROWS)),
    partnerCandidates: (_, args, ctx, info) => {
      const params = analysisParams(args);
      return ofType(args.technology, 'tech')
        ? partnerCandidates(ctx.db, args.technology, params, args, partnerProjection(info))
        : null;
    },
    singleSourceRisks: (_, args, ctx) =>
      singleSourceRisks(
        ctx.db,
        args.kind ?? null,
        analysisParams(args),
        args,
        args.concentration ?? DEFAULT_CONCENTRATION,
      ),
    jointRndEligibility: (_, args, ctx) => jointRndEligibility(ctx.db, args.technology, analysisParams(args)),
    uncoveredTargets: (_, args, ctx, info) => {
      const params = analysisParams(args);
      return ofType(args.program, 'program')
        ? uncoveredTargets(ctx.db, args.program, params, args, gapProjection(info, CONNECTION_ROWS))
        : null;
    },
    exposure: (_, args, ctx, info) => {
      const params = analysisParams(args);
      return ofType(args.organization, 'org')
        ? exposure(
            ctx.db,
            args.organization,
            params,
            args,
            gapProjection(
              info,
              CONNECTION_ROWS.map((r) => [...r, 'assessment']),
            ),
          )
        : null;
    },
    // Its own asOf (the end of the review window) and the lens's are one day: either may be given.
    reviewCompliance: (_, args, ctx) => {
      if (args.asOf != null && args.lens?.asOf != null && args.asOf !== args.lens.asOf) {
        throw userInputError('"asOf" and "lens.asOf" differ; give the day once', 'asOf');
      }
      // Not folded into a lens: with the deprecated separate arguments that lens would clash with them.
      const params = analysisParams(args, args.asOf ?? null);
      return reviewCompliance(ctx.db, params.asOf, params, args);
    },
    budgetSummary: async (_, args, ctx) => {
      const params = analysisParams(args);
      const program = await subject(ctx, args.program, 'program', params);
      return program ? budgetSummary(ctx.db, program, params) : null;
    },
    search: (_, args, ctx) => search(ctx.db, args.text, args.kinds ?? null, analysisParams(args), args),
    evidenceBacklog: (_, args, ctx, info) => {
      const params = analysisParams(args);
      if (args.sector != null && !ofType(args.sector, 'sector')) return null;
      return evidenceBacklog(ctx.db, args.sector ?? null, params, args, gapProjection(info, CONNECTION_ROWS));
    },
  },
  TechnologyGapConnection: {
    unrated: (c, args, ctx, info) => c.unrated(args, ctx, info),
  },
  PartnerCandidateConnection: {
    suppliers: (c, args) => c.suppliers(args),
  },
  Technology: {
    standing: (t, args, ctx) => standingOf(ctx, t as NodeRec, analysisParams(args)),
  },
  TechnologyGap: {
    blocksConnection: (g, args, ctx, info) =>
      rowListConnection(g.blocks, args, { tag: 'TechnologyGap.blocks', keys: BY_ID }, ctx, info),
    projectsConnection: (g, args, ctx, info) =>
      rowListConnection(g.projects, args, { tag: 'TechnologyGap.projects', keys: BY_ID }, ctx, info),
    domesticLeadersConnection: (g, args, ctx, info) =>
      rowListConnection(g.domesticLeaders, args, { tag: 'TechnologyGap.domesticLeaders', keys: BY_NAME }, ctx, info),
    foreignLeadersConnection: (g, args, ctx, info) =>
      rowListConnection(g.foreignLeaders, args, { tag: 'TechnologyGap.foreignLeaders', keys: BY_NAME }, ctx, info),
  },
  UnratedTechnology: {
    projectsConnection: (u, args, ctx, info) =>
      rowListConnection(u.projects, args, { tag: 'UnratedTechnology.projects', keys: BY_ID }, ctx, info),
  },
  SingleSourceRisk: {
    sourcesConnection: (r, args, ctx, info) =>
      rowListConnection(r.sources, args, { tag: 'SingleSourceRisk.sources', keys: BY_NAME }, ctx, info),
  },
  ...evidenceResolvers,
};
