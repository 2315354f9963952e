// docker-compose.yml cannot be run here (no Docker engine), so its structure is checked instead.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const compose = parse(readFileSync('docker-compose.yml', 'utf8'));

describe('docker-compose.yml', () => {
  it('runs Neo4j 5.26 Community with a named volume and a healthcheck', () => {
    const neo = compose.services.neo4j;
    expect(neo.image).toBe('neo4j:5.26-community');
    expect(neo.healthcheck.test.join(' ')).toContain('cypher-shell');
    const [volume, target] = neo.volumes[0].split(':');
    expect(target).toBe('/data');
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('builds the API from the Dockerfile and connects it with NEO4J_URI after Neo4j is healthy', () => {
    const api = compose.services.api;
    expect(api.build).toBe('.');
    expect(existsSync('Dockerfile')).toBe(true);
    expect(api.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(api.depends_on.neo4j.condition).toBe('service_healthy');
  });

  it('takes secrets from the environment and commits none', () => {
    const text = readFileSync('docker-compose.yml', 'utf8');
    expect(compose.services.neo4j.environment.NEO4J_AUTH).toBe('neo4j/${NEO4J_PASSWORD:?set NEO4J_PASSWORD}');
    expect(compose.services.api.environment.NEO4J_PASSWORD).toMatch(/^\$\{NEO4J_PASSWORD/);
    // Required, and one value for every replica: each replica must accept the bookmark tokens the others sign.
    expect(compose.services.api.environment.TG_BOOKMARK_SECRET).toMatch(/^\$\{TG_BOOKMARK_SECRET:\?/);
    expect(text).not.toMatch(/NEO4J_AUTH:\s*neo4j\/[^$]/);
  });

  it('publishes the API on loopback only, through the load balancer', () => {
    for (const service of Object.values(compose.services) as Array<{ ports?: string[] }>) {
      for (const p of service.ports ?? []) expect(p.startsWith('127.0.0.1:')).toBe(true);
    }
    expect(compose.services.lb.ports).toEqual(['127.0.0.1:${API_PORT:-4000}:8080']);
  });

  it('runs several API replicas behind nginx, none with a host port of its own (so --scale cannot collide)', () => {
    const { api, lb } = compose.services;
    expect(api.deploy.replicas).toBe('${API_REPLICAS:-2}');
    expect(api.ports).toBeUndefined();
    expect(api.expose).toEqual(['4000']);
    expect(lb.image).toMatch(/^nginx:/);
    expect(lb.depends_on.api.condition).toBe('service_healthy');
    const [file, target] = lb.volumes[0].split(':');
    expect(target).toBe('/etc/nginx/conf.d/default.conf');
    const conf = readFileSync(file, 'utf8');
    expect(conf).toMatch(/upstream techgraph_api \{\s+server api:4000/);
    expect(conf).toContain('listen 8080;');
    expect(conf).toContain('proxy_pass http://techgraph_api;');
  });

  it('migrates and seeds once, in a one-off init job, before the replicas start without seeding', () => {
    const { api, init } = compose.services;
    expect(init.command).toEqual(['node', '--import', 'tsx', 'src/cli/init.ts']);
    expect(existsSync('src/cli/init.ts')).toBe(true);
    expect(init.environment.NEO4J_URI).toBe(api.environment.NEO4J_URI);
    expect(api.depends_on.init.condition).toBe('service_completed_successfully');
    expect(api.environment.TG_SEED_ON_START).toBe('false');
  });
});
