// The adversarial dependency graph of issue 20 (arbitraries.ts `layeredGraph`: layers of `width` technologies,
// each depending on every technology of the next layer), whose number of paths is width^hops: it imports, a
// cycle-closing edge into it is refused with the cycle named, and exposure answers with one shortest path each,
// with work that grows with nodes and edges, not with paths. Work is measured as Neo4j's database hits
// (PROFILE), which is deterministic, and compared with the same graph at a small width, not with a clock.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/driver.js';
import { shortestPathsCypher } from '../../src/analysis/exposure.js';
import { CycleConflict, REACHABLE_DEPENDENCIES, writeDocument } from '../../src/write/document.js';
import { importDocument } from '../../src/import/index.js';
import { resetGraph, startTestApp, type TestApp } from '../helpers/app.js';
import { layeredGraph, layeredGraphs } from './arbitraries.js';

const id = (l: number, i: number) => `tech:l${String(l).padStart(2, '0')}-${i}`;
const ill = { provenance: 'ILLUSTRATIVE' as const, sources: [] };
const EVERY = { everyProvenance: true, provs: ['REPORTED', 'ASSESSED', 'ILLUSTRATIVE'] };

interface Plan {
  operatorType: string;
  dbHits: number;
  children: Plan[];
}

/** Database hits and operator names of one statement, from PROFILE. */
async function profile(db: Database, cypher: string, params: Record<string, unknown>) {
  const session = db.driver.session({ database: db.database, defaultAccessMode: 'READ' });
  try {
    const res = await session.run(`PROFILE ${cypher}`, params);
    let hits = 0;
    const operators: string[] = [];
    const visit = (p: Plan) => {
      hits += p.dbHits;
      operators.push(p.operatorType);
      p.children.forEach(visit);
    };
    visit(res.summary.profile as unknown as Plan);
    return { hits, operators, rows: res.records.length };
  } finally {
    await session.close();
  }
}

/** Operators that enumerate paths (every shortest one, or every path of a variable-length pattern). */
const ENUMERATING = /AllShortestPaths|^VarLengthExpand\((All|Into)\)/;

/** The statements one request sends to the database (the test app's Database is the API's). */
async function statementsOf(t: TestApp, request: () => Promise<unknown>) {
  const seen: Array<{ cypher: string; params: Record<string, unknown> }> = [];
  const read = t.db.read.bind(t.db);
  t.db.read = (cypher, params = {}, stats) => {
    seen.push({ cypher, params });
    return read(cypher, params, stats);
  };
  try {
    await request();
  } finally {
    t.db.read = read;
  }
  return seen;
}

/** A cycle through the closing edge l10-3 -> l00-2: l00 .. l10 and back, each step an edge of the graph. */
function expectCycle(cycle: string[]) {
  expect(cycle[0]).toBe(cycle.at(-1));
  expect(cycle).toHaveLength(12);
  const at = cycle.indexOf(id(10, 3));
  expect(cycle[at + 1]).toBe(id(0, 2));
  for (let k = 0; k + 1 < cycle.length; k++) {
    if (k === at) continue;
    expect(Number(cycle[k + 1].slice(6, 8)), cycle.join(' -> ')).toBe(Number(cycle[k].slice(6, 8)) + 1); // one layer on
  }
}

const SLOW = 240_000; // cold query plans of long statements, on a loaded two-core machine

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: null, env: { TG_ALLOW_WRITES: 'true', TG_REQUEST_TIMEOUT_MS: String(SLOW) } });
});
afterAll(async () => {
  await t?.stop();
});

const EXPOSURE = `{ exposure(organization: "org:user", first: 100) {
  totalCount depthLimitReached nodes { hops via { id } viaRelations path { id } assessment { technology { id } } } } }`;

