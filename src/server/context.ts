// What every resolver gets: the shared database handle, this request's round-trip counter and DataLoaders,
// the settings, and who is asking.
import type { Config } from '../config.js';
import { QueryStats, type Database } from '../db/driver.js';
import { createLoaders, type Loaders } from '../graph/loaders.js';
import type { KeyKind } from './persisted.js';

export type Role = 'anonymous' | 'reader' | 'editor';

export interface Context {
  db: Database;
  config: Config;
  stats: QueryStats;
  loaders: Loaders;
  role: Role;
  requestId: string;
  /** Service or person key (server/persisted.ts: TG_REGISTERED_OPERATIONS_ONLY binds service keys); unset = anonymous. */
  keyKind?: KeyKind;
  /** The API key's public id (never the key), when one was sent. */
  keyId?: string;
  /** The request came over a loopback connection (see assertCanWrite in server/auth.ts). */
  loopback?: boolean;
  /** The operation's estimated cost (server/limits.ts), once known. */
  cost?: number;
  /** A request the service makes of itself at start (server/warm-up.ts): not counted in the metrics. */
  warmUp?: boolean;
}

export function createContext(
  db: Database, config: Config, role: Role, requestId: string,
  { stats = new QueryStats(), ...extra }: { keyId?: string; loopback?: boolean; stats?: QueryStats } = {},
): Context {
  return { db, config, stats, loaders: createLoaders(db, stats), role, requestId, ...extra };
}
