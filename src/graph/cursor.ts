// The one cursor codec: a cursor is base64url of [tag, keys]. The tag names the list or question and every
// argument that changes its rows or their order; the keys are the row's position in that order (a list's sort
// key and id, an analysis answer's computed keys and id). A cursor of another list or ordering is refused
// instead of misread.
import { userInputError } from './errors.js';

export type KeyValue = string | number | boolean;

/** What the cursor came from, for the error messages: a list of the graph or an analysis question's answer. */
export type CursorOwner = 'list' | 'question';

export function encodeCursor(tag: string, keys: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([tag, keys]), 'utf8').toString('base64url');
}

/** The keys of `cursor`, which must have been made for `tag` and carry `arity` keys; a client error otherwise. */
export function decodeCursor(
  cursor: string,
  tag: string,
  arity: number,
  argumentName: string,
  owner: CursorOwner,
): KeyValue[] {
  const bad = () =>
    userInputError(`"${argumentName}" is not a valid cursor: use a cursor returned by this ${owner}`, argumentName);
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,4000}$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || !Array.isArray(parsed[1]))
    throw bad();
  if (parsed[0] !== tag) {
    throw userInputError(
      owner === 'list'
        ? `"${argumentName}" is a cursor of another list or ordering; cursors only work in the list and order that returned them`
        : `"${argumentName}" is a cursor of another question or of other arguments; cursors only work in the answer that returned them`,
      argumentName,
    );
  }
  const keys = parsed[1] as unknown[];
  if (keys.length !== arity || !keys.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) throw bad();
  return keys as KeyValue[];
}

/** The page size when neither first nor last is given, and the most a page may hold. */
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A page in either direction, with its cursors decoded by `decode` (a list's or a question's own keys). */
export interface PageWindow<K> {
  limit: number;
  /** `last` was asked for: the page is the last `limit` rows before `before` (or of the list). */
  fromEnd: boolean;
  after: K | null;
  before: K | null;
}

/** The one reading of first/last/after/before, for the lists of the graph and the answers of the questions alike. */
export function pageWindow<K>(
  args: PageArgs,
  decode: (cursor: string, argumentName: 'after' | 'before') => K,
): PageWindow<K> {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw userInputError('Pass "first" or "last", not both', 'first');
  for (const [name, v] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (v != null && (v < 0 || v > MAX_PAGE))
      throw userInputError(`"${name}" must be between 0 and ${MAX_PAGE}, got ${v}`, name);
  }
  return {
    limit: first ?? last ?? DEFAULT_PAGE,
    fromEnd: last != null,
    after: after != null ? decode(after, 'after') : null,
    before: before != null ? decode(before, 'before') : null,
  };
}
