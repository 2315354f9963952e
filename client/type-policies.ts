// Cache policies for Apollo Client's InMemoryCache (hand-written; the rest of client/ is generated):
//
//   new InMemoryCache({ typePolicies, possibleTypes })
//
// - Keys. Nodes by their global id; relationships (Capability, Employment, Participation, Link) and analysis rows
//   (TechnologyGap, PartnerCandidate, ...) by their `id`, which the schema builds from a relationship's type and
//   ends, or from a row's subject and resolved lens (see the `id` fields in schema.graphql); the cache key is
//   `<Type>:<id>`, as Apollo's default. Select `id` on all of them: a missing one is an error when the result is
//   written, rather than an object silently stored inline. The answers without an id of their own
//   (TechnologyStanding, JointRndEligibility, CriterionResult, BudgetSummary) live inside the field that returns
//   them, whose storage key holds its arguments, and merge what different queries select of them.
// - Pages. Every connection field (every field with first/after/last/before) accumulates its pages in one list per
//   combination of its other arguments (keyArgs), the Relay way (relayStylePagination), and keeps what one query
//   selected when another selects other fields of the same connection: `nodes` and `edges` are one list of rows.
// - possibleTypes: the members of the Node and Fact interfaces and of the Evidence union, for fragments on them.
import type { FieldPolicy, Reference, StoreObject, TypePolicies, TypePolicy } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/** The node types: keyed by their global id. */
export const NODE_TYPES = [
  'Source',
  'Sector',
  'ValueChainStage',
  'Technology',
  'Organization',
  'Person',
  'Event',
  'Program',
  'BudgetLine',
  'Project',
  'Review',
  'CooperationCenter',
  'NationalAssessment',
  'SupplyListing',
  'SupplyShare',
  'ImportDependence',
] as const;

/** Relationships: keyed by `<TYPE>/<start id>/<end id>`. */
export const RELATIONSHIP_TYPES = ['Capability', 'Employment', 'Participation', 'Link'] as const;

/** Analysis rows: keyed by their subject and the resolved lens. */
export const ROW_TYPES = [
  'TechnologyGap',
  'UnratedTechnology',
  'PartnerCandidate',
  'SupplierCandidate',
  'SingleSourceRisk',
  'Exposure',
  'ReviewComplianceItem',
  'SearchHit',
] as const;

/** Answers without an id: stored inside the field that returns them, merged across queries. */
export const UNKEYED_ANSWER_TYPES = [
  'TechnologyStanding',
  'JointRndEligibility',
  'CriterionResult',
  'BudgetSummary',
] as const;

export const possibleTypes: Record<string, string[]> = {
  Node: [...NODE_TYPES],
  Fact: [...NODE_TYPES, 'Capability', 'Employment', 'Participation', 'Link'],
  Evidence: ['Capability', 'NationalAssessment', 'SupplyListing', 'SupplyShare', 'ImportDependence'],
};

/** The arguments besides first/after/last/before that make another list; false: none. */
type KeyArgs = string[] | false;

const LENS = ['homeCountry', 'threshold', 'minProvenance', 'lens'];
const LIST = ['filter', 'orderBy'];

/** Every connection field, by type, with its keyArgs. */
export const CONNECTION_FIELDS: Record<string, Record<string, KeyArgs>> = {
  Query: {
    technologies: LIST,
    organizations: LIST,
    people: LIST,
    events: LIST,
    sectors: LIST,
    stages: LIST,
    programs: LIST,
    projects: LIST,
    cooperationCenters: LIST,
    sources: LIST,
    valueChainGaps: ['sector', ...LENS],
    chokepointRanking: LENS,
    partnerCandidates: ['technology', ...LENS],
    singleSourceRisks: ['kind', 'concentration', ...LENS],
    uncoveredTargets: ['program', ...LENS],
    exposure: ['organization', ...LENS],
    reviewCompliance: ['asOf', ...LENS],
    search: ['text', 'kinds', ...LENS],
    evidenceBacklog: ['sector', 'lens'],
  },
  Technology: {
    sectors: false,
    stages: false,
    dependencies: false,
    dependents: false,
    capabilities: ['country'],
    reliedOnBy: false,
    targetedBy: false,
    projects: false,
    centers: false,
    assessments: ['country'],
    supplyListings: false,
    importDependence: ['importer'],
  },
  Organization: {
    capabilities: false,
    reliesOn: false,
    participations: false,
    programs: false,
    people: false,
    centers: false,
    supplyShares: false,
  },
  Person: { employments: false, events: false },
  Event: { attendees: false },
  Sector: { stages: false, technologies: false, centers: false },
  ValueChainStage: { technologies: false },
  Program: { budgetLines: false, targets: false, projects: false, runBy: false },
  Project: { technologies: false, participants: false, reviews: false },
  CooperationCenter: { focusSectors: false, focusTechnologies: false, supersededBy: false },
  BudgetLine: { supersededBy: false },
  SupplyListing: { shares: false },
  TechnologyGap: {
    blocksConnection: false,
    projectsConnection: false,
    domesticLeadersConnection: false,
    foreignLeadersConnection: false,
  },
  TechnologyGapConnection: { unrated: false },
  UnratedTechnology: { projectsConnection: false },
  PartnerCandidateConnection: { suppliers: false },
  SingleSourceRisk: { sourcesConnection: false },
};

