// What every resolver gets: the shared database handle, this request's round-trip counter and DataLoaders, the
// settings, and who is asking. The type lives here, beside the resolvers that read it; server/context.ts makes one
// per request.
import type { Config } from '../config.js';
import type { Scope } from '../db/driver.js';
import type { Loaders } from './loaders.js';

export type Role = 'anonymous' | 'reader' | 'editor';

/**
 * Who holds the key a request was made with. `service`: another system (registered operations only, when the
 * setting is on: server/persisted.ts); `person`: a strategist or editor; `anonymous`: no key (the playground on a
 * local machine).
 */
export type KeyKind = 'anonymous' | 'person' | 'service';

export interface Context {
  /**
   * The database as this request sees it: every call carries the request's round-trip counter (`db.stats`), its
   * bookmarks and its stop signal. Resolvers get no other handle, so none can leave them out.
   */
  db: Scope;
  config: Config;
  loaders: Loaders;
  role: Role;
  requestId: string;
  /** Service or person key (server/persisted.ts: TG_REGISTERED_OPERATIONS_ONLY binds service keys); unset = anonymous. */
  keyKind?: KeyKind;
  /** The API key's public id (never the key), when one was sent. */
  keyId?: string;
  /** The request came over a loopback connection (see assertCanWrite in graph/guard.ts). */
  loopback?: boolean;
  /** The operation's estimated cost (server/limits.ts), once known. */
  cost?: number;
  /** A request the service makes of itself at start (server/warm-up.ts): not counted in the metrics. */
  warmUp?: boolean;
}
