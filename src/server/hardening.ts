// The Apollo side of production hardening, for every operation the schema has now or gets later:
//  - limits before any database work (server/limits.ts): tokens, fragment expansion, depth, aliases,
//    directives and cost;
//  - access: every mutation operation needs write permission (server/auth.ts assertCanWrite), checked once the
//    operation is known and before any resolver runs, so no mutation can be half done by a caller who may not
//    write;
//  - errors: internal ones are logged with the request id and operation, and shown as INTERNAL_SERVER_ERROR
//    with the request id; when nothing could be answered because the database is unreachable, the status is
//    503 with Retry-After;
//  - metrics: requests and latency by operation, errors by code.
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Config } from '../config.js';
import { assertCanWrite } from './auth.js';
import type { Context } from './context.js';
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

/** Logs internal errors with the request id, adds the request id to them, counts requests, latency and errors. */
export function observabilityPlugin(logger: Logger, metrics?: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors, operationName, contextValue: ctx }) {
          for (const error of errors as readonly GraphQLError[]) {
            const original = unwrapResolverError(error);
            if (clientCode(error.extensions?.code, original) !== 'INTERNAL_SERVER_ERROR') continue;
            logger.error({ err: original, requestId: ctx.requestId, operation: operationName, path: error.path }, 'internal error');
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
export function hardeningOptions(config: Config, logger: Logger, metrics?: Metrics): Pick<
  ApolloServerOptions<Context>, 'parseOptions' | 'maxRecursiveSelections' | 'validationRules' | 'csrfPrevention' | 'includeStacktraceInErrorResponses' | 'allowBatchedHttpRequests'
> & { plugins: ApolloServerPlugin<Context>[] } {
  return {
    parseOptions: { maxTokens: config.limits.maxTokens },
    maxRecursiveSelections: config.limits.maxSelections,
    validationRules: limitRules(config.limits),
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    plugins: [accessPlugin(config), costLimitPlugin(config.limits), observabilityPlugin(logger, metrics)],
  };
}
