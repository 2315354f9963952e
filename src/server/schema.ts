// The executable schema's resolvers: the graph's and the analysis questions', assembled here, above both, so that
// the graph does not import the analysis that reads it.
import { analysisResolvers } from '../analysis/resolvers.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { graphResolvers } from '../graph/index.js';

export const resolvers: Resolvers = graphResolvers(analysisResolvers);
