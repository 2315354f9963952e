// The x-neo4j-bookmark token itself (src/db/bookmarks.ts, src/server/bookmarks.ts): signed, so only tokens this
// API issued are accepted; rotation of the secret; an issue time that stops old tokens from being waited for;
// where the secret comes from when TG_BOOKMARK_SECRET is not set.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { bookmarkCodec, MAX_TOKEN_AGE_SECONDS } from '../../src/db/bookmarks.js';
import { bookmarkSecrets, secretFile } from '../../src/server/bookmarks.js';
import { unsignedToken } from '../helpers/bookmarks.js';

const A = 'secret-a-secret-a-secret-a-secret-a-1234';
const B = 'secret-b-secret-b-secret-b-secret-b-1234';
const BOOKMARKS = ['FB:kcwQGUPeeWtkTc+7Oz5AhDnHCQWQ'];

describe('bookmark tokens', () => {
  it('round-trip under the secret that signed them, and nothing else does', () => {
    const token = bookmarkCodec([A]).encode(BOOKMARKS);
    expect(bookmarkCodec([A]).decode(token)).toEqual(BOOKMARKS);
    expect(bookmarkCodec([B]).decode(token)).toBeInstanceOf(Error);
    expect(bookmarkCodec([A]).decode(unsignedToken(BOOKMARKS))).toBeInstanceOf(Error);
    expect(bookmarkCodec([A]).decode(`${token}x`)).toBeInstanceOf(Error);
    expect(bookmarkCodec([A]).decode(` ${token}`)).toBeInstanceOf(Error);
  });

  it('rotate: the first secret signs, every listed one verifies', () => {
    const old = bookmarkCodec([A]).encode(BOOKMARKS);
    const rotating = bookmarkCodec([B, A]);
    expect(rotating.decode(old)).toEqual(BOOKMARKS);
    const fresh = rotating.encode(BOOKMARKS);
    expect(bookmarkCodec([B]).decode(fresh)).toEqual(BOOKMARKS);
    expect(bookmarkCodec([A]).decode(fresh)).toBeInstanceOf(Error);
  });

  it('are no longer waited for after an hour (empty list), and are refused when issued in the future', () => {
    let now = Date.UTC(2026, 0, 1);
    const codec = bookmarkCodec([A], () => now);
    const token = codec.encode(BOOKMARKS);
    now += (MAX_TOKEN_AGE_SECONDS - 1) * 1000;
    expect(codec.decode(token)).toEqual(BOOKMARKS);
    now += 2000;
    expect(codec.decode(token)).toEqual([]);
    const future = bookmarkCodec([A], () => Date.UTC(2026, 0, 1) + 3600_000).encode(BOOKMARKS);
    now = Date.UTC(2026, 0, 1);
    expect(codec.decode(future)).toBeInstanceOf(Error);
  });
});

describe('the signing secret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bookmark-secret-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (env: Record<string, string>) => loadConfig({ TG_DATA_DIR: join(dir, 'data'), ...env });

  it('is TG_BOOKMARK_SECRET (comma-separated for rotation), and a short one is a start-up error', () => {
    expect(bookmarkSecrets(config({ TG_BOOKMARK_SECRET: `${A}, ${B}` }))).toEqual([A, B]);
    expect(() => config({ TG_BOOKMARK_SECRET: 'short' })).toThrow(/TG_BOOKMARK_SECRET/);
  });

  it('otherwise is generated once into the data folder (0600) and read from there by every later start', () => {
    const c = config({});
    const first = bookmarkSecrets(c);
    expect(first).toHaveLength(1);
    expect(first[0].length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(secretFile(c.neo4j.dataDir), 'utf8').trim()).toBe(first[0]);
    expect(statSync(secretFile(c.neo4j.dataDir)).mode & 0o777).toBe(0o600);
    expect(bookmarkSecrets(c)).toEqual(first);
  });

  it('warns when several instances may not share it (NEO4J_URI set) or when it cannot be kept', () => {
    const warned: unknown[] = [];
    const logger = {
      warn: (...a: unknown[]) => {
        warned.push(a);
      },
    } as never;
    bookmarkSecrets(config({ NEO4J_URI: 'bolt://127.0.0.1:7687' }), logger);
    expect(warned).toHaveLength(1);
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const s = bookmarkSecrets(loadConfig({ TG_DATA_DIR: join(blocked, 'data') }), logger);
    expect(s[0].length).toBeGreaterThanOrEqual(32);
    expect(warned).toHaveLength(2);
  });
});
