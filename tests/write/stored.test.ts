// How a record is stored (src/write/stored.ts), the one conversion behind the import, the create mutations and the
// update mutations: no database needed.
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ENTITY_BY_PREFIX } from '../../src/domain/model.js';
import { refRow, storedFields, storedNodeProps, storedRelProps } from '../../src/write/stored.js';

const entity = (prefix: string) => ENTITY_BY_PREFIX.get(prefix)!;

describe('stored form of a record', () => {
  it('keeps a whole node with its sort key, its sources as sourceIds, whole numbers as integers, and no references or nulls', () => {
    const props = storedNodeProps({
      id: 'stage:wafer',
      name: 'Wafer Processing',
      nameKo: null,
      order: 3,
      sector: 'sector:chips',
      provenance: 'REPORTED',
      sources: ['source:a'],
    });
    expect(props).toEqual({
      id: 'stage:wafer',
      name: 'Wafer Processing',
      order: neo4j.int(3),
      provenance: 'REPORTED',
      sourceIds: ['source:a'],
      sortKey: 'wafer processing',
    });
  });

  it('sorts a titled node by its title, and gives a record without sources an empty list', () => {
    const props = storedNodeProps({
      id: 'project:x',
      title: 'ZETA Line',
      status: 'ACTIVE',
      provenance: 'ILLUSTRATIVE',
    } as never);
    expect(props).toMatchObject({ sortKey: 'zeta line', sourceIds: [] });
  });

  it('changes only the given fields: a null removes, a rename moves the sort key, sources become sourceIds', () => {
    expect(
      storedFields(entity('tech'), { name: 'New NAME', description: null, domesticYearsToDevelop: 4, sources: null }),
    ).toEqual({ name: 'New NAME', description: null, domesticYearsToDevelop: 4, sourceIds: [], sortKey: 'new name' });
    // No name among the changes: the stored sort key stays as it is.
    expect(storedFields(entity('tech'), { kind: 'CHOKEPOINT' })).toEqual({ kind: 'CHOKEPOINT' });
    // A reference is a relationship, not a property.
    expect(storedFields(entity('budget'), { program: 'program:p', amountKrw: 5 })).toEqual({ amountKrw: neo4j.int(5) });
  });

  it('stores a relationship without its ends and type, its integers as integers', () => {
    expect(
      storedRelProps({
        type: 'HAS_CAPABILITY',
        from: 'org:a',
        to: 'tech:b',
        level: 80,
        provenance: 'ASSESSED',
        sources: ['source:s'],
      }),
    ).toEqual({ level: 80, provenance: 'ASSESSED', sourceIds: ['source:s'] });
  });

  it('points a reference at its target with the node provenance and sources, or nowhere', () => {
    const ref = entity('stage').refs![0];
    expect(refRow({ id: 'stage:x', sector: 'sector:y', provenance: 'REPORTED', sources: ['source:a'] }, ref)).toEqual({
      id: 'stage:x',
      target: 'sector:y',
      props: { provenance: 'REPORTED', sourceIds: ['source:a'] },
    });
    expect(refRow({ id: 'stage:x', provenance: 'REPORTED' }, ref).target).toBeNull();
  });
});
