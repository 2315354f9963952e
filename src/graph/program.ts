// Programs with their budget lines, projects with their participants and reviews, and cooperation centers.
import type {
  CooperationCenterFilter,
  CooperationCenterStatus,
  ParticipationRole,
  ProgramFilter,
  ProjectFilter,
  Resolvers,
} from '../generated/resolvers-types.js';
import { addWhere, commonWhere, factFields, listOf, nodeOfType, singleVia } from './resolve.js';
import { byText } from '../domain/sorts.js';

const projectProgram = singleVia('Project', 'UNDER', 'Program');
const budgetProgram = singleVia('BudgetLine', 'FUNDS', 'Program');
const reviewProject = singleVia('Review', 'REVIEWS', 'Project');
const centerHost = singleVia('CooperationCenter', 'HOSTED_BY', 'Organization');
const budgetSupersedes = singleVia('BudgetLine', 'SUPERSEDES', 'BudgetLine');
const centerSupersedes = singleVia('CooperationCenter', 'SUPERSEDES', 'CooperationCenter');

export const programResolvers: Resolvers = {
  Query: {
    programs: listOf<ProgramFilter>({
      label: 'Program',
      sorts: { NAME: byText, ID: 'n.id' },
      defaultSort: 'NAME',
      where: (f) => commonWhere(f),
    }),
    program: nodeOfType('program'),
    projects: listOf<ProjectFilter>({
      label: 'Project',
      sorts: { TITLE: byText, START_YEAR: 'coalesce(n.startYear, 0)', ID: 'n.id' },
      defaultSort: 'TITLE',
      where(f) {
        let w = commonWhere(f, ['title']);
        if (f.status) w = addWhere(w, 'n.status = $status', { status: f.status });
        if (f.program) w = addWhere(w, 'EXISTS { (n)-[:UNDER]->(:Program {id: $program}) }', { program: f.program });
        if (f.technology)
          w = addWhere(w, 'EXISTS { (n)-[:DEVELOPS]->(:Technology {id: $technology}) }', { technology: f.technology });
        return w;
      },
    }),
    cooperationCenters: listOf<CooperationCenterFilter>({
      label: 'CooperationCenter',
      sorts: { NAME: byText, ID: 'n.id' },
      defaultSort: 'NAME',
      where(f) {
        const w = commonWhere(f);
        return f.country
          ? addWhere(w, 'EXISTS { (n)-[:HOSTED_BY]->(:Organization {country: $country}) }', { country: f.country })
          : w;
      },
    }),
  },
  Program: {
    ...factFields,
  },
  BudgetLine: {
    ...factFields,
    program: async (b, args, ctx) => (await budgetProgram(b, args, ctx))!,
    fromYear: (b) => b.fromYear as number,
    toYear: (b) => b.toYear as number,
    amountKrw: (b) => b.amountKrw as number,
    supersedes: budgetSupersedes,
  },
  Project: {
    ...factFields,
    program: projectProgram,
  },
  Participation: {
    ...factFields,
    organization: (p) => p.from,
    project: (p) => p.to,
    role: (p) => p.role as ParticipationRole,
  },
  Review: {
    ...factFields,
    project: async (rv, args, ctx) => (await reviewProject(rv, args, ctx))!,
  },
  CooperationCenter: {
    ...factFields,
    host: centerHost,
    status: (c) => (c.status ?? null) as CooperationCenterStatus | null,
    supersedes: centerSupersedes,
  },
};
