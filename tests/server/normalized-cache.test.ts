// Apollo Client 4's normalized cache (InMemoryCache) with client/'s type policies, against the real server on the
// default graph with the fictional demo set: every example operation (operations/*.graphql, the typed client's documents and the playground's tabs) is
// written without a warning, every object with an id is stored once under `<Type>:<id>` and nowhere inline, and
// every answer reads back from the cache as it came, after all the others were written. Queries that select
// different fields of one connection keep each other's data; pages accumulate; one technology's gap rows under two
// lenses stay two rows. Without the policies, the same queries lose data (so these checks can fail).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

// Apollo Client reports cache problems (data loss, missing key fields) only in development mode, which it reads
// from this global when its modules load.
vi.hoisted(() => {
  (globalThis as { __DEV__?: boolean }).__DEV__ = true;
});

import { ApolloClient, HttpLink, InMemoryCache, type DocumentNode, type NormalizedCacheObject } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { byId, CONNECTION_FIELDS, possibleTypes, typePolicies } from '../../client/index.js';
import { loadTypeDefs } from '../../src/graph/index.js';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

loadDevMessages();
loadErrorMessages();

const schema = buildSchema(loadTypeDefs());

interface Operation {
  name: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
}

/**
 * Where the default graph gives an operation no rows to normalize (nobody is rated, no project or reliance is
 * recorded), the fictional demo set's records that do: a project's targets, a firm's reliances, candidates with levels.
 */
const DEMO_VARIABLES: Record<string, Record<string, unknown>> = {
  CompanyExposure: { organization: 'org:demo-roadlark-motors' },
  JointRndEligibility: { technology: 'tech:demo-kinetica-model' },
  PartnerCandidates: { technology: 'tech:demo-glimmer-veil' },
  UncoveredTargets: { program: 'program:demo-keystone-rnd' },
};

/** The example operations with the variables their `# variables:` line gives (as the playground opens them). */
const operations: Operation[] = readdirSync('operations')
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => {
    const text = readFileSync(join('operations', f), 'utf8');
    const vars = /^# variables: (.*)$/m.exec(text)?.[1];
    const name = f.replace(/\.graphql$/, '');
    return { name, document: parse(text), variables: { ...(vars ? JSON.parse(vars) : {}), ...DEMO_VARIABLES[name] } };
  });

/** Types that have an `id` field: nodes, relationships and analysis rows. */
const identified = new Set(
  Object.values(schema.getTypeMap())
    .filter((t) => (isObjectType(t) || isInterfaceType(t)) && !t.name.startsWith('__') && 'id' in t.getFields())
    .map((t) => t.name),
);

/**
 * The paths in `doc` at which an object of a type with an `id` is selected without `id`. Selections of one response
 * key are merged first (a field may be selected twice, as PartnerCandidates does with `technology`).
 */
function selectionsWithoutId(doc: DocumentNode): string[] {
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const missing: string[] = [];
  const walk = (type: GraphQLNamedType, sets: readonly SelectionSetNode[], path: string, inheritsId = false) => {
    const byKey = new Map<string, { name: string; sets: SelectionSetNode[] }>();
    const narrower: Array<[GraphQLNamedType, SelectionSetNode]> = [];
    const collect = (set: SelectionSetNode, on: GraphQLNamedType) => {
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          const key = s.alias?.value ?? s.name.value;
          const entry = byKey.get(key) ?? { name: s.name.value, sets: [] };
          if (s.selectionSet) entry.sets.push(s.selectionSet);
          byKey.set(key, entry);
        } else {
          const frag = s.kind === Kind.INLINE_FRAGMENT ? s : fragments[s.name.value];
          const cond = frag.typeCondition ? schema.getType(frag.typeCondition.name.value)! : on;
          // A fragment on a narrower type is checked as that type (an Evidence member, a Node implementation).
          if (cond.name !== on.name && isAbstractType(on)) narrower.push([cond, frag.selectionSet]);
          else collect(frag.selectionSet, on);
        }
      }
    };
    for (const set of sets) collect(set, type);
    if (identified.has(type.name) && !byKey.has('id') && !inheritsId) missing.push(path || type.name);
    // A fragment on a narrower type (an Evidence member, a Node implementation) has the enclosing fields too.
    for (const [cond, set] of narrower) walk(cond, [set], `${path}<${cond.name}>`, inheritsId || byKey.has('id'));
    const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
    for (const [key, { name, sets: sub }] of byKey) {
      if (sub.length && fields[name]) walk(getNamedType(fields[name].type), sub, `${path}.${key}`);
    }
  };
  for (const def of doc.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION)
      walk(schema.getQueryType()!, [(def as OperationDefinitionNode).selectionSet], '');
  }
  return missing;
}

