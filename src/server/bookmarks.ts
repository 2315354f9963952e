// The Apollo side of db/bookmarks.ts: reads the client's x-neo4j-bookmark header into the request's bookmark
// manager before any resolver runs, and returns the bookmarks after the request in the same header and in
// `extensions.bookmark`. A malformed header is a 400 (BAD_REQUEST), never silently ignored: a client that
// relies on reading its own write must learn that its token did not count.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { BOOKMARK_HEADER, decodeBookmarks, encodeBookmarks, requestBookmarks } from '../db/bookmarks.js';
import type { Context } from './context.js';

export function bookmarksPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request, contextValue }) {
      const header = request.http?.headers.get(BOOKMARK_HEADER);
      const decoded = header ? decodeBookmarks(header.trim()) : [];
      const manager = requestBookmarks(decoded instanceof Error ? [] : decoded);
      contextValue.stats.bookmarks = manager;
      return {
        async didResolveOperation() {
          if (decoded instanceof Error) {
            throw new GraphQLError(decoded.message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          }
        },
        async willSendResponse({ response }) {
          if (decoded instanceof Error) return;
          const bookmarks = [...(await manager.getBookmarks())];
          if (bookmarks.length === 0) return;
          const token = encodeBookmarks(bookmarks);
          response.http.headers.set(BOOKMARK_HEADER, token);
          if (response.body.kind === 'single') (response.body.singleResult.extensions ??= {}).bookmark = token;
        },
      };
    },
  };
}
