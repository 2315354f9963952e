// Who may write: an editor key, or, with TG_ALLOW_WRITES=true, an anonymous caller on a loopback connection
// (local development only). One rule for the whole API: the Apollo plugin in server/hardening.ts applies it to
// every mutation operation before any resolver runs, so a new mutation field is protected without doing anything;
// mutations call it again first, before reading their input, so each resolver is safe on its own and a refused
// caller learns nothing and changes nothing.
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Config } from '../config.js';
import type { Role } from './context.js';

export interface WriteCheck {
  role: Role;
  config: Pick<Config, 'allowWrites'>;
  /** The request came over a loopback connection. */
  loopback?: boolean;
}

/**
 * Throws unless the caller may write: an editor key, or (TG_ALLOW_WRITES=true) an anonymous caller on a
 * loopback connection. UNAUTHENTICATED without a key, FORBIDDEN with a reader key. Call it first in every
 * mutation resolver, before any database work.
 */
export function assertCanWrite(ctx: WriteCheck): void {
  if (ctx.role === 'editor') return;
  if (ctx.role === 'anonymous' && ctx.config.allowWrites && ctx.loopback === true) return;
  if (ctx.role === 'reader') {
    throw new GraphQLError('This API key may only read; writes need an editor key.', {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  throw new GraphQLError('Writes need an editor API key: send it as "Authorization: Bearer <key>".', {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) },
    },
  });
}
