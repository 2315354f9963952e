// docker-compose.yml through a real Compose implementation: Debian's docker-compose (1.29, `apt-get install
// docker-compose`; .ci/run installs it) validates the file against its schema and interpolates the variables,
// exactly as `docker-compose up` would before starting anything. There is no Docker engine here, so nothing is
// started; what the containers then do is covered by tests/deploy/dockerfile.test.ts (the image's steps, run)
// and tests/server/ready-access.test.ts (the health check's endpoint).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.js';

const COMPOSE = 'docker-compose';

/** `docker-compose config` with only these variables set (none inherited from this shell): the resolved file. */
function composeConfig(vars: Record<string, string>): { status: number; stderr: string; config: any } {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...vars };
  const r = spawnSync(COMPOSE, ['--project-name', 'techgraph', '-f', 'docker-compose.yml', 'config'], {
    env,
    encoding: 'utf8',
  });
  if (r.error)
    throw new Error(
      `${COMPOSE} is not installed (apt-get install -y docker-compose; .ci/run does it): ${r.error.message}`,
    );
  return { status: r.status ?? -1, stderr: r.stderr, config: r.status === 0 ? parse(r.stdout) : undefined };
}

const SECRETS = {
  NEO4J_PASSWORD: 'a-long-test-password',
  TG_BOOKMARK_SECRET: 'a-bookmark-secret-of-at-least-32-characters',
};
const raw = parse(readFileSync('docker-compose.yml', 'utf8'));
const resolved = () => {
  const r = composeConfig(SECRETS);
  expect(r.stderr).not.toMatch(/ERROR/);
  expect(r.status).toBe(0);
  return r.config;
};