type Edge = StoreObject & { node?: Reference | StoreObject };
type Stored = StoreObject & { edges?: Edge[]; nodes?: Array<Reference | StoreObject> };

/**
 * relayStylePagination, with `nodes` as well as `edges`: a page selected as `nodes` is stored as edges (the
 * connection's edge type, its first and last cursor from pageInfo), and `nodes` is read back from the edges. An
 * incoming edge keeps what an earlier query stored on the edge of the same row (its cursor, its link), so two queries
 * selecting different parts of one connection both keep their data.
 */
export function relayConnection(keyArgs: KeyArgs = false): FieldPolicy {
  const relay = relayStylePagination(keyArgs) as FieldPolicy<Stored>;
  return {
    keyArgs,
    read(existing, options) {
      const read = (relay.read as (e: unknown, o: typeof options) => Stored | undefined)(existing, options);
      return read && { ...read, nodes: (read.edges ?? []).map((edge) => edge.node) };
    },
    merge(existing: Stored | undefined, incoming: Stored, options) {
      const { isReference } = options;
      const { nodes, ...rest } = incoming;
      let page = rest;
      if (!page.edges && nodes) {
        const edgeType = String(incoming.__typename ?? '').replace(/Connection$/, 'Edge');
        page = { ...page, edges: nodes.map((node) => ({ __typename: edgeType, node })) };
      }
      const stored = new Map<string, Edge>();
      for (const edge of existing?.edges ?? []) if (isReference(edge.node)) stored.set(edge.node.__ref, edge);
      if (page.edges && stored.size) {
        page = {
          ...page,
          edges: page.edges.map((edge) => {
            const before = isReference(edge.node) ? stored.get(edge.node.__ref) : undefined;
            return before ? { ...before, ...edge } : edge;
          }),
        };
      }
      return (relay.merge as (e: unknown, i: unknown, o: typeof options) => Stored)(existing, page, options);
    },
  };
}

/** `<Type>:<id>` (Apollo's default key), and an error for an object selected without its id. */
export const byId: Extract<TypePolicy['keyFields'], (...args: never[]) => unknown> = (object) => {
  if (typeof object.id !== 'string') {
    throw new Error(
      `${object.__typename} was selected without its id: select id so that the cache can normalize it (client/type-policies.ts)`,
    );
  }
  return `${object.__typename}:${object.id}`;
};

/** A list of objects without ids, merged item by item on `key` (unique within the list). */
function mergeListBy(key: string): FieldPolicy<StoreObject[]> {
  return {
    merge(existing, incoming, { readField, mergeObjects }) {
      return incoming.map((item) => {
        const before = existing?.find((e) => readField(key, e) === readField(key, item));
        return before ? mergeObjects(before, item) : item;
      });
    },
  };
}

function build(): TypePolicies {
  const policies: TypePolicies = {};
  const policy = (type: string) => (policies[type] ??= {});
  for (const type of [...NODE_TYPES, ...RELATIONSHIP_TYPES, ...ROW_TYPES]) policy(type).keyFields = byId;
  for (const type of UNKEYED_ANSWER_TYPES) Object.assign(policy(type), { keyFields: false, merge: true });
  for (const [type, fields] of Object.entries(CONNECTION_FIELDS)) {
    const p = policy(type);
    p.fields = {
      ...p.fields,
      ...Object.fromEntries(Object.entries(fields).map(([field, keyArgs]) => [field, relayConnection(keyArgs)])),
    };
  }
  // One count per status within a summary.
  policy('BudgetSummary').fields = { projectsByStatus: mergeListBy('status') };
  return policies;
}

/** The type policies of the techgraph API, for `new InMemoryCache({ typePolicies, possibleTypes })`. */
export const typePolicies: TypePolicies = build();
