// Forging bookmarks, for the tests, the soak and scripts/measure-forged-bookmarks.ts, which check they are refused.

/** A token as the API used to issue them, unsigned: base64url of the JSON list of bookmarks. Built here, never
 *  with the API's own encoder, so that a forged token stays forged whatever the API does to sign its own. */
export function unsignedToken(bookmarks: string[]): string {
  return Buffer.from(JSON.stringify(bookmarks)).toString('base64url');
}

/**
 * A real Neo4j 5 bookmark ("FB:" + base64 of [database uuid, transaction id] in PackStream) moved `ahead`
 * transactions into the future: Neo4j would wait for that transaction before starting the request's.
 */
export function forgeAhead(real: string, ahead: number): string {
  const bytes = Buffer.from(real.slice(3), 'base64');
  // 0x91 0xCC 0x10 <16-byte database uuid> <tx id as a PackStream integer> <rest>
  const at = 19;
  if (!real.startsWith('FB:') || bytes.length <= at || bytes[2] !== 0x10)
    throw new Error(`not a Neo4j 5 bookmark: ${real}`);
  const marker = bytes[at];
  let tx: number;
  let len: number;
  if (marker < 0x80) {
    tx = marker;
    len = 1;
  } else if (marker === 0xc8) {
    tx = bytes.readInt8(at + 1);
    len = 2;
  } else if (marker === 0xc9) {
    tx = bytes.readInt16BE(at + 1);
    len = 3;
  } else if (marker === 0xca) {
    tx = bytes.readInt32BE(at + 1);
    len = 5;
  } else if (marker === 0xcb) {
    tx = Number(bytes.readBigInt64BE(at + 1));
    len = 9;
  } else throw new Error(`unexpected transaction id encoding in bookmark ${real}`);
  const next = tx + ahead;
  let enc: Buffer;
  if (next < 0x80) enc = Buffer.from([next]);
  else if (next < 0x8000) {
    enc = Buffer.alloc(3);
    enc[0] = 0xc9;
    enc.writeInt16BE(next, 1);
  } else if (next < 0x80000000) {
    enc = Buffer.alloc(5);
    enc[0] = 0xca;
    enc.writeInt32BE(next, 1);
  } else {
    enc = Buffer.alloc(9);
    enc[0] = 0xcb;
    enc.writeBigInt64BE(BigInt(next), 1);
  }
  return `FB:${Buffer.concat([bytes.subarray(0, at), enc, bytes.subarray(at + len)]).toString('base64')}`;
}
