// How a node or relationship is stored: its properties as Neo4j keeps them, and the statement that points a node at
// the target of a reference (a stage's sector). The import, the create mutations and the update mutations all go
// through these, so a node has the same stored form however it was written.
import neo4j from 'neo4j-driver';
import {
  ENTITY_BY_PREFIX,
  propOf,
  refFields,
  RELATIONSHIP_BY_TYPE,
  type EntitySpec,
  type PropType,
  type RefSpec,
} from '../domain/model.js';
import type { NodeRecord, RelationshipRecord } from '../domain/document.js';
import { SORT_KEY, sortKeyOf, sortKeySource } from '../domain/sorts.js';

/** A valid value as stored: whole-number kinds become Neo4j integers (JS numbers would travel as floats). */
export function toStored(type: PropType | undefined, value: unknown): unknown {
  if (type && (type.kind === 'int' || type.kind === 'year' || type.kind === 'krw') && typeof value === 'number')
    return neo4j.int(value);
  return value;
}

/**
 * Fields of a node record as stored properties: references left out (they are relationships, see refStatement),
 * `sources` kept as `sourceIds`, and beside the name or title the list sort key made from it (src/domain/sorts.ts).
 * A null stays null, which `SET n += $props` takes as removing the property; an undefined field is left out.
 */
export function storedFields(entity: EntitySpec | undefined, fields: Record<string, unknown>): Record<string, unknown> {
  const refs = entity ? refFields(entity) : [];
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || refs.includes(k)) continue;
    if (k === 'sources') props.sourceIds = v ?? [];
    else props[k] = v === null ? null : toStored(entity && propOf(entity.props, k)?.type, v);
  }
  const text = entity && sortKeySource(entity);
  if (text && text in fields) props[SORT_KEY] = sortKeyOf(fields[text]);
  return props;
}

/** A whole node record's stored properties (nulls left out: the node is written whole, `SET n = $props`). */
export function storedNodeProps(rec: NodeRecord): Record<string, unknown> {
  const entity = ENTITY_BY_PREFIX.get(rec.id.slice(0, rec.id.indexOf(':')));
  const present = Object.fromEntries(Object.entries(rec).filter(([, v]) => v !== null));
  return { ...storedFields(entity, present), sourceIds: rec.sources ?? [] };
}

export function storedRelProps(rec: RelationshipRecord): Record<string, unknown> {
  const spec = RELATIONSHIP_BY_TYPE.get(rec.type)?.props ?? {};
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (k === 'type' || k === 'from' || k === 'to' || k === 'sources' || v === null || v === undefined) continue;
    props[k] = toStored(propOf(spec, k)?.type, v);
  }
  props.sourceIds = rec.sources ?? [];
  return props;
}

/**
 * Points each row's node at its target through `ref` (`row.target`, or nowhere when null): an edge to another
 * target is removed, and the edge carries the node's provenance and sources (`row.props`). The one statement
 * that writes a reference, for the import and for updates.
 */
export function refStatement(entity: EntitySpec, ref: RefSpec): string {
  return `UNWIND $rows AS row
    MATCH (n:${entity.label} {id: row.id})
    OPTIONAL MATCH (n)-[old:${ref.rel}]->(p)
    WHERE row.target IS NULL OR p.id <> row.target
    DELETE old
    WITH DISTINCT n, row
    WHERE row.target IS NOT NULL
    MATCH (p:${ref.label} {id: row.target})
    MERGE (n)-[r:${ref.rel}]->(p)
    SET r = row.props`;
}

/** The row of refStatement for a record. */
export function refRow(rec: Record<string, unknown>, ref: RefSpec): Record<string, unknown> {
  return {
    id: rec.id,
    target: (rec[ref.field] as string | undefined) ?? null,
    props: { provenance: rec.provenance, sourceIds: rec.sources ?? [] },
  };
}
