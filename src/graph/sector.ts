// Sectors and their value-chain stages.
import type { Resolvers, SectorFilter, ValueChainStageFilter } from '../generated/resolvers-types.js';
import { addWhere, commonWhere, factFields, listOf, nodeOfType, singleVia, aliasesOf } from './resolve.js';
import { byText } from '../domain/sorts.js';

const stageSector = singleVia('ValueChainStage', 'STAGE_OF', 'Sector');
export const sectorResolvers: Resolvers = {
  Query: {
    sectors: listOf<SectorFilter>({
      label: 'Sector',
      sorts: { NAME: byText, ID: 'n.id' },
      defaultSort: 'NAME',
      where: (f) => commonWhere(f),
    }),
    sector: nodeOfType('sector'),
    stages: listOf<ValueChainStageFilter>({
      label: 'ValueChainStage',
      // Chain order within a sector: the sector id and the order, zero-padded so the key sorts as text.
      sorts: {
        ORDER: "coalesce(head([(n)-[:STAGE_OF]->(s) | s.id]), '') + '#' + right('000' + toString(n.order), 3)",
        NAME: byText,
        ID: 'n.id',
      },
      defaultSort: 'ORDER',
      where(f) {
        const w = commonWhere(f);
        return f.sector ? addWhere(w, 'EXISTS { (n)-[:STAGE_OF]->(:Sector {id: $sector}) }', { sector: f.sector }) : w;
      },
    }),
  },
  Sector: {
    aliases: aliasesOf,
    ...factFields,
  },
  ValueChainStage: {
    ...factFields,
    order: (s) => s.order as number,
    sector: async (s, args, ctx) => (await stageSector(s, args, ctx))!,
  },
};
