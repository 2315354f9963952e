// The HTTP status of a GraphQL request error by the response's media type, as GraphQL over HTTP asks.
// Apollo answers a document that does not parse or validate, variables that do not coerce and an operation name
// that names nothing with 400 whatever the media type. The spec wants that for application/graphql-response+json
// only: an application/json client (a legacy one, which sends no Accept or accepts only application/json)
// SHOULD get 200 with the errors, since a 4xx could come from any proxy on the way. Refusals about the caller or
// the service (401, 403, 413, 503 with Retry-After, the bookmark's 400, CSRF prevention's 400) keep their status
// for both: proxies, load balancers and retry logic read them, and the spec allows them for application/json.

/** Codes of GraphQL request errors about the document itself: it does not parse, validate or coerce. */
export const DOCUMENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  // Our limits (server/limits.ts: depth, aliases, directives, tokens' parse and the cost): validation too.
  'QUERY_TOO_COMPLEX',
]);

/**
 * 200 for an application/json response that Apollo answered 400 and that holds only errors about the document
 * (no data); any other status, media type or error as it is.
 */
export function statusForMediaType(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !/^application\/json\b/i.test(contentType?.trim() ?? '')) return status;
  let response: unknown;
  try {
    response = JSON.parse(body);
  } catch {
    return status;
  }
  if (!response || typeof response !== 'object' || 'data' in response) return status;
  const errors = (response as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return status;
  const aboutDocument = errors.every((e) =>
    DOCUMENT_ERROR_CODES.has((e as { extensions?: { code?: unknown } })?.extensions?.code as string),
  );
  return aboutDocument ? 200 : status;
}
