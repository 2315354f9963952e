// Bad and odd input, tried for real: fast-check throws generated requests at the running server, from broken
// HTTP and JSON up to well-formed operations with hostile arguments, for every root field of the schema
// (found by introspection, so fields added later are fuzzed without touching this file).
// Every response: no 5xx, a JSON error body where there is one, an extensions.code on every error, no internal
// error, nothing leaked (stack, Cypher, driver text). Refused requests leave the graph exactly as it was
// (exportDocument before and after); strings that mutations accept are stored and returned verbatim. On the default
// graph with the fictional demo set, so that plausible arguments can name projects, reviews and capabilities.
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/driver.js';
import { exportDocument } from '../../src/import/export.js';
import { EMPTY_GRAPH, validateDocument } from '../../src/import/validate.js';
import { newKey } from '../../src/server/auth.js';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';
import {
  baseDocument,
  formulaName,
  hostileUrl,
  PROTO_KEYS,
  protoCaseArb,
  protoDataDocument,
} from '../helpers/hostile.js';
import { BOOKMARK_HEADER, bookmarkCodec } from '../../src/db/bookmarks.js';
import { forgeAhead, unsignedToken } from '../helpers/bookmarks.js';

const reader = newKey('reader');
const editor = newKey('editor');

let t: TestApp;
let schema: GraphQLSchema;
let knownIds: string[] = [];
const stats = { requests: 0, started: 0 };

beforeAll(async () => {
  t = await startTestApp({
    doc: readSeedsWithDemo(),
    env: { TG_API_KEYS: JSON.stringify([reader.record, editor.record]), TG_ALLOW_WRITES: 'false' },
  });
  const { body } = await t.gql<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(body.data!);
  for (const type of Object.values(schema.getTypeMap())) {
    const m = /^Create(\w+)Input$/.exec(type.name);
    const id = m && isInputObjectType(type) ? type.getFields().id : undefined;
    const prefix = id?.description ? /`(\w+):<slug>`/.exec(id.description)?.[1] : undefined;
    if (m && prefix) prefixOf.set(m[1], prefix);
  }
  const doc = await exportDocument(t.db);
  knownIds = Object.entries(doc).flatMap(([k, v]) =>
    k === 'relationships' || !Array.isArray(v) ? [] : (v as Array<{ id: string }>).map((r) => r.id),
  );
  stats.started = performance.now();
});

afterAll(async () => {
  const seconds = ((performance.now() - stats.started) / 1000).toFixed(1);
  console.log(`fuzz: ${stats.requests} generated requests in ${seconds} s`);
  await t?.stop();
});

// ---------------------------------------------------------------------------------------------------------
// Sending and checking

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
interface Got {
  status: number;
  json: any;
  text: string;
}

async function send(req: Sent): Promise<Got> {
  stats.requests += 1;
  const res = await fetch(`${t.url}${req.path}`, {
    method: req.method,
    headers: req.headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
  });
  const text = await res.text();
  let json: any;
  if (/json/.test(res.headers.get('content-type') ?? '') && text !== '') json = JSON.parse(text); // a JSON type must carry JSON
  return { status: res.status, json, text };
}

