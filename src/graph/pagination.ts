// Relay cursor pagination shared by every connection: argument checks, opaque keyset cursors, page shapes.
// A cursor holds the list's sort tag, the row's sort key and its id, so pages stay stable when rows are
// added elsewhere in the list, and a cursor from another list or ordering is refused instead of misread.
import neo4j from 'neo4j-driver';
import { userInputError } from './errors.js';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

type Key = string | number;

export interface Page {
  limit: number;
  /** True when counting from the end (`last`). */
  fromEnd: boolean;
  after: { k: Key; id: string } | null;
  before: { k: Key; id: string } | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export function encodeCursor(tag: string, k: Key, id: string): string {
  return Buffer.from(JSON.stringify([tag, k, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, tag: string, argumentName: string): { k: Key; id: string } {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw userInputError(`"${argumentName}" is not a valid cursor: use a cursor returned by this list`, argumentName);
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[2] !== 'string'
      || (typeof parsed[1] !== 'string' && typeof parsed[1] !== 'number')) {
    throw userInputError(`"${argumentName}" is not a valid cursor: use a cursor returned by this list`, argumentName);
  }
  if (parsed[0] !== tag) {
    throw userInputError(`"${argumentName}" is a cursor of another list or ordering; cursors only work in the list and order that returned them`, argumentName);
  }
  return { k: parsed[1] as Key, id: parsed[2] };
}

/** Checks first/last/after/before and turns them into a page to fetch. */
export function parsePage(args: PageArgs, tag: string): Page {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw userInputError('Pass "first" or "last", not both', 'first');
  for (const [name, v] of [['first', first], ['last', last]] as const) {
    if (v != null && (v < 0 || v > MAX_PAGE)) {
      throw userInputError(`"${name}" must be between 0 and ${MAX_PAGE}, got ${v}`, name);
    }
  }
  return {
    limit: first ?? last ?? DEFAULT_PAGE,
    fromEnd: last != null,
    after: after != null ? decodeCursor(after, tag, 'after') : null,
    before: before != null ? decodeCursor(before, tag, 'before') : null,
  };
}

/** Cypher parameters for the cursor window, used by the list queries. */
export function pageParams(page: Page): Record<string, unknown> {
  return {
    limit: neo4j.int(page.limit), // LIMIT and list slices need integers, and JS numbers travel as floats
    fromEnd: page.fromEnd,
    afterK: page.after?.k ?? null,
    afterId: page.after?.id ?? null,
    beforeK: page.before?.k ?? null,
    beforeId: page.before?.id ?? null,
  };
}
