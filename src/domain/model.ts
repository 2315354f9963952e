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
  | { kind: 'enum'; values: readonly string[] }
  /** Other names, each non-empty text without ';' (the CSV separator), distinct, at most `maxItems`. */
  | { kind: 'names'; max: number; maxItems: number };

export interface PropSpec {
  type: PropType;
  required?: boolean;
}

/**
 * A reference held as a field of the record in the import format (a stage's `sector`), stored as a relationship
 * from this node to the target that carries the node's own provenance and sources.
 */
export interface RefSpec {
  /** The record's field holding the target's id. */
  field: string;
  /** The relationship type, from this node to the target. */
  rel: string;
  /** The target's label. */
  label: string;
  required: boolean;
  /**
   * This node cannot live without the target: deleting the target (with force) deletes this node too, and what
   * this node owns in turn (a technology's supply listings and the listings' shares).
   */
  owned: boolean;
}

export interface EntitySpec {
  /** Neo4j label and GraphQL type name. */
  label: string;
  /** Id prefix before the colon. */
  prefix: string;
  /** Key of this entity's array in the import document. */
  collection: string;
  props: Record<string, PropSpec>;
  /** References held as fields of the record (see RefSpec). */
  refs?: readonly RefSpec[];
}

const str = (max = 500, required = false): PropSpec => ({ type: { kind: 'string', max }, required });
const name = { name: str(300, true), nameKo: str(300) };
/** The names search looks at: also other spellings, so that a search finds a source's spelling (스탠포드 and 스탠퍼드). */
const searchedName = { ...name, aliases: { type: { kind: 'names', max: 300, maxItems: 20 } } satisfies PropSpec };

/**
 * The spec of property `key`, or undefined: an own property only. Keys come from import records and CSV headers,
 * and a plain `props[key]` would find `constructor`, `toString` or `__proto__` on Object.prototype.
 */
export function propOf(props: Record<string, PropSpec>, key: string): PropSpec | undefined {
  return Object.hasOwn(props, key) ? props[key] : undefined;
}