describe('the layered dependency graph (11 layers, every technology depending on all of the next layer)', () => {
  it(
    'imports at width 6 and 8, and refuses a cycle-closing edge into it, naming the cycle, with work linear in the graph',
    { timeout: SLOW },
    async () => {
      for (const width of [6, 8]) {
        await resetGraph(t.db, null);
        const result = await importDocument(t.db, layeredGraph(width));
        expect(result.ok, JSON.stringify(result)).toBe(true);
      }
      // Through the API: the validator refuses it and names the cycle.
      const { body } =
        await t.gql(`mutation { addDependency(input: { technology: "${id(10, 3)}", dependsOn: "${id(0, 2)}", provenance: ILLUSTRATIVE }) {
      userErrors { code message } } }`);
      const [err] = body.data.addDependency.userErrors;
      expect(err.code).toBe('CYCLE');
      expectCycle(err.message.split(': ').at(-1).split(' -> '));
      // In the write itself (the check that catches a concurrent writer the validator could not see): refused, the
      // cycle named as a chain of real edges, nothing written.
      const closing = { relationships: [{ type: 'DEPENDS_ON', from: id(10, 3), to: id(0, 2), ...ill }] };
      const refused = await writeDocument(t.db, closing).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CycleConflict);
      const cycle = (refused as CycleConflict).cycle;
      expectCycle(cycle);
      expect((refused as Error).message).toContain(cycle.join(' -> '));
      const [{ n }] = await t.db.read(
        `MATCH (:Technology {id: $a})-[r:DEPENDS_ON]->(:Technology {id: $b}) RETURN count(r) AS n`,
        { a: id(10, 3), b: id(0, 2) },
      );
      expect(n).toBe(0);
    },
  );

  it(
    'checks for cycles with a walk that visits each technology once: its database hits grow with the edges, not the paths',
    { timeout: SLOW },
    async () => {
      const hits: Record<number, number> = {};
      for (const width of [3, 6]) {
        await resetGraph(t.db, layeredGraph(width));
        const p = await profile(t.db, REACHABLE_DEPENDENCIES, { targets: [id(0, 0), id(1, 0)] });
        expect(p.operators.filter((o) => ENUMERATING.test(o))).toEqual([]);
        hits[width] = p.hits;
      }
      // 4× the edges; paths grow 2^9 = 512×.
      expect(hits[6] / hits[3]).toBeLessThan(16);
    },
  );

  it(
    'answers exposure at width 6 with every upstream technology and its smallest shortest path, without enumerating paths',
    { timeout: SLOW },
    async () => {
      const hits: Record<number, number> = {};
      for (const width of [3, 6]) {
        await resetGraph(t.db, layeredGraph(width));
        const statements = await statementsOf(t, async () => {
          const { body } = await t.gql(EXPOSURE);
          expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          const d = body.data.exposure;
          // Layers 1..10, all ABSENT gaps; the chain is exactly 10 hops, so nothing is cut.
          expect(d.totalCount).toBe(10 * width);
          expect(d.depthLimitReached).toBe(false);
          for (const x of d.nodes) {
            const [, l, i] = /^tech:l(\d+)-(\d+)$/.exec(x.assessment.technology.id)!.map(Number);
            expect(x.hops).toBe(l);
            // Of the width^(l-1) paths of l hops, the one of smallest ids: l00-0, l01-0, ..., then the technology.
            expect(x.path.map((n: { id: string }) => n.id)).toEqual([
              ...Array.from({ length: l }, (_, k) => id(k, 0)),
              id(l, i),
            ]);
            expect(x.via.id).toBe(id(0, 0));
            expect(x.viaRelations).toEqual(['RELIES_ON']);
          }
        });
        hits[width] = 0;
        for (const s of statements) {
          const p = await profile(t.db, s.cypher, s.params);
          expect(
            p.operators.filter((o) => ENUMERATING.test(o)),
            s.cypher,
          ).toEqual([]);
          hits[width] += p.hits;
        }
        // The evidence statement on its own, for every technology of the graph as a target.
        const all = Array.from({ length: 10 }, (_, l) => Array.from({ length: width }, (__, i) => id(l + 1, i))).flat();
        const p = await profile(t.db, shortestPathsCypher(), { ...EVERY, organization: 'org:user', ids: all });
        expect(p.rows).toBe(all.length);
      }
      // 2× the targets and 4× the edges; a walk of the paths would be 512× (and took minutes).
      expect(hits[6] / hits[3]).toBeLessThan(32);
    },
  );

  it(
    'ranks gaps and risks over the layered graph without enumerating paths: database hits grow with the edges',
    { timeout: SLOW },
    async () => {
      const GAP_LISTS = `{ vcg: valueChainGaps(sector: "sector:layered", first: 100) { totalCount nodes { downstreamCount depthLimitReached } }
      rank: chokepointRanking(first: 100) { totalCount nodes { downstreamCount } }
      risks: singleSourceRisks(first: 100) { totalCount depthLimitReached } }`;
      const hits: Record<number, number> = {};
      for (const width of [3, 6]) {
        await resetGraph(t.db, layeredGraph(width));
        const statements = await statementsOf(t, async () => {
          const { body } = await t.gql(GAP_LISTS);
          expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          expect(body.data.vcg.totalCount).toBe(1 + 10 * width); // l00-0 (in the sector) and everything upstream of it
          // A technology of layer l is needed by every technology of the l layers before it.
          const top = body.data.rank.nodes[0];
          expect(top.downstreamCount).toBe(10 * width);
        });
        hits[width] = 0;
        for (const s of statements) {
          const p = await profile(t.db, s.cypher, s.params);
          expect(
            p.operators.filter((o) => ENUMERATING.test(o)),
            s.cypher,
          ).toEqual([]);
          hits[width] += p.hits;
        }
      }
      expect(hits[6] / hits[3]).toBeLessThan(32);
    },
  );

  it(
    'reports a chain deeper than 10 hops in the layered graph: depthLimitReached, and nothing beyond 10 hops claimed',
    { timeout: SLOW },
    async () => {
      await resetGraph(t.db, layeredGraph(5, 13));
      const { body } = await t.gql(EXPOSURE);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      const d = body.data.exposure;
      expect(d.depthLimitReached).toBe(true);
      expect(d.totalCount).toBe(50); // layers 1..10; layers 11 and 12 lie beyond the bound
      expect(Math.max(...d.nodes.map((x: any) => x.hops))).toBe(10);
    },
  );
});

