// The Dockerfile, replayed: no container registry is reachable here, so no base image can be pulled and the
// image cannot be built for real. Instead each stage gets a clean folder standing for its WORKDIR; COPY copies
// from the build context as .dockerignore filters it (or from an earlier stage's folder), RUN runs the command
// there with the stage's ENV, and the first step that fails fails the test, naming the step. Then the runtime
// stage's folder is checked (no dev dependencies, sources, secrets or local data) and run: the compose init job,
// then the image's CMD against the run's Neo4j, its HEALTHCHECK, and what a client loads. Differences from a real
// build: this machine's Node runs the steps (the image's is the pinned FROM tag), and nothing is isolated.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';

interface Stage {
  name: string;
  image: string;
  dir: string;
  workdir: string;
  env: Record<string, string>;
  cmd?: string[];
  healthcheck?: string[];
}

/** Instructions of a Dockerfile: continuation lines joined, comments and blank lines dropped. */
export function instructions(text: string): Array<{ op: string; args: string }> {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** .dockerignore's rules (Docker's: patterns anchored at the context's root, `**` any depth, `!` re-includes). */
export function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ''));
      const source = pattern
        .split('/')
        .map((part) =>
          part === '**'
            ? '.*'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/');
      return { negate, re: new RegExp(`^${source.replace(/\.\*\//g, '(?:.*/)?')}(?:/.*)?$`) };
    });
  return (path) => rules.reduce((ignored, r) => (r.re.test(path) ? !r.negate : ignored), false);
}

/** Files of the build context, relative to `root`, with the ignored ones (and ignored folders) left out. */
function contextFiles(root: string, ignored: (p: string) => boolean, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (ignored(rel)) return [];
    return e.isDirectory() ? contextFiles(root, ignored, rel) : [rel];
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'techgraph-image-'));
const stages: Stage[] = [];
let server: ChildProcess | undefined;

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

