// Who may write. Mutations call assertCanWrite first, before reading their input, so a refused caller
// learns nothing and changes nothing.
import { GraphQLError } from 'graphql';
import type { Context } from '../server/context.js';

export function assertCanWrite(ctx: Context): void {
  if (ctx.role === 'editor') return;
  // Local development only: TG_ALLOW_WRITES lets callers without an editor key write.
  if (ctx.config.allowWrites) return;
  if (ctx.role === 'anonymous') {
    throw new GraphQLError('Writing needs an API key with the editor role: send "Authorization: Bearer <key>".', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  throw new GraphQLError(`Your key has the ${ctx.role} role; writing needs the editor role.`, { extensions: { code: 'FORBIDDEN' } });
}
