// Relay cursor pagination shared by every connection: argument checks, opaque keyset cursors, page shapes.
// A cursor holds the list's sort tag, the row's sort key and its id, so pages stay stable when rows are
// added elsewhere in the list, and a cursor from another list or ordering is refused instead of misread.
import neo4j from 'neo4j-driver';
import { decodeCursor, encodeCursor } from './cursor.js';
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

/** A list row's cursor: the list's tag, the row's sort key and its id. */
export function listCursor(tag: string, k: Key, id: string): string {
  return encodeCursor(tag, [k, id]);
}

function decodeListCursor(cursor: string, tag: string, argumentName: string): { k: Key; id: string } {
  const keys = decodeCursor(cursor, tag, 2, argumentName, 'list');
  if (typeof keys[0] === 'boolean' || typeof keys[1] !== 'string') {
    throw userInputError(`"${argumentName}" is not a valid cursor: use a cursor returned by this list`, argumentName);
  }
  return { k: keys[0], id: keys[1] };
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
    after: after != null ? decodeListCursor(after, tag, 'after') : null,
    before: before != null ? decodeListCursor(before, tag, 'before') : null,
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
