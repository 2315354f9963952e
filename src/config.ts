// Every setting of the service, read once from the environment. The README's settings table mirrors this file.
import { isIP } from 'node:net';
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
    /**
     * The embedded JVM's compilers: 'full' (C1 then C2, the JVM's default) or 'quick' (C1 only: the start and its
     * first plans about a third cheaper on two cores, but analysis statements 2-3 times slower once hot).
     * docs/operations.md.
     */
    jit: 'quick' | 'full';
    /** Seconds; applies to the embedded server and to every transaction we open. */
    txTimeoutSeconds: number;
  };
  /** Load the seeds (the default graph) into an empty database at start. */
  seedOnStart: boolean;
  /** With seedOnStart: add the fictional demo set (seeds/demo/) to what an empty database gets. */
  seedDemo: boolean;
  /**
   * Run the example operations once at start so that Neo4j has planned their statements before callers ask
   * (server/warm-up.ts): all before the service reports ready, the first question before and the rest right after
   * ('first'), all right after, or not at all.
   */
  warmUp: WarmUp;
  /**
   * Writes always need an editor key; this additionally lets anonymous callers on a loopback connection write
   * (local development only).
   */
  allowWrites: boolean;
  logLevel: string;
  /** `plain` GraphQL, or an Apollo Federation 2 subgraph (entities with @key, `_service`, `_entities`). */
  schemaMode: 'plain' | 'subgraph';
  /** GraphQL introspection (`__schema`, `__type`); the playground's docs and autocompletion need it. */
  introspection: boolean;
  /** Persisted (trusted) operations: the manifest, and whether service keys may run only what it lists. */
  operations: { manifestFile: string; registeredOnly: boolean };
  auth: {
    /** Queries without a key (default: on only while HOST is a loopback address). */
    anonymousReads: boolean;
    /** Key records as JSON (TG_API_KEYS), in addition to the keys file. */
    apiKeysJson?: string;
    /** The keys file that `npm run key` writes (TG_KEYS_FILE, default ./keys.json). */
    keysFile: string;
  };
  limits: {
    maxBodyBytes: number;
    maxDepth: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    /** Selections counted with every fragment spread expanded (fragment bombs). */
    maxSelections: number;
    /** Estimated cost, page sizes included (see server/limits.ts). */
    maxCost: number;
    /** Milliseconds for a whole HTTP request, reading the body included. */
    requestTimeoutMs: number;
  };
  /** Origins allowed to call the API from a browser (`*` = any); empty = no CORS headers at all. */
  corsOrigins: string[];
  /** Host names the server answers to (DNS rebinding guard, server/browser.ts); `*` = any. IP literals always. */
  allowedHosts: string[];
  /** How long a graceful shutdown waits for in-flight requests before closing their connections. */
  shutdownGraceMs: number;
  /**
   * Secrets that sign the x-neo4j-bookmark tokens (TG_BOOKMARK_SECRET, comma-separated: the first signs, all
   * verify). Empty: one generated and kept in `<dataDir>/bookmark-secret` (server/bookmarks.ts).
   */
  bookmarkSecrets: string[];
  /** Driver timeouts: fail fast when Neo4j is gone instead of hanging. */
  db: {
    connectionTimeoutMs: number;
    acquisitionTimeoutMs: number;
    maxRetryTimeMs: number;
    /** Connections in the driver's pool (readiness pings have one of their own besides). */
    maxPoolSize: number;
  };
}

export type WarmUp = 'before-ready' | 'first' | 'after-ready' | 'off';

