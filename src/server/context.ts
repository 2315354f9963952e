// What every resolver gets: the shared database handle, this request's round-trip counter and DataLoaders,
// the settings, and who is asking.
import type { Config } from '../config.js';
import { QueryStats, type Database } from '../db/driver.js';
import { createLoaders, type Loaders } from '../graph/loaders.js';

export type Role = 'anonymous' | 'reader' | 'editor';

export interface Context {
  db: Database;
  config: Config;
  stats: QueryStats;
  loaders: Loaders;
  role: Role;
  requestId: string;
}

export function createContext(db: Database, config: Config, role: Role, requestId: string): Context {
  const stats = new QueryStats();
  return { db, config, stats, loaders: createLoaders(db, stats), role, requestId };
}