const LEAK =
  /\bat [\w.<>]+ \(|node_modules|Neo4jError|Neo\.(Client|Transient|Database)Error|\bMATCH \(|\bMERGE \(|\bUNWIND \$|bolt:\/\//;

/** The invariants of every response. */
function checkResponse(req: Sent, got: Got): void {
  const where = `${req.method} ${req.path} ${JSON.stringify(req.headers)} ${String(req.body).slice(0, 300)}\n→ ${got.status} ${got.text.slice(0, 500)}`;
  expect(got.status, where).toBeLessThan(500);
  if (got.status >= 400 && req.method !== 'HEAD') expect(got.json?.errors, where).toBeInstanceOf(Array);
  for (const e of got.json?.errors ?? []) {
    expect(typeof e.extensions?.code, where).toBe('string');
    expect(e.extensions.code, where).not.toBe('INTERNAL_SERVER_ERROR');
    expect(e.extensions.stacktrace, where).toBeUndefined();
    const leak = LEAK.exec(e.message)?.[0];
    if (leak) expect(`${req.path} ${req.body}`, `${where}\nleaks "${leak}"`).toContain(leak); // an echo of the input is fine
  }
}

async function gqlRequest(query: string, variables: unknown, headers: Record<string, string> = {}): Promise<Got> {
  const req: Sent = {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  };
  const got = await send(req);
  checkResponse(req, got);
  return got;
}

/** All nodes and relationships with every property: two round trips, for a check after each request. */
async function snapshot(db: Database): Promise<string> {
  const nodes = await db.read('MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id');
  const rels = await db.read(
    'MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b',
  );
  return JSON.stringify([nodes, rels]);
}

// ---------------------------------------------------------------------------------------------------------
// Values

const NASTY = [
  "'; MATCH (n) DETACH DELETE n //",
  '" OR 1=1 --',
  "') RETURN n UNION MATCH (m) DETACH DELETE m //",
  '$id',
  '{id: "x"}',
  '`Entity`',
  'CALL dbms.shutdown()',
  '\\',
  '\\u0000',
  '\u0000',
  '\u202Egnp.exe',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚀👩‍🔬',
  '한국어 기술 급소',
  'ＡＢＣ',
  'Z̷̧a̶l̵g̸o̵',
  '\uD800',
  '\uDFFF lone',
  ' ',
  '',
  '\n\r\t',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'NaN',
  '%s%n%x',
  '${7*7}',
  '{{7*7}}',
  'x'.repeat(5000),
  'tech:advanced-packaging-interposer',
  'tech:',
  'tech:Has Spaces',
  ':',
  'source:',
];

const nastyString = fc.constantFrom(...NASTY);
const anyString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  nastyString,
  nastyString,
);
const anyInt = fc.oneof(
  fc.integer({ min: -3, max: 120 }),
  fc.constantFrom(-1, 0, 1, 100, 101, 2147483647, -2147483648, 2147483648, -2147483649, 1e15, 1.5, -0),
  fc.integer(),
);
const anyFloat = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 100.0001, -1, 101),
);
/** An id of the seeded graph (read lazily: knownIds is filled in beforeAll). */
const knownId = fc.nat().map((i) => knownIds[i % Math.max(knownIds.length, 1)] ?? 'tech:advanced-packaging-interposer');
const anyId = (prefixes: string[]) =>
  fc.oneof(
    knownId,
    fc.tuple(fc.constantFrom(...prefixes, 'x', ''), anyString).map(([p, s]) => `${p}:${s}`),
    fc.tuple(fc.constantFrom(...prefixes), fc.stringMatching(/^[a-z0-9-]{1,20}$/)).map(([p, s]) => `${p}:fuzz-${s}`),
    anyString,
  );
const wrongType = fc.jsonValue({ maxDepth: 2 });

const PREFIXES = [
  'tech',
  'org',
  'sector',
  'stage',
  'program',
  'budget',
  'project',
  'review',
  'center',
  'person',
  'event',
  'source',
];

