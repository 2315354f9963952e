// The domain model of docs/domain.md as data: every node type and relationship type, their properties
// and their id prefixes. Import validation, export, the schema migrations and the generic Cypher builders
// all read it, so a type is described once. Labels and relationship types here are the only identifiers
// ever placed into Cypher text; every value travels as a parameter.

export const PROVENANCES = ['REPORTED', 'ASSESSED', 'ILLUSTRATIVE'] as const;
export type ProvenanceValue = (typeof PROVENANCES)[number];

/** Provenance levels at or above a minimum (REPORTED > ASSESSED > ILLUSTRATIVE). */
export function provenancesAtLeast(min: ProvenanceValue | null | undefined): ProvenanceValue[] {
  if (!min) return [...PROVENANCES];
  return PROVENANCES.slice(0, PROVENANCES.indexOf(min) + 1);
}

export type PropType =
  | { kind: 'string'; max?: number }
  /** An absolute http: or https: URL (it becomes a link in the explorer, so no javascript: and the like). */
  | { kind: 'url'; max?: number }
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'float'; min?: number; max?: number }
  | { kind: 'bool' }
  | { kind: 'date' }
  | { kind: 'year' }
  | { kind: 'krw' }
  | { kind: 'country' }
  | { kind: 'enum'; values: readonly string[] };

export interface PropSpec {
  type: PropType;
  required?: boolean;
}

export interface EntitySpec {
  /** Neo4j label and GraphQL type name. */
  label: string;
  /** Id prefix before the colon. */
  prefix: string;
  /** Key of this entity's array in the import document. */
  collection: string;
  props: Record<string, PropSpec>;
  /**
   * A reference held as a field of the record in the import document (a stage's `sector`), stored as a
   * relationship from this node that carries the node's own provenance.
   */
  parent?: { field: string; rel: string; label: string; required: boolean };
}

const str = (max = 500, required = false): PropSpec => ({ type: { kind: 'string', max }, required });
const name = { name: str(300, true), nameKo: str(300) };

/**
 * The spec of property `key`, or undefined: an own property only. Keys come from import records and CSV headers,
 * and a plain `props[key]` would find `constructor`, `toString` or `__proto__` on Object.prototype.
 */
export function propOf(props: Record<string, PropSpec>, key: string): PropSpec | undefined {
  return Object.hasOwn(props, key) ? props[key] : undefined;
}

export const ENTITIES: readonly EntitySpec[] = [
  {
    label: 'Source', prefix: 'source', collection: 'sources',
    props: {
      title: str(500, true), publisher: str(300), publishedAt: { type: { kind: 'date' } }, url: { type: { kind: 'url', max: 2000 } },
      kind: { type: { kind: 'enum', values: ['NEWS', 'GOVERNMENT', 'REPORT', 'DATASET', 'ANALYST'] }, required: true },
    },
  },
  { label: 'Sector', prefix: 'sector', collection: 'sectors', props: { ...name } },
  {
    label: 'ValueChainStage', prefix: 'stage', collection: 'stages',
    parent: { field: 'sector', rel: 'STAGE_OF', label: 'Sector', required: true },
    props: { ...name, order: { type: { kind: 'int', min: 1, max: 100 }, required: true } },
  },
  {
    label: 'Technology', prefix: 'tech', collection: 'technologies',
    props: {
      ...name,
      kind: { type: { kind: 'enum', values: ['CHOKEPOINT', 'ORIGINAL', 'OTHER'] }, required: true },
      description: str(4000),
      domesticYearsToDevelop: { type: { kind: 'float', min: 0, max: 100 } },
      coopTimeSavingYears: { type: { kind: 'float', min: 0, max: 100 } },
      coopCostSavingPct: { type: { kind: 'float', min: 0, max: 100 } },
      needsOverseasCertification: { type: { kind: 'bool' } },
    },
  },
  {
    label: 'Organization', prefix: 'org', collection: 'organizations',
    props: {
      ...name,
      type: { type: { kind: 'enum', values: ['COMPANY', 'RESEARCH_INSTITUTE', 'UNIVERSITY', 'AGENCY', 'MINISTRY'] }, required: true },
      country: { type: { kind: 'country' }, required: true },
    },
  },
  { label: 'Person', prefix: 'person', collection: 'people', props: { ...name } },
  {
    label: 'Event', prefix: 'event', collection: 'events',
    props: { ...name, date: { type: { kind: 'date' } }, venue: str(500) },
  },
  { label: 'Program', prefix: 'program', collection: 'programs', props: { ...name, description: str(4000) } },
  {
    label: 'BudgetLine', prefix: 'budget', collection: 'budgetLines',
    parent: { field: 'program', rel: 'FUNDS', label: 'Program', required: true },
    props: {
      fromYear: { type: { kind: 'year' }, required: true },
      toYear: { type: { kind: 'year' }, required: true },
      amountKrw: { type: { kind: 'krw' }, required: true },
      projectCount: { type: { kind: 'int', min: 0, max: 100000 } },
      technologyCount: { type: { kind: 'int', min: 0, max: 100000 } },
      note: str(1000),
    },
  },
  {
    label: 'Project', prefix: 'project', collection: 'projects',
    parent: { field: 'program', rel: 'UNDER', label: 'Program', required: false },
    props: {
      title: str(500, true),
      status: { type: { kind: 'enum', values: ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] }, required: true },
      startYear: { type: { kind: 'year' } },
      endYear: { type: { kind: 'year' } },
      budgetKrw: { type: { kind: 'krw' } },
    },
  },
  {
    label: 'Review', prefix: 'review', collection: 'reviews',
    parent: { field: 'project', rel: 'REVIEWS', label: 'Project', required: true },
    props: {
      date: { type: { kind: 'date' }, required: true },
      kind: { type: { kind: 'enum', values: ['PEER', 'ANONYMOUS_EXPERT', 'PROGRESS'] }, required: true },
      outcome: str(2000),
    },
  },
  {
    label: 'CooperationCenter', prefix: 'center', collection: 'centers',
    parent: { field: 'host', rel: 'HOSTED_BY', label: 'Organization', required: false },
    props: { ...name, establishedYear: { type: { kind: 'year' } } },
  },
];

