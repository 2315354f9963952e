// What a client sees of an error: client errors keep their message and code; anything unexpected becomes
// INTERNAL_SERVER_ERROR with a plain message (the request id is added to it in server/hardening.ts), while the
// full error goes to the log with the request id. No stack trace, Cypher or driver text ever reaches a client.
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { isBookmarkNotReached, isBusyError, isUnavailableError, RequestStoppedError } from '../db/driver.js';

/** Codes whose message was written for the client and may be shown as it is. */
export const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'SERVICE_UNAVAILABLE',
  'TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
]);

export const UNAVAILABLE_MESSAGE = 'The database is not reachable right now; try again shortly.';
export const TIMEOUT_MESSAGE = 'The query took too long and was stopped.';
export const BUSY_MESSAGE = 'The service is busy (every database connection is in use); try again shortly.';

/** Neo4j errors that mean "the database is not reachable right now". */
export function isUnavailable(e: unknown): boolean {
  return isUnavailableError(e);
}

export function isTimeout(e: unknown): boolean {
  return (
    e instanceof Neo4jError &&
    /TransactionTimedOut|Transaction\.TransactionTimedOut|TransactionTimedOutClientConfiguration/.test(e.code)
  );
}

/** The client's x-neo4j-bookmark token (server/bookmarks.ts) holds bookmarks this database never issued. */
export function isForeignBookmark(e: unknown): boolean {
  return e instanceof Neo4jError && e.code.startsWith('Neo.ClientError.Transaction.InvalidBookmark');
}

/** The code a client will see for this error (after formatError). */
export function clientCode(code: unknown, original: unknown): string {
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return code;
  if (isUnavailable(original) || isBusyError(original) || isBookmarkNotReached(original)) return 'SERVICE_UNAVAILABLE';
  if (isTimeout(original) || original instanceof RequestStoppedError) return 'TIMEOUT';
  if (isForeignBookmark(original)) return 'BAD_REQUEST';
  return 'INTERNAL_SERVER_ERROR';
}

export function formatError(log: (err: unknown, requestId?: string) => void = () => undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    if (code && CLIENT_CODES.has(code)) {
      // Client errors carry no stack trace (nor anything else only the server should see).
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    const where = { locations: formatted.locations, path: formatted.path };
    if (isUnavailable(original)) {
      return { message: UNAVAILABLE_MESSAGE, ...where, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (isBusyError(original)) {
      // Load, not an outage: still 503 with Retry-After (server/hardening.ts), but said as it is.
      return { message: BUSY_MESSAGE, ...where, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (isTimeout(original)) {
      return { message: TIMEOUT_MESSAGE, ...where, extensions: { code: 'TIMEOUT' } };
    }
    if (original instanceof RequestStoppedError) {
      return { message: original.message, ...where, extensions: { code: 'TIMEOUT' } };
    }
    if (isBookmarkNotReached(original)) {
      // A token we signed, so a real state of the database, which this member has not applied yet (it lags, or the
      // database was restored since): 503 with Retry-After (server/hardening.ts), not retried here (db/driver.ts).
      return {
        message:
          'The database has not yet reached the state of the x-neo4j-bookmark header; try again shortly, or without the header.',
        ...where,
        extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'BOOKMARK_NOT_REACHED' },
      };
    }
    if (isForeignBookmark(original)) {
      return {
        message:
          'The x-neo4j-bookmark header holds bookmarks this database did not issue; send one from a previous response.',
        ...where,
        extensions: { code: 'BAD_REQUEST', reason: 'BOOKMARK_INVALID' },
      };
    }
    log(original);
    return { message: 'Internal server error', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
