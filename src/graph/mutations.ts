// Every mutation: create, update and delete of each node type, add/set and remove of each relationship,
// and importGraph. All of them validate through the import validator (src/import/validate.ts), so a
// mutation and an import refuse the same things with the same words, and nothing is written on a problem.
import type { Resolvers, UserError, UserErrorCode } from '../generated/resolvers-types.js';
import type { Context } from './context.js';
import type { ImportProblem, NodeRecord } from '../domain/document.js';
import { exportNode } from '../import/export.js';
import { existingGraph, importDocument } from '../import/index.js';
import { validateDocument } from '../import/validate.js';
import { assertCanWrite } from './guard.js';
import { relationshipId } from './identity.js';
import { ENTITIES, entityOfId, refFields, type EntitySpec } from '../domain/model.js';
import { deleteNode, referencesOf, relationshipProps, removeRelationship, updateNode } from '../write/edits.js';

/** GraphQL type name → payload field holding the node (see schema/mutations.graphql). */
const PAYLOAD_FIELD: Record<string, string> = {
  Source: 'source',
  Sector: 'sector',
  ValueChainStage: 'stage',
  Technology: 'technology',
  Organization: 'organization',
  Person: 'person',
  Event: 'event',
  Program: 'program',
  BudgetLine: 'budgetLine',
  Project: 'project',
  Review: 'review',
  CooperationCenter: 'center',
  NationalAssessment: 'assessment',
  SupplyListing: 'supplyListing',
  SupplyShare: 'supplyShare',
  ImportDependence: 'importDependence',
};

const userError = (field: string[], message: string, code: UserErrorCode): UserError => ({ field, message, code });

/** An import problem's path (`technologies[0].kind`, `relationships[0].from`) as an input field path. */
function toUserErrors(problems: ImportProblem[], rename: Record<string, string> = {}): UserError[] {
  return problems.map((p) => {
    const m = /^[A-Za-z]+\[\d+\]\.?(.*)$/.exec(p.path);
    const rest = m ? m[1] : '';
    const head = rest.split(/[.[]/)[0];
    const field =
      rest === ''
        ? ['input']
        : [
            'input',
            Object.hasOwn(rename, head) ? rename[head] : head,
            ...rest
              .slice(head.length)
              .split(/[.[\]]/)
              .filter(Boolean),
          ];
    return userError(
      p.path === 'relationships' ? ['input', rename.to ?? 'to'] : field,
      p.message,
      p.code as UserErrorCode,
    );
  });
}

function idProblem(entity: EntitySpec, id: string): UserError | null {
  if (entityOfId(id) !== entity) {
    return userError(
      ['input', 'id'],
      `must be an id "${entity.prefix}:<slug>" (lower-case letters, digits, - _ .), got "${id.slice(0, 80)}"`,
      'BAD_ID',
    );
  }
  return null;
}

/** Input → import record: drops undefined fields, turns `sources` into the record's list. */
function recordOf(input: Record<string, unknown>): NodeRecord {
  const rec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) rec[k] = v;
  rec.sources ??= [];
  return rec as NodeRecord;
}

function entityMutations(entity: EntitySpec) {
  const field = PAYLOAD_FIELD[entity.label];
  const fail = (errors: UserError[]) => ({ [field]: null, userErrors: errors });
  const done = async (ctx: Context, id: string) => ({
    [field]: await ctx.loaders.node.clear(id).load(id),
    userErrors: [],
  });

  return {
    async [`create${entity.label}`](_: unknown, { input }: { input: Record<string, unknown> }, ctx: Context) {
      assertCanWrite(ctx);
      const id = input.id as string;
      const bad = idProblem(entity, id);
      if (bad) return fail([bad]);
      if (await exportNode(ctx.db, id))
        return fail([
          userError(['input', 'id'], `${id} already exists; use update${entity.label} to change it`, 'ALREADY_EXISTS'),
        ]);
      const result = await importDocument(ctx.db, { [entity.collection]: [recordOf(input)] });
      if (!result.ok) return fail(toUserErrors(result.problems));
      return done(ctx, id);
    },

    async [`update${entity.label}`](_: unknown, { input }: { input: Record<string, unknown> }, ctx: Context) {
      assertCanWrite(ctx);
      const id = input.id as string;
      const bad = idProblem(entity, id);
      if (bad) return fail([bad]);
      const current = await exportNode(ctx.db, id);
      if (!current) return fail([userError(['input', 'id'], `there is no ${entity.label} ${id}`, 'NOT_FOUND')]);
      // Validate the record as it would be after the change, so required fields and year order still hold.
      const merged: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(input)) {
        if (v === undefined) continue;
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      if (input.sources === null) merged.sources = [];
      const problems = await validateDocument({ [entity.collection]: [merged] }, existingGraph(ctx.db));
      if (problems.length) return fail(toUserErrors(problems));

      // The ref edges carry the node's provenance and sources, so they change with them too.
      const refs = refFields(entity);
      const refsChanged = refs.length > 0 && [...refs, 'provenance', 'sources'].some((k) => input[k] !== undefined);
      await updateNode(ctx.db, entity, id, input, refsChanged ? merged : undefined);
      return done(ctx, id);
    },

    async [`delete${entity.label}`](
      _: unknown,
      { input }: { input: { id: string; force?: boolean | null } },
      ctx: Context,
    ) {
      assertCanWrite(ctx);
      const fail = (e: UserError) => ({ deletedId: null, removedRelationships: 0, userErrors: [e] });
      const bad = idProblem(entity, input.id);
      if (bad) return fail(bad);
      const refs = await referencesOf(ctx.db, input.id);
      if (refs.citations > 0) {
        return fail(
          userError(
            ['input', 'id'],
            `${input.id} is cited as the source of ${refs.citations} facts; point them at another source first`,
            'REFERENCED',
          ),
        );
      }
      if (refs.incoming > 0 && !input.force) {
        return fail(
          userError(
            ['input', 'force'],
            `${input.id} is referred to by ${refs.incoming} relationships; pass force: true to delete it with them`,
            'REFERENCED',
          ),
        );
      }
      const { deleted, removedRelationships } = await deleteNode(ctx.db, entity.label, input.id);
      if (!deleted) return fail(userError(['input', 'id'], `there is no ${entity.label} ${input.id}`, 'NOT_FOUND'));
      ctx.loaders.node.clear(input.id);
      return { deletedId: input.id, removedRelationships, userErrors: [] };
    },
  };
}

