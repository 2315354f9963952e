// Apollo Server 5 over our schema. The landing page is ours (server/playground.ts), because Apollo's loads
// from a CDN and shows nothing offline.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { loadTypeDefs, resolvers } from '../graph/index.js';
import type { Config } from '../config.js';
import type { Context } from './context.js';
import { formatError } from './errors.js';
import type { Logger } from './log.js';
import { bookmarksPlugin } from './bookmarks.js';
import { schemaOptions } from './subgraph.js';

export function createApollo(logger: Logger, config?: Config): ApolloServer<Context> {
  return new ApolloServer<Context>({
    // Plain schema, or a Federation 2 subgraph of it (TG_SCHEMA_MODE; server/subgraph.ts).
    ...schemaOptions(config?.schemaMode ?? 'plain', loadTypeDefs(), resolvers),
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Neo4j bookmarks in and out (x-neo4j-bookmark): read-your-writes across API instances.
      bookmarksPlugin(),
      {
        // Round trips to Neo4j for this request, for clients and tests that want to see the batching work.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (response.body.kind === 'single') {
                const ext = (response.body.singleResult.extensions ??= {});
                ext.requestId = contextValue.requestId;
                ext.dbRoundTrips = contextValue.stats?.roundTrips;
              }
            },
          };
        },
      },
    ],
    formatError: formatError((err) => logger.error({ err }, 'internal error')),
  });
}
