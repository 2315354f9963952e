// Every setting of the service, read once from the environment. The README's settings table mirrors this file.
import { join, resolve } from 'node:path';

export interface Config {
  host: string;
  port: number;
  neo4j: {
    /** Set: use this server. Unset: start the embedded Neo4j. */
    uri?: string;
    user: string;
    password?: string;
    database: string;
    /** Embedded only. */
    dataDir: string;
    boltPort: number;
    heap: string;
    pageCache: string;
    /** Seconds; applies to the embedded server and to every transaction we open. */
    txTimeoutSeconds: number;
  };
  /** Load the seeds into an empty database at start. */
  seedOnStart: boolean;
  /** Allow mutations without access control (until API keys exist, writes are off unless this is set). */
  allowWrites: boolean;
  logLevel: string;
  /** `plain` GraphQL, or an Apollo Federation 2 subgraph (entities with @key, `_service`, `_entities`). */
  schemaMode: 'plain' | 'subgraph';
  /** Persisted (trusted) operations: the manifest, and whether service keys may run only what it lists. */
  operations: { manifestFile: string; registeredOnly: boolean };
}

const root = resolve(import.meta.dirname, '..');
export const PROJECT_ROOT = root;

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Setting ${name} must be a whole number, got "${raw}"`);
  return n;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`Setting ${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new Error(`Setting ${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = (k: string) => (env[k] === '' ? undefined : env[k]);
  return {
    host: e('HOST') ?? '127.0.0.1',
    port: int('PORT', 4000),
    neo4j: {
      uri: e('NEO4J_URI'),
      user: e('NEO4J_USER') ?? 'neo4j',
      password: e('NEO4J_PASSWORD'),
      database: e('NEO4J_DATABASE') ?? 'neo4j',
      dataDir: resolve(e('TG_DATA_DIR') ?? join(root, '.data')),
      boltPort: int('TG_NEO4J_BOLT_PORT', 0),
      heap: e('TG_NEO4J_HEAP') ?? '512m',
      pageCache: e('TG_NEO4J_PAGECACHE') ?? '256m',
      txTimeoutSeconds: int('TG_TX_TIMEOUT_SECONDS', 30),
    },
    seedOnStart: bool('TG_SEED_ON_START', true),
    allowWrites: bool('TG_ALLOW_WRITES', false),
    logLevel: e('LOG_LEVEL') ?? 'info',
    schemaMode: oneOf('TG_SCHEMA_MODE', e('TG_SCHEMA_MODE'), ['plain', 'subgraph'] as const, 'plain'),
    operations: {
      manifestFile: resolve(e('TG_OPERATIONS_MANIFEST') ?? join(root, 'operations', 'manifest.json')),
      registeredOnly: bool('TG_REGISTERED_OPERATIONS_ONLY', false),
    },
  };
}