const root = resolve(import.meta.dirname, '..');
export const PROJECT_ROOT = root;

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Setting ${name} must be a whole number, got "${raw}"`);
  return n;
}

function boolSetting(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`Setting ${name} must be true or false, got "${raw}"`);
}

/** 127.0.0.0/8, ::1, localhost: the addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host
    .replace(/^\[|\]$/g, '')
    .replace(/^::ffff:/i, '')
    .toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** TG_BOOKMARK_SECRET: comma-separated secrets of 32 characters or more (a short one is refused, not padded). */
function secretsSetting(raw: string | undefined): string[] {
  const secrets = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (secrets.some((s) => s.length < 32))
    throw new Error(
      'Setting TG_BOOKMARK_SECRET must be secrets of at least 32 characters each (e.g. `openssl rand -base64 32`), comma-separated',
    );
  return secrets;
}

/**
 * The loopback names, and HOST when it is a name (a wildcard address such as 0.0.0.0 adds nothing: a deployment
 * reached by a name lists it in TG_ALLOWED_HOSTS). IP literals need no entry: rebinding needs a name.
 */
function defaultAllowedHosts(host: string): string[] {
  const names = ['localhost', '*.localhost'];
  const h = host.toLowerCase();
  if (isIP(h.replace(/^\[|\]$/g, '')) === 0 && !names.includes(h)) names.push(h);
  return names;
}

/**
 * TG_WARM_UP: first (the default: the most asked question before ready, the other example operations right after;
 * the rest would take 20-40 s of CPU on two cores, longer than the whole start), true (all before ready),
 * after-ready (all after), or false.
 */
function warmUpSetting(raw: string | undefined): WarmUp {
  if (raw === undefined || raw.toLowerCase() === 'first') return 'first';
  if (/^(1|true|yes|on)$/i.test(raw)) return 'before-ready';
  if (/^(0|false|no|off)$/i.test(raw)) return 'off';
  if (raw.toLowerCase() === 'after-ready') return 'after-ready';
  throw new Error(`Setting TG_WARM_UP must be first, true, after-ready or false, got "${raw}"`);
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new Error(`Setting ${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = (k: string) => (env[k] === '' ? undefined : env[k]);
  const int = (name: string, fallback: number) => intSetting(env, name, fallback);
  const bool = (name: string, fallback: boolean) => boolSetting(env, name, fallback);
  const host = e('HOST') ?? '127.0.0.1';
  return {
    host,
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
      jit: oneOf('TG_NEO4J_JIT', e('TG_NEO4J_JIT'), ['full', 'quick'] as const, 'full'),
      txTimeoutSeconds: int('TG_TX_TIMEOUT_SECONDS', 30),
    },
    seedOnStart: bool('TG_SEED_ON_START', true),
    seedDemo: bool('TG_SEED_DEMO', false),
    warmUp: warmUpSetting(e('TG_WARM_UP')),
    allowWrites: bool('TG_ALLOW_WRITES', false),
    logLevel: e('LOG_LEVEL') ?? 'info',
    schemaMode: oneOf('TG_SCHEMA_MODE', e('TG_SCHEMA_MODE'), ['plain', 'subgraph'] as const, 'plain'),
    introspection: bool('TG_INTROSPECTION', true),
    operations: {
      manifestFile: resolve(e('TG_OPERATIONS_MANIFEST') ?? join(root, 'operations', 'manifest.json')),
      registeredOnly: bool('TG_REGISTERED_OPERATIONS_ONLY', false),
    },
    auth: {
      anonymousReads: bool('TG_ANONYMOUS_READS', isLoopback(host)),
      apiKeysJson: e('TG_API_KEYS'),
      keysFile: resolve(e('TG_KEYS_FILE') ?? join(root, 'keys.json')),
    },
    limits: {
      maxBodyBytes: int('TG_MAX_BODY_BYTES', 1_000_000),
      maxDepth: int('TG_MAX_DEPTH', 12),
      maxAliases: int('TG_MAX_ALIASES', 30),
      maxDirectives: int('TG_MAX_DIRECTIVES', 30),
      maxTokens: int('TG_MAX_TOKENS', 3000),
      maxSelections: int('TG_MAX_SELECTIONS', 1000),
      maxCost: int('TG_MAX_COST', 100_000),
      requestTimeoutMs: int('TG_REQUEST_TIMEOUT_MS', 30_000),
    },
    corsOrigins: (e('TG_CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    allowedHosts:
      e('TG_ALLOWED_HOSTS')
        ?.split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean) ?? defaultAllowedHosts(host),
    shutdownGraceMs: int('TG_SHUTDOWN_GRACE_MS', 10_000),
    bookmarkSecrets: secretsSetting(e('TG_BOOKMARK_SECRET')),
    db: {
      connectionTimeoutMs: int('TG_DB_CONNECT_TIMEOUT_MS', 3000),
      acquisitionTimeoutMs: int('TG_DB_ACQUIRE_TIMEOUT_MS', 5000),
      maxRetryTimeMs: int('TG_DB_RETRY_MS', 3000),
      maxPoolSize: int('TG_DB_POOL_SIZE', 50),
    },
  };
}
