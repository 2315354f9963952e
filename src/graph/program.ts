// Programs with their budget lines, projects with their participants and reviews, and cooperation centers.
import type {
  CooperationCenterFilter, CooperationCenterStatus, ParticipationRole, ProgramFilter, ProjectFilter, Resolvers,
} from '../generated/resolvers-types.js';
import type { RelationSpec } from './lists.js';
import { addWhere, commonWhere, factFields, listOf, nodeOfType, nodesVia, relationshipsVia, singleVia } from './resolve.js';
import { byText } from '../domain/sorts.js';

export const programRelations = {
  budgetLines: { parent: 'Program', rel: 'FUNDS', dir: 'in', target: 'BudgetLine', key: 'n.fromYear * 10000 + n.toYear', tag: 'program.budgetLines' },
  targets: { parent: 'Program', rel: 'TARGETS', dir: 'out', target: 'Technology', key: byText, tag: 'program.targets' },
  projects: { parent: 'Program', rel: 'UNDER', dir: 'in', target: 'Project', key: byText, tag: 'program.projects' },
  runBy: { parent: 'Program', rel: 'RUNS', dir: 'in', target: 'Organization', key: byText, tag: 'program.runBy' },
  technologies: { parent: 'Project', rel: 'DEVELOPS', dir: 'out', target: 'Technology', key: byText, tag: 'project.technologies' },
  participants: { parent: 'Project', rel: 'PARTICIPATES_IN', dir: 'in', target: 'Organization', key: byText, tag: 'project.participants' },
  reviews: { parent: 'Project', rel: 'REVIEWS', dir: 'in', target: 'Review', key: 'n.date', tag: 'project.reviews' },
  focusSectors: { parent: 'CooperationCenter', rel: 'FOCUSES_ON', dir: 'out', target: 'Sector', key: byText, tag: 'center.focusSectors' },
  focusTechnologies: { parent: 'CooperationCenter', rel: 'FOCUSES_ON', dir: 'out', target: 'Technology', key: byText, tag: 'center.focusTechnologies' },
  budgetSupersededBy: { parent: 'BudgetLine', rel: 'SUPERSEDES', dir: 'in', target: 'BudgetLine', key: 'n.fromYear * 10000 + n.toYear', tag: 'budget.supersededBy' },
  centerSupersededBy: { parent: 'CooperationCenter', rel: 'SUPERSEDES', dir: 'in', target: 'CooperationCenter', key: byText, tag: 'center.supersededBy' },
} satisfies Record<string, RelationSpec>;

const r = programRelations;
const projectProgram = singleVia('Project', 'UNDER', 'Program');
const budgetProgram = singleVia('BudgetLine', 'FUNDS', 'Program');
const reviewProject = singleVia('Review', 'REVIEWS', 'Project');
const centerHost = singleVia('CooperationCenter', 'HOSTED_BY', 'Organization');
const budgetSupersedes = singleVia('BudgetLine', 'SUPERSEDES', 'BudgetLine');
const centerSupersedes = singleVia('CooperationCenter', 'SUPERSEDES', 'CooperationCenter');

export const programResolvers: Resolvers = {
  Query: {
    programs: listOf<ProgramFilter>({ label: 'Program', sorts: { NAME: byText, ID: 'n.id' }, defaultSort: 'NAME', where: (f) => commonWhere(f) }),
    program: nodeOfType('program'),
    projects: listOf<ProjectFilter>({
      label: 'Project',
      sorts: { TITLE: byText, START_YEAR: 'coalesce(n.startYear, 0)', ID: 'n.id' },
      defaultSort: 'TITLE',
      where(f) {
        let w = commonWhere(f, ['title']);
        if (f.status) w = addWhere(w, 'n.status = $status', { status: f.status });
        if (f.program) w = addWhere(w, 'EXISTS { (n)-[:UNDER]->(:Program {id: $program}) }', { program: f.program });
        if (f.technology) w = addWhere(w, 'EXISTS { (n)-[:DEVELOPS]->(:Technology {id: $technology}) }', { technology: f.technology });
        return w;
      },
    }),
    cooperationCenters: listOf<CooperationCenterFilter>({
      label: 'CooperationCenter',
      sorts: { NAME: byText, ID: 'n.id' },
      defaultSort: 'NAME',
      where(f) {
        const w = commonWhere(f);
        return f.country ? addWhere(w, 'EXISTS { (n)-[:HOSTED_BY]->(:Organization {country: $country}) }', { country: f.country }) : w;
      },
    }),
  },
  Program: {
    ...factFields,
    budgetLines: nodesVia(r.budgetLines),
    targets: nodesVia(r.targets),
    projects: nodesVia(r.projects),
    runBy: nodesVia(r.runBy),
  },
  BudgetLine: {
    ...factFields,
    program: async (b, args, ctx) => (await budgetProgram(b, args, ctx))!,
    fromYear: (b) => b.fromYear as number,
    toYear: (b) => b.toYear as number,
    amountKrw: (b) => b.amountKrw as number,
    supersedes: budgetSupersedes,
    supersededBy: nodesVia(r.budgetSupersededBy),
  },
  Project: {
    ...factFields,
    program: projectProgram,
    technologies: nodesVia(r.technologies),
    participants: relationshipsVia(r.participants),
    reviews: nodesVia(r.reviews),
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
    focusSectors: nodesVia(r.focusSectors),
    focusTechnologies: nodesVia(r.focusTechnologies),
    status: (c) => (c.status ?? null) as CooperationCenterStatus | null,
    supersedes: centerSupersedes,
    supersededBy: nodesVia(r.centerSupersededBy),
  },
};
