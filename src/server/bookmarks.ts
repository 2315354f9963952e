// The Apollo side of db/bookmarks.ts: checks the client's x-neo4j-bookmark token (its signature first) before
// any resolver runs, puts its bookmarks into the request's bookmark manager, and returns the bookmarks after the
// request, signed, in the same header and in `extensions.bookmark`. A token that is not one this API issued
// (made up, altered, malformed, or signed with another secret) is a 400 (BAD_REQUEST, extensions.reason
// BOOKMARK_INVALID) before any database work, never silently ignored: a client that relies on reading its own
// write must learn that its token did not count.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Config } from '../config.js';
import {
  BOOKMARK_HEADER,
  MIN_SECRET_LENGTH,
  bookmarkCodec,
  randomSecret,
  requestBookmarks,
  type BookmarkCodec,
} from '../db/bookmarks.js';
import type { Context } from '../graph/context.js';
import type { Logger } from './log.js';

/** Where the generated secret is kept when TG_BOOKMARK_SECRET is not set. */
export function secretFile(dataDir: string): string {
  return join(dataDir, 'bookmark-secret');
}

/**
 * The signing secrets: TG_BOOKMARK_SECRET, else one generated once and kept in the data folder (so tokens outlive a
 * restart; instances that share the folder share it), else, when that folder cannot be written, one for this
 * process only. Instances on different machines must share TG_BOOKMARK_SECRET, or each refuses the others' tokens.
 */
export function bookmarkSecrets(
  config: Pick<Config, 'bookmarkSecrets' | 'neo4j'>,
  logger?: Pick<Logger, 'warn'>,
): string[] {
  if (config.bookmarkSecrets.length > 0) return config.bookmarkSecrets;
  const file = secretFile(config.neo4j.dataDir);
  const read = () => {
    const s = readFileSync(file, 'utf8').trim();
    if (s.length < MIN_SECRET_LENGTH)
      throw new Error(`${file} holds no secret of ${MIN_SECRET_LENGTH} characters or more`);
    return s;
  };
  let secret: string;
  try {
    secret = read();
  } catch (e) {
    try {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(config.neo4j.dataDir, { recursive: true, mode: 0o700 });
      // 'wx': when two instances start together on one folder, one writes and the other reads what it wrote.
      try {
        writeFileSync(file, `${randomSecret()}\n`, { mode: 0o600, flag: 'wx' });
      } catch (w) {
        if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w;
      }
      secret = read();
    } catch (f) {
      logger?.warn(
        { file, err: (f as Error).message },
        'cannot keep a bookmark secret in the data folder: bookmark tokens are signed with a secret of this process only and will be refused after a restart (set TG_BOOKMARK_SECRET)',
      );
      return [randomSecret()];
    }
  }
  if (config.neo4j.uri) {
    logger?.warn(
      { file },
      'TG_BOOKMARK_SECRET is not set: bookmark tokens are signed with the secret in this data folder, so other API instances refuse them; give every instance the same TG_BOOKMARK_SECRET',
    );
  }
  return [secret];
}

export function bookmarksPlugin(codec: BookmarkCodec): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request, contextValue }) {
      const header = request.http?.headers.get(BOOKMARK_HEADER);
      const decoded = header ? codec.decode(header.trim()) : [];
      const manager = requestBookmarks(decoded instanceof Error ? [] : decoded);
      contextValue.db.stats.bookmarks = manager;
      return {
        async didResolveOperation() {
          if (decoded instanceof Error) {
            throw new GraphQLError(decoded.message, {
              extensions: { code: 'BAD_REQUEST', reason: 'BOOKMARK_INVALID', http: { status: 400 } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (decoded instanceof Error) return;
          const bookmarks = [...(await manager.getBookmarks())];
          if (bookmarks.length === 0) return;
          const token = codec.encode(bookmarks);
          response.http.headers.set(BOOKMARK_HEADER, token);
          if (response.body.kind === 'single') (response.body.singleResult.extensions ??= {}).bookmark = token;
        },
      };
    },
  };
}

/** The plugin with the configured (or generated) secrets. */
export function bookmarksFromConfig(
  config: Pick<Config, 'bookmarkSecrets' | 'neo4j'>,
  logger?: Pick<Logger, 'warn'>,
): ApolloServerPlugin<Context> {
  return bookmarksPlugin(bookmarkCodec(bookmarkSecrets(config, logger)));
}