/** Every object of an identified type in a result, as `<Type>:<id>`. */
function keysIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => keysIn(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.__typename === 'string' && identified.has(o.__typename) && typeof o.id === 'string')
      out.push(`${o.__typename}:${o.id}`);
    Object.values(o).forEach((v) => keysIn(v, out));
  }
  return out;
}

/** Objects of identified types stored inline (not as references) anywhere in the cache, as `<Type>`@<where>. */
function inlineIdentified(store: NormalizedCacheObject): string[] {
  const found: string[] = [];
  const visit = (value: unknown, where: string, top: boolean) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`, false));
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (!top && typeof o.__typename === 'string' && identified.has(o.__typename))
        found.push(`${o.__typename}@${where}`);
      for (const [k, v] of Object.entries(o)) visit(v, `${where}.${k}`, false);
    }
  };
  for (const [id, entity] of Object.entries(store)) visit(entity, id, true);
  return found;
}

let t: TestApp;
let logged: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ doc: readSeedsWithDemo() });
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => {
  logged = [];
  for (const level of ['warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(`${level}: ${args.map(String).join(' ')}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

function client(cache = new InMemoryCache({ typePolicies, possibleTypes })) {
  return { cache, apollo: new ApolloClient({ link: new HttpLink({ uri: `${t.url}/graphql` }), cache }) };
}

async function fetchInto(apollo: ApolloClient, query: DocumentNode, variables: Record<string, unknown> = {}) {
  const { data, error } = await apollo.query({ query, variables, fetchPolicy: 'network-only' });
  expect(error, String(error)).toBeUndefined();
  return data as Record<string, any>;
}

describe('the example operations', () => {
  it('select `id` on every object that has one (nodes, relationships, analysis rows)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(DEMO_VARIABLES).filter((name) => !operations.some((op) => op.name === name))).toEqual([]);
    for (const op of operations) expect(selectionsWithoutId(op.document), op.name).toEqual([]);
  });

  it('are found wanting by the id check where an id is left out', () => {
    expect(selectionsWithoutId(parse('{ technologies { nodes { name capabilities { nodes { id } } } } }'))).toEqual([
      '.technologies.nodes',
    ]);
    expect(
      selectionsWithoutId(
        parse(
          '{ node(id: "x") { id ... on Technology { name } } valueChainGaps(sector: "s") { nodes { status evidence { ... on Capability { level } } } } }',
        ),
      ),
    ).toEqual(['.valueChainGaps.nodes', '.valueChainGaps.nodes.evidence<Capability>']);
  });

  it(
    'go through InMemoryCache with the type policies without a warning; every object with an id is stored once, none inline; every answer reads back as it came',
    { timeout: 300_000 },
    async () => {
      const { cache, apollo } = client();
      const answers: Array<{ op: Operation; data: Record<string, any> }> = [];
      for (const op of operations) {
        const data = await fetchInto(apollo, op.document, op.variables);
        const store = cache.extract();
        const keys = keysIn(data);
        expect(keys.length, `${op.name} returned no object with an id`).toBeGreaterThan(0);
        for (const key of keys) expect(store[key], `${op.name}: ${key} is not normalized`).toBeDefined();
        answers.push({ op, data });
      }
      expect(inlineIdentified(cache.extract())).toEqual([]);
      // After every operation was written: none lost data another one wrote.
      for (const { op, data } of answers) {
        expect(cache.readQuery({ query: op.document, variables: op.variables }), op.name).toEqual(data);
      }
      expect(logged).toEqual([]);
    },
  );
});

