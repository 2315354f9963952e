// Apollo options an operator relies on: nothing is reported to Apollo's cloud because of a stray APOLLO_KEY,
// and introspection can be switched off (TG_INTROSPECTION) while staying on by default.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApollo } from '../../src/server/apollo.js';
import { createLogger } from '../../src/server/log.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** The plugins Apollo runs after start(), its defaults included, as (internal id, disabled?) pairs. */
function installedPlugins(apollo: ReturnType<typeof createApollo>): Array<{ id?: string; disabled: boolean }> {
  const plugins = (apollo as unknown as { internals: { plugins: Array<Record<string, unknown>> } }).internals.plugins;
  return plugins.map((p) => ({
    id: p.__internal_plugin_id__ as string | undefined,
    disabled: p.__is_disabled_plugin__ === true,
  }));
}

describe('Apollo reporting', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('installs neither usage nor schema reporting even with APOLLO_KEY, APOLLO_GRAPH_REF and APOLLO_SCHEMA_REPORTING set', async () => {
    vi.stubEnv('APOLLO_KEY', 'service:techgraph-test:not-a-real-key');
    vi.stubEnv('APOLLO_GRAPH_REF', 'techgraph-test@current');
    vi.stubEnv('APOLLO_SCHEMA_REPORTING', 'true');
    const apollo = createApollo(createLogger('silent'), loadConfig({}));
    await apollo.start();
    try {
      const active = installedPlugins(apollo)
        .filter((p) => !p.disabled)
        .map((p) => p.id);
      expect(active).not.toContain('UsageReporting');
      expect(active).not.toContain('SchemaReporting');
      // Disabled explicitly, not merely absent because of the environment.
      const disabled = installedPlugins(apollo)
        .filter((p) => p.disabled)
        .map((p) => p.id);
      expect(disabled).toEqual(expect.arrayContaining(['UsageReporting', 'SchemaReporting']));
    } finally {
      await apollo.stop();
    }
  });
});

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('TG_INTROSPECTION', () => {
  let on: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    on = await startTestApp({ doc: null });
    off = await startTestApp({ doc: null, env: { TG_INTROSPECTION: 'false' } });
  });
  afterAll(async () => {
    await on?.stop();
    await off?.stop();
  });

  it('answers introspection by default', async () => {
    const res = await on.gql(INTROSPECTION);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('refuses __schema and __type with a validation error when false, and still runs ordinary queries', async () => {
    for (const query of [INTROSPECTION, '{ __type(name: "Technology") { name } }']) {
      const res = await off.gql(query);
      expect(res.status).toBe(200); // a validation error, to an application/json client
      expect(res.body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors?.[0].message).toMatch(/introspection/i);
      expect(res.body.data).toBeUndefined();
    }
    const ordinary = await off.gql('{ __typename technologies(first: 1) { totalCount } }');
    expect(ordinary.status).toBe(200);
    expect(ordinary.body.data).toEqual({ __typename: 'Query', technologies: { totalCount: 0 } });
  });

  it('refuses a value that is not a boolean', () => {
    expect(() => loadConfig({ TG_INTROSPECTION: 'sometimes' })).toThrow(/TG_INTROSPECTION must be true or false/);
  });
});