/** A graph document that is nearly valid, for JSON arguments (importGraph). */
const documentLike = fc.record(
  {
    sectors: fc.array(
      fc.record({
        id: anyId(['sector']),
        name: anyString,
        provenance: fc.constantFrom('REPORTED', 'ASSESSED', 'ILLUSTRATIVE', 'BOGUS'),
        sources: fc.constant([]),
      }),
      { maxLength: 3 },
    ),
    technologies: fc.array(
      fc.record({
        id: anyId(['tech']),
        name: anyString,
        kind: fc.constantFrom('CHOKEPOINT', 'OTHER', 5),
        provenance: fc.constant('ILLUSTRATIVE'),
        sources: fc.constant([]),
      }),
      { maxLength: 3 },
    ),
    relationships: fc.array(
      fc.record({
        type: fc.constantFrom('DEPENDS_ON', 'IN_SECTOR', 'NOPE'),
        from: anyId(PREFIXES),
        to: anyId(PREFIXES),
        provenance: fc.constant('ILLUSTRATIVE'),
      }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

/** A value for an input type: mostly of the right shape, sometimes not. */
function valueOf(type: GraphQLInputType, argName: string, depth = 0): fc.Arbitrary<unknown> {
  const right = rightValueOf(type, argName, depth);
  return fc.oneof(
    { weight: 12, arbitrary: right },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function rightValueOf(type: GraphQLInputType, argName: string, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return rightValueOf(type.ofType, argName, depth);
  if (isListType(type)) return fc.array(valueOf(type.ofType, argName, depth + 1), { maxLength: depth > 2 ? 0 : 4 });
  if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.value as string)), anyString);
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = valueOf(f.type, f.name, depth + 1);
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc
      .tuple(
        fc.record(model, { requiredKeys: required }),
        fc.option(fc.record({ unknownField: anyString }), { freq: 10 }),
      )
      .map(([v, extra]) => ({ ...v, ...(extra ?? {}) }));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return anyInt;
      case 'Float':
        return anyFloat;
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return anyId(PREFIXES);
      case 'String':
        return anyString;
      case 'Date':
        return fc.oneof(
          fc.constantFrom('2023-12-05', '2023-02-30', '1899-01-01', '9999-12-31', 'yesterday'),
          anyString,
        );
      case 'KRW':
        return fc.oneof(fc.integer(), fc.constantFrom(1.23e12, -1, 0.5, 2 ** 53, 1e300));
      case 'CountryCode':
        return fc.oneof(fc.constantFrom('KR', 'US', 'DE', 'kr', 'XX', 'KOR'), anyString);
      case 'JSON':
        return fc.oneof(documentLike, fc.jsonValue({ maxDepth: 3 }));
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }
  return fc.constant(null);
}

// Plausible inputs: the right shape and valid enums, references to existing nodes of the right type, new ids
// of the right prefix, hostile strings. They get past validation, so they exercise the writes themselves.
/** Id prefix by type name, read from the create inputs' descriptions ("The new id: `tech:<slug>`"). */
const prefixOf = new Map<string, string>();
const REFERENCE_PREFIX: Record<string, string> = {
  sector: 'sector',
  stage: 'stage',
  program: 'program',
  technology: 'tech',
  dependsOn: 'tech',
  focus: 'tech',
  organization: 'org',
  project: 'project',
  person: 'person',
  event: 'event',
  sources: 'source',
  center: 'center',
  hostedBy: 'org',
};
const knownOf = (prefix: string) =>
  fc.nat().map((i) => {
    const ids = knownIds.filter((id) => id.startsWith(`${prefix}:`));
    return ids.length ? ids[i % ids.length] : `${prefix}:missing`;
  });

function plausibleValueOf(type: GraphQLInputType, name: string, owner: string, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return plausibleValueOf(type.ofType, name, owner, depth);
  if (isListType(type)) return fc.array(plausibleValueOf(type.ofType, name, owner, depth + 1), { maxLength: 2 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value as string));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = plausibleValueOf(f.type, f.name, type.name, depth + 1);
    return fc.record(model, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  }
  if (isScalarType(type)) {
    if (name === 'provenance') return fc.constant('ILLUSTRATIVE');
    if (type.name === 'ID') {
      const created = /^Create(\w+)Input$/.exec(owner)?.[1];
      const updated = /^Update(\w+)Input$/.exec(owner)?.[1];
      if (name === 'id' && created && prefixOf.has(created))
        return fc.stringMatching(/^[a-z0-9-]{1,16}$/).map((s) => `${prefixOf.get(created)}:fuzz-${s}`);
      if (name === 'id' && updated && prefixOf.has(updated)) return knownOf(prefixOf.get(updated)!);
      if (REFERENCE_PREFIX[name]) return knownOf(REFERENCE_PREFIX[name]);
      return knownId;
    }
    switch (type.name) {
      case 'Int':
        return /year/i.test(name) ? fc.integer({ min: 1990, max: 2040 }) : fc.integer({ min: 0, max: 100 });
      case 'Float':
        return fc.double({ min: 0, max: 100, noNaN: true });
      case 'Boolean':
        return fc.boolean();
      case 'Date':
        return fc.constantFrom('2023-12-05', '2024-01-31');
      case 'KRW':
        return fc.integer({ min: 0, max: 2_000_000_000 });
      case 'CountryCode':
        return fc.constantFrom('KR', 'US', 'DE', 'JP');
      case 'JSON':
        return documentLike;
      default:
        return anyString;
    }
  }
  return fc.constant(null);
}

/** A small selection of a return type: its scalar fields and, one level down, those of one object field. */
function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isLeafType(named)) return '';
  if (isUnionType(named)) return '{ __typename }';
  if (!isObjectType(named) && !isInterfaceType(named)) return '';
  const fields = Object.values(named.getFields()) as Array<GraphQLField<unknown, unknown>>;
  const noRequiredArgs = fields.filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const leaves = noRequiredArgs
    .filter((f) => isLeafType(getNamedType(f.type)))
    .slice(0, 12)
    .map((f) => f.name);
  const parts = ['__typename', ...leaves];
  if (depth < 2) {
    const objects = noRequiredArgs.filter((x) => !isLeafType(getNamedType(x.type)));
    // userErrors always (it tells a refusal from a success), and up to two more.
    const chosen = [
      ...objects.filter((x) => x.name === 'userErrors'),
      ...objects.filter((x) => x.name !== 'userErrors').slice(0, 2),
    ];
    for (const f of chosen) {
      const sub = selectionOf(f.type, depth + 1);
      if (sub) parts.push(`${f.name}${f.args.some((a) => a.name === 'first') ? '(first: 2)' : ''} ${sub}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

/** An operation calling one root field with generated arguments (as variables), and its variables. */
function operationFor(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  plausible = false,
): fc.Arbitrary<{ query: string; variables: Record<string, unknown>; field: string }> {
  const argArbs: Record<string, fc.Arbitrary<unknown>> = {};
  for (const a of field.args)
    argArbs[a.name] = plausible ? plausibleValueOf(a.type, a.name, '') : valueOf(a.type, a.name);
  const required = field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name);
  return fc.record(argArbs, { requiredKeys: required }).map((variables) => {
    const used = field.args.filter((a) => a.name in variables);
    const decl = used.length ? `(${used.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')})` : '';
    const args = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    return {
      query: `${kind} Fuzz${decl} { ${field.name}${args} ${selectionOf(field.type)} }`,
      variables,
      field: field.name,
    };
  });
}

function rootFields(kind: 'query' | 'mutation'): Array<GraphQLField<unknown, unknown>> {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  return root ? Object.values(root.getFields()).filter((f) => !f.name.startsWith('_')) : [];
}

function anyOperation(kind: 'query' | 'mutation', plausible = false) {
  return fc.constantFrom(...rootFields(kind)).chain((f) => operationFor(kind, f, plausible));
}

// ---------------------------------------------------------------------------------------------------------
// The suite (about 2 000 requests)

const RUNS = {
  http: 400,
  documents: 400,
  queries: 800,
  refusedMutations: 200,
  editor: 250,
  hostile: 150,
  bookmarks: 200,
};

describe('fuzz: HTTP and JSON', () => {
  const validBody = JSON.stringify({ query: '{ technologies(first: 2) { nodes { id } } }' });
  const bodies = fc.oneof(
    fc.constant(validBody),
    fc.nat({ max: validBody.length }).map((n) => validBody.slice(0, n)), // truncated JSON
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc
      .record(
        {
          query: fc.oneof(fc.string(), fc.jsonValue()),
          variables: fc.oneof(fc.jsonValue(), fc.constant('x')),
          operationName: fc.oneof(fc.string(), fc.integer()),
          extensions: fc.jsonValue({ maxDepth: 2 }),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
    fc.integer({ min: 1, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)), // deep JSON nesting
    fc
      .integer({ min: 1, max: 20_000 })
      .map((n) => `{"query":"{ __typename }","variables":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`),
    fc.constantFrom(
      `{"query":"{ __typename }","pad":"${'x'.repeat(1_100_000)}"}`,
      '{"query": "{ __typename }"}'.padEnd(900_000, ' '),
    ),
  );
  const request = fc.record({
    method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    path: fc.constantFrom(
      '/graphql',
      '/graphql',
      '/graphql?query=%7B__typename%7D',
      '/graphql?query=%7B',
      '/graphql?variables=%5B',
      '/graphql/',
      '/GRAPHQL',
      '/graphql?%%%',
      '/readyz',
      '/healthz',
      '/metrics',
      '/playground',
      '/..%2f..%2fetc/passwd',
      '/explore',
      '/nothing',
    ),
    contentType: fc.constantFrom(
      'application/json',
      'application/json',
      'application/json; charset=utf-16',
      'text/plain',
      'application/graphql',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/graphql-response+json',
      '',
      'garbage;;;',
    ),
    accept: fc.constantFrom(
      '',
      '*/*',
      'application/json',
      'application/graphql-response+json',
      'text/html',
      'application/xml',
      'application/graphql-response+json;q=0.9, application/json;q=0.8',
      ';;;',
    ),
    extra: fc.dictionary(
      fc.constantFrom(
        'authorization',
        'x-request-id',
        'x-neo4j-bookmark',
        'apollo-require-preflight',
        'x-apollo-operation-name',
        'origin',
        'x-forwarded-for',
      ),
      fc.oneof(
        fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
        fc.constantFrom('Bearer x', `Bearer ${reader.key}`, 'true', 'Basic Zm9vOmJhcg=='),
      ),
    ),
    body: bodies,
  });

  it('answers every malformed, oversized or oddly typed request with a 4xx and a code, and changes nothing', async () => {
    const before = await exportDocument(t.db);
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = { ...r.extra };
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.accept) headers.accept = r.accept;
        const req: Sent = { method: r.method, path: r.path, headers, body: r.body };
        const got = await send(req);
        checkResponse(req, got);
      }),
      { numRuns: RUNS.http },
    );
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect(await exportDocument(t.db)).toEqual(before);
  });
});

describe('fuzz: documents', () => {
  const garbage = fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '(',
        ')',
        'query',
        'mutation',
        'subscription',
        'fragment F on Technology',
        '...F',
        '... on Node',
        '@include(if: true)',
        '$x',
        '$x: Int',
        ':',
        '"s"',
        '"""block"""',
        'node',
        'id',
        'technologies',
        'first',
        '1',
        '-1',
        '1e999',
        '[',
        ']',
        '!',
        '=',
        '#c\n',
        ',',
        'null',
        'true',
        '__schema',
        '__type(name: "Technology")',
        'nodes',
        'name',
      ),
      { maxLength: 60 },
    )
    .map((xs) => xs.join(' '));
  const deep = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: -5, max: 10_000_000 })).map(([d, n]) => {
    let q = 'id';
    for (let i = 0; i < d; i++) q = `dependencies(first: ${n}) { nodes { ${q} } }`;
    return `{ technology(id: "tech:advanced-packaging-interposer") { ${q} } }`;
  });
  const aliases = fc
    .integer({ min: 0, max: 400 })
    .map(
      (n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: node(id: "tech:x${i}") { id }`).join(' ')} __typename }`,
    );
  const fragmentBomb = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 4 })).map(([n, k]) => {
    const frags = ['fragment F0 on Technology { id name }'];
    for (let i = 1; i <= n; i++) frags.push(`fragment F${i} on Technology { ${`...F${i - 1} `.repeat(k)}}`);
    return `{ technologies(first: 1) { nodes { ...F${n} } } } ${frags.join(' ')}`;
  });
  const cyclic = fc.integer({ min: 1, max: 30 }).map((n) => {
    const frags = Array.from({ length: n }, (_, i) => `fragment C${i} on Technology { id ...C${(i + 1) % n} }`);
    return `{ technologies(first: 1) { nodes { ...C0 } } } ${frags.join(' ')}`;
  });
  const wideFirst = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.oneof(fc.integer({ min: -10, max: 200 }), fc.integer()))
    .map(([levels, n]) => {
      let q = 'name';
      for (let i = 0; i < levels; i++)
        q = `capabilities(first: ${n}) { nodes { organization { capabilities(first: ${n}) { nodes { technology { ${q} } } } } } }`;
      return `{ technologies(first: ${n}) { nodes { ${q} } } }`;
    });
  const wrongVariables = fc
    .tuple(
      fc.constantFrom('Int', 'Int!', 'String', 'ID!', '[ID!]!', 'TechnologyFilter', 'Float', 'Boolean!', 'Nope'),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([type, v]) => ({ query: `query($v: ${type}) { technologies(first: 1) { totalCount } }`, variables: { v } }));

  it('refuses or answers every generated document without a 5xx, each error with a code, and changes nothing', async () => {
    const before = await exportDocument(t.db);
    const doc = fc
      .oneof(garbage, deep, aliases, fragmentBomb, cyclic, wideFirst)
      .map((query) => ({ query, variables: {} as unknown }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(doc, wrongVariables), async ({ query, variables }) => {
        await gqlRequest(query, variables);
      }),
      { numRuns: RUNS.documents },
    );
    expect(await exportDocument(t.db)).toEqual(before);
  });
});

