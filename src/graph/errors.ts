// Client errors with a stable extensions.code. Anything else thrown in a resolver is an internal error and
// is masked by the server (see server/errors.ts).
import { GraphQLError } from 'graphql';

export function userInputError(
  message: string,
  argumentName?: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}), ...extra },
  });
}
