// Technologies: their list, their relationship fields, and capabilities (HAS_CAPABILITY) as objects.
import type { Resolvers, TechnologyFilter } from '../generated/resolvers-types.js';
import type { NodeRec, RelationSpec } from './lists.js';
import { mustReload } from './projection.js';
import { addWhere, commonWhere, factFields, listOf, nodeOfType, nodesVia, relationshipsVia, aliasesOf } from './resolve.js';
import { byText } from '../domain/sorts.js';

const T = 'Technology';
export const technologyRelations = {
  sectors: { parent: T, rel: 'IN_SECTOR', dir: 'out', target: 'Sector', key: byText, tag: 'tech.sectors' },
  stages: { parent: T, rel: 'AT_STAGE', dir: 'out', target: 'ValueChainStage', key: 'n.order', tag: 'tech.stages' },
  dependencies: { parent: T, rel: 'DEPENDS_ON', dir: 'out', target: T, key: byText, tag: 'tech.dependencies' },
  dependents: { parent: T, rel: 'DEPENDS_ON', dir: 'in', target: T, key: byText, tag: 'tech.dependents' },
  capabilities: {
    parent: T, rel: 'HAS_CAPABILITY', dir: 'in', target: 'Organization', key: '-r.level', tag: 'tech.capabilities',
    extra: { clause: 'n.country = $country', param: 'country' },
  },
  reliedOnBy: { parent: T, rel: 'RELIES_ON', dir: 'in', target: 'Organization', key: byText, tag: 'tech.reliedOnBy' },
  targetedBy: { parent: T, rel: 'TARGETS', dir: 'in', target: 'Program', key: byText, tag: 'tech.targetedBy' },
  projects: { parent: T, rel: 'DEVELOPS', dir: 'in', target: 'Project', key: byText, tag: 'tech.projects' },
  centers: { parent: T, rel: 'FOCUSES_ON', dir: 'in', target: 'CooperationCenter', key: byText, tag: 'tech.centers' },
} satisfies Record<string, RelationSpec>;

const r = technologyRelations;
export const technologyResolvers: Resolvers = {
  Query: {
    technologies: listOf<TechnologyFilter>({
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
    }),
    technology: nodeOfType('tech'),
  },
  Technology: {
    aliases: aliasesOf,
    ...factFields,
    sectors: nodesVia(r.sectors),
    stages: nodesVia(r.stages),
    dependencies: nodesVia(r.dependencies),
    dependents: nodesVia(r.dependents),
    capabilities: relationshipsVia(r.capabilities),
    reliedOnBy: nodesVia(r.reliedOnBy),
    targetedBy: nodesVia(r.targetedBy),
    projects: nodesVia(r.projects),
    centers: nodesVia(r.centers),
  },
  Capability: {
    ...factFields,
    organization: (c) => c.from,
    technology: (c, _args, ctx) => (mustReload(c.to) ? ctx.loaders.node.load(c.to.id) as Promise<NodeRec> : c.to),
    level: (c) => c.level as number,
    holdsCoreIp: (c) => c.holdsCoreIp === true,
    asOf: (c) => (c.asOf as string | undefined) ?? null,
  },
};
