// Causal consistency across API instances and cluster members, with Neo4j's own bookmarks. Each request gets
// a bookmark manager (on its QueryStats, so every db.read/db.write of the request uses it): its sessions wait
// until the database has applied the bookmarks the client sent, and the bookmarks after the request go back to
// the client, which sends them with its next request, to whichever instance that reaches.
// The token a client sees is opaque: base64url of the JSON list of Neo4j bookmarks.
import neo4j, { type BookmarkManager } from 'neo4j-driver';

/** Response and request header that carries the token. */
export const BOOKMARK_HEADER = 'x-neo4j-bookmark';

const MAX_TOKEN_LENGTH = 8192;
const MAX_BOOKMARKS = 32;

export function encodeBookmarks(bookmarks: Iterable<string>): string {
  return Buffer.from(JSON.stringify([...bookmarks].sort())).toString('base64url');
}

/** The bookmarks of a token, or an Error saying what is wrong with it. */
export function decodeBookmarks(token: string): string[] | Error {
  const invalid = new Error(`The ${BOOKMARK_HEADER} header is not a bookmark this API gave out; send back the value of a previous response's ${BOOKMARK_HEADER} header unchanged.`);
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return invalid;
  let list: unknown;
  try {
    list = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return invalid;
  }
  if (!Array.isArray(list) || list.length > MAX_BOOKMARKS || !list.every((b) => typeof b === 'string' && b.length > 0 && b.length < 1024)) return invalid;
  return list as string[];
}

/** A fresh manager for one request, starting from the client's bookmarks. */
export function requestBookmarks(initial: string[] = []): BookmarkManager {
  return neo4j.bookmarkManager({ initialBookmarks: initial });
}
