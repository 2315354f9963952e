// SUPPLY_CONCENTRATION where the contract leaves a choice to the schema (schema/analysis.graphql): of two foreign
// countries at the same largest share the one of the smaller code, and the organizations behind it by name. A
// country's share is its own figure where the listing has one, else the sum of its organizations' (here US: 20 + 10
// + 20 = 50, as much as NL's 50), so a tie needs no invalid listing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/domain/document.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const ill = { provenance: 'ILLUSTRATIVE' as const, sources: [] };
const doc: GraphDocument = {
  technologies: [{ id: 'tech:x', name: 'X', kind: 'OTHER', ...ill }],
  organizations: ['zeta', 'alpha', 'mid'].map((n) => ({
    id: `org:${n}`,
    name: n,
    type: 'COMPANY',
    country: 'US',
    ...ill,
  })),
  supplyListings: [
    { id: 'listing:x', technology: 'tech:x', year: 2023, complete: true, completeBecause: 'the whole market', ...ill },
  ],
  supplyShares: [
    { id: 'share:nl', listing: 'listing:x', country: 'NL', share: 50, ...ill },
    { id: 'share:zeta', listing: 'listing:x', organization: 'org:zeta', share: 20, ...ill },
    { id: 'share:alpha', listing: 'listing:x', organization: 'org:alpha', share: 10, ...ill },
    { id: 'share:mid', listing: 'listing:x', organization: 'org:mid', share: 20, ...ill },
  ],
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc });
});
afterAll(async () => {
  await t?.stop();
});

async function risk(concentration: number) {
  const { body } = await t.gql(`{ singleSourceRisks(concentration: ${concentration}, lens: {asOf: "2025-01-01"}) {
    nodes { kind country share year sources { id } } } }`);
  expect(body.errors).toBeUndefined();
  return body.data.singleSourceRisks.nodes;
}

describe('SUPPLY_CONCENTRATION', () => {
  it('names, of two foreign countries at the same largest share, the one of the smaller code (NL 50 before US 50)', async () => {
    expect(await risk(50)).toEqual([
      { kind: 'SUPPLY_CONCENTRATION', country: 'NL', share: 50, year: 2023, sources: [] },
    ]);
  });

  it('lists the organizations of the concentrated country by name (alpha, mid, zeta), whatever the order they were stored in', async () => {
    await t.db.write("MATCH (s:SupplyShare {id: 'share:nl'}) SET s.share = 40");
    expect(await risk(50)).toEqual([
      {
        kind: 'SUPPLY_CONCENTRATION',
        country: 'US',
        share: 50,
        year: 2023,
        sources: [{ id: 'org:alpha' }, { id: 'org:mid' }, { id: 'org:zeta' }],
      },
    ]);
  });
});
