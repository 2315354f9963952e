// The default graph (seeds/*.json and CSET's dataset built from the kept files) holds no invented record: no
// ILLUSTRATIVE node or relationship, in the document and in the database it seeds, and every REPORTED or ASSESSED
// record cites a Source the graph holds. The demo set (seeds/demo/) is fictional and self-contained: no figure or
// edge of it touches a record of the default graph, and it shows every analysis case seeds/README.md lists.
// `npm run seed -- --demo` and TG_SEED_DEMO load it.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENTITIES, entityOfId } from '../../src/domain/model.js';
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../../src/domain/document.js';
import { exportDocument } from '../../src/import/export.js';
import { readDefaultGraph, readDemo } from '../../src/import/seeds.js';
import { resetGraph, startTestApp, testDatabase, type TestApp } from '../helpers/app.js';

const nodesOf = (doc: GraphDocument): NodeRecord[] =>
  ENTITIES.flatMap((e) => ((doc as Record<string, unknown>)[e.collection] as NodeRecord[] | undefined) ?? []);
const relsOf = (doc: GraphDocument): RelationshipRecord[] => doc.relationships ?? [];
/** Every record's reference fields (a stage's sector, a share's listing and organization, a project's program...). */
const refsOf = (rec: NodeRecord): string[] => {
  const entity = entityOfId(rec.id)!;
  return (entity.refs ?? []).map((r) => rec[r.field]).filter((v): v is string => typeof v === 'string');
};
const countBy = (list: Array<{ provenance: string }>) =>
  list.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.provenance]: (acc[r.provenance] ?? 0) + 1 }), {});

describe('the default graph', () => {
  const doc = readDefaultGraph();

  it('holds no ILLUSTRATIVE node or relationship', () => {
    const nodes = nodesOf(doc);
    const rels = relsOf(doc);
    expect(nodes.length).toBeGreaterThan(1000); // the seeds and CSET's records: not an empty document
    expect(rels.length).toBeGreaterThan(200);
    expect(nodes.filter((n) => n.provenance === 'ILLUSTRATIVE').map((n) => n.id)).toEqual([]);
    expect(rels.filter((r) => r.provenance === 'ILLUSTRATIVE').map((r) => `${r.type} ${r.from}->${r.to}`)).toEqual([]);
    expect(Object.keys(countBy([...nodes, ...rels])).sort()).toEqual(['ASSESSED', 'REPORTED']);
  });

  it('cites at least one Source of the graph on every record but the sources themselves', () => {
    const sources = new Set((doc.sources ?? []).map((s) => s.id));
    const cites = [...nodesOf(doc).filter((n) => !sources.has(n.id)), ...relsOf(doc)];
    const where = (r: NodeRecord | RelationshipRecord) => ('id' in r ? r.id : `${r.type} ${r.from}->${r.to}`) as string;
    expect(cites.filter((r) => (r.sources ?? []).length === 0).map(where)).toEqual([]);
    expect(
      cites.flatMap((r) => (r.sources ?? []).filter((s) => !sources.has(s)).map((s) => `${where(r)} cites ${s}`)),
    ).toEqual([]);
  });

  it("gives no technology invented selection inputs, and MOTIE's kinds only to the article's examples", () => {
    const techs = doc.technologies ?? [];
    const inputs = ['domesticYearsToDevelop', 'coopTimeSavingYears', 'coopCostSavingPct', 'needsOverseasCertification'];
    expect(techs.filter((t) => inputs.some((k) => k in t)).map((t) => t.id)).toEqual([]);
    const article = 'source:inews24-2023-12-05-motie-global-tech-cooperation';
    expect(
      techs
        .filter((t) => t.kind !== 'OTHER' && !(t.provenance === 'REPORTED' && t.sources.includes(article)))
        .map((t) => t.id),
    ).toEqual([]);
  });
});

