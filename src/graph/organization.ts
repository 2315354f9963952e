// Organizations, the people who work for them, and events they attend.
import type { EventFilter, OrganizationFilter, PersonFilter, Resolvers } from '../generated/resolvers-types.js';
import type { RelationSpec } from './lists.js';
import { addWhere, commonWhere, factFields, listOf, nodeOfType, nodesVia, relationshipsVia, aliasesOf } from './resolve.js';
import { byText } from '../domain/sorts.js';

const O = 'Organization';
export const organizationRelations = {
  capabilities: { parent: O, rel: 'HAS_CAPABILITY', dir: 'out', target: 'Technology', key: '-r.level', tag: 'org.capabilities' },
  reliesOn: { parent: O, rel: 'RELIES_ON', dir: 'out', target: 'Technology', key: byText, tag: 'org.reliesOn' },
  participations: { parent: O, rel: 'PARTICIPATES_IN', dir: 'out', target: 'Project', key: byText, tag: 'org.participations' },
  programs: { parent: O, rel: 'RUNS', dir: 'out', target: 'Program', key: byText, tag: 'org.programs' },
  people: { parent: O, rel: 'WORKS_FOR', dir: 'in', target: 'Person', key: byText, tag: 'org.people' },
  centers: { parent: O, rel: 'HOSTED_BY', dir: 'in', target: 'CooperationCenter', key: byText, tag: 'org.centers' },
  employments: { parent: 'Person', rel: 'WORKS_FOR', dir: 'out', target: O, key: byText, tag: 'person.employments' },
  events: { parent: 'Person', rel: 'ATTENDED', dir: 'out', target: 'Event', key: "coalesce(n.date, '')", tag: 'person.events' },
  attendees: { parent: 'Event', rel: 'ATTENDED', dir: 'in', target: 'Person', key: byText, tag: 'event.attendees' },
} satisfies Record<string, RelationSpec>;

const r = organizationRelations;
export const organizationResolvers: Resolvers = {
  Query: {
    organizations: listOf<OrganizationFilter>({
      label: O,
      sorts: { NAME: byText, COUNTRY: `n.country + '#' + ${byText}`, ID: 'n.id' },
      defaultSort: 'NAME',
      where(f) {
        let w = commonWhere(f);
        if (f.country) w = addWhere(w, 'n.country = $country', { country: f.country });
        if (f.type) w = addWhere(w, 'n.type = $type', { type: f.type });
        return w;
      },
    }),
    organization: nodeOfType('org'),
    people: listOf<PersonFilter>({
      label: 'Person',
      sorts: { NAME: byText, ID: 'n.id' },
      defaultSort: 'NAME',
      where(f) {
        const w = commonWhere(f);
        return f.organization ? addWhere(w, 'EXISTS { (n)-[:WORKS_FOR]->(:Organization {id: $organization}) }', { organization: f.organization }) : w;
      },
    }),
    events: listOf<EventFilter>({
      label: 'Event',
      sorts: { DATE: "coalesce(n.date, '')", NAME: byText, ID: 'n.id' },
      defaultSort: 'DATE',
      where: (f) => commonWhere(f),
    }),
  },
  Organization: {
    aliases: aliasesOf,
    ...factFields,
    capabilities: relationshipsVia(r.capabilities),
    reliesOn: nodesVia(r.reliesOn),
    participations: relationshipsVia(r.participations),
    programs: nodesVia(r.programs),
    people: relationshipsVia(r.people),
    centers: nodesVia(r.centers),
  },
  Person: {
    aliases: aliasesOf,
    ...factFields,
    employments: relationshipsVia(r.employments),
    events: nodesVia(r.events),
  },
  Employment: {
    ...factFields,
    person: (e) => e.from,
    organization: (e) => e.to,
    title: (e) => (e.title as string | undefined) ?? null,
  },
  Event: {
    ...factFields,
    attendees: nodesVia(r.attendees),
  },
};
