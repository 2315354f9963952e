// The layers of src/ point one way (docs/architecture.md, "Layers"): a module imports only from its own layer or
// the layers below it, so the layers never import each other in a circle. Reads every import of every source file
// with TypeScript's own parser (static imports, `export ... from`, `import()` and `import x = require()`, type-only
// imports included: a type that points up ties the layers together as much as a value). No database.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/** Lowest first: a file may import from its own layer and the ones before it. */
const LAYERS: ReadonlyArray<{ name: string; holds: readonly string[] }> = [
  { name: 'domain', holds: ['domain/'] },
  { name: 'config', holds: ['config.ts'] },
  { name: 'db', holds: ['db/'] },
  { name: 'write', holds: ['write/'] },
  { name: 'import', holds: ['import/'] },
  { name: 'graph', holds: ['graph/'] },
  { name: 'analysis', holds: ['analysis/'] },
  { name: 'server', holds: ['server/'] },
  { name: 'app', holds: ['app.ts', 'main.ts', 'cli/'] },
];

/**
 * The generated resolver types (graphql-codegen) describe the whole API: codegen.ts maps GraphQL types onto row
 * types of graph/ and analysis/, so the file imports from both by construction. Graph and the layers above may read
 * it; its own imports are codegen's and are not checked.
 */
const GENERATED = { holds: 'generated/', readBy: 'graph' };

function layerOf(file: string): string | undefined {
  const rel = relative(SRC, file).split('\\').join('/');
  if (rel.startsWith(GENERATED.holds)) return 'generated';
  return LAYERS.find((l) => l.holds.some((h) => (h.endsWith('/') ? rel.startsWith(h) : rel === h)))?.name;
}

const rank = (layer: string) =>
  layer === 'generated'
    ? LAYERS.findIndex((l) => l.name === GENERATED.readBy)
    : LAYERS.findIndex((l) => l.name === layer);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every module specifier `file` imports, with its line. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): Array<{ specifier: string; line: number }> {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: Array<{ specifier: string; line: number }> = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined) => {
    if (spec && ts.isStringLiteralLike(spec))
      out.push({ specifier: spec.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node, node.argument.literal as ts.Expression);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The source file a relative specifier names (`./x.js` is `./x.ts` or `./x.tsx`), or undefined for a package. */
function targetOf(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.(js|jsx|ts|tsx)$/, '');
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => files.has(f));
}

interface LayerImport {
  file: string;
  line: number;
  specifier: string;
  from: string;
  to: string;
}

/** Every import between two files of src/ in different layers (files: absolute paths; texts: to check a variant). */
function crossLayerImports(files: readonly string[], texts: ReadonlyMap<string, string> = new Map()): LayerImport[] {
  const set = new Set(files);
  const out: LayerImport[] = [];
  for (const file of files) {
    const from = layerOf(file)!;
    if (from === 'generated') continue;
    for (const { specifier, line } of importsOf(file, texts.get(file))) {
      const target = targetOf(file, specifier, set);
      const to = target && layerOf(target);
      if (to && to !== from) out.push({ file: relative(ROOT, file), line, specifier, from, to });
    }
  }
  return out;
}

const pointsUp = (i: LayerImport) => rank(i.to) > rank(i.from);

/** Cycles in the graph of layers that `imports` draws: each as the layers around it, first again at the end. */
function layerCycles(imports: readonly LayerImport[]): string[][] {
  const out = new Map<string, Set<string>>();
  for (const i of imports) (out.get(i.from) ?? out.set(i.from, new Set()).get(i.from)!).add(i.to);
  const cycles: string[][] = [];
  const done = new Set<string>();
  const walk = (layer: string, path: string[]) => {
    if (path.includes(layer)) {
      cycles.push([...path.slice(path.indexOf(layer)), layer]);
      return;
    }
    if (done.has(layer)) return;
    for (const next of out.get(layer) ?? []) walk(next, [...path, layer]);
    done.add(layer);
  };
  for (const layer of [...out.keys()].sort()) walk(layer, []);
  return cycles;
}

/**
 * Circles of files that import each other, directly or through others, within a layer or across (the generated
 * types aside, see GENERATED): each as the imports around it, file by file.
 */
