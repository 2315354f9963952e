// Without an editor key (or the development setting), every mutation is refused before anything is read or written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocument } from '../../src/import/export.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { TG_ALLOW_WRITES: 'false' } });
});
afterAll(async () => {
  await t?.stop();
});

describe('writes without an editor key', () => {
  it('are refused as UNAUTHENTICATED and change nothing', async () => {
    const before = await exportDocument(t.db);
    const { body } = await t.gql(
      `mutation { createSector(input: { id: "sector:nope", name: "Nope", provenance: ILLUSTRATIVE }) { sector { id } } }`,
    );
    expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull(); // refused before execution: no data entry at all
    const imp = await t.gql(`mutation($d: JSON!) { importGraph(document: $d) { ok } }`, {
      d: { sectors: [{ id: 'sector:nope', name: 'Nope', provenance: 'ILLUSTRATIVE', sources: [] }] },
    });
    expect(imp.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await exportDocument(t.db)).toEqual(before);
  });
});