export const ENTITIES: readonly EntitySpec[] = [
  {
    label: 'Source',
    prefix: 'source',
    collection: 'sources',
    props: {
      title: str(500, true),
      publisher: str(300),
      publishedAt: { type: { kind: 'date' } },
      url: { type: { kind: 'url', max: 2000 } },
      kind: { type: { kind: 'enum', values: ['NEWS', 'GOVERNMENT', 'REPORT', 'DATASET', 'ANALYST'] }, required: true },
    },
  },
  { label: 'Sector', prefix: 'sector', collection: 'sectors', props: { ...searchedName } },
  {
    label: 'ValueChainStage',
    prefix: 'stage',
    collection: 'stages',
    refs: [{ field: 'sector', rel: 'STAGE_OF', label: 'Sector', required: true, owned: true }],
    props: { ...name, order: { type: { kind: 'int', min: 1, max: 100 }, required: true } },
  },
  {
    label: 'Technology',
    prefix: 'tech',
    collection: 'technologies',
    props: {
      ...searchedName,
      kind: { type: { kind: 'enum', values: ['CHOKEPOINT', 'ORIGINAL', 'OTHER'] }, required: true },
      description: str(4000),
      domesticYearsToDevelop: { type: { kind: 'float', min: 0, max: 100 } },
      coopTimeSavingYears: { type: { kind: 'float', min: 0, max: 100 } },
      coopCostSavingPct: { type: { kind: 'float', min: 0, max: 100 } },
      needsOverseasCertification: { type: { kind: 'bool' } },
    },
  },
  {
    label: 'Organization',
    prefix: 'org',
    collection: 'organizations',
    props: {
      ...searchedName,
      type: {
        type: { kind: 'enum', values: ['COMPANY', 'RESEARCH_INSTITUTE', 'UNIVERSITY', 'AGENCY', 'MINISTRY'] },
        required: true,
      },
      country: { type: { kind: 'country' }, required: true },
    },
  },
  { label: 'Person', prefix: 'person', collection: 'people', props: { ...searchedName } },
  {
    label: 'Event',
    prefix: 'event',
    collection: 'events',
    props: { ...name, date: { type: { kind: 'date' } }, venue: str(500) },
  },
  { label: 'Program', prefix: 'program', collection: 'programs', props: { ...name, description: str(4000) } },
  {
    label: 'BudgetLine',
    prefix: 'budget',
    collection: 'budgetLines',
    // A later figure for the same money (a revised budget) supersedes the earlier one; both stay readable and the
    // budget summary counts the latest under its asOf (docs/domain.md, "Later figures").
    refs: [
      { field: 'program', rel: 'FUNDS', label: 'Program', required: true, owned: true },
      { field: 'supersedes', rel: 'SUPERSEDES', label: 'BudgetLine', required: false, owned: false },
    ],
    props: {
      /** The day the figure was published; a question asked as of an earlier day does not know it. */
      reportedOn: { type: { kind: 'date' } },
      fromYear: { type: { kind: 'year' }, required: true },
      toYear: { type: { kind: 'year' }, required: true },
      amountKrw: { type: { kind: 'krw' }, required: true },
      projectCount: { type: { kind: 'int', min: 0, max: 100000 } },
      technologyCount: { type: { kind: 'int', min: 0, max: 100000 } },
      note: str(1000),
    },
  },
  {
    label: 'Project',
    prefix: 'project',
    collection: 'projects',
    refs: [{ field: 'program', rel: 'UNDER', label: 'Program', required: false, owned: false }],
    props: {
      title: str(500, true),
      status: { type: { kind: 'enum', values: ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] }, required: true },
      startYear: { type: { kind: 'year' } },
      endYear: { type: { kind: 'year' } },
      budgetKrw: { type: { kind: 'krw' } },
    },
  },
  {
    label: 'Review',
    prefix: 'review',
    collection: 'reviews',
    refs: [{ field: 'project', rel: 'REVIEWS', label: 'Project', required: true, owned: true }],
    props: {
      date: { type: { kind: 'date' }, required: true },
      kind: { type: { kind: 'enum', values: ['PEER', 'ANONYMOUS_EXPERT', 'PROGRESS'] }, required: true },
      outcome: str(2000),
    },
  },
  {
    label: 'CooperationCenter',
    prefix: 'center',
    collection: 'centers',
    refs: [
      { field: 'host', rel: 'HOSTED_BY', label: 'Organization', required: false, owned: false },
      { field: 'supersedes', rel: 'SUPERSEDES', label: 'CooperationCenter', required: false, owned: false },
    ],
    props: {
      ...name,
      establishedYear: { type: { kind: 'year' } },
      status: { type: { kind: 'enum', values: ['PLANNED', 'SELECTED', 'OPERATING', 'CLOSED'] } },
      reportedOn: { type: { kind: 'date' } },
    },
  },
  // Evidence about a technology besides capabilities (docs/domain.md, "Evidence (version 2)"). Each record is
  // owned by its technology: it means nothing without it.
  {
    label: 'NationalAssessment',
    prefix: 'assessment',
    collection: 'assessments',
    refs: [{ field: 'technology', rel: 'ASSESSES', label: 'Technology', required: true, owned: true }],
    props: {
      country: { type: { kind: 'country' }, required: true },
      /** The country's level as a percentage of the best country (= 100). */
      level: { type: { kind: 'float', min: 0, max: 100 }, required: true },
      yearsBehind: { type: { kind: 'float', min: 0, max: 100 } },
      /** The assessment's reference year; several rounds of one country are its history. */
      round: { type: { kind: 'year' }, required: true },
      publisher: str(300),
      note: str(1000),
    },
  },
  {
    label: 'SupplyListing',
    prefix: 'listing',
    collection: 'supplyListings',
    refs: [{ field: 'technology', rel: 'LISTS', label: 'Technology', required: true, owned: true }],
    props: {
      year: { type: { kind: 'year' }, required: true },
      /** The listing covers the whole market; `completeBecause` says how. */
      complete: { type: { kind: 'bool' } },
      completeBecause: str(1000),
      note: str(1000),
    },
  },
  {
    label: 'SupplyShare',
    prefix: 'share',
    collection: 'supplyShares',
    // A country's share, or an organization's entry: exactly one of `country` and `organization`.
    refs: [
      { field: 'listing', rel: 'SHARE_IN', label: 'SupplyListing', required: true, owned: true },
      { field: 'organization', rel: 'HELD_BY', label: 'Organization', required: false, owned: true },
    ],
    props: {
      country: { type: { kind: 'country' } },
      /** Percent of world supply; absent: listed as a provider without a number. */
      share: { type: { kind: 'float', min: 0, max: 100 } },
      note: str(1000),
    },
  },
  {
    label: 'ImportDependence',
    prefix: 'importdep',
    collection: 'importDependences',
    refs: [{ field: 'technology', rel: 'IMPORT_OF', label: 'Technology', required: true, owned: true }],
    props: {
      importer: { type: { kind: 'country' }, required: true },
      exporter: { type: { kind: 'country' }, required: true },
      year: { type: { kind: 'year' }, required: true },
      /** Percent of the importer's imports of the technology that come from the exporter. */
      share: { type: { kind: 'float', min: 0, max: 100 }, required: true },
      /** What the figure covers (a trade item broader than the technology, say) and how it was mapped. */
      note: str(2000),
    },
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
    type: 'HAS_CAPABILITY',
    from: ['Organization'],
    to: ['Technology'],
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
    type: 'PARTICIPATES_IN',
    from: ['Organization'],
    to: ['Project'],
    props: { role: { type: { kind: 'enum', values: ['LEAD', 'PARTNER', 'FUNDER', 'MANAGER'] }, required: true } },
  },
  { type: 'FOCUSES_ON', from: ['CooperationCenter'], to: ['Sector', 'Technology'], props: {} },
  { type: 'WORKS_FOR', from: ['Person'], to: ['Organization'], props: { title: str(300) } },
  { type: 'ATTENDED', from: ['Person'], to: ['Event'], props: {} },
];

