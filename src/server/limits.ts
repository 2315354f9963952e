// Limits that refuse an expensive operation before any database work, applied to every field of the schema
// (present and future) without per-field configuration:
//  - tokens: graphql-js's own parser limit (Apollo `parseOptions.maxTokens`), so a huge document is not even
//    parsed; a refusal is GRAPHQL_PARSE_FAILED;
//  - selections with every fragment spread expanded (Apollo `maxRecursiveSelections`): fragment bombs; it runs
//    before the other validation rules, which therefore never walk an exploding document;
//  - depth, aliases and directives: graphql-armor's validation rules; a refusal is GRAPHQL_VALIDATION_FAILED;
//  - cost (graphql-query-complexity, with the operation's variables, once the operation is resolved and before
//    it executes): a refusal is QUERY_TOO_COMPLEX. Every field that returns an object costs 1, scalars 0; a
//    field that takes `first`/`last` multiplies the cost of what is selected under it by the page size asked
//    for (20 when neither is given), `ids: [...]` by the number of ids, and any other list by 10, except the
//    `edges`/`nodes` of a connection, whose size the page already counts. So
//    `technologies(first: 100) { nodes { capabilities(first: 50) { nodes { organization { name } } } } }`
//    costs 1 + 100 * (1 + 1 + 50 * (1 + 1)) = 10 201 (technologies, nodes, capabilities, nodes + organization),
//    and a `first: 1000000` is refused at once. A page of 0 is priced as a page of 1: its statement, its
//    totalCount and pageInfo still run. The analysis questions that walk the dependency graph (WALKS: the gap
//    lists, their unrated rows, the evidence backlog, the risks, exposure) cost WALK_COST more, whatever their page
//    size, since they rank every candidate before cutting the page, and exposure adds MAX_HOPS per row for the
//    walk that finds its evidence path. The lists inside analysis rows that are connections (blocksConnection,
//    ...) are priced by their page size like any other. Introspection costs nothing.
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type GraphQLOutputType, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config.js';
import { MAX_HOPS } from '../analysis/options.js';
import { DEFAULT_PAGE } from '../graph/pagination.js';
import type { Context } from '../graph/context.js';

export type Limits = Config['limits'];

/** An estimate for lists that take no page size (sources, a person's roles): they are short. */
export const PLAIN_LIST_SIZE = 10;

/** The price of one walk of the dependency graph (every candidate, up to MAX_HOPS hops each). */
export const WALK_COST = 1000;

/** Fields (`Type.field`) whose statement walks the dependency graph, and what each row adds (exposure's path walk). */
const WALKS: Record<string, { perRow: number }> = {
  'Query.valueChainGaps': { perRow: 0 },
  'Query.chokepointRanking': { perRow: 0 },
  'Query.uncoveredTargets': { perRow: 0 },
  'Query.singleSourceRisks': { perRow: 0 },
  'Query.exposure': { perRow: MAX_HOPS },
  'Query.evidenceBacklog': { perRow: 0 },
  // The unrated rows of a gap list: a second ranking of the same candidates.
  'TechnologyGapConnection.unrated': { perRow: 0 },
};

type Reject = (ctx: ValidationContext | null, err: GraphQLError) => void;

function reporter(limit: string): Reject {
  return (ctx, err) => {
    // graphql-armor words every refusal as a "Syntax Error"; these are limits, not syntax.
    ctx?.reportError(new GraphQLError(err.message.replace(/^Syntax Error: /, ''), { extensions: { limit } }));
  };
}

/** Depth, aliases and directives (graphql-armor). */
export function limitRules(limits: Limits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      onReject: [reporter('depth')],
    }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [reporter('aliases')] }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [reporter('directives')] }),
  ] as ValidationRule[];
}

function pageSize(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(0, v) : 0;
}