describe('layered dense graphs of random width and depth', () => {
  it(
    'exposure: every technology within 10 hops with its smallest shortest path, deeper chains flagged; a closing edge refused',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(layeredGraphs, fc.nat(), fc.nat(), async ({ width, layers, doc }, a, b) => {
          await resetGraph(t.db, doc);
          const { body } = await t.gql(EXPOSURE);
          expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          const d = body.data.exposure;
          const reach = Math.min(layers - 1, 10);
          expect(d.totalCount).toBe(reach * width);
          expect(d.depthLimitReached).toBe(layers - 1 > 10);
          for (const x of d.nodes) {
            const [, l, i] = /^tech:l(\d+)-(\d+)$/.exec(x.assessment.technology.id)!.map(Number);
            expect(l).toBeLessThanOrEqual(reach);
            expect(x.path.map((n: { id: string }) => n.id)).toEqual([
              ...Array.from({ length: l }, (_, k) => id(k, 0)),
              id(l, i),
            ]);
          }
          // An edge from a deeper layer back to a shallower one closes a cycle.
          const from = 1 + (a % (layers - 1));
          const to = b % from;
          const { body: added } =
            await t.gql(`mutation { addDependency(input: { technology: "${id(from, a % width)}", dependsOn: "${id(to, b % width)}",
        provenance: ILLUSTRATIVE }) { userErrors { code message } } }`);
          expect(added.data.addDependency.userErrors[0].code).toBe('CYCLE');
          expect(added.data.addDependency.userErrors[0].message).toContain(
            `${id(from, a % width)} -> ${id(to, b % width)}`,
          );
        }),
        { numRuns: 6 },
      );
    },
  );
});