describe('the demo set', () => {
  const demo = readDemo();
  const defaults = readDefaultGraph();
  const demoIds = new Set(nodesOf(demo).map((n) => n.id));
  const defaultIds = new Set(nodesOf(defaults).map((n) => n.id));

  it('is fictional: demo- ids, names marked so, ILLUSTRATIVE, citing its one Source that says so', () => {
    expect(demoIds.size).toBeGreaterThan(150);
    expect([...demoIds].filter((id) => !/^[a-z]+:demo-/.test(id))).toEqual([]);
    expect([...demoIds].filter((id) => defaultIds.has(id))).toEqual([]);
    expect(demo.sources).toHaveLength(1);
    const [source] = demo.sources!;
    expect(source).toMatchObject({ id: 'source:demo-fictional', provenance: 'ILLUSTRATIVE' });
    expect(source.title).toMatch(/fictional/);
    const named = nodesOf(demo).filter((n) => n.id !== source.id);
    for (const n of named) {
      for (const label of [n.name, n.title].filter((v) => v !== undefined))
        expect(label, n.id).toMatch(/\(fictional\)$/);
      expect(n.provenance, n.id).toBe('ILLUSTRATIVE');
      expect(n.sources, n.id).toEqual([source.id]);
    }
    for (const r of relsOf(demo))
      expect(r, `${r.type} ${r.from}->${r.to}`).toMatchObject({ provenance: 'ILLUSTRATIVE', sources: [source.id] });
  });

  it('attaches no figure and no edge to a record that is not its own', () => {
    // Figures: capability levels (HAS_CAPABILITY), shares, listings, assessments, import figures, budgets; all of
    // them hang on a relationship or a reference field, so every end of either must be a demo record.
    const foreignEnds = relsOf(demo).flatMap((r) =>
      [r.from, r.to].filter((id) => !demoIds.has(id)).map((id) => `${r.type} ${r.from}->${r.to}: ${id}`),
    );
    const foreignRefs = nodesOf(demo).flatMap((n) =>
      refsOf(n)
        .filter((id) => !demoIds.has(id))
        .map((id) => `${n.id} -> ${id}`),
    );
    expect(foreignEnds).toEqual([]);
    expect(foreignRefs).toEqual([]);
    // ...and the figures are there to be checked: levels, budgets and reviews of its own records.
    expect(relsOf(demo).filter((r) => r.type === 'HAS_CAPABILITY').length).toBeGreaterThan(100);
    expect(
      (demo.budgetLines ?? []).length + (demo.projects ?? []).filter((p) => p.budgetKrw !== undefined).length,
    ).toBeGreaterThan(5);
  });

  it('names nothing as the default graph names it', () => {
    const norm = (s: unknown) =>
      String(s)
        .toLowerCase()
        .replace(/\s*\(fictional\)$/, '');
    const names = new Set(nodesOf(defaults).flatMap((n) => [n.name, n.nameKo, n.title].filter(Boolean).map(norm)));
    expect(
      nodesOf(demo)
        .flatMap((n) => [n.name, n.title].filter(Boolean).map(norm))
        .filter((s) => names.has(s)),
    ).toEqual([]);
  });
});

