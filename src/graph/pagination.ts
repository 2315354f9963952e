// Relay cursor pagination shared by every connection: argument checks, opaque keyset cursors, page shapes.
// A cursor holds the list's sort tag, the row's sort key and its id, so pages stay stable when rows are
// added elsewhere in the list, and a cursor from another list or ordering is refused instead of misread.
import neo4j from 'neo4j-driver';
import { decodeCursor, encodeCursor, pageWindow, type PageArgs, type PageWindow } from './cursor.js';
import { userInputError } from './errors.js';

export { DEFAULT_PAGE, MAX_PAGE, type PageArgs } from './cursor.js';

type Key = string | number;

/** A page of a list: its window and the rows' sort key and id at the cursors. */
export type Page = PageWindow<{ k: Key; id: string }>;

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
  return pageWindow(args, (cursor, name) => decodeListCursor(cursor, tag, name));
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