interface RelationshipMutation {
  base: string;
  type: string;
  fromArg: string;
  toArg: string;
  props: string[];
}

const RELATIONSHIP_MUTATIONS: RelationshipMutation[] = [
  { base: 'TechnologySector', type: 'IN_SECTOR', fromArg: 'technology', toArg: 'sector', props: [] },
  { base: 'TechnologyStage', type: 'AT_STAGE', fromArg: 'technology', toArg: 'stage', props: [] },
  { base: 'Dependency', type: 'DEPENDS_ON', fromArg: 'technology', toArg: 'dependsOn', props: [] },
  {
    base: 'Capability',
    type: 'HAS_CAPABILITY',
    fromArg: 'organization',
    toArg: 'technology',
    props: ['level', 'holdsCoreIp', 'asOf'],
  },
  { base: 'Reliance', type: 'RELIES_ON', fromArg: 'organization', toArg: 'technology', props: [] },
  { base: 'ProgramTarget', type: 'TARGETS', fromArg: 'program', toArg: 'technology', props: [] },
  { base: 'ProgramRunner', type: 'RUNS', fromArg: 'organization', toArg: 'program', props: [] },
  { base: 'ProjectTechnology', type: 'DEVELOPS', fromArg: 'project', toArg: 'technology', props: [] },
  { base: 'Participation', type: 'PARTICIPATES_IN', fromArg: 'organization', toArg: 'project', props: ['role'] },
  { base: 'CenterFocus', type: 'FOCUSES_ON', fromArg: 'center', toArg: 'focus', props: [] },
  { base: 'Employment', type: 'WORKS_FOR', fromArg: 'person', toArg: 'organization', props: ['title'] },
  { base: 'Attendance', type: 'ATTENDED', fromArg: 'person', toArg: 'event', props: [] },
];

function relationshipMutations(m: RelationshipMutation) {
  const verb = m.props.length ? 'set' : 'add';
  const rename = { from: m.fromArg, to: m.toArg };
  return {
    async [`${verb}${m.base}`](_: unknown, { input }: { input: Record<string, unknown> }, ctx: Context) {
      assertCanWrite(ctx);
      const from = input[m.fromArg] as string;
      const to = input[m.toArg] as string;
      const rec: Record<string, unknown> = {
        type: m.type,
        from,
        to,
        provenance: input.provenance,
        sources: input.sources ?? [],
      };
      for (const p of m.props) if (input[p] !== undefined && input[p] !== null) rec[p] = input[p];
      const result = await importDocument(ctx.db, { relationships: [rec] });
      if (!result.ok) return { from: null, to: null, link: null, userErrors: toUserErrors(result.problems, rename) };
      ctx.loaders.node.clearAll();
      const [a, b, link] = await Promise.all([
        ctx.loaders.node.load(from),
        ctx.loaders.node.load(to),
        relationshipProps(ctx.db, m.type, from, to),
      ]);
      return { from: a, to: b, link: link && { ...link, id: relationshipId(m.type, from, to) }, userErrors: [] };
    },
    async [`remove${m.base}`](_: unknown, { input }: { input: Record<string, unknown> }, ctx: Context) {
      assertCanWrite(ctx);
      const removed = await removeRelationship(ctx.db, m.type, input[m.fromArg] as string, input[m.toArg] as string);
      return {
        removed,
        userErrors: removed
          ? []
          : [userError(['input'], `there is no ${m.type} from ${input[m.fromArg]} to ${input[m.toArg]}`, 'NOT_FOUND')],
      };
    },
  };
}

export const mutationResolvers: Resolvers = {
  Mutation: {
    ...Object.assign({}, ...ENTITIES.map(entityMutations)),
    ...Object.assign({}, ...RELATIONSHIP_MUTATIONS.map(relationshipMutations)),
    async importGraph(_, { document }, ctx) {
      assertCanWrite(ctx);
      const result = await importDocument(ctx.db, document);
      if (!result.ok) {
        return {
          ok: false,
          nodes: 0,
          relationships: 0,
          counts: [],
          userErrors: result.problems.map((p) =>
            userError(p.path.split(/[.[\]]/).filter(Boolean), p.message, p.code as UserErrorCode),
          ),
        };
      }
      ctx.loaders.node.clearAll();
      return {
        ok: true,
        nodes: result.counts.nodes,
        relationships: result.counts.relationships,
        counts: Object.entries(result.counts.byCollection).map(([collection, count]) => ({ collection, count })),
        userErrors: [],
      };
    },
  },
  RelationshipPayload: {
    link: (p) => (p.link ? (p.link as never) : null),
  },
};