describe('the demo set, loaded with the default graph, shows every analysis case (seeds/README.md)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ doc: readDefaultGraph({ demo: true }) });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });
  const LENS = '{ asOf: "2025-06-30" }';
  const ask = async (query: string) => {
    const { body } = await t.gql(query);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };

  it('ABSENT chokepoints with many dependents; LAGGING, FOLLOWING and LEADING technologies', async () => {
    const rows: Array<{ technology: { id: string }; status: string; downstreamCount: number }> = [];
    for (const sector of (readDemo().sectors ?? []).map((x) => x.id)) {
      const d = await ask(
        `{ valueChainGaps(sector: "${sector}", lens: ${LENS}, first: 100) { totalCount nodes { technology { id } status downstreamCount } } }`,
      );
      expect(d.valueChainGaps.nodes).toHaveLength(d.valueChainGaps.totalCount);
      rows.push(...d.valueChainGaps.nodes);
    }
    const row = (id: string) => rows.find((r) => r.technology.id === id);
    for (const id of [
      'tech:demo-glimmer-veil',
      'tech:demo-halo-exposure-tool',
      'tech:demo-halo-coater',
      'tech:demo-clarion-panel',
      'tech:demo-laminex-film',
      'tech:demo-gearwell-reducer',
    ]) {
      expect(row(id), id).toMatchObject({ status: 'ABSENT' });
      expect(row(id)!.downstreamCount, id).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['ABSENT', 'LAGGING', 'FOLLOWING']));
    const lead = await ask(`{ technology(id: "tech:demo-tower-memory") { standing(lens: ${LENS}) { status } } }`);
    expect(lead.technology.standing.status).toBe('LEADING');
  });

  it('DOMESTIC_SINGLE_SOURCE and FOREIGN_CONCENTRATION, e.g. Velorite resist held by JP alone', async () => {
    const d = await ask(`{
      domestic: singleSourceRisks(kind: DOMESTIC_SINGLE_SOURCE, lens: ${LENS}, first: 100) { nodes { technology { id } } }
      foreign: singleSourceRisks(kind: FOREIGN_CONCENTRATION, lens: ${LENS}, first: 100) { nodes { technology { id } country } } }`);
    expect(
      d.domestic.nodes.filter((n: { technology: { id: string } }) => n.technology.id.startsWith('tech:demo-')).length,
    ).toBeGreaterThan(0);
    expect(d.foreign.nodes).toContainEqual({ technology: { id: 'tech:demo-velorite-resist' }, country: 'JP' });
  });

  it('eligibility TRUE, FALSE and UNKNOWN', async () => {
    const seen = new Set<string>();
    for (const tech of readDemo().technologies ?? []) {
      const d = await ask(`{ jointRndEligibility(technology: "${tech.id}", lens: ${LENS}) { eligible } }`);
      seen.add(d.jointRndEligibility.eligible);
    }
    expect(seen).toEqual(new Set(['TRUE', 'FALSE', 'UNKNOWN']));
  });

  it('programme targets with gaps and no project; ACTIVE projects on both sides of the review rule on 2025-06-30', async () => {
    const d = await ask(`{
      uncoveredTargets(program: "program:demo-keystone-rnd", lens: ${LENS}, first: 100) { totalCount }
      reviewCompliance(asOf: "2025-06-30", first: 100) { nodes { project { id } } }
      projects(first: 100, filter: { status: ACTIVE }) { nodes { id } } }`);
    expect(d.uncoveredTargets.totalCount).toBeGreaterThan(0);
    const behind = new Set(d.reviewCompliance.nodes.map((n: { project: { id: string } }) => n.project.id));
    const active = d.projects.nodes.map((n: { id: string }) => n.id);
    expect(active.filter((id: string) => behind.has(id)).length).toBeGreaterThan(0);
    expect(active.filter((id: string) => !behind.has(id)).length).toBeGreaterThan(0);
  });
});

describe('loading', () => {
  const db = testDatabase();
  afterAll(async () => {
    await db.close();
  });
  const n = inject('neo4j');
  const seed = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts', ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        NEO4J_URI: n.uri,
        NEO4J_USER: n.user,
        NEO4J_PASSWORD: n.password ?? '',
        NEO4J_DATABASE: n.database,
      },
    });

  it('seeds a database with no ILLUSTRATIVE node or relationship, each record citing stored sources', async () => {
    await resetGraph(db);
    const [row] = await db.read(`
      MATCH (n:Entity) WITH count(n) AS nodes, count(CASE WHEN n.provenance = 'ILLUSTRATIVE' THEN 1 END) AS illustrativeNodes
      MATCH ()-[r]->() RETURN nodes, illustrativeNodes, count(r) AS rels,
        count(CASE WHEN r.provenance = 'ILLUSTRATIVE' THEN 1 END) AS illustrativeRels`);
    expect(row.nodes).toBeGreaterThan(1000);
    expect(row.rels).toBeGreaterThan(1000);
    expect({ nodes: row.illustrativeNodes, rels: row.illustrativeRels }).toEqual({ nodes: 0, rels: 0 });
    const uncited = await db.read(`
      MATCH (x) WHERE NOT x:Source AND x.provenance IS NOT NULL
        AND (size(x.sourceIds) = 0 OR any(s IN x.sourceIds WHERE NOT EXISTS { MATCH (:Source {id: s}) }))
      RETURN x.id AS id LIMIT 5
      UNION ALL
      MATCH (a)-[r]->(b) WHERE r.provenance IS NOT NULL
        AND (size(r.sourceIds) = 0 OR any(s IN r.sourceIds WHERE NOT EXISTS { MATCH (:Source {id: s}) }))
      RETURN a.id + ' -' + type(r) + '-> ' + b.id AS id LIMIT 5`);
    expect(uncited.map((r) => r.id)).toEqual([]);
  }, 120_000);

  it('`npm run seed` loads the default graph and `-- --demo` adds the demo set, as readDefaultGraph does', async () => {
    await resetGraph(db, readDefaultGraph({ demo: true }));
    const withDemo = await exportDocument(db);
    await resetGraph(db, readDefaultGraph());
    const plain = await exportDocument(db);

    await resetGraph(db, null);
    const run = seed();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(await exportDocument(db)).toEqual(plain);
    expect(plain.technologies!.filter((t) => t.id.startsWith('tech:demo-'))).toEqual([]);

    const again = seed('--demo');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const loaded = await exportDocument(db);
    expect(loaded).toEqual(withDemo);
    expect(loaded.technologies!.filter((t) => t.id.startsWith('tech:demo-'))).toHaveLength(
      readDemo().technologies!.length,
    );

    const wrong = seed('--dmeo');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/unknown argument: --dmeo/);
  }, 240_000);

  describe('TG_SEED_DEMO at start', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ doc: null, env: { TG_SEED_ON_START: 'true', TG_SEED_DEMO: 'true' } });
    }, 120_000);
    afterAll(async () => {
      await t?.stop();
    });

    it('loads the default graph and the demo set into the empty database', async () => {
      const { body } =
        await t.gql(`{ demo: node(id: "tech:demo-glimmer-veil") { id } cset: node(id: "tech:cset-wafer") { id }
        article: node(id: "tech:advanced-packaging-interposer") { id } }`);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        demo: { id: 'tech:demo-glimmer-veil' },
        cset: { id: 'tech:cset-wafer' },
        article: { id: 'tech:advanced-packaging-interposer' },
      });
    });
  });
});

