// What production installs and runs: `npm start` and the image run the compiled server (dist/, `npm run build`),
// and `dependencies` holds exactly the packages that compiled server imports, so `npm ci --omit=dev` installs
// what it needs and nothing that only builds the web bundles or runs the tests; the web apps (web/) and the server
// (src/) import nothing from each other.
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BROWSER = ['web/playground/', 'web/explorer/'];

function files(dir: string, keep: (p: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? (e.name === 'node_modules' ? [] : files(p, keep)) : keep(p) ? [p] : [];
  });
}

/** The npm packages a file imports (statically or with import()), by package name. */
function packagesImportedBy(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specs
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
}

const serverFiles = files('src', (p) => /\.tsx?$/.test(p));
const serverPackages = new Set(serverFiles.flatMap(packagesImportedBy));

describe('runtime and development dependencies', () => {
  it('lists every package the server imports under dependencies, and nothing else', () => {
    expect(serverFiles.length).toBeGreaterThan(50);
    expect([...serverPackages].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it('keeps build-only and test-only packages (bundles, tsx, fast-check, ajv, yaml) in devDependencies', () => {
    const buildAndTest = new Set(
      [
        ...files('tests', (p) => p.endsWith('.ts')),
        ...files('scripts', (p) => /\.m?[jt]s$/.test(p)),
        ...BROWSER.flatMap((b) => files(b, (p) => /\.tsx?$/.test(p))),
      ]
        .flatMap(packagesImportedBy)
        .filter((p) => !serverPackages.has(p) && p !== 'vitest' && !p.startsWith('@/')),
    );
    for (const p of ['esbuild', 'react', 'graphiql', 'cytoscape', 'fast-check', 'ajv', 'yaml'])
      expect(buildAndTest).toContain(p);
    for (const p of buildAndTest) {
      expect(pkg.dependencies, `${p} is only for building or testing`).not.toHaveProperty(p);
      expect(pkg.devDependencies, `${p} is imported but not declared`).toHaveProperty(p);
    }
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });
});

describe('the web apps', () => {
  /** Relative import specifiers of a file, resolved against its folder. */
  const relativeImports = (file: string) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)].map(
      (m) => join(file, '..', m[1]),
    );

  it('stay apart from the server: nothing in src/ imports from web/, nothing in web/ from src/', () => {
    const webFiles = BROWSER.flatMap((b) => files(b, (p) => /\.tsx?$/.test(p)));
    expect(webFiles.length).toBeGreaterThan(20);
    expect(
      serverFiles.flatMap((f) =>
        relativeImports(f)
          .filter((i) => i.startsWith('web/'))
          .map((i) => `${f} -> ${i}`),
      ),
    ).toEqual([]);
    expect(
      webFiles.flatMap((f) =>
        relativeImports(f)
          .filter((i) => !i.startsWith('web/'))
          .map((i) => `${f} -> ${i}`),
      ),
    ).toEqual([]);
  });
});

describe('npm scripts', () => {
  it('starts the compiled server, building it first only when its sources changed', () => {
    expect(pkg.scripts.build).toBe('node scripts/build.mjs');
    expect(pkg.scripts.prestart).toBe('node scripts/build.mjs --if-stale');
    expect(pkg.scripts.start).toMatch(/^node (--[\w-]+=\d+ )*dist\/main\.js$/);
    expect(pkg.scripts.start).not.toContain('tsx');
    // Development keeps TypeScript through tsx, with reloads.
    expect(pkg.scripts.dev).toBe('tsx watch src/main.ts');
  });
});