// Type tests without graphql's instanceof helpers: the schema may come from graphql's CommonJS build while this
// module got its ESM build (graphql 16 ships both; test runners resolve them differently).
function namedOf(type: GraphQLOutputType): { getFields?: unknown } {
  let t = type as unknown as { ofType?: unknown };
  while (t.ofType) t = t.ofType as { ofType?: unknown };
  return t as { getFields?: unknown };
}

function isListOutput(type: GraphQLOutputType): boolean {
  return String(type).replace(/!$/, '').startsWith('[');
}

/** See the header: objects 1, scalars 0, lists multiply their contents by their (requested) size. */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Introspection is answered from memory (and bounded by the token and selection limits).
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const own = typeof namedOf(field.type).getFields === 'function' ? 1 : 0;
  const defs = new Set(field.args.map((a) => a.name));
  let size = 1;
  if (defs.has('first') || defs.has('last')) {
    // At least 1: a page of 0 still runs the statement and what is selected beside the rows.
    size =
      args.first != null || args.last != null ? Math.max(1, pageSize(args.first), pageSize(args.last)) : DEFAULT_PAGE;
  } else if (Array.isArray(args.ids)) {
    size = args.ids.length;
  } else if (
    isListOutput(field.type) &&
    !(type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes'))
  ) {
    size = PLAIN_LIST_SIZE;
  }
  const walk = WALKS[`${type.name}.${field.name}`];
  if (walk) return own + WALK_COST + size * (childComplexity + walk.perRow);
  return own + size * childComplexity;
};

/** The operation's estimated cost; undefined when it cannot be computed (bad variables: execution refuses those). */
export function operationCost(
  schema: Parameters<typeof getComplexity>[0]['schema'],
  query: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  maxNodes: number,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query,
      variables,
      operationName,
      estimators: [costEstimator],
      maxQueryNodes: maxNodes,
    });
  } catch (e) {
    // (No instanceof: the error may come from the other build of graphql; see namedOf.)
    if (/maximum allowed number of nodes/.test(String((e as Error)?.message))) return Number.POSITIVE_INFINITY;
    return undefined;
  }
}

export function tooComplex(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, ...extensions } });
}

/** Estimates kept per parsed document (Apollo keeps one per query text) and variables, for clients that repeat. */
const COSTS_PER_DOCUMENT = 64;
const COST_KEY_MAX = 2000;

/** Refuses operations over the cost limit, after validation and before execution. */
export function costLimitPlugin(limits: Limits): ApolloServerPlugin<Context> {
  // A dashboard sends the same operation with the same variables again and again: estimating it walks the whole
  // document each time, a cost the size of executing a small query.
  const known = new WeakMap<object, Map<string, number | undefined>>();
  const estimate = (
    schema: Parameters<typeof operationCost>[0],
    document: Parameters<typeof operationCost>[1],
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined,
  ) => {
    const compute = () => operationCost(schema, document, variables, operationName, limits.maxSelections * 10);
    let key: string;
    try {
      key = `${operationName ?? ''}|${JSON.stringify(variables ?? {})}`;
    } catch {
      return compute(); // variables nested too deeply to serialise (JSON.stringify recurses): not kept
    }
    if (key.length > COST_KEY_MAX) return compute();
    let costs = known.get(document);
    if (!costs) known.set(document, (costs = new Map()));
    if (costs.has(key)) return costs.get(key);
    const cost = compute();
    if (costs.size >= COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value!);
    costs.set(key, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName, contextValue }) {
          const cost = estimate(schema, document, request.variables, operationName ?? undefined);
          if (cost === undefined) return;
          contextValue.cost = cost;
          if (cost > limits.maxCost) {
            throw tooComplex(
              Number.isFinite(cost)
                ? `The query's estimated cost is ${Math.round(cost)}, over the limit of ${limits.maxCost}: ask for smaller pages (first/last) or fewer nested lists.`
                : 'The query is too large to estimate: ask for smaller pages (first/last) or fewer nested lists.',
              { cost: Number.isFinite(cost) ? Math.round(cost) : null, maxCost: limits.maxCost },
            );
          }
        },
      };
    },
  };
}
