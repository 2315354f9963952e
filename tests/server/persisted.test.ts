// Registered (persisted) operations: clients may send the sha256 id of an operation in operations/manifest.json
// instead of its text, and with TG_REGISTERED_OPERATIONS_ONLY=true a request made with a service key may run
// registered operations only, while requests without a key (the playground) and people's keys are not bound.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { addTypenameToDocument } from '@apollo/client/utilities';
import { HeaderMap } from '@apollo/server';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApollo } from '../../src/server/apollo.js';
import { newKey } from '../../src/server/auth.js';
import { createContext } from '../../src/server/context.js';
import { createLogger } from '../../src/server/log.js';
import type { KeyKind } from '../../src/graph/context.js';
import { loadManifest, normalizeId, OperationManifest, registeredOnlyApplies } from '../../src/server/persisted.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** The field names of a document in the order they appear: what differs between source and manifest order. */
const canonicalSelectionOrder = (text: string) =>
  (text.replace(/#.*$/gm, '').match(/[A-Za-z_]\w*(?=[\s({}])/g) ?? []).join(' ');

interface ManifestOp {
  id: string;
  name: string;
  type: string;
  body: string;
}
const manifest = JSON.parse(readFileSync('operations/manifest.json', 'utf8')) as {
  format: string;
  version: number;
  operations: ManifestOp[];
};
const op = (name: string) => manifest.operations.find((o) => o.name === name)!;
const capabilitiesVars = { id: 'tech:advanced-packaging-interposer' };
const AD_HOC = '{ technologies(first: 2) { nodes { id } } }';

// API keys (server/auth.ts): one a service holds, one a person holds.
const service = newKey('reader', { kind: 'service', note: 'a consuming service' });
const person = newKey('reader', { kind: 'person', note: 'a strategist' });

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: { TG_REGISTERED_OPERATIONS_ONLY: 'true', TG_API_KEYS: JSON.stringify([service.record, person.record]) },
  });
});
afterAll(async () => {
  await t?.stop();
});

async function postJson(body: unknown, key?: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(key ? { authorization: `Bearer ${key}` } : {}),
  };
  const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the manifest, operations/manifest.json', () => {
  it('is up to date with operations/*.graphql (npm run codegen writes it)', () => {
    const check = spawnSync(process.execPath, ['scripts/operations-manifest.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it("is in Apollo's persisted-query manifest format, one entry per example operation, ids the sha256 of the body", async () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    const files = readdirSync('operations')
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => f.replace(/\.graphql$/, ''));
    expect(manifest.operations.map((o) => o.name).sort()).toEqual(files.sort());
    const { createHash } = await import('node:crypto');
    for (const o of manifest.operations) expect(createHash('sha256').update(o.body).digest('hex')).toBe(o.id);
  });
});

