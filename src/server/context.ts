// One resolver context per request (its type: graph/context.ts): the database as the request sees it (its
// round-trip counter, bookmarks and stop signal in `stats`), fresh DataLoaders, the settings, and who is asking.
import type { Config } from '../config.js';
import { QueryStats, type Database } from '../db/driver.js';
import type { Context, Role } from '../graph/context.js';
import { createLoaders } from '../graph/loaders.js';

export function createContext(
  db: Database,
  config: Config,
  role: Role,
  requestId: string,
  { stats = new QueryStats(), ...extra }: { keyId?: string; loopback?: boolean; stats?: QueryStats } = {},
): Context {
  const scope = db.scope(stats);
  return { db: scope, config, loaders: createLoaders(scope), role, requestId, ...extra };
}
