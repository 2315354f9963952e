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
export function decodeCursor(cursor: string, tag: string, arity: number, argumentName: string, owner: CursorOwner): KeyValue[] {
  const bad = () => userInputError(`"${argumentName}" is not a valid cursor: use a cursor returned by this ${owner}`, argumentName);
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,4000}$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || !Array.isArray(parsed[1])) throw bad();
  if (parsed[0] !== tag) {
    throw userInputError(owner === 'list'
      ? `"${argumentName}" is a cursor of another list or ordering; cursors only work in the list and order that returned them`
      : `"${argumentName}" is a cursor of another question or of other arguments; cursors only work in the answer that returned them`,
    argumentName);
  }
  const keys = parsed[1] as unknown[];
  if (keys.length !== arity || !keys.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) throw bad();
  return keys as KeyValue[];
}
