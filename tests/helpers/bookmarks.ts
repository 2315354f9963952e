// Forging bookmarks, for the tests (and scripts/measure-forged-bookmarks.ts) that check they are refused.

/**
 * A Neo4j 5 bookmark ("FB:" + base64 of MessagePack ending in `txId, {}`) with its transaction id moved `ahead`:
 * a transaction the database has not reached, which Neo4j would wait for.
 */
export function forgeAhead(bookmark: string, ahead: number): string {
  const bytes = Buffer.from(bookmark.slice(3), 'base64');
  const end = bytes.length - 1; // the trailing 0x90 (empty map); the transaction id is the MessagePack integer before it
  if (!bookmark.startsWith('FB:') || bytes[end] !== 0x90) throw new Error(`unexpected bookmark layout: ${bookmark}`);
  let start: number;
  let tx: bigint;
  if (bytes[end - 1] < 0x80) { start = end - 1; tx = BigInt(bytes[end - 1]); } // positive fixint
  else if (bytes[end - 2] === 0xcc) { start = end - 2; tx = BigInt(bytes[end - 1]); }
  else if (bytes[end - 3] === 0xcd) { start = end - 3; tx = BigInt(bytes.readUInt16BE(end - 2)); }
  else if (bytes[end - 5] === 0xce) { start = end - 5; tx = BigInt(bytes.readUInt32BE(end - 4)); }
  else if (bytes[end - 9] === 0xcf) { start = end - 9; tx = bytes.readBigUInt64BE(end - 8); }
  else throw new Error(`cannot find the transaction id: ${bytes.toString('hex')}`);
  const next = tx + BigInt(ahead);
  let encoded: Buffer;
  if (next < 0x80n) encoded = Buffer.from([Number(next)]);
  else if (next <= 0xffn) encoded = Buffer.from([0xcc, Number(next)]);
  else if (next <= 0xffffn) { encoded = Buffer.alloc(3); encoded[0] = 0xcd; encoded.writeUInt16BE(Number(next), 1); }
  else if (next <= 0xffffffffn) { encoded = Buffer.alloc(5); encoded[0] = 0xce; encoded.writeUInt32BE(Number(next), 1); }
  else { encoded = Buffer.alloc(9); encoded[0] = 0xcf; encoded.writeBigUInt64BE(next, 1); }
  return `FB:${Buffer.concat([bytes.subarray(0, start), encoded, bytes.subarray(end)]).toString('base64')}`;
}

/** A token as the API used to issue them, unsigned: base64url of the JSON list of bookmarks. */
export function unsignedToken(bookmarks: string[]): string {
  return Buffer.from(JSON.stringify(bookmarks)).toString('base64url');
}
