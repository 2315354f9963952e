// Organizations, the people who work for them, and events they attend.
import type { EventFilter, OrganizationFilter, PersonFilter, Resolvers } from '../generated/resolvers-types.js';
import { addWhere, commonWhere, factFields, listOf, nodeOfType, aliasesOf } from './resolve.js';
import { byText } from '../domain/sorts.js';

const O = 'Organization';

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
        return f.organization
          ? addWhere(w, 'EXISTS { (n)-[:WORKS_FOR]->(:Organization {id: $organization}) }', {
              organization: f.organization,
            })
          : w;
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
  },
  Person: {
    aliases: aliasesOf,
    ...factFields,
  },
  Employment: {
    ...factFields,
    person: (e) => e.from,
    organization: (e) => e.to,
    title: (e) => (e.title as string | undefined) ?? null,
  },
  Event: {
    ...factFields,
  },
};
