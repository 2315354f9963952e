// The graph's part of the executable schema: the SDL from schema/ and the resolvers of every domain module
// (server/schema.ts adds the analysis resolvers above them).
import type { Resolvers } from '../generated/resolvers-types.js';
import { evidenceResolvers } from './evidence.js';
import { mutationResolvers } from './mutations.js';
import { nodeResolvers } from './node.js';
import { organizationResolvers } from './organization.js';
import { programResolvers } from './program.js';
import { relationResolvers } from './resolve.js';
import { sectorResolvers } from './sector.js';
import { technologyResolvers } from './technology.js';

export { loadTypeDefs } from './typedefs.js';

/** Merges resolver maps type by type (each domain adds fields to Query and Mutation). */
export function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const out: Record<string, Record<string, unknown>> = {};
  for (const m of maps) {
    for (const [type, fields] of Object.entries(m)) {
      if (fields instanceof Object && !(fields.constructor?.name === 'GraphQLScalarType')) {
        out[type] = { ...(out[type] ?? {}), ...(fields as Record<string, unknown>) };
      } else {
        out[type] = fields as Record<string, unknown>;
      }
    }
  }
  return out as Resolvers;
}

/** The graph's resolvers and those of the layers above (`extra`), merged. */
export function graphResolvers(...extra: Resolvers[]): Resolvers {
  return mergeResolvers(
    nodeResolvers,
    technologyResolvers,
    sectorResolvers,
    organizationResolvers,
    programResolvers,
    evidenceResolvers,
    mutationResolvers,
    relationResolvers,
    ...extra,
  );
}
