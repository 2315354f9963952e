// Causal consistency across API instances and cluster members, with Neo4j's own bookmarks. Each request gets
// a bookmark manager (on its QueryStats, so every db.read/db.write of the request uses it): its sessions wait
// until the database has applied the bookmarks the client sent, and the bookmarks after the request go back to
// the client, which sends them with its next request, to whichever instance that reaches.
// The token a client sees is opaque and signed: `<payload>.<mac>`, the payload base64url JSON of the Neo4j
// bookmarks and the time it was issued, the mac HMAC-SHA256 of the payload under the server's secret. Signing
// is what makes the header safe to accept from anyone: Neo4j holds a session (and a pooled connection) for up
// to its bookmark timeout when a bookmark names a transaction it has not reached, so a token the client made up
// with a transaction id a little ahead of the real one cost seconds of Neo4j time per anonymous request. Only
// tokens this API issued (under a secret it holds) reach the database; anything else is refused before it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import neo4j, { type BookmarkManager } from 'neo4j-driver';

/** Response and request header that carries the token. */
export const BOOKMARK_HEADER = 'x-neo4j-bookmark';

const MAX_TOKEN_LENGTH = 8192;
const MAX_BOOKMARKS = 32;
/** Shortest secret accepted (TG_BOOKMARK_SECRET): 32 characters, e.g. `openssl rand -base64 32`. */
export const MIN_SECRET_LENGTH = 32;
/**
 * A token older than this is still accepted but no longer waited for: any member has applied an hour-old
 * transaction unless the database was restored or replaced since, and then waiting helps nobody.
 */
export const MAX_TOKEN_AGE_SECONDS = 3600;
/** Clock difference between instances tolerated for a token's issue time. */
const CLOCK_SKEW_SECONDS = 300;
/** Domain separation: the same secret used for anything else never yields a valid token. */
const MAC_CONTEXT = 'techgraph x-neo4j-bookmark v1\n';

const INVALID = `The ${BOOKMARK_HEADER} header is not a bookmark this API gave out; send back the value of a previous response's ${BOOKMARK_HEADER} header unchanged, or no header.`;

export interface BookmarkCodec {
  /** A signed token of these bookmarks, issued now. */
  encode(bookmarks: Iterable<string>): string;
  /** The bookmarks of a token this API issued (an empty list for one too old to wait for), or an Error saying it is not one. */
  decode(token: string): string[] | Error;
}

/**
 * Signs with the first secret and accepts tokens signed with any of them (so a secret can be rotated: deploy
 * `new,old` everywhere, then `new` once the old tokens are over an hour old).
 */
export function bookmarkCodec(secrets: readonly string[], now: () => number = Date.now): BookmarkCodec {
  if (secrets.length === 0) throw new Error('bookmarkCodec needs at least one secret');
  const keys = secrets.map((s) => Buffer.from(s, 'utf8'));
  const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(MAC_CONTEXT).update(payload).digest();
  const seconds = () => Math.floor(now() / 1000);
  return {
    encode(bookmarks) {
      const payload = Buffer.from(JSON.stringify({ b: [...bookmarks].sort(), t: seconds() })).toString('base64url');
      return `${payload}.${mac(keys[0], payload).toString('base64url')}`;
    },
    decode(token) {
      if (token.length > MAX_TOKEN_LENGTH) return new Error(INVALID);
      const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m) return new Error(INVALID);
      const [, payload, sent] = m;
      const given = Buffer.from(sent, 'base64url');
      // Constant-time comparison, against every accepted secret; nothing in the payload is looked at before.
      if (!keys.some((key) => timingSafeEqual(mac(key, payload), given))) return new Error(INVALID);
      let content: unknown;
      try {
        content = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return new Error(INVALID);
      }
      const { b, t } = (content ?? {}) as { b?: unknown; t?: unknown };
      if (
        !Array.isArray(b) ||
        b.length > MAX_BOOKMARKS ||
        !b.every((x) => typeof x === 'string' && x.length > 0 && x.length < 1024)
      )
        return new Error(INVALID);
      if (typeof t !== 'number' || !Number.isInteger(t) || t > seconds() + CLOCK_SKEW_SECONDS)
        return new Error(INVALID);
      if (seconds() - t > MAX_TOKEN_AGE_SECONDS) return [];
      return b as string[];
    },
  };
}

/** A fresh random secret (for one process, or for the secret file). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh manager for one request, starting from the client's bookmarks. */
export function requestBookmarks(initial: string[] = []): BookmarkManager {
  return neo4j.bookmarkManager({ initialBookmarks: initial });
}
