// Access control: API keys with a role, sent as `Authorization: Bearer <key>`.
//  - reader: queries; editor: queries and mutations (imports included).
//  - Keys are 256-bit random strings, stored only as their SHA-256 (a fast hash is enough for keys that cannot
//    be guessed; nothing like a password to brute-force). They come from TG_API_KEYS (JSON) and the keys file
//    (TG_KEYS_FILE, default ./keys.json, git-ignored), which `npm run key -- --role editor` appends to and which
//    is re-read when it changes, so a new key works without a restart.
//  - Without a key a caller is anonymous: queries only while anonymous reads are on (TG_ANONYMOUS_READS, by
//    default on only when the API listens on loopback), and never writes, except that TG_ALLOW_WRITES=true
//    lets anonymous callers on a loopback connection write (local development only).
// Who may write is decided by assertCanWrite (graph/guard.ts), from the role found here.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Config } from '../config.js';
import type { Role } from '../graph/context.js';

export type KeyRole = Exclude<Role, 'anonymous'>;

export interface KeyRecord {
  /** Public name of the key (the first 12 hex digits of its hash): safe to log. */
  id: string;
  role: KeyRole;
  /** SHA-256 of the key, hex. */
  sha256: string;
  /** Who holds it: a person (the default) or another system (server/persisted.ts may bind those to
   *  registered operations). */
  kind?: 'person' | 'service';
  created?: string;
  note?: string;
}

export interface Caller {
  role: Role;
  keyId?: string;
  kind?: 'person' | 'service';
}

export const KEY_PREFIX = 'tg_';

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key and the record that stores it (the key itself is never stored). */
export function newKey(
  role: KeyRole,
  opts: { note?: string; kind?: 'person' | 'service' } = {},
): { key: string; record: KeyRecord } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const sha256 = hashKey(key);
  return {
    key,
    record: {
      id: sha256.slice(0, 12),
      role,
      sha256,
      kind: opts.kind ?? 'person',
      created: new Date().toISOString(),
      ...(opts.note ? { note: opts.note } : {}),
    },
  };
}

function parseRecords(text: string, where: string): KeyRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not valid JSON`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(list)) throw new Error(`${where} must be a JSON array of keys or {"keys": [...]}`);
  return list.map((r, i) => {
    const rec = r as Partial<KeyRecord>;
    if (rec.role !== 'reader' && rec.role !== 'editor')
      throw new Error(`${where}: key ${i} needs "role": "reader" or "editor"`);
    if (typeof rec.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(rec.sha256)) {
      throw new Error(`${where}: key ${i} needs "sha256", the hex SHA-256 of the key`);
    }
    if (rec.kind !== undefined && rec.kind !== 'person' && rec.kind !== 'service') {
      throw new Error(`${where}: key ${i} has "kind" "${String(rec.kind)}"; use "person" or "service"`);
    }
    const sha256 = rec.sha256.toLowerCase();
    return { ...rec, id: typeof rec.id === 'string' ? rec.id : sha256.slice(0, 12), role: rec.role, sha256 };
  });
}

export function readKeysFile(file: string): KeyRecord[] {
  return existsSync(file) ? parseRecords(readFileSync(file, 'utf8'), file) : [];
}

/** Appends a record to the keys file (creating it, readable by its owner only). */
export function appendKeyToFile(file: string, record: KeyRecord): void {
  const keys = [...readKeysFile(file), record];
  writeFileSync(file, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
}

/** The keys in force: TG_API_KEYS plus the keys file, re-read when the file changes (checked at most once a second). */
export class KeyStore {
  private byHash = new Map<string, KeyRecord>();
  private fromEnv: KeyRecord[];
  private fileStamp = '';
  private checkedAt = 0;

  constructor(
    private readonly settings: Config['auth'],
    private readonly warn: (msg: string) => void = () => undefined,
  ) {
    this.fromEnv = settings.apiKeysJson ? parseRecords(settings.apiKeysJson, 'TG_API_KEYS') : [];
    this.reload(true);
  }

  get size(): number {
    this.refresh();
    return this.byHash.size;
  }

  private stamp(): string {
    try {
      const s = statSync(this.settings.keysFile);
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return 'none';
    }
  }

  private reload(strict: boolean): void {
    const stamp = this.stamp();
    let fromFile: KeyRecord[];
    try {
      fromFile = readKeysFile(this.settings.keysFile);
    } catch (e) {
      if (strict) throw e;
      this.warn(`keeping the previous keys: ${(e as Error).message}`);
      return;
    }
    this.byHash = new Map([...this.fromEnv, ...fromFile].map((r) => [r.sha256, r]));
    this.fileStamp = stamp;
  }

  private refresh(): void {
    const now = Date.now();
    if (now - this.checkedAt < 1000) return;
    this.checkedAt = now;
    if (this.stamp() !== this.fileStamp) this.reload(false);
  }

  find(key: string): KeyRecord | undefined {
    this.refresh();
    return this.byHash.get(hashKey(key));
  }
}

/** Refusals before GraphQL runs: the HTTP layer turns these into a GraphQL-shaped error response. */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
  ) {
    super(message);
  }
}

/** Who is calling, from the Authorization header; throws AuthError for a malformed or unknown key. */
export function identify(authorization: string | undefined, keys: KeyStore): Caller {
  if (authorization === undefined || authorization.trim() === '') return { role: 'anonymous' };
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!m) throw new AuthError(401, 'Send the API key as "Authorization: Bearer <key>".', 'UNAUTHENTICATED');
  const record = keys.find(m[1]);
  if (!record) throw new AuthError(401, 'The API key is not valid.', 'UNAUTHENTICATED');
  return { role: record.role, keyId: record.id, kind: record.kind ?? 'person' };
}

/** Whether a caller may run queries at all. */
export function assertCanRead(caller: Caller, settings: Config['auth']): void {
  if (caller.role === 'anonymous' && !settings.anonymousReads) {
    throw new AuthError(401, 'This API needs an API key: send it as "Authorization: Bearer <key>".', 'UNAUTHENTICATED');
  }
}
