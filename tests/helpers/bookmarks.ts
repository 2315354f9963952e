// Forging bookmarks, for the tests (and scripts/measure-forged-bookmarks.ts) that check they are refused.

/**
 * A Neo4j 5 bookmark ("FB:" + base64 of MessagePack ending in `txId, {}`) with its transaction id moved `ahead`:
 * a transaction the database has not reached, which Neo4j would wait for.
 */
export function forgeAhead(bookmark: string, ahead: number): string {
  const bytes = Buffer.from(bookmark.slice(3), 'base64');
  const end = bytes.length - 1; // the trailing 0x90 (empty map)
  if (!bookmark.startsWith('FB:') || bytes[end] !== 0x90) throw new Error(`unexpected bookmark layout: ${bookmark}`);
  if (bytes[end - 1] + ahead < 0x80) bytes[end - 1] += ahead; // positive fixint
  else if (bytes[end - 2] === 0xcc && bytes[end - 1] + ahead <= 0xff) bytes[end - 1] += ahead; // uint8
  else if (bytes[end - 3] === 0xcd) bytes.writeUInt16BE(bytes.readUInt16BE(end - 2) + ahead, end - 2); // uint16
  else if (bytes[end - 5] === 0xce) bytes.writeUInt32BE(bytes.readUInt32BE(end - 4) + ahead, end - 4); // uint32
  else throw new Error(`cannot move this transaction id: ${bytes.toString('hex')}`);
  return `FB:${bytes.toString('base64')}`;
}

/** A token as the API used to issue them, unsigned: base64url of the JSON list of bookmarks. */
export function unsignedToken(bookmarks: string[]): string {
  return Buffer.from(JSON.stringify(bookmarks)).toString('base64url');
}