export const ENTITY_BY_PREFIX = new Map(ENTITIES.map((e) => [e.prefix, e]));
export const RELATIONSHIP_BY_TYPE = new Map(RELATIONSHIPS.map((r) => [r.type, r]));
/** Relationship types held as a field of their `from` record (see RefSpec). */
export const REF_RELATIONSHIPS = ENTITIES.flatMap((e) => (e.refs ?? []).map((r) => ({ ...r, from: e.label })));

/** The ref fields of an entity (they are not stored as properties). */
export function refFields(entity: EntitySpec): string[] {
  return (entity.refs ?? []).map((r) => r.field);
}

/** Relationship types from an owned node to its owner (see RefSpec.owned). */
export const OWNED_RELATIONSHIPS: readonly string[] = [
  ...new Set(REF_RELATIONSHIPS.filter((r) => r.owned).map((r) => r.rel)),
];

/**
 * The longest chain of ownership between labels (a share owned by a listing owned by a technology: 2), which
 * bounds the walk of a forced delete. Ownership must not go round in a circle, or a delete could never stop.
 */
export const OWNERSHIP_DEPTH = (() => {
  const owners = (label: string) => REF_RELATIONSHIPS.filter((r) => r.owned && r.from === label).map((r) => r.label);
  const depth = (label: string, seen: string[]): number => {
    if (seen.includes(label)) throw new Error(`ownership goes round in a circle: ${[...seen, label].join(' -> ')}`);
    return Math.max(0, ...owners(label).map((o) => 1 + depth(o, [...seen, label])));
  };
  return Math.max(1, ...ENTITIES.map((e) => depth(e.label, [])));
})();

/** Ids are `<prefix>:<slug>`: lower-case letters, digits, `-`, `_` and `.`, at most 200 characters. */
export const ID_PATTERN = /^([a-z]+):[a-z0-9][a-z0-9._-]{0,199}$/;

/** The entity an id belongs to, by its prefix; undefined for a malformed id or unknown prefix. */
export function entityOfId(id: string): EntitySpec | undefined {
  const m = ID_PATTERN.exec(id);
  return m ? ENTITY_BY_PREFIX.get(m[1]) : undefined;
}

// Guard: identifiers that reach Cypher text must be plain words.
for (const name of [
  ...ENTITIES.map((e) => e.label),
  ...RELATIONSHIPS.map((r) => r.type),
  ...REF_RELATIONSHIPS.map((r) => r.rel),
]) {
  if (!/^[A-Za-z_]+$/.test(name)) throw new Error(`unsafe identifier in model: ${name}`);
}
// Guard: a ref field is not also a property, since the record holds both under one key.
for (const e of ENTITIES) {
  for (const f of refFields(e))
    if (Object.hasOwn(e.props, f)) throw new Error(`${e.label}.${f} is both a property and a reference`);
}