describe('running a registered operation by id', () => {
  it("works with documentId (sha256:<hex> or <hex>) and with Apollo's persistedQuery extension, as with the text", async () => {
    const o = op('TechnologyCapabilities');
    const byText = await postJson({ query: o.body, variables: capabilitiesVars });
    expect(byText.body.errors).toBeUndefined();
    for (const body of [
      { documentId: `sha256:${o.id}`, variables: capabilitiesVars },
      { documentId: o.id, variables: capabilitiesVars },
      { extensions: { persistedQuery: { version: 1, sha256Hash: o.id } }, variables: capabilitiesVars },
    ]) {
      const res = await postJson(body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.body.data).toEqual(byText.body.data);
    }
  });

  it('works over GET with the id in the URL', async () => {
    const o = op('Technologies');
    const url = `${t.url}/graphql?documentId=${encodeURIComponent(`sha256:${o.id}`)}&variables=${encodeURIComponent(JSON.stringify({ first: 2 }))}`;
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.data.technologies.nodes).toHaveLength(2);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an id that is not registered', async () => {
    const res = await postJson({ documentId: `sha256:${'0'.repeat(64)}` });
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('registered operations only (TG_REGISTERED_OPERATIONS_ONLY=true)', () => {
  it("still lets requests without a key, such as the playground's, send any query", async () => {
    const res = await postJson({ query: AD_HOC });
    expect(res.status).toBe(200);
    expect(res.body.data.technologies.nodes).toHaveLength(2);
  });

  it("over HTTP: a service key may run registered operations only; a person's key may send any query", async () => {
    const refused = await postJson({ query: AD_HOC }, service.key);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_REGISTERED' });
    expect(refused.body.errors[0].message).toMatch(/registered operations only/);

    const o = op('TechnologyCapabilities');
    const registered = await postJson({ documentId: `sha256:${o.id}`, variables: capabilitiesVars }, service.key);
    expect(registered.status).toBe(200);
    expect(registered.body.data.technology.id).toBe(capabilitiesVars.id);

    const personal = await postJson({ query: AD_HOC }, person.key);
    expect(personal.status).toBe(200);
    expect(personal.body.data.technologies.nodes).toHaveLength(2);
  });

  it('binds service keys only', () => {
    const kinds: KeyKind[] = ['anonymous', 'person', 'service'];
    expect(kinds.filter((k) => registeredOnlyApplies(k, true))).toEqual(['service']);
    expect(kinds.filter((k) => registeredOnlyApplies(k, false))).toEqual([]);
  });

  // Through Apollo's real request pipeline with a context whose key kind is set, as server/http.ts sets it.
  // One Apollo per setting, kept for the whole describe (so its APQ cache lives across requests).
  const apollos = new Map<boolean, Promise<ReturnType<typeof createApollo>>>();
  afterAll(async () => {
    for (const a of apollos.values()) await (await a).stop();
  });

  async function asKey(
    kind: KeyKind,
    registeredOnly: boolean,
    request: { query?: string; body?: Record<string, unknown>; extensions?: Record<string, unknown> },
  ) {
    const config = loadConfig({ ...process.env, TG_REGISTERED_OPERATIONS_ONLY: String(registeredOnly) });
    if (!apollos.has(registeredOnly)) {
      const a = createApollo(createLogger('silent'), config);
      apollos.set(
        registeredOnly,
        a.start().then(() => a),
      );
    }
    const apollo = await apollos.get(registeredOnly)!;
    const body = request.body ?? JSON.parse(JSON.stringify({ query: request.query, extensions: request.extensions }));
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body,
      },
      context: async () => ({
        ...createContext(t.db, config, kind === 'anonymous' ? 'anonymous' : 'reader', 'test'),
        keyKind: kind,
      }),
    });
    const text = result.body.kind === 'complete' ? result.body.string : '';
    return { status: result.status ?? 200, body: JSON.parse(text) as any };
  }

  it("refuses a service key's unregistered query with 403 FORBIDDEN (OPERATION_NOT_REGISTERED)", async () => {
    const res = await asKey('service', true, { query: AD_HOC });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_REGISTERED' });
    expect(res.body.data).toBeUndefined();
  });

  it("refuses a service key's attempt to register a new operation through Apollo's APQ, or to run one a person registered", async () => {
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(AD_HOC).digest('hex');
    const res = await asKey('service', true, {
      query: AD_HOC,
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].extensions.reason).toBe('OPERATION_NOT_REGISTERED');
    // Nothing was stored: the id is unknown afterwards, to service keys and everyone else.
    const again = await asKey('service', true, { body: { documentId: sha256Hash } });
    expect(again.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await asKey('person', true, { body: { documentId: sha256Hash } })).body.errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );

    // A person may register it through APQ; a service key still may not run it by its hash.
    const registered = await asKey('person', true, {
      query: AD_HOC,
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });
    expect(registered.body.data.technologies.nodes).toHaveLength(2);
    expect(
      (await asKey('person', true, { extensions: { persistedQuery: { version: 1, sha256Hash } } })).body.data
        .technologies.nodes,
    ).toHaveLength(2);
    const byHash = await asKey('service', true, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(byHash.status).toBe(403);
    expect(byHash.body.errors[0].extensions.reason).toBe('OPERATION_NOT_REGISTERED');
  });

  it('lets a service key run a registered operation by id, by its text, and by its text reformatted', async () => {
    const o = op('ProgramBudget');
    const variables = { id: 'program:chokepoint-joint-rnd' };
    for (const body of [
      { documentId: `sha256:${o.id}`, variables },
      { query: o.body, variables },
      { query: `# a comment\n${o.body.replace(/ \{ /g, ' {\n  ')}`, variables },
    ]) {
      const res = await asKey('service', true, { body });
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.body.data.program.name).toBeTruthy();
    }
  });

  it('lets a service key run a registered operation as clients send it: source order, __typename in every selection set', async () => {
    const o = op('TechnologyCapabilities');
    // The manifest holds graphql-codegen's sorted text; the client sends operations/*.graphql's order, and Apollo
    // Client and urql append __typename to every selection set below the root (Apollo's own transform here).
    const source = readFileSync('operations/TechnologyCapabilities.graphql', 'utf8');
    expect(canonicalSelectionOrder(source)).not.toBe(canonicalSelectionOrder(o.body));
    const withTypenames = print(addTypenameToDocument(parse(source)));
    for (const query of [source, withTypenames]) {
      const res = await asKey('service', true, { body: { query, variables: capabilitiesVars } });
      expect(res.status, query).toBe(200);
      expect(res.body.data.technology.id).toBe(capabilitiesVars.id);
    }
    expect(withTypenames.match(/__typename/g)?.length).toBeGreaterThanOrEqual(8);
  });

  it('refuses a registered operation changed in anything but layout, order and added __typename', async () => {
    const o = op('TechnologyCapabilities');
    const source = readFileSync('operations/TechnologyCapabilities.graphql', 'utf8');
    const changed = {
      'a field more': source.replace('nameKo', 'nameKo description'),
      'a field aliased __typename': source.replace('nameKo', 'nameKo __typename: description'),
      "__typename aliased to a field's name": source.replace('nameKo', '__typename nameKo2: __typename'),
      'a __typename with a directive': source.replace('nameKo', 'nameKo __typename @include(if: true)'),
      '__typename at the root': source.replace('technology(id: $id)', '__typename technology(id: $id)'),
      'a field less': source.replace('nameKo', ''),
      'another argument': source.replace('capabilities(first: 10)', 'capabilities(first: 100)'),
      'a second operation': `${o.body} query Other { technologies(first: 1) { nodes { id } } }`,
    };
    for (const [what, query] of Object.entries(changed)) {
      const res = await asKey('service', true, {
        body: { query, variables: capabilitiesVars, operationName: 'TechnologyCapabilities' },
      });
      expect(res.status, what).toBe(403);
      expect(res.body.errors[0].extensions.reason, what).toBe('OPERATION_NOT_REGISTERED');
    }
  });

  it("keeps the order of a mutation's root fields, which run one after another", () => {
    const m = new OperationManifest([{ id: 'm', name: null, body: 'mutation { a b { x y } }' }]);
    expect(m.registers('mutation { a b { y x __typename } }')).toBe(true);
    expect(m.registers('mutation { b { x y } a }')).toBe(false);
  });

  it("lets a person's key send any query, and a service key too when the setting is off", async () => {
    expect((await asKey('person', true, { query: AD_HOC })).body.data.technologies.nodes).toHaveLength(2);
    expect((await asKey('service', false, { query: AD_HOC })).body.data.technologies.nodes).toHaveLength(2);
  });
});

describe('loadManifest', () => {
  it("reads Apollo's format and a plain {id: document} map alike, ids with or without the sha256: prefix", () => {
    const apollo = loadManifest('operations/manifest.json');
    const map = loadManifest('client/persisted-documents.json');
    expect(apollo.size).toBe(manifest.operations.length);
    expect(map.size).toBe(manifest.operations.length);
    for (const o of manifest.operations) {
      expect(apollo.get(`sha256:${o.id.toUpperCase()}`)?.body).toBe(o.body);
      expect(map.get(o.id)?.body).toBe(o.body);
    }
    expect(normalizeId(' sha256:ABC ')).toBe('abc');
    expect(new OperationManifest().registers(AD_HOC)).toBe(false);
    expect(loadManifest('operations/no-such-manifest.json').size).toBe(0);
  });
});