describe('what a newcomer asks first gets sourced figures (the README)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
  });

  it("rates HBM by KISTEP's assessments, with their sources, and no figure rests on anything invented", async () => {
    const { body } = await t.gql(`{ technology(id: "tech:hbm") { standing { status domesticBest basis }
      assessments { nodes { country level round publisher provenance sources { title url } } } } }`);
    const tech = body.data.technology;
    expect(tech.standing).toEqual({ status: 'LEADING', domesticBest: 90.9, basis: 'ASSESSED' });
    const kr = tech.assessments.nodes.filter((a: any) => a.country === 'KR');
    expect(kr.map((a: any) => [a.round, a.level, a.publisher])).toEqual([
      [2024, 90.9, 'KISTEP'],
      [2022, 95, 'KISTEP'],
    ]);
    for (const a of tech.assessments.nodes) expect(a.sources.length, a.country).toBeGreaterThan(0);
  });

  it('answers the semiconductor value chain on REPORTED and ASSESSED evidence only, the unrated rows after', async () => {
    const { body } = await t.gql(`{ valueChainGaps(sector: "sector:semiconductors", first: 60) { totalCount
      nodes { basis } unrated(first: 60) { totalCount nodes { status basis } } } }`);
    expect(body.errors).toBeUndefined();
    const v = body.data.valueChainGaps;
    expect(v.totalCount).toBeGreaterThan(10);
    expect(new Set(v.nodes.map((n: any) => n.basis))).toEqual(new Set(['REPORTED', 'ASSESSED']));
    expect(v.unrated.totalCount).toBeGreaterThan(0);
    expect(v.unrated.nodes.every((n: any) => (n.status === 'UNKNOWN') === (n.basis === null))).toBe(true);
  });

  it("counts the cooperation centers' budget as the article proposed it, then as MOTIE revised it", async () => {
    const q = `query($asOf: Date) { budgetSummary(program: "program:industrial-tech-cooperation-centers", lens: { asOf: $asOf }) {
      budgetLines { id } supersededLines { id } totalAmountKrw } }`;
    const proposed = (await t.gql(q, { asOf: '2023-12-31' })).body.data.budgetSummary;
    expect(proposed.totalAmountKrw).toBe(687_000_000_000);
    expect(proposed.supersededLines).toEqual([]);
    const revised = (await t.gql(q, { asOf: '2024-12-31' })).body.data.budgetSummary;
    expect(revised.totalAmountKrw).toBe(684_000_000_000);
    expect(revised.supersededLines.map((b: any) => b.id).sort()).toEqual([
      'budget:cooperation-centers-2024',
      'budget:cooperation-centers-2024-2028',
    ]);
  });

  it("finds Stanford by the article's spelling", async () => {
    const { body } = await t.gql('{ search(text: "스탠포드") { nodes { node { id } match } } }');
    expect(body.data.search.nodes[0]).toEqual({ node: { id: 'org:stanford' }, match: 'EXACT' });
  });
});
