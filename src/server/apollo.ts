// Apollo Server 5 over our schema. The landing page is ours (server/playground.ts), because Apollo's loads
// from a CDN and shows nothing offline.
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { loadTypeDefs } from '../graph/index.js';
import { resolvers } from './schema.js';
import { loadConfig, type Config } from '../config.js';
import type { Context } from '../graph/context.js';
import { formatError } from './errors.js';
import { hardeningOptions } from './hardening.js';
import type { Metrics } from './metrics.js';
import type { Logger } from './log.js';
import { bookmarksFromConfig } from './bookmarks.js';
import { persistedOperationsFromConfig } from './persisted.js';
import { schemaOptions } from './subgraph.js';

export function createApollo(logger: Logger, config?: Config, metrics?: Metrics): ApolloServer<Context> {
  // Limits, access to mutations, error logging with request ids, metrics (server/hardening.ts).
  const hardening = hardeningOptions(config ?? loadConfig({}), logger, metrics);
  return new ApolloServer<Context>({
    // Plain schema, or a Federation 2 subgraph of it (TG_SCHEMA_MODE; server/subgraph.ts).
    ...schemaOptions(config?.schemaMode ?? 'plain', loadTypeDefs(), resolvers),
    // On by default (the playground's docs need it); TG_INTROSPECTION=false hides the schema from callers.
    introspection: config?.introspection ?? true,
    // Compact JSON: Apollo's default indents every response, which for a nested list of thousands of rows
    // doubles the bytes and the time spent writing them.
    stringifyResult: (result) => JSON.stringify(result),
    // main.ts owns SIGINT/SIGTERM (graceful stop of HTTP, Apollo, driver). Apollo's own handlers, on by default
    // outside NODE_ENV=test, would start a second stop that waits on ours: the process then hung until its 60 s
    // shutdown limit.
    stopOnTerminationSignals: false,
    ...hardening,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are set anywhere; the cache-control plugin Apollo adds by default would wrap every resolver
      // of every request to collect them (a nested list of 4,000 capabilities: 12,000 wrapped calls).
      ApolloServerPluginCacheControlDisabled(),
      // Apollo would otherwise send operation traces and the schema to Apollo's cloud whenever APOLLO_KEY and
      // APOLLO_GRAPH_REF (or APOLLO_SCHEMA_REPORTING) happen to be in the environment: data leaves only on purpose.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ...hardening.plugins,
      // Neo4j bookmarks in and out (x-neo4j-bookmark), signed: read-your-writes across API instances.
      bookmarksFromConfig(config ?? loadConfig({}), logger),
      // Registered operations by id (documentId / persistedQuery), and registered-only for service keys.
      persistedOperationsFromConfig(config ?? loadConfig({})),
      {
        // Round trips to Neo4j for this request, for clients and tests that want to see the batching work.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (response.body.kind === 'single') {
                const ext = (response.body.singleResult.extensions ??= {});
                ext.requestId = contextValue.requestId;
                ext.dbRoundTrips = contextValue.db?.stats.roundTrips;
              }
            },
          };
        },
      },
    ],
    // Masks internal errors; they are logged with the request id by the hardening plugin.
    formatError: formatError(),
  });
}
