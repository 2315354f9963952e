// Technologies: their list, their relationship fields, and capabilities (HAS_CAPABILITY) as objects.
import type { Resolvers, TechnologyFilter } from '../generated/resolvers-types.js';
import type { NodeRec } from './lists.js';
import type { ListDefinition } from './plan.js';
import { mustReload } from './projection.js';
import { addWhere, commonWhere, factFields, listOf, nodeOfType, aliasesOf } from './resolve.js';
import { byText } from '../domain/sorts.js';

const T = 'Technology';

/** The technologies list (exported for the planner's tests). */
export const technologyList: ListDefinition<TechnologyFilter> = {
  label: T,
  sorts: { NAME: byText, ID: 'n.id' },
  defaultSort: 'NAME',
  where(f) {
    let w = commonWhere(f);
    if (f.kind) w = addWhere(w, 'n.kind = $kind', { kind: f.kind });
    if (f.sector) w = addWhere(w, 'EXISTS { (n)-[:IN_SECTOR]->(:Sector {id: $sector}) }', { sector: f.sector });
    if (f.stage) w = addWhere(w, 'EXISTS { (n)-[:AT_STAGE]->(:ValueChainStage {id: $stage}) }', { stage: f.stage });
    return w;
  },
};

export const technologyResolvers: Resolvers = {
  Query: {
    technologies: listOf(technologyList),
    technology: nodeOfType('tech'),
  },
  Technology: {
    aliases: aliasesOf,
    ...factFields,
  },
  Capability: {
    ...factFields,
    organization: (c) => c.from,
    technology: (c, _args, ctx) => (mustReload(c.to) ? (ctx.loaders.node.load(c.to.id) as Promise<NodeRec>) : c.to),
    level: (c) => c.level as number,
    holdsCoreIp: (c) => c.holdsCoreIp === true,
    asOf: (c) => (c.asOf as string | undefined) ?? null,
  },
};