const SECTOR = 'sector:semiconductors';
/** Two screens on one connection, each selecting other fields of it (edges with cursors and links; nodes). */
const EDGES = parse(
  `query Edges($s: ID!) { sector(id: $s) { id technologies(first: 4) { totalCount edges { cursor link { id provenance } node { id name } } } } }`,
);
const NODES = parse(
  `query Nodes($s: ID!) { sector(id: $s) { id technologies(first: 4) { pageInfo { hasNextPage endCursor } nodes { id kind provenance } } } }`,
);
const GAP_NODES = parse(
  `query GapNodes($s: ID!) { valueChainGaps(sector: $s, first: 3) { totalCount nodes { id status gap } } }`,
);
const GAP_EDGES =
  parse(`query GapEdges($s: ID!) { valueChainGaps(sector: $s, first: 3) { depthLimitReached edges { cursor node { id basis
  technology { id } blocksConnection(first: 2) { totalCount nodes { id name } } } } } }`);

describe('one connection, different selections', () => {
  it("keeps both queries' data: edges with cursors and links, and nodes with other fields (a list and an analysis answer)", async () => {
    const { cache, apollo } = client();
    const pairs = [
      [EDGES, NODES],
      [GAP_NODES, GAP_EDGES],
    ];
    for (const [a, b] of pairs) {
      const first = await fetchInto(apollo, a, { s: SECTOR });
      const second = await fetchInto(apollo, b, { s: SECTOR });
      expect(cache.readQuery({ query: a, variables: { s: SECTOR } })).toEqual(first);
      expect(cache.readQuery({ query: b, variables: { s: SECTOR } })).toEqual(second);
    }
    expect(logged).toEqual([]);
  });

  it('loses data without the type policies (what the policies prevent)', async () => {
    const { cache, apollo } = client(new InMemoryCache({ possibleTypes }));
    const first = await fetchInto(apollo, GAP_NODES, { s: SECTOR });
    await fetchInto(apollo, GAP_EDGES, { s: SECTOR });
    expect(cache.readQuery({ query: GAP_NODES, variables: { s: SECTOR } })).not.toEqual(first);
    expect(logged.join('\n')).toMatch(/Cache data may be lost/);
  });
});

describe('pages in the cache', () => {
  const PAGE = parse(`query Page($first: Int, $after: String, $last: Int, $before: String) {
    technologies(first: $first, after: $after, last: $last, before: $before, orderBy: {field: ID}) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } }`);

  it('accumulate forward and backward in one list per combination of the other arguments', async () => {
    const ids = (d: Record<string, any>) => d.technologies.nodes.map((n: { id: string }) => n.id);
    // The first nine technologies by id, and their cursors, asked outside the cache under test.
    const all = await t.gql(`{ technologies(first: 9, orderBy: {field: ID}) { edges { cursor node { id } } } }`);
    const edges = all.body.data.technologies.edges as Array<{ cursor: string; node: { id: string } }>;
    const { cache, apollo } = client();
    // The middle three, then the three after them, then the three before them: one list of nine, in order.
    const middle = await fetchInto(apollo, PAGE, { first: 3, after: edges[2].cursor });
    expect(ids(middle)).toEqual(edges.slice(3, 6).map((e) => e.node.id));
    const after = await fetchInto(apollo, PAGE, { first: 3, after: middle.technologies.pageInfo.endCursor });
    expect(ids(after)).toEqual(edges.slice(3, 9).map((e) => e.node.id));
    const before = await fetchInto(apollo, PAGE, { last: 3, before: middle.technologies.pageInfo.startCursor });
    expect(ids(before)).toEqual(edges.map((e) => e.node.id));
    expect(before.technologies.pageInfo.hasPreviousPage).toBe(false);
    expect(Object.keys(cache.extract().ROOT_QUERY!).filter((k) => k.startsWith('technologies'))).toHaveLength(1);
    expect(logged).toEqual([]);
  });
});

