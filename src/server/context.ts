// One resolver context per request (its type: graph/context.ts): the shared database handle, a fresh round-trip
// counter and fresh DataLoaders, the settings, and who is asking.
import type { Config } from '../config.js';
import { QueryStats, type Database } from '../db/driver.js';
import type { Context, Role } from '../graph/context.js';
import { createLoaders } from '../graph/loaders.js';

export function createContext(
  db: Database, config: Config, role: Role, requestId: string,
  { stats = new QueryStats(), ...extra }: { keyId?: string; loopback?: boolean; stats?: QueryStats } = {},
): Context {
  return { db, config, stats, loaders: createLoaders(db, stats), role, requestId, ...extra };
}
