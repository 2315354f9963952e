// Real clients against the server in registered-only mode (TG_REGISTERED_OPERATIONS_ONLY=true), holding a
// service key: Apollo Client 4 (its HttpLink, and its persisted-query link, which sends the sha256 of the
// document it prints) and urql. Both add `__typename` to every selection set and print the typed document of
// client/ in its source order, which is not the manifest's text; they must still get their data, and a
// document that is not registered must still be refused. On the default graph with the fictional demo set (a
// technology with capabilities to list).
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, type ApolloLink } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { cacheExchange, Client, fetchExchange } from '@urql/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TechnologyCapabilitiesDocument, ValueChainGapsDocument } from '../../client/graphql.js';
import { possibleTypes, typePolicies } from '../../client/type-policies.js';
import { newKey } from '../../src/server/auth.js';
import { readSeedsWithDemo, startTestApp, type TestApp } from '../helpers/app.js';

const service = newKey('reader', { kind: 'service', note: 'a consuming service' });
const capabilitiesVars = { id: 'tech:demo-nexus-packaging' };
const gapsVars = { sector: 'sector:semiconductors', first: 3 };
// Not in the manifest, nor is a registered operation with one field more. (A field aliased `__typename`, the
// other way to try to slip one in, both clients refuse to send; tests/server/persisted.test.ts sends it.)
const UNREGISTERED = parse('query Unregistered { technologies(first: 2) { nodes { id } } }');
const EXTRA_FIELD = parse(
  'query TechnologyCapabilities($id: ID!) { technology(id: $id) { id name nameKo kind provenance description sectors { nodes { id name } } capabilities(first: 10) { totalCount edges { node { level holdsCoreIp provenance sources { title } organization { id name country type } } } } } }',
);

let t: TestApp;
const sent: Array<Record<string, any>> = [];
beforeAll(async () => {
  t = await startTestApp({
    doc: readSeedsWithDemo(),
    env: { TG_REGISTERED_OPERATIONS_ONLY: 'true', TG_API_KEYS: JSON.stringify([service.record]) },
  });
});
afterAll(async () => {
  await t?.stop();
});

/** fetch that records each request body (JSON, or a GET's query string) before sending it. */
const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  sent.push(init?.body ? JSON.parse(String(init.body)) : Object.fromEntries(url.searchParams));
  return fetch(input, init);
};

// The cache a consumer is told to build (client/type-policies.ts): without possibleTypes Apollo warns about the
// Node interface's fragments.
function apollo(link: ApolloLink) {
  return new ApolloClient({ link, cache: new InMemoryCache({ typePolicies, possibleTypes }) });
}
function httpLink() {
  return new HttpLink({
    uri: `${t.url}/graphql`,
    headers: { authorization: `Bearer ${service.key}` },
    fetch: recordingFetch,
  });
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function refusal(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as any;
  expect(error, 'the request was not refused').toBeDefined();
  return error;
}

describe('Apollo Client 4 with a service key, registered operations only', () => {
  it('runs registered operations through HttpLink, sending their text with __typename in every selection set', async () => {
    const client = apollo(httpLink());
    sent.length = 0;
    const caps = await client.query({ query: TechnologyCapabilitiesDocument, variables: capabilitiesVars });
    expect(caps.error).toBeUndefined();
    expect(caps.data?.technology?.id).toBe(capabilitiesVars.id);
    expect(caps.data?.technology?.capabilities.edges.length).toBeGreaterThan(0);
    const gaps = await client.query({ query: ValueChainGapsDocument, variables: gapsVars });
    expect(gaps.data?.valueChainGaps?.nodes).toHaveLength(3);
    // What made this a test of the rule: the client sent text with __typename, not the manifest's text.
    expect(sent[0].query).toMatch(/__typename/);
  });

  it('runs them through the persisted-query link: the hash of its own document, registered on first use', async () => {
    const client = apollo(new PersistedQueryLink({ sha256 }).concat(httpLink()));
    sent.length = 0;
    const first = await client.query({ query: TechnologyCapabilitiesDocument, variables: capabilitiesVars });
    expect(first.data?.technology?.id).toBe(capabilitiesVars.id);
    const hash = sent[0].extensions.persistedQuery.sha256Hash;
    expect(sent.map((b) => typeof b.query)).toEqual(['undefined', 'string']); // hash only, then hash and text
    expect(sha256(sent[1].query)).toBe(hash);

    // A second client (a new page load, say) now gets the answer by hash alone.
    sent.length = 0;
    const again = await apollo(new PersistedQueryLink({ sha256 }).concat(httpLink())).query({
      query: TechnologyCapabilitiesDocument,
      variables: capabilitiesVars,
    });
    expect(again.data).toEqual(first.data);
    expect(sent).toHaveLength(1);
    expect(sent[0].query).toBeUndefined();
  });

  it('is refused 403 OPERATION_NOT_REGISTERED for a document not registered or with a field more', async () => {
    for (const link of [httpLink(), new PersistedQueryLink({ sha256 }).concat(httpLink())]) {
      for (const query of [UNREGISTERED, EXTRA_FIELD]) {
        const error = await refusal(
          apollo(link)
            .query({ query, variables: capabilitiesVars })
            .then((r) => {
              if (r.error) throw r.error;
              return r;
            }),
        );
        expect(error.errors?.[0]?.extensions, String(error)).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'OPERATION_NOT_REGISTERED',
        });
      }
    }
  });
});

describe('urql with a service key, registered operations only', () => {
  function urql() {
    // urql sends queries as GET when the URL is short enough; Apollo Server's CSRF prevention wants a header
    // a form cannot send (docs/clients.md, "Registered (trusted) operations"), so a consumer adds it.
    return new Client({
      url: `${t.url}/graphql`,
      exchanges: [cacheExchange, fetchExchange], // urql's default exchanges; its document cache adds __typename
      fetch: recordingFetch,
      fetchOptions: { headers: { authorization: `Bearer ${service.key}`, 'apollo-require-preflight': 'true' } },
    });
  }

  it("runs registered operations, sent with urql's __typename in every selection set", async () => {
    sent.length = 0;
    const caps = await urql().query(TechnologyCapabilitiesDocument, capabilitiesVars).toPromise();
    expect(caps.error).toBeUndefined();
    expect(caps.data?.technology?.id).toBe(capabilitiesVars.id);
    const gaps = await urql().query(ValueChainGapsDocument, gapsVars).toPromise();
    expect(gaps.error).toBeUndefined();
    expect(gaps.data?.valueChainGaps?.nodes).toHaveLength(3);
    expect(sent[0].query).toMatch(/__typename/);
  });

  it('is refused 403 OPERATION_NOT_REGISTERED for a document not registered or with a field more', async () => {
    for (const query of [UNREGISTERED, EXTRA_FIELD]) {
      const res = await urql().query(query, capabilitiesVars).toPromise();
      expect(res.data).toBeUndefined();
      expect(res.error?.response?.status).toBe(403);
      expect(res.error?.graphQLErrors[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'OPERATION_NOT_REGISTERED',
      });
    }
  });
});