describe('analysis rows', () => {
  const GAPS = parse(
    `query Gaps($s: ID!, $lens: AnalysisLens) { valueChainGaps(sector: $s, lens: $lens, first: 5) { nodes { id technology { id } status gap } } }`,
  );

  it('of one technology under two lenses stay two rows (their ids name the lens), each read back with its own figures', async () => {
    const { cache, apollo } = client();
    const strict = await fetchInto(apollo, GAPS, { s: SECTOR, lens: { threshold: 95, asOf: '2025-06-30' } });
    const lenient = await fetchInto(apollo, GAPS, { s: SECTOR, lens: { threshold: 50, asOf: '2025-06-30' } });
    const rowsOf = (d: Record<string, any>) =>
      d.valueChainGaps.nodes as Array<{ id: string; technology: { id: string }; status: string }>;
    const both = rowsOf(strict).filter((r) => rowsOf(lenient).some((l) => l.technology.id === r.technology.id));
    expect(both.length).toBeGreaterThan(0);
    for (const row of both) {
      expect(row.id).toMatch(
        new RegExp(`^gap:${row.technology.id}/${SECTOR}/KR;95;2025-06-30;ILLUSTRATIVE;ILLUSTRATIVE$`),
      );
      expect(rowsOf(lenient).find((l) => l.technology.id === row.technology.id)!.id).not.toBe(row.id);
    }
    expect(
      cache.readQuery({ query: GAPS, variables: { s: SECTOR, lens: { threshold: 95, asOf: '2025-06-30' } } }),
    ).toEqual(strict);
    expect(
      cache.readQuery({ query: GAPS, variables: { s: SECTOR, lens: { threshold: 50, asOf: '2025-06-30' } } }),
    ).toEqual(lenient);
    expect(logged).toEqual([]);
  });
});

describe('the type policies', () => {
  /** Fields that page (take first/after/last/before), as `Type.field`, with their other arguments. */
  const pagedFields = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .flatMap((type) =>
      Object.values((type as import('graphql').GraphQLObjectType).getFields())
        .filter((f) => ['first', 'after', 'last', 'before'].every((a) => f.args.some((arg) => arg.name === a)))
        .map(
          (f) =>
            [
              `${type.name}.${f.name}`,
              f.args.map((a) => a.name).filter((a) => !['first', 'after', 'last', 'before'].includes(a)),
            ] as const,
        ),
    );

  it('page every connection field the Relay way, keyed by its other arguments', () => {
    const declared = Object.entries(CONNECTION_FIELDS).flatMap(([type, fields]) =>
      Object.entries(fields).map(([field, keyArgs]) => [`${type}.${field}`, keyArgs || []] as const),
    );
    expect(Object.fromEntries(declared.map(([k, v]) => [k, [...v].sort()]))).toEqual(
      Object.fromEntries(pagedFields.map(([k, v]) => [k, [...v].sort()])),
    );
    for (const [key] of pagedFields) {
      const [type, field] = key.split('.');
      expect(typeof (typePolicies[type]?.fields?.[field] as { merge?: unknown })?.merge, key).toBe('function');
    }
  });

  it('key every type with an id by it, and list the members of every interface and union', () => {
    for (const type of identified) {
      if (isObjectType(schema.getType(type))) expect(typePolicies[type]?.keyFields, type).toBe(byId);
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (isAbstractType(type) && !type.name.startsWith('__')) {
        expect([...possibleTypes[type.name]].sort(), type.name).toEqual(
          schema
            .getPossibleTypes(type)
            .map((t) => t.name)
            .sort(),
        );
      }
    }
  });
});