/** Runs the Dockerfile's steps; throws on the first that would fail a build. */
function replay(): void {
  const ignored = dockerignore(readFileSync('.dockerignore', 'utf8'));
  const context = contextFiles(root, ignored);
  let stage: Stage | undefined;
  instructions(readFileSync('Dockerfile', 'utf8')).forEach(({ op, args }, step) => {
    const where = `step ${step + 1} (${op} ${args})`;
    if (op === 'FROM') {
      const [image, as, name] = args.split(/\s+/);
      stage = {
        name: as?.toUpperCase() === 'AS' ? name : String(stages.length),
        image,
        dir: join(work, `stage-${stages.length}`),
        workdir: '/',
        env: {},
      };
      mkdirSync(stage.dir);
      stages.push(stage);
      return;
    }
    if (!stage) throw new Error(`${where}: before any FROM`);
    const s = stage;
    const inStage = (p: string) => {
      const abs = posix.resolve(s.workdir, p);
      if (!(abs + '/').startsWith(s.workdir === '/' ? '/' : s.workdir + '/'))
        throw new Error(`${where}: ${p} is outside WORKDIR, which this replay maps`);
      return join(s.dir, posix.relative(s.workdir, abs));
    };
    switch (op) {
      case 'WORKDIR':
        s.workdir = posix.resolve(s.workdir, args);
        break;
      case 'ENV':
        for (const m of args.matchAll(/(\w+)=(\S*)/g)) s.env[m[1]] = m[2];
        break;
      case 'COPY': {
        const parts = args.split(/\s+/);
        const from = parts[0].startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
        const dest = parts.pop()!;
        for (const src of parts) {
          if (from) {
            const other = stages.find((o) => o.name === from);
            if (!other) throw new Error(`${where}: no stage ${from}`);
            const path = join(other.dir, posix.relative(other.workdir, posix.resolve(other.workdir, src)));
            if (!existsSync(path)) throw new Error(`${where}: ${src} does not exist in stage ${from}`);
            cpSync(path, inStage(dest), { recursive: true });
          } else {
            const name = posix.normalize(src).replace(/\/$/, '');
            const matched = name === '.' ? context : context.filter((f) => f === name || f.startsWith(name + '/'));
            if (matched.length === 0)
              throw new Error(`${where}: ${src} is not in the build context (missing, or excluded by .dockerignore)`);
            for (const f of matched) {
              // A file goes into dest (a folder when dest ends with / or exists); a folder's contents go into dest.
              const destDir = dest.endsWith('/') || existsSync(inStage(dest));
              const target =
                name === '.'
                  ? join(inStage(dest), f)
                  : f === name
                    ? destDir
                      ? join(inStage(dest), posix.basename(f))
                      : inStage(dest)
                    : join(inStage(dest), f.slice(name.length + 1));
              mkdirSync(dirname(target), { recursive: true });
              cpSync(join(root, f), target);
            }
          }
        }
        break;
      }
      case 'RUN': {
        const r = spawnSync('sh', ['-c', args], {
          cwd: inStage('.'),
          encoding: 'utf8',
          timeout: 480_000,
          // npm's cache of this machine: the packages are the lockfile's, fetched at most once.
          env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_prefer_offline: 'true', ...s.env },
        });
        if (r.status !== 0)
          throw new Error(`${where} failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
        break;
      }
      case 'CMD':
        s.cmd = JSON.parse(args);
        break;
      case 'HEALTHCHECK':
        s.healthcheck = JSON.parse(args.slice(args.indexOf('CMD ') + 4));
        break;
      case 'USER':
      case 'EXPOSE':
      case 'LABEL':
      case 'ARG':
        break;
      default:
        throw new Error(`${where}: this replay does not know ${op}`);
    }
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('.dockerignore', () => {
  it('keeps secrets, local data, installed and built files out of the build context', () => {
    const ignored = dockerignore(readFileSync('.dockerignore', 'utf8'));
    for (const p of [
      '.env',
      '.env.production',
      'keys.json',
      '.data/neo4j/store',
      '.neo4j/lib/neo4j.jar',
      'node_modules/graphql/index.js',
      'dist/main.js',
      'test-results/vitest.json',
      'tests/screenshots/a.png',
      'bench/results/r.json',
      '.git/HEAD',
      'npm-debug.log',
    ]) {
      expect(ignored(p), p).toBe(true);
    }
    for (const p of [
      'package.json',
      'package-lock.json',
      'src/main.ts',
      'schema/technology.graphql',
      'seeds/a.json',
      'scripts/build.mjs',
      'web/explorer/client.tsx',
      'web/explorer/explorer.css',
      'web/playground/client.tsx',
      'web/tsconfig.base.json',
    ]) {
      expect(ignored(p), p).toBe(false);
    }
  });
});

describe('the Dockerfile', () => {
  it('builds on a pinned, supported Node LTS, in a build stage and a runtime stage', () => {
    const froms = instructions(readFileSync('Dockerfile', 'utf8'))
      .filter((i) => i.op === 'FROM')
      .map((i) => i.args.split(/\s+/)[0]);
    expect(froms.length).toBe(2);
    for (const f of froms) expect(f).toMatch(/^node:(22|24)\.\d+\.\d+-[\w-]+$/);
  });

  it('replays every step in clean folders without a failure', () => {
    replay();
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
  }, 900_000);

  it('ships compiled JavaScript, the web bundles and production dependencies only: no sources, dev packages, secrets or local data', () => {
    const runtime = stages.find((s) => s.name === 'runtime')!;
    const files = filesUnder(runtime.dir);
    for (const f of [
      'dist/main.js',
      'dist/cli/init.js',
      'dist/cli/key.js',
      'dist/playground/playground.js',
      'dist/explorer/explorer.js',
      'package.json',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /\.tsx?$/.test(f) && !f.startsWith('node_modules/'))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(\.env(\..*)?|keys\.json)$/.test(f) || /^\.(data|neo4j)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    // What the lockfile marks dev-only (needed by no runtime dependency) is absent; every runtime dependency is there.
    const devOnly = Object.entries(lock.packages)
      .filter(([path, p]) => path.startsWith('node_modules/') && p.dev)
      .map(([path]) => path);
    expect(devOnly.length).toBeGreaterThan(100);
    expect(devOnly.filter((path) => existsSync(join(runtime.dir, path)))).toEqual([]);
    for (const dep of Object.keys(pkg.dependencies))
      expect(existsSync(join(runtime.dir, 'node_modules', dep)), dep).toBe(true);
    for (const dev of ['tsx', 'esbuild', 'react', 'graphiql', 'cytoscape', 'fast-check', 'vitest', 'typescript']) {
      expect(existsSync(join(runtime.dir, 'node_modules', dev)), dev).toBe(false);
    }
    expect(runtime.cmd).toEqual(['node', '--max-semi-space-size=16', 'dist/main.js']);
  });

  it('runs: the init job, then the CMD against Neo4j, healthy by its HEALTHCHECK, serving GraphQL, the playground and the explorer', async () => {
    const runtime = stages.find((s) => s.name === 'runtime')!;
    const neo = inject('neo4j');
    const port = await freePort();
    // The image's ENV, with this run's Neo4j, and loopback so that nothing here is reachable from outside.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...runtime.env,
      NEO4J_URI: neo.uri,
      NEO4J_USER: neo.user,
      NEO4J_PASSWORD: neo.password ?? '',
      NEO4J_DATABASE: neo.database,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    };
    const init = spawnSync('node', ['dist/cli/init.js'], { cwd: runtime.dir, env, encoding: 'utf8', timeout: 180_000 });
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^migrated;/);

    const [cmd, ...args] = runtime.cmd!;
    server = spawn(cmd, args, { cwd: runtime.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout!.on('data', (d) => {
      output += d;
    });
    server.stderr!.on('data', (d) => {
      output += d;
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`the CMD exited with ${server.exitCode}:\n${output}`);
      if (output.includes('GraphQL:')) break;
      if (i > 600) throw new Error(`not ready after 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The image's HEALTHCHECK as written, on this run's port.
    const [hcmd, ...hargs] = runtime.healthcheck!;
    const health = spawnSync(
      hcmd,
      hargs.map((a) => a.replace('127.0.0.1:4000', `127.0.0.1:${port}`)),
      { env, timeout: 10_000 },
    );
    expect(health.status).toBe(0);

    const gql = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ technologies(first: 1) { totalCount } }"}',
    });
    expect(gql.status).toBe(200);
    expect(((await gql.json()) as any).data.technologies.totalCount).toBeGreaterThanOrEqual(0);
    for (const [path, type] of [
      ['/playground', 'text/html'],
      ['/playground/playground.js', 'javascript'],
      ['/playground/examples.json', 'json'],
      ['/explore', 'text/html'],
      ['/explore/explorer.js', 'javascript'],
    ]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
      expect((await res.arrayBuffer()).byteLength, path).toBeGreaterThan(100);
    }
  }, 240_000);
});