export interface RelationshipSpec {
  type: string;
  from: readonly string[];
  to: readonly string[];
  props: Record<string, PropSpec>;
}

export const RELATIONSHIPS: readonly RelationshipSpec[] = [
  { type: 'IN_SECTOR', from: ['Technology'], to: ['Sector'], props: {} },
  { type: 'AT_STAGE', from: ['Technology'], to: ['ValueChainStage'], props: {} },
  { type: 'DEPENDS_ON', from: ['Technology'], to: ['Technology'], props: {} },
  {
    type: 'HAS_CAPABILITY', from: ['Organization'], to: ['Technology'],
    props: {
      level: { type: { kind: 'float', min: 0, max: 100 }, required: true },
      holdsCoreIp: { type: { kind: 'bool' } },
      asOf: { type: { kind: 'date' } },
    },
  },
  { type: 'RELIES_ON', from: ['Organization'], to: ['Technology'], props: {} },
  { type: 'TARGETS', from: ['Program'], to: ['Technology'], props: {} },
  { type: 'RUNS', from: ['Organization'], to: ['Program'], props: {} },
  { type: 'DEVELOPS', from: ['Project'], to: ['Technology'], props: {} },
  {
    type: 'PARTICIPATES_IN', from: ['Organization'], to: ['Project'],
    props: { role: { type: { kind: 'enum', values: ['LEAD', 'PARTNER', 'FUNDER', 'MANAGER'] }, required: true } },
  },
  { type: 'FOCUSES_ON', from: ['CooperationCenter'], to: ['Sector', 'Technology'], props: {} },
  { type: 'WORKS_FOR', from: ['Person'], to: ['Organization'], props: { title: str(300) } },
  { type: 'ATTENDED', from: ['Person'], to: ['Event'], props: {} },
];

export const ENTITY_BY_PREFIX = new Map(ENTITIES.map((e) => [e.prefix, e]));
export const RELATIONSHIP_BY_TYPE = new Map(RELATIONSHIPS.map((r) => [r.type, r]));
/** Relationship types held as a field of their `from` record (see EntitySpec.parent). */
export const PARENT_RELATIONSHIPS = ENTITIES.flatMap((e) => (e.parent ? [{ ...e.parent, from: e.label }] : []));

/** Ids are `<prefix>:<slug>`: lower-case letters, digits, `-`, `_` and `.`, at most 200 characters. */
export const ID_PATTERN = /^([a-z]+):[a-z0-9][a-z0-9._-]{0,199}$/;

/** The entity an id belongs to, by its prefix; undefined for a malformed id or unknown prefix. */
export function entityOfId(id: string): EntitySpec | undefined {
  const m = ID_PATTERN.exec(id);
  return m ? ENTITY_BY_PREFIX.get(m[1]) : undefined;
}

// Guard: identifiers that reach Cypher text must be plain words.
for (const name of [...ENTITIES.map((e) => e.label), ...RELATIONSHIPS.map((r) => r.type), ...PARENT_RELATIONSHIPS.map((r) => r.rel)]) {
  if (!/^[A-Za-z_]+$/.test(name)) throw new Error(`unsafe identifier in model: ${name}`);
}
