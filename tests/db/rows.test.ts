// The row decoders (src/db/rows.ts): a row of the promised shape passes through typed; one that is not fails at
// the field that does not fit, naming the statement and the path.
import { describe, expect, it } from 'vitest';
import { bool, decodeRow, list, node, nullable, num, oneOf, record, RowShapeError, str } from '../../src/db/rows.js';

const SHAPE = {
  total: num,
  deep: bool,
  subject: node,
  best: nullable(num),
  rows: list(record({ id: str, status: oneOf(['LEADING', 'ABSENT'] as const) })),
};

describe('row decoders', () => {
  it('return the fields of the shape, typed, and drop the others', () => {
    const r = decodeRow('gap page', SHAPE, {
      total: 2,
      deep: false,
      subject: { id: 'sector:x', name: 'X' },
      best: null,
      extra: 'dropped',
      rows: [
        { id: 'tech:a', status: 'LEADING' },
        { id: 'tech:b', status: 'ABSENT', more: 1 },
      ],
    });
    expect(r).toEqual({
      total: 2,
      deep: false,
      subject: { id: 'sector:x', name: 'X' },
      best: null,
      rows: [
        { id: 'tech:a', status: 'LEADING' },
        { id: 'tech:b', status: 'ABSENT' },
      ],
    });
    expect(Object.keys(r)).not.toContain('extra');
  });

  it('name the statement and the path of a field of the wrong type', () => {
    const row = { total: '2', deep: false, subject: { id: 's' }, best: 1, rows: [] };
    expect(() => decodeRow('gap page', SHAPE, row)).toThrow(new RowShapeError('gap page.total', 'a number', '2'));
    expect(() => decodeRow('gap page', SHAPE, row)).toThrow(
      'statement row: gap page.total should be a number, got string',
    );
  });

  it('find a bad value deep in a list', () => {
    const row = {
      total: 1,
      deep: true,
      subject: { id: 's' },
      best: null,
      rows: [
        { id: 'a', status: 'LEADING' },
        { id: 'b', status: 'GONE' },
      ],
    };
    expect(() => decodeRow('gap page', SHAPE, row)).toThrow(
      'gap page.rows[1].status should be one of LEADING, ABSENT, got string',
    );
  });

  it('refuse a missing field that is not nullable, and a node without an id', () => {
    expect(() => decodeRow('q', { deep: bool }, {})).toThrow('q.deep should be a boolean, got undefined');
    expect(() => decodeRow('q', { subject: node }, { subject: { name: 'no id' } })).toThrow(
      'q.subject.id should be a string',
    );
    expect(() => decodeRow('q', { rows: list(num) }, { rows: 3 })).toThrow('q.rows should be a list, got number');
    expect(() => decodeRow('q', { best: num }, { best: Number.NaN })).toThrow('q.best should be a number');
  });
});
