// Every relationship field of the schema, declared once: `Type.field` lists the nodes (or the reified
// relationships) one hop away. The read planner (plan.ts) plans a field from its entry, and resolve.ts gives every
// entry the same resolver; nothing else says which fields are relationship lists.
import { byText } from '../domain/sorts.js';

export interface Relation {
  /** The relationship type crossed. */
  rel: string;
  /** `out`: (parent)-[r]->(n); `in`: (parent)<-[r]-(n). */
  dir: 'out' | 'in';
  /** The label at the other end. */
  target: string;
  /** Sort key, a Cypher expression over `n` and `r`, ascending (negate a number for a descending order). */
  sort: string;
  /** Cursor tag: a cursor only works in the list that made it. */
  tag: string;
  /** `nodes`: a connection of the nodes at the other end; `relationships`: of the relationships, reified. */
  list: 'nodes' | 'relationships';
  /** A condition over `n`/`r` with a parameter named as the field's argument, applied when the argument is given. */
  filter?: { arg: string; clause: string };
}

/** A relation seen from its parent type. */
export type BoundRelation = Relation & { parent: string; field: string };

const by = (
  rel: string,
  dir: 'out' | 'in',
  target: string,
  sort: string,
  tag: string,
  extra: Partial<Relation> = {},
): Relation => ({ rel, dir, target, sort, tag, list: 'nodes', ...extra });
const reified = { list: 'relationships' } as const;

/**
 * A listing's shares: the largest first, those without a number last, then by country code or organization name.
 * One text key, since a relation list sorts on one: the share's distance from 100 in millionths, zero-padded.
 */
const SHARE_ORDER = `CASE WHEN n.share IS NULL THEN '1'
  ELSE '0' + right('000000000' + toString(toInteger(round((100 - n.share) * 1000000))), 9) END
  + '#' + toLower(coalesce(n.country, head([(n)-[:HELD_BY]->(o:Organization) | o.name]), ''))`;

const BUDGET_ORDER = 'n.fromYear * 10000 + n.toYear';

export const RELATIONS: Record<string, Record<string, Relation>> = {
  Technology: {
    sectors: by('IN_SECTOR', 'out', 'Sector', byText, 'tech.sectors'),
    stages: by('AT_STAGE', 'out', 'ValueChainStage', 'n.order', 'tech.stages'),
    dependencies: by('DEPENDS_ON', 'out', 'Technology', byText, 'tech.dependencies'),
    dependents: by('DEPENDS_ON', 'in', 'Technology', byText, 'tech.dependents'),
    capabilities: by('HAS_CAPABILITY', 'in', 'Organization', '-r.level', 'tech.capabilities', {
      ...reified,
      filter: { arg: 'country', clause: 'n.country = $country' },
    }),
    reliedOnBy: by('RELIES_ON', 'in', 'Organization', byText, 'tech.reliedOnBy'),
    targetedBy: by('TARGETS', 'in', 'Program', byText, 'tech.targetedBy'),
    projects: by('DEVELOPS', 'in', 'Project', byText, 'tech.projects'),
    centers: by('FOCUSES_ON', 'in', 'CooperationCenter', byText, 'tech.centers'),
    // By country, then the latest round first: 10000 - round keeps four digits for every year 1900–2100.
    assessments: by(
      'ASSESSES',
      'in',
      'NationalAssessment',
      "n.country + '#' + toString(10000 - n.round)",
      'tech.assessments',
      { filter: { arg: 'country', clause: 'n.country = $country' } },
    ),
    supplyListings: by('LISTS', 'in', 'SupplyListing', '-n.year', 'tech.supplyListings'),
    // The latest year first, then the largest share (0–100, so below a thousand).
    importDependence: by('IMPORT_OF', 'in', 'ImportDependence', '-(n.year * 1000 + n.share)', 'tech.importDependence', {
      filter: { arg: 'importer', clause: 'n.importer = $importer' },
    }),
  },
  Sector: {
    stages: by('STAGE_OF', 'in', 'ValueChainStage', 'n.order', 'sector.stages'),
    technologies: by('IN_SECTOR', 'in', 'Technology', byText, 'sector.technologies'),
    centers: by('FOCUSES_ON', 'in', 'CooperationCenter', byText, 'sector.centers'),
  },
  ValueChainStage: {
    technologies: by('AT_STAGE', 'in', 'Technology', byText, 'stage.technologies'),
  },
  Organization: {
    capabilities: by('HAS_CAPABILITY', 'out', 'Technology', '-r.level', 'org.capabilities', reified),
    reliesOn: by('RELIES_ON', 'out', 'Technology', byText, 'org.reliesOn'),
    participations: by('PARTICIPATES_IN', 'out', 'Project', byText, 'org.participations', reified),
    programs: by('RUNS', 'out', 'Program', byText, 'org.programs'),
    people: by('WORKS_FOR', 'in', 'Person', byText, 'org.people', reified),
    centers: by('HOSTED_BY', 'in', 'CooperationCenter', byText, 'org.centers'),
    // The latest listing year first, then the largest share; an entry without a number (-1) after those with one.
    supplyShares: by(
      'HELD_BY',
      'in',
      'SupplyShare',
      '-(coalesce(head([(n)-[:SHARE_IN]->(l:SupplyListing) | l.year]), 0) * 1000 + coalesce(n.share, -1))',
      'org.supplyShares',
    ),
  },
  Person: {
    employments: by('WORKS_FOR', 'out', 'Organization', byText, 'person.employments', reified),
    events: by('ATTENDED', 'out', 'Event', "coalesce(n.date, '')", 'person.events'),
  },
  Event: {
    attendees: by('ATTENDED', 'in', 'Person', byText, 'event.attendees'),
  },
  Program: {
    budgetLines: by('FUNDS', 'in', 'BudgetLine', BUDGET_ORDER, 'program.budgetLines'),
    targets: by('TARGETS', 'out', 'Technology', byText, 'program.targets'),
    projects: by('UNDER', 'in', 'Project', byText, 'program.projects'),
    runBy: by('RUNS', 'in', 'Organization', byText, 'program.runBy'),
  },
  BudgetLine: {
    supersededBy: by('SUPERSEDES', 'in', 'BudgetLine', BUDGET_ORDER, 'budget.supersededBy'),
  },
  Project: {
    technologies: by('DEVELOPS', 'out', 'Technology', byText, 'project.technologies'),
    participants: by('PARTICIPATES_IN', 'in', 'Organization', byText, 'project.participants', reified),
    reviews: by('REVIEWS', 'in', 'Review', 'n.date', 'project.reviews'),
  },
  CooperationCenter: {
    focusSectors: by('FOCUSES_ON', 'out', 'Sector', byText, 'center.focusSectors'),
    focusTechnologies: by('FOCUSES_ON', 'out', 'Technology', byText, 'center.focusTechnologies'),
    supersededBy: by('SUPERSEDES', 'in', 'CooperationCenter', byText, 'center.supersededBy'),
  },
  SupplyListing: {
    shares: by('SHARE_IN', 'in', 'SupplyShare', SHARE_ORDER, 'listing.shares'),
  },
};

/** The relationship list `type.field`, if that field is one. */
export function relationOf(type: string, field: string): BoundRelation | undefined {
  const relation =
    Object.hasOwn(RELATIONS, type) && Object.hasOwn(RELATIONS[type], field) ? RELATIONS[type][field] : undefined;
  return relation && { ...relation, parent: type, field };
}
