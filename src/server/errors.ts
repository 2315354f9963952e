// What a client sees of an error: client errors keep their message and code; anything unexpected becomes
// INTERNAL_SERVER_ERROR with a plain message and the request id, while the full error goes to the log.
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND',
  'QUERY_TOO_COMPLEX', 'SERVICE_UNAVAILABLE', 'TIMEOUT',
]);

/** Neo4j errors that mean "the database is not reachable right now". */
export function isUnavailable(e: unknown): boolean {
  if (!(e instanceof Neo4jError)) return false;
  return e.code === 'ServiceUnavailable' || e.code === 'SessionExpired' || e.code.startsWith('Neo.TransientError.General.DatabaseUnavailable');
}

export function isTimeout(e: unknown): boolean {
  return e instanceof Neo4jError && (e.code.includes('TransactionTimedOut') || e.code.includes('Transaction.TransactionTimedOut'));
}

export function formatError(log: (err: unknown, requestId?: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    if (code && CLIENT_CODES.has(code)) {
      // Client errors carry no stack trace.
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    if (isUnavailable(original)) {
      return { message: 'The database is not reachable right now; try again shortly.', locations: formatted.locations, path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (isTimeout(original)) {
      return { message: 'The query took too long and was stopped.', locations: formatted.locations, path: formatted.path, extensions: { code: 'TIMEOUT' } };
    }
    if (original instanceof Neo4jError && original.code.startsWith('Neo.ClientError.Transaction.InvalidBookmark')) {
      // The client's x-neo4j-bookmark token (server/bookmarks.ts) holds bookmarks this database never issued.
      return { message: 'The x-neo4j-bookmark header holds bookmarks this database did not issue; send one from a previous response.', locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_REQUEST' } };
    }
    log(original);
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