/** The Settings table of the README: every variable the API reads. */
function readmeSettings(): string[] {
  const section = readFileSync('README.md', 'utf8').split('\n## Settings')[1].split('\n## ')[0];
  return [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
}

// Settings the compose stack fixes on purpose, with the reason.
const FIXED_BY_COMPOSE: Record<string, string> = {
  HOST: 'the container listens on all its interfaces; the lb is the only published port',
  PORT: 'the port inside the container, which nginx.conf names',
  NEO4J_URI: 'the neo4j service of this file',
  NEO4J_USER: 'the neo4j service of this file',
  NEO4J_DATABASE: 'Community has one database',
  TG_SEED_ON_START: 'the init job seeds, so replicas never race',
  TG_DATA_DIR: 'embedded Neo4j only',
  TG_NEO4J_BOLT_PORT: 'embedded Neo4j only',
  TG_NEO4J_HEAP: 'embedded Neo4j only (the neo4j service sets its own memory)',
  TG_NEO4J_PAGECACHE: 'embedded Neo4j only',
  TG_NEO4J_JIT: 'embedded Neo4j only',
  TG_NEO4J_CACHE: 'embedded Neo4j only (the image has no Java)',
};

describe('docker-compose.yml, as Compose reads it', () => {
  it("is valid for docker-compose (Debian's 1.29 here): no top-level name, which 1.29 rejects, and no obsolete version", () => {
    const { config } = { config: resolved() };
    expect(Object.keys(config.services).sort()).toEqual(['api', 'init', 'lb', 'neo4j']);
    expect(raw).not.toHaveProperty('name');
    expect(raw).not.toHaveProperty('version');
    expect(execFileSync(COMPOSE, ['version', '--short'], { encoding: 'utf8' })).toMatch(/^v?(1\.29|[2-9]\d*)\./); // Debian's 1.29, or a v2 standalone binary
  });

  it('refuses to run without NEO4J_PASSWORD, naming it', () => {
    const r = composeConfig({ TG_BOOKMARK_SECRET: SECRETS.TG_BOOKMARK_SECRET });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('set NEO4J_PASSWORD');
  });

  it('pins every image to an exact version, and builds the API image from the Dockerfile', () => {
    const { services } = resolved();
    for (const name of ['neo4j', 'lb']) expect(services[name].image).toMatch(/^[\w/.-]+:\d+\.\d+\.\d+(-[\w.-]+)?$/);
    expect(services.neo4j.image).toBe('neo4j:5.26.30-community'); // the version the tests run (neo4j/pom.xml)
    expect(readFileSync('neo4j/pom.xml', 'utf8')).toContain('<neo4j.version>5.26.30</neo4j.version>');
    expect(services.lb.image).not.toMatch(/^nginx:1\.27/); // a closed branch
    for (const name of ['api', 'init']) expect(services[name].build.context).toBe(process.cwd());
    expect(services.api.image).toBe(services.init.image);
  });

  it('takes the bookmark secret from the environment, required and one for every replica', () => {
    // Each replica must accept the bookmark tokens the others sign.
    expect(raw.services.api.environment.TG_BOOKMARK_SECRET).toMatch(/^\$\{TG_BOOKMARK_SECRET:\?/);
    expect(resolved().services.api.environment.TG_BOOKMARK_SECRET).toBe(SECRETS.TG_BOOKMARK_SECRET);
    const r = composeConfig({ NEO4J_PASSWORD: SECRETS.NEO4J_PASSWORD });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('set TG_BOOKMARK_SECRET');
  });

  it('restarts the long-running services, and not the one-off init job', () => {
    const { services } = resolved();
    for (const name of ['neo4j', 'api', 'lb']) expect(services[name].restart).toBe('unless-stopped');
    expect(services.init.restart).toBe('no');
  });

  it("passes every setting of the README's Settings table to the API, unless compose fixes it for a reason", () => {
    const settings = readmeSettings();
    expect(settings.length).toBeGreaterThan(30);
    for (const s of ['TG_CORS_ORIGINS', 'TG_ANONYMOUS_READS', 'LOG_LEVEL', 'TG_INTROSPECTION'])
      expect(settings).toContain(s);
    const passable = settings.filter((s) => !(s in FIXED_BY_COMPOSE));
    // Each set to a distinctive value in the environment of `docker-compose config` arrives in the api service.
    const values = Object.fromEntries(passable.map((s, i) => [s, `value-${i}`]));
    const { config } = composeConfig({ ...SECRETS, ...values });
    const missing = passable.filter((s) => config.services.api.environment[s] !== values[s]);
    expect(missing).toEqual([]);
    // The init job talks to the same database with the same database settings.
    for (const s of ['NEO4J_PASSWORD', 'TG_TX_TIMEOUT_SECONDS', 'TG_DB_RETRY_MS', 'LOG_LEVEL']) {
      expect(config.services.init.environment[s]).toBe(config.services.api.environment[s]);
    }
  });

  it("gives a usable stack by default: the API's resolved settings load and allow anonymous reads explicitly", () => {
    const env = resolved().services.api.environment as Record<string, string>;
    expect(env.TG_ANONYMOUS_READS).toBe('true');
    const config = loadConfig(env);
    expect(config.host).toBe('0.0.0.0');
    expect(config.auth.anonymousReads).toBe(true);
    expect(config.neo4j.uri).toBe('bolt://neo4j:7687');
    expect(config.seedOnStart).toBe(false);
    // Keyed instead: the record of `node dist/cli/key.js --role reader --env` in TG_API_KEYS, anonymous reads off.
    const keyed = composeConfig({
      ...SECRETS,
      TG_ANONYMOUS_READS: 'false',
      TG_API_KEYS: '[{"role":"reader","sha256":"x"}]',
    });
    expect(loadConfig(keyed.config.services.api.environment).auth).toMatchObject({
      anonymousReads: false,
      apiKeysJson: '[{"role":"reader","sha256":"x"}]',
    });
  });

  it('checks health as a client is served: the API by /readyz (access included), the lb through nginx', () => {
    const { services } = resolved();
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/^HEALTHCHECK .*http:\/\/127\.0\.0\.1:4000\/readyz/m);
    expect(services.api.healthcheck).toBeUndefined(); // the image's
    expect(services.lb.healthcheck.test).toEqual([
      'CMD',
      'wget',
      '-q',
      '-O',
      '/dev/null',
      'http://127.0.0.1:8080/readyz',
    ]);
    expect(services.lb.depends_on.api.condition).toBe('service_healthy');
    expect(services.api.depends_on).toMatchObject({
      neo4j: { condition: 'service_healthy' },
      init: { condition: 'service_completed_successfully' },
    });
    expect(services.neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
  });

  it('runs Neo4j with a named volume, and takes its password from the environment only', () => {
    const { services, volumes } = resolved();
    const [volume, target] = services.neo4j.volumes[0].split(':');
    expect(target).toBe('/data');
    expect(Object.keys(volumes)).toContain(volume);
    expect(services.neo4j.environment.NEO4J_AUTH).toBe(`neo4j/${SECRETS.NEO4J_PASSWORD}`);
    expect(services.api.environment.NEO4J_PASSWORD).toBe(SECRETS.NEO4J_PASSWORD);
    expect(readFileSync('docker-compose.yml', 'utf8')).not.toMatch(
      /^\s+NEO4J_PASSWORD:\s+[^$\s]|^\s+NEO4J_AUTH:\s+neo4j\/[^$]/m,
    );
  });

  it('publishes the API on loopback only, through nginx, in front of replicas without host ports', () => {
    const { services } = resolved();
    for (const s of Object.values(services) as Array<{ ports?: unknown[] }>) {
      for (const p of s.ports ?? []) expect(String(p)).toMatch(/^127\.0\.0\.1:/);
    }
    expect(services.lb.ports).toEqual(['127.0.0.1:4000:8080/tcp']);
    expect(composeConfig({ ...SECRETS, API_PORT: '8088' }).config.services.lb.ports).toEqual([
      '127.0.0.1:8088:8080/tcp',
    ]);
    expect(services.api.ports).toBeUndefined();
    expect(services.api.expose).toEqual(['4000']);
    expect(services.api.deploy.replicas).toBe(2);
    const [file, target] = raw.services.lb.volumes[0].split(':');
    expect(target).toBe('/etc/nginx/conf.d/default.conf');
    const conf = readFileSync(file, 'utf8');
    expect(conf).toMatch(/upstream techgraph_api \{\s+server api:4000/);
    expect(conf).toContain('listen 8080;');
    expect(conf).toContain('proxy_pass http://techgraph_api;');
  });

  it('migrates and seeds once, in the one-off init job, with the compiled CLI of the image', () => {
    const { services } = resolved();
    expect(services.init.command).toEqual(['node', 'dist/cli/init.js']);
    expect(existsSync('src/cli/init.ts')).toBe(true); // built to dist/cli/init.js by scripts/build.mjs
    expect(services.init.environment.NEO4J_URI).toBe(services.api.environment.NEO4J_URI);
    expect(services.api.environment.TG_SEED_ON_START).toBe('false');
  });
});
