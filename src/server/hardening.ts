// The Apollo side of production hardening, for every operation the schema has now or gets later:
//  - limits before any database work (server/limits.ts): tokens, fragment expansion, depth, aliases,
//    directives and cost;
//  - access: every mutation operation needs write permission (graph/guard.ts assertCanWrite), checked once the
//    operation is known and before any resolver runs, so no mutation can be half done by a caller who may not
//    write;
//  - errors: internal ones are logged with the request id and operation, and shown as INTERNAL_SERVER_ERROR
//    with the request id, and the response gets status 500 (internalErrorStatus); when nothing could be answered
//    because the database is unreachable, the status is 503 with Retry-After;
//  - metrics: requests and latency by operation, errors by code.
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Config } from '../config.js';
import { assertCanWrite } from '../graph/guard.js';
import type { Context } from '../graph/context.js';
import { clientCode } from './errors.js';
import { costLimitPlugin, limitRules } from './limits.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

/** Requires write permission for every mutation operation, before execution. */
export function accessPlugin(config: Config): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation') assertCanWrite({ ...contextValue, config });
        },
      };
    },
  };
}

/**
 * The requests whose response holds an internal error, and whether it still holds data (for internalErrorStatus).
 * Keyed by the request's QueryStats: Apollo gives plugins a shallow copy of the context, so the context object
 * differs from the one server/http.ts made while its members are the same.
 */
const internalErrors = new WeakMap<object, { data: boolean }>();

/**
 * The HTTP status of a GraphQL response, so that monitoring by status sees internal failures: 500 when an error
 * is INTERNAL_SERVER_ERROR and no data came back, whatever the media type. Partial data keeps its 2xx: the
 * GraphQL-over-HTTP spec requires it for application/graphql-response+json (data not null), and an application/json
 * client need not trust a non-200 body; such a response is still counted by code in the metrics. Client errors
 * and the 503 of an unreachable database keep their status. Called by server/http.ts once Apollo has answered.
 */
export function internalErrorStatus(status: number, ctx: Context | undefined): number {
  const internal = ctx && internalErrors.get(ctx.db.stats);
  if (!internal || status < 200 || status > 299) return status;
  return internal.data ? status : 500;
}

/** Logs internal errors with the request id, adds the request id to them, counts requests, latency and errors. */
export function observabilityPlugin(logger: Logger, metrics?: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.warmUp) return {}; // server/warm-up.ts logs its own failures, at debug level
      const started = performance.now();
      return {
        async didEncounterErrors({ errors, operationName, contextValue: ctx }) {
          for (const error of errors as readonly GraphQLError[]) {
            const original = unwrapResolverError(error);
            if (clientCode(error.extensions?.code, original) !== 'INTERNAL_SERVER_ERROR') continue;
            logger.error(
              { err: original, requestId: ctx.requestId, operation: operationName, path: error.path },
              'internal error',
            );
          }
        },
        async willSendResponse({ response, operationName, operation }) {
          const type = operation?.operation ?? 'unknown';
          const label = metrics?.operationLabel(operationName) ?? '';
          metrics?.graphqlRequests.inc({ operation: label, type });
          metrics?.graphqlDuration.observe({ operation: label, type }, (performance.now() - started) / 1000);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          let unavailable = 0;
          for (const e of result.errors ?? []) {
            const code = (e.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
            metrics?.graphqlErrors.inc({ code });
            if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE' || code === 'TIMEOUT') {
              (e.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
            if (code === 'SERVICE_UNAVAILABLE') unavailable += 1;
            if (code === 'INTERNAL_SERVER_ERROR')
              internalErrors.set(contextValue.db.stats, { data: result.data != null });
          }
          if (unavailable > 0 && result.data == null) {
            // Nothing answered, and only because the database is away: say so to load balancers and clients.
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
          if (contextValue.cost !== undefined) (result.extensions ??= {}).cost = Math.round(contextValue.cost);
        },
      };
    },
  };
}

/** Apollo options to spread into the ApolloServer config (plugins to be concatenated with the others). */
export function hardeningOptions(
  config: Config,
  logger: Logger,
  metrics?: Metrics,
): Pick<
  ApolloServerOptions<Context>,
  | 'parseOptions'
  | 'maxRecursiveSelections'
  | 'validationRules'
  | 'csrfPrevention'
  | 'includeStacktraceInErrorResponses'
  | 'allowBatchedHttpRequests'
> & { plugins: ApolloServerPlugin<Context>[] } {
  return {
    parseOptions: { maxTokens: config.limits.maxTokens },
    maxRecursiveSelections: config.limits.maxSelections,
    validationRules: limitRules(config.limits),
    csrfPrevention: true, // with the Host and Origin checks of server/browser.ts
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    plugins: [accessPlugin(config), costLimitPlugin(config.limits), observabilityPlugin(logger, metrics)],
  };
}
