// The explorer's only way to the data: POST /graphql on this server, like any client, with the API key the user
// pasted (kept in sessionStorage, sent as `Authorization: Bearer`). Every operation run is recorded, so the page can
// show the exact GraphQL behind a view.

const KEY_STORAGE = 'techgraph.explorer.apiKey';

export function getApiKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function setApiKey(key: string): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    /* storage disabled: the key lives for this page only */
  }
}

export interface GraphQLErrorShape {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [k: string]: unknown };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
    readonly errors: GraphQLErrorShape[] = [],
  ) {
    super(message);
  }

  /** The server refused for lack of (a valid) key. */
  get needsKey(): boolean {
    return this.status === 401 || this.status === 403 || this.code === 'UNAUTHENTICATED' || this.code === 'FORBIDDEN';
  }
}

/** One GraphQL request as sent: what "Open in playground" reproduces. */
export interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface GqlResult<T> {
  data: T;
  /** Errors on some fields, while others have data (e.g. an analysis field that failed). */
  errors: GraphQLErrorShape[];
}

/** Runs one operation; throws ApiError when the request fails as a whole or `data` is missing. */
export async function gql<T>(op: Operation, signal?: AbortSignal): Promise<GqlResult<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  const key = getApiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: op.query, variables: op.variables, operationName: op.name }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(`The API could not be reached (${(e as Error).message}).`, 'NETWORK', 0);
  }
  let body: { data?: T | null; errors?: GraphQLErrorShape[] } | undefined;
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const errors = body?.errors ?? [];
  if (!body || body.data == null) {
    const first = errors[0];
    const retry = res.headers.get('retry-after');
    const message = first?.message ?? `The API answered ${res.status} ${res.statusText}.`;
    throw new ApiError(
      retry ? `${message} (retry after ${retry} s)` : message,
      first?.extensions?.code,
      res.status,
      errors,
    );
  }
  return { data: body.data, errors };
}

/** True when an error says the query was too big or too expensive for the server's limits. */
export function isLimitError(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  const text = `${e.code ?? ''} ${e.message}`.toLowerCase();
  return (
    /cost|complexity|too (large|many|deep|complex)|limit|depth|exceed/.test(text) && !e.needsKey && e.status !== 429
  );
}