describe('fuzz: every root field', () => {
  it('answers generated arguments for every query field: data or client errors, never a 5xx', async () => {
    const before = await exportDocument(t.db);
    expect(rootFields('query').length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(anyOperation('query'), async ({ query, variables }) => {
        await gqlRequest(query, variables);
      }),
      { numRuns: RUNS.queries },
    );
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('refuses every generated mutation from anonymous callers and reader keys before anything is written', async () => {
    const fields = rootFields('mutation');
    if (fields.length === 0) return; // no mutations in the schema
    const before = await exportDocument(t.db);
    const caller = fc.constantFrom<Record<string, string>>(
      {},
      { authorization: `Bearer ${reader.key}` },
      { authorization: 'Bearer tg_wrong' },
    );
    await fc.assert(
      fc.asyncProperty(anyOperation('mutation'), caller, async ({ query, variables }, headers) => {
        const got = await gqlRequest(query, variables, headers);
        expect(got.json.data ?? null).toBeNull();
        expect([
          'UNAUTHENTICATED',
          'FORBIDDEN',
          'BAD_REQUEST',
          'BAD_USER_INPUT',
          'GRAPHQL_VALIDATION_FAILED',
        ]).toContain(got.json.errors[0].extensions.code);
      }),
      { numRuns: RUNS.refusedMutations },
    );
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('with an editor key: refusals change nothing, and accepted strings are stored and returned verbatim', async () => {
    const fields = rootFields('mutation');
    if (fields.length === 0) return;
    const editorHeaders = { authorization: `Bearer ${editor.key}` };
    const byName = new Map(fields.map((f) => [f.name, f]));
    let accepted = 0;
    expect(prefixOf.size).toBeGreaterThan(5);
    const operation = fc.oneof(
      { weight: 1, arbitrary: anyOperation('mutation') },
      { weight: 2, arbitrary: anyOperation('mutation', true) },
    );
    await fc.assert(
      fc.asyncProperty(operation, async ({ query, variables, field }) => {
        const before = await snapshot(t.db);
        const got = await gqlRequest(query, variables, editorHeaders);
        const payload = got.json.data?.[field];
        const refused =
          !payload || (Array.isArray(payload.userErrors) && payload.userErrors.length > 0) || payload.ok === false;
        if (refused) {
          expect(await snapshot(t.db), `${query} ${JSON.stringify(variables)} → ${got.text.slice(0, 400)}`).toBe(
            before,
          );
          return;
        }
        accepted += 1;
        // Strings of the input that the payload's node shows again come back exactly as sent.
        const input = (variables as { input?: Record<string, unknown> }).input;
        const node = Object.entries(payload).find(
          ([k, v]) => k !== 'userErrors' && v && typeof v === 'object' && !Array.isArray(v),
        )?.[1] as Record<string, unknown> | undefined;
        if (input && node && byName.get(field)) {
          for (const [k, v] of Object.entries(input)) {
            if (typeof v === 'string' && k in node && typeof node[k] === 'string')
              expect(node[k], `${field}.${k}`).toBe(v);
          }
          if (typeof node.id === 'string') {
            const again = await gqlRequest(
              `query($id: ID!) { node(id: $id) { id ${Object.keys(input)
                .filter((k) => typeof input[k] === 'string' && k in node && typeof node[k] === 'string')
                .map((k) => `... on ${node.__typename} { ${k} }`)
                .join(' ')} } }`,
              { id: node.id },
            );
            for (const [k, v] of Object.entries(again.json.data.node ?? {}))
              if (k !== 'id') expect(v, `stored ${field}.${k}`).toBe(input[k]);
          }
        }
      }),
      { numRuns: RUNS.editor },
    );
    console.log(`fuzz: ${accepted} of ${RUNS.editor} generated mutations with an editor key were accepted`);
    expect(accepted).toBeGreaterThan(RUNS.editor / 10);
    // What was accepted left a valid graph: its export passes the import validator as a whole.
    const problems = await validateDocument(await exportDocument(t.db), EMPTY_GRAPH);
    expect(problems).toEqual([]);
  });
});

describe('fuzz: hostile import records', () => {
  const editorHeaders = { authorization: `Bearer ${editor.key}` };
  let seq = 0;
  const tag = () => `fz${++seq}`;
  const IMPORT = 'mutation($d: JSON!) { importGraph(document: $d) { ok nodes userErrors { field code message } } }';

  /** A refusal: userErrors, each with a non-empty path, one of them at or under `expected`; the graph as it was. */
  async function expectRefused(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    expected: string[],
    before: string,
  ): Promise<void> {
    const got = await gqlRequest(query, variables, editorHeaders);
    const where = `${JSON.stringify(variables).slice(0, 400)} → ${got.text.slice(0, 400)}`;
    const errors = got.json.data?.[field]?.userErrors as Array<{ field: string[]; message: string }> | undefined;
    expect(errors?.length, where).toBeGreaterThan(0);
    for (const e of errors!) expect(e.field.length, where).toBeGreaterThan(0);
    expect(
      errors!.some((e) => e.field.slice(0, expected.length).join('.') === expected.join('.')),
      where,
    ).toBe(true);
    expect(await snapshot(t.db), where).toBe(before);
  }

  it('refuses a prototype key at any depth of an importGraph document with a userError at its path, and writes nothing', async () => {
    const before = await snapshot(t.db);
    await fc.assert(
      fc.asyncProperty(protoCaseArb(tag), async (c) => {
        await expectRefused(IMPORT, { d: c.doc }, 'importGraph', c.expect, before);
      }),
      { numRuns: RUNS.hostile },
    );
  });

  it('refuses every Source.url that is not absolute http(s), in importGraph, createSource and updateSource, and writes nothing', async () => {
    const before = await snapshot(t.db);
    const source = knownIds.find((id) => id.startsWith('source:'))!;
    await fc.assert(
      fc.asyncProperty(hostileUrl, fc.constantFrom('import', 'create', 'update'), async (url, how) => {
        if (how === 'import') {
          const d = baseDocument(tag());
          d.sources[0].url = url;
          await expectRefused(IMPORT, { d }, 'importGraph', ['sources', '0', 'url'], before);
        } else if (how === 'create') {
          await expectRefused(
            'mutation($i: CreateSourceInput!) { createSource(input: $i) { source { id } userErrors { field code message } } }',
            { i: { id: `source:fz-${tag()}`, title: 't', kind: 'NEWS', url, provenance: 'ILLUSTRATIVE' } },
            'createSource',
            ['input', 'url'],
            before,
          );
        } else {
          await expectRefused(
            'mutation($i: UpdateSourceInput!) { updateSource(input: $i) { source { id } userErrors { field code message } } }',
            { i: { id: source, url } },
            'updateSource',
            ['input', 'url'],
            before,
          );
        }
      }),
      { numRuns: RUNS.hostile },
    );
  });

  it('stores prototype names and formula-like names as ordinary data, exactly as sent', async () => {
    for (const key of PROTO_KEYS) {
      const got = await gqlRequest(IMPORT, { d: protoDataDocument(tag(), key) }, editorHeaders);
      expect(got.json.data.importGraph, `${key} → ${got.text.slice(0, 400)}`).toMatchObject({
        ok: true,
        userErrors: [],
      });
    }
    await fc.assert(
      fc.asyncProperty(formulaName, async (name) => {
        const id = `tech:fz-${tag()}`;
        const got = await gqlRequest(
          'mutation($i: CreateTechnologyInput!) { createTechnology(input: $i) { technology { id name } userErrors { field } } }',
          { i: { id, name, kind: 'OTHER', provenance: 'ILLUSTRATIVE' } },
          editorHeaders,
        );
        expect(got.json.data.createTechnology, JSON.stringify(name)).toEqual({
          technology: { id, name },
          userErrors: [],
        });
      }),
      { numRuns: RUNS.hostile / 3 },
    );
  });
});

describe('text that cannot be stored as sent', () => {
  it('refuses a lone surrogate and invalid UTF-8 with 400 BAD_REQUEST instead of storing U+FFFD', async () => {
    const before = await exportDocument(t.db);
    const lone = await send({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor.key}` },
      body: JSON.stringify({
        query: 'mutation($i: UpdateSourceInput!) { updateSource(input: $i) { userErrors { code } } }',
        variables: { i: { id: knownIds.find((id) => id.startsWith('source:')), publisher: '\uD800' } },
      }),
    });
    expect(lone.status).toBe(400);
    expect(lone.json.errors[0]).toMatchObject({
      extensions: { code: 'BAD_REQUEST' },
      message: expect.stringMatching(/well-formed Unicode/),
    });
    const bytes = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(bytes.status).toBe(400);
    expect((await bytes.json()).errors[0].message).toMatch(/not valid UTF-8/);
    expect(await exportDocument(t.db)).toEqual(before);
  });
});

describe('fuzz: forged and tampered bookmark headers', () => {
  it('answers every token the API did not issue with 400 BAD_REQUEST, quickly, and without any database work', async () => {
    const READ = JSON.stringify({ query: '{ technologies(first: 2) { nodes { id } } }' });
    const headers = { 'content-type': 'application/json' };
    const timed = async (extra: Record<string, string> = {}) => {
      const started = performance.now();
      const got = await send({ method: 'POST', path: '/graphql', headers: { ...headers, ...extra }, body: READ });
      return { got, ms: performance.now() - started };
    };
    const first = await timed();
    const genuine = (await fetch(`${t.url}/graphql`, { method: 'POST', headers, body: READ })).headers.get(
      BOOKMARK_HEADER,
    )!;
    const [payload, mac] = genuine.split('.');
    const content = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { b: string[]; t: number };
    const real = content.b[0];
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const edit = (s: string, i: number, c: string) => {
      const at = i % Math.max(1, s.length);
      return s.slice(0, at) + c + s.slice(at + 1);
    };
    const tokenChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.');
    const token = fc.oneof(
      // The old, unsigned format, with the real bookmark moved ahead (what made Neo4j wait), or made up.
      fc.integer({ min: 1, max: 60 }).map((n) => unsignedToken([forgeAhead(real, n)])),
      fc.array(fc.string({ maxLength: 60 }), { maxLength: 5 }).map(unsignedToken),
      // A genuine token with a character changed, cut short, or lengthened.
      fc
        .tuple(fc.nat(), tokenChar)
        .map(([i, c]) => edit(genuine, i, c))
        .filter((x) => x !== genuine),
      fc.integer({ min: 1, max: genuine.length - 1 }).map((n) => genuine.slice(0, n)),
      fc.string({ unit: tokenChar, minLength: 1, maxLength: 10 }).map((x) => genuine + x),
      // A genuine mac on another payload: the bookmark moved ahead, the issue time or the list changed.
      fc.integer({ min: 1, max: 60 }).map((n) => `${b64({ ...content, b: [forgeAhead(real, n)] })}.${mac}`),
      fc
        .integer({ min: -100_000, max: 100_000 })
        .filter((d) => d !== 0)
        .map((d) => `${b64({ ...content, t: content.t + d })}.${mac}`),
      fc.jsonValue({ maxDepth: 3 }).map((v) => `${b64(v)}.${mac}`),
      // Well-formed and signed, but with a secret that is not the server's.
      fc
        .tuple(fc.string({ minLength: 32, maxLength: 64 }), fc.integer({ min: 0, max: 60 }))
        .map(([secret, n]) => bookmarkCodec([secret]).encode([forgeAhead(real, n)])),
      // The token's shape with random content, and anything printable.
      fc
        .tuple(
          fc.string({ unit: tokenChar, minLength: 1, maxLength: 200 }),
          fc.string({ unit: tokenChar, minLength: 43, maxLength: 43 }),
        )
        .map(([p, m]) => `${p.replaceAll('.', '')}.${m.replaceAll('.', 'A')}`),
      fc.string({ minLength: 1, maxLength: 300 }).filter((x) => /^[\x21-\x7e][\x20-\x7e]*$/.test(x)),
    );

    // The server's bookmark wait is seconds per request; a refusal costs about what a plain read costs.
    const baseline: number[] = [first.ms];
    for (let i = 0; i < 5; i++) baseline.push((await timed()).ms);
    const slowest = 5 * Math.max(...baseline) + 100;
    let sessions = 0;
    const original = t.db.driver.session.bind(t.db.driver);
    (t.db.driver as { session: typeof original }).session = (config) => {
      sessions += 1;
      return original(config);
    };
    try {
      await fc.assert(
        fc.asyncProperty(token, async (bad) => {
          const { got, ms } = await timed({ [BOOKMARK_HEADER]: bad });
          checkResponse({ method: 'POST', path: '/graphql', headers: { [BOOKMARK_HEADER]: bad }, body: READ }, got);
          expect(got.status, bad).toBe(400);
          expect(got.json.errors[0].extensions, bad).toMatchObject({ code: 'BAD_REQUEST', reason: 'BOOKMARK_INVALID' });
          expect(ms, bad).toBeLessThan(slowest);
        }),
        { numRuns: RUNS.bookmarks },
      );
    } finally {
      (t.db.driver as { session: typeof original }).session = original;
    }
    expect(sessions).toBe(0);
    // The genuine token still works.
    expect((await timed({ [BOOKMARK_HEADER]: genuine })).got.status).toBe(200);
  });
});
