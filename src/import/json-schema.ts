// The JSON Schema of the graph document, made from the model so that it cannot disagree with the validator.
// `npm run schema:json` writes it to docs/graph-document.schema.json; a test checks the committed copy.
import { ENTITIES, ID_PATTERN, PROVENANCES, RELATIONSHIPS, type PropSpec } from '../domain/model.js';
import { MAX_YEAR, MIN_YEAR } from '../domain/values.js';
import { FORMAT } from '../domain/document.js';

type Schema = Record<string, unknown>;

function propSchema(p: PropSpec): Schema {
  const t = p.type;
  switch (t.kind) {
    case 'string':
      return { type: 'string', minLength: 1, ...(t.max ? { maxLength: t.max } : {}) };
    case 'url':
      return {
        type: 'string',
        format: 'uri',
        pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$',
        ...(t.max ? { maxLength: t.max } : {}),
        description: 'an absolute http:// or https:// URL',
      };
    case 'int':
      return {
        type: 'integer',
        ...(t.min !== undefined ? { minimum: t.min } : {}),
        ...(t.max !== undefined ? { maximum: t.max } : {}),
      };
    case 'float':
      return {
        type: 'number',
        ...(t.min !== undefined ? { minimum: t.min } : {}),
        ...(t.max !== undefined ? { maximum: t.max } : {}),
      };
    case 'year':
      return { type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR };
    case 'krw':
      return { type: 'integer', minimum: 0, description: 'Korean won' };
    case 'bool':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    case 'country':
      return { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' };
    case 'enum':
      return { enum: [...t.values] };
    case 'names':
      return {
        type: 'array',
        maxItems: t.maxItems,
        uniqueItems: true,
        items: { type: 'string', minLength: 1, maxLength: t.max, pattern: '^[^;]*$' },
      };
  }
}

/** Rules across a record's fields (src/domain/evidence-rules.ts), as far as JSON Schema can say them. */
const RECORD_RULES: Record<string, Schema> = {
  SupplyListing: {
    if: { required: ['complete'], properties: { complete: { const: true } } },
    then: { required: ['completeBecause'], properties: { completeBecause: { type: 'string' } } },
  },
  SupplyShare: {
    anyOf: [{ required: ['country'] }, { required: ['organization'] }],
    not: {
      required: ['country', 'organization'],
      properties: { country: { type: 'string' }, organization: { type: 'string' } },
    },
  },
};

const idPattern = (prefix: string) => `^${prefix}:${ID_PATTERN.source.split(':')[1].replace(/\$$/, '')}$`;
const nullable = (s: Schema) => ({ anyOf: [s, { type: 'null' }] });

export function graphDocumentSchema(): Schema {
  const fact = {
    provenance: { enum: [...PROVENANCES] },
    sources: { type: 'array', items: { type: 'string', pattern: idPattern('source') }, uniqueItems: true, default: [] },
  };
  const properties: Schema = { format: { const: FORMAT } };
  for (const e of ENTITIES) {
    const props: Schema = { id: { type: 'string', pattern: idPattern(e.prefix) } };
    for (const [k, p] of Object.entries(e.props)) props[k] = p.required ? propSchema(p) : nullable(propSchema(p));
    for (const ref of e.refs ?? []) {
      const prefix = ENTITIES.find((x) => x.label === ref.label)!.prefix;
      props[ref.field] = { type: 'string', pattern: idPattern(prefix), description: `id of the ${ref.label}` };
    }
    Object.assign(props, fact);
    const required = [
      'id',
      'provenance',
      ...Object.entries(e.props)
        .filter(([, p]) => p.required)
        .map(([k]) => k),
      ...(e.refs ?? []).filter((r) => r.required).map((r) => r.field),
    ];
    properties[e.collection] = {
      type: 'array',
      description: `${e.label} records`,
      items: { type: 'object', additionalProperties: false, required, properties: props, ...RECORD_RULES[e.label] },
    };
  }
  properties.relationships = {
    type: 'array',
    items: {
      oneOf: RELATIONSHIPS.map((r) => ({
        type: 'object',
        additionalProperties: false,
        required: [
          'type',
          'from',
          'to',
          'provenance',
          ...Object.entries(r.props)
            .filter(([, p]) => p.required)
            .map(([k]) => k),
        ],
        properties: {
          type: { const: r.type },
          from: { type: 'string', description: `id of a ${r.from.join(' or ')}` },
          to: { type: 'string', description: `id of a ${r.to.join(' or ')}` },
          ...Object.fromEntries(
            Object.entries(r.props).map(([k, p]) => [k, p.required ? propSchema(p) : nullable(propSchema(p))]),
          ),
          ...fact,
        },
      })),
    },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'techgraph/graph-document.schema.json',
    title: 'techgraph graph document',
    description:
      'Seeds, importGraph, npm run import and npm run export all use this format. See docs/import-format.md.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}