function fileCycles(files: readonly string[], texts: ReadonlyMap<string, string> = new Map()): string[][] {
  const set = new Set(files);
  const edges = new Map(
    files.map((f) => [
      f,
      layerOf(f) === 'generated'
        ? []
        : importsOf(f, texts.get(f))
            .map((i) => ({ ...i, target: targetOf(f, i.specifier, set) }))
            .filter((i): i is { specifier: string; line: number; target: string } => i.target !== undefined),
    ]),
  );
  // Tarjan's strongly connected components; each of more than one file holds a circle, found by a walk inside it.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const circles: string[][] = [];
  const strong = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const { target: w } of edges.get(v)!) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = stack.splice(stack.indexOf(v));
    if (component.length < 2) return;
    const path = [v];
    const steps: string[] = [];
    for (let at = v; ;) {
      const step =
        edges.get(at)!.find((e) => component.includes(e.target) && (e.target === v || !path.includes(e.target))) ??
        edges.get(at)!.find((e) => component.includes(e.target))!;
      steps.push(`${relative(ROOT, at)}:${step.line} imports '${step.specifier}'`);
      if (path.includes(step.target)) break;
      path.push((at = step.target));
    }
    circles.push(steps);
  };
  for (const f of files) if (!index.has(f)) strong(f);
  return circles;
}

const describeImport = (i: LayerImport) => `${i.file}:${i.line} imports '${i.specifier}' (${i.from} -> ${i.to})`;

/** What is wrong with the imports of `files`, one line each: empty when the layers point one way. */
function layerProblems(files: readonly string[], texts?: ReadonlyMap<string, string>): string[] {
  const unplaced = files
    .filter((f) => layerOf(f) === undefined)
    .map((f) => `${relative(ROOT, f)} is in no layer: place it in LAYERS`);
  const placed = files.filter((f) => layerOf(f) !== undefined);
  const imports = crossLayerImports(placed, texts);
  const up = imports.filter(pointsUp).map((i) => `${describeImport(i)} points up the layers`);
  const cycles = layerCycles(imports).map((c) => {
    const edges = c.slice(1).map((to, k) => imports.find((i) => i.from === c[k] && i.to === to)!);
    return `the layers import each other in a circle, ${c.join(' -> ')}: ${edges.map(describeImport).join('; ')}`;
  });
  const circles = fileCycles(placed, texts).map((c) => `files import each other in a circle: ${c.join('; ')}`);
  return [...unplaced, ...up, ...cycles, ...circles];
}

describe('layers of src/', () => {
  const files = sourceFiles(SRC);

  it('every import points to its own layer or one below, and neither layers nor files import each other in a circle', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(layerProblems(files)).toEqual([]);
  });

  it('reads the imports it must judge: a static, a type-only, a re-export and a dynamic import all count', () => {
    const found = importsOf(
      'x.ts',
      [
        "import { a } from './a.js';",
        "import type { B } from '../b.js';",
        "export { c } from './c.js';",
        "const d = await import('./d.js');",
        'type E = import("./e.js").E;',
        "import f = require('./f.js');",
      ].join('\n'),
    ).map((i) => i.specifier);
    expect(found).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  it('names the file, the line and the import that points up, and the circle it closes', () => {
    const model = join(SRC, 'domain/model.ts');
    const text = `import { assertCanWrite } from '../graph/guard.js';\n${readFileSync(model, 'utf8')}`;
    const problems = layerProblems(files, new Map([[model, text]]));
    expect(problems).toContain(
      "src/domain/model.ts:1 imports '../graph/guard.js' (domain -> graph) points up the layers",
    );
    expect(
      problems.some((p) => p.startsWith('the layers import each other in a circle, ') && p.includes('domain -> graph')),
    ).toBe(true);
  });

  it('names the files that import each other in a circle within a layer', () => {
    const persisted = join(SRC, 'server/persisted.ts');
    const text = `import { createContext } from './context.js';\n${readFileSync(persisted, 'utf8')}`;
    const context = join(SRC, 'server/context.ts');
    const contextText = `import './persisted.js';\n${readFileSync(context, 'utf8')}`;
    const problems = layerProblems(
      files,
      new Map([
        [persisted, text],
        [context, contextText],
      ]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^files import each other in a circle: src\/server\/(persisted|context)\.ts:1 imports '\.\/(context|persisted)\.js'; src\/server\/(context|persisted)\.ts:1 imports '\.\/(persisted|context)\.js'$/,
    );
  });

  it('gives the code below the server a request-scoped database only: no Database, no QueryStats to forget', () => {
    // A function that took (db, stats) could be called without the request's stats and lose its bookmarks and its
    // stop signal; a Queries (ctx.db, a Scope) carries them in every call.
    const scoped = files.filter((f) => ['write', 'import', 'graph', 'analysis'].includes(layerOf(f)!));
    expect(scoped.length).toBeGreaterThan(20);
    const offenders = scoped.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          !/^\s*(\*|\/\*)/.test(line) && /\b(Database|QueryStats)\b/.test(line.replace(/\/\/.*$/, ''))
            ? [`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(offenders).toEqual([]);
  });

  it('places every source file in a layer', () => {
    const stray = join(SRC, 'misc/helper.ts');
    expect(layerProblems([stray])).toEqual(['src/misc/helper.ts is in no layer: place it in LAYERS']);
  });
});
