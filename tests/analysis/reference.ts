// A plain in-memory reference of the analysis questions, written from docs/domain.md ("Gap semantics" and
// "The queries a strategist runs") and the documented choices of schema/analysis.graphql, over an import
// document. No Cypher, no cleverness: loops over arrays. The property tests compare the API with it.
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../../src/import/document.js';

export type Prov = 'REPORTED' | 'ASSESSED' | 'ILLUSTRATIVE';
export type Status = 'ABSENT' | 'LAGGING' | 'FOLLOWING' | 'LEADING';
export type Tri = 'TRUE' | 'FALSE' | 'UNKNOWN';

export interface Question {
  home: string;
  tau: number;
  minProvenance: Prov;
}

export const HOPS = 10;
const RANK: Record<Prov, number> = { REPORTED: 0, ASSESSED: 1, ILLUSTRATIVE: 2 };

/** The graph as the question sees it: facts below the minimum provenance are gone. */
export class RefGraph {
  readonly nodes = new Map<string, NodeRecord>();
  readonly rels: RelationshipRecord[] = [];

  constructor(doc: GraphDocument, readonly q: Question) {
    const keep = (p: Prov) => RANK[p] <= RANK[q.minProvenance];
    for (const [key, list] of Object.entries(doc)) {
      if (key === 'format' || key === 'relationships' || !Array.isArray(list)) continue;
      for (const n of list as NodeRecord[]) if (keep(n.provenance)) this.nodes.set(n.id, n);
    }
    // Parent references are relationships carrying the node's own provenance.
    const parents: Array<[string, string, string]> = [
      ['stages', 'sector', 'STAGE_OF'], ['budgetLines', 'program', 'FUNDS'], ['projects', 'program', 'UNDER'],
      ['reviews', 'project', 'REVIEWS'], ['centers', 'host', 'HOSTED_BY'],
    ];
    for (const [coll, field, type] of parents) {
      for (const n of ((doc as Record<string, unknown>)[coll] as NodeRecord[] | undefined) ?? []) {
        if (n[field] != null && this.nodes.has(n.id) && this.nodes.has(n[field] as string)) {
          this.rels.push({ type, from: n.id, to: n[field] as string, provenance: n.provenance, sources: [] });
        }
      }
    }
    for (const r of doc.relationships ?? []) {
      if (keep(r.provenance) && this.nodes.has(r.from) && this.nodes.has(r.to)) this.rels.push(r);
    }
  }

  ofType(prefix: string): NodeRecord[] {
    return [...this.nodes.values()].filter((n) => n.id.startsWith(`${prefix}:`));
  }

  out(id: string, type: string): RelationshipRecord[] {
    return this.rels.filter((r) => r.type === type && r.from === id);
  }

  in(id: string, type: string): RelationshipRecord[] {
    return this.rels.filter((r) => r.type === type && r.to === id);
  }

  node(id: string): NodeRecord {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }

  // --- Gap semantics -----------------------------------------------------------------------------------

  caps(t: string) {
    return this.in(t, 'HAS_CAPABILITY').map((r) => ({ org: this.node(r.from), level: r.level as number, core: r.holdsCoreIp === true }));
  }

  domesticBest(t: string): number | null {
    const ls = this.caps(t).filter((c) => c.org.country === this.q.home).map((c) => c.level);
    return ls.length ? Math.max(...ls) : null;
  }

  foreignBest(t: string): number | null {
    const ls = this.caps(t).filter((c) => c.org.country !== this.q.home).map((c) => c.level);
    return ls.length ? Math.max(...ls) : null;
  }

  domesticLeaders(t: string): string[] {
    const best = this.domesticBest(t);
    return byNameThenId(this.caps(t).filter((c) => c.org.country === this.q.home && c.level === best).map((c) => c.org));
  }

  foreignLeaders(t: string): string[] {
    const best = this.foreignBest(t);
    return byNameThenId(this.caps(t).filter((c) => c.org.country !== this.q.home && c.level === best).map((c) => c.org));
  }

  status(t: string): Status {
    const d = this.domesticBest(t);
    if (d === null) return 'ABSENT';
    if (d >= this.q.tau) return 'LEADING';
    if (d >= 60 && d < this.q.tau) return 'FOLLOWING';
    if (d < Math.min(60, this.q.tau)) return 'LAGGING';
    throw new Error('unreachable');
  }

  gap(t: string): number {
    const d = this.domesticBest(t);
    return d === null ? 100 : 100 - d;
  }

  /** Technologies within `HOPS` hops along DEPENDS_ON (direction 'up' = inputs), t itself excluded. */
  reach(t: string, dir: 'up' | 'down'): Set<string> {
    const seen = new Set<string>();
    let frontier = [t];
    for (let hop = 1; hop <= HOPS && frontier.length; hop++) {
      const next: string[] = [];
      for (const x of frontier) {
        const edges = dir === 'up' ? this.out(x, 'DEPENDS_ON').map((r) => r.to) : this.in(x, 'DEPENDS_ON').map((r) => r.from);
        for (const y of edges) if (!seen.has(y)) { seen.add(y); next.push(y); }
      }
      frontier = next;
    }
    seen.delete(t);
    return seen;
  }

  upstream(t: string) { return this.reach(t, 'up'); }
  downstream(t: string) { return this.reach(t, 'down'); }

  /** Length of the longest DEPENDS_ON chain from t in a direction (the graph is acyclic). */
  longest(t: string, dir: 'up' | 'down', memo = new Map<string, number>()): number {
    const m = memo.get(t);
    if (m !== undefined) return m;
    const next = dir === 'up' ? this.out(t, 'DEPENDS_ON').map((r) => r.to) : this.in(t, 'DEPENDS_ON').map((r) => r.from);
    const v = next.length ? 1 + Math.max(...next.map((y) => this.longest(y, dir, memo))) : 0;
    memo.set(t, v);
    return v;
  }

  /** A chain longer than the bound starts (up) or ends (down) at t. */
  deep(t: string, dir: 'up' | 'down'): boolean {
    return this.longest(t, dir) > HOPS;
  }

  score(t: string): number {
    return this.gap(t) * (1 + this.downstream(t).size);
  }

  hasGap(t: string): boolean {
    return this.status(t) !== 'LEADING';
  }

  /** Gap order: chokepointScore desc, gap desc, id asc. */
  gapOrder(ids: Iterable<string>): string[] {
    return [...ids].filter((t) => this.hasGap(t)).sort((a, b) =>
      this.score(b) - this.score(a) || this.gap(b) - this.gap(a) || cmp(a, b));
  }

  gapRow(t: string, blocksIn: string | null) {
    const down = this.downstream(t);
    const blocks = [...down].filter((d) => blocksIn === null || this.out(d, 'IN_SECTOR').some((r) => r.to === blocksIn)).sort(cmp);
    const stages = this.out(t, 'AT_STAGE').map((r) => this.node(r.to))
      .sort((a, b) => (a.order as number) - (b.order as number) || cmp(a.id, b.id)).map((s) => s.id);
    return {
      technology: t,
      stages,
      status: this.status(t),
      domesticBest: this.domesticBest(t),
      foreignBest: this.foreignBest(t),
      gap: this.gap(t),
      domesticLeaders: this.domesticLeaders(t),
      foreignLeaders: this.foreignLeaders(t),
      downstreamCount: down.size,
      blocks,
      chokepointScore: this.score(t),
      projects: this.in(t, 'DEVELOPS').map((r) => r.from).sort(cmp),
      eligible: this.eligibility(t).eligible,
      depthLimitReached: this.deep(t, 'down'),
    };
  }

  // --- The queries ----------------------------------------------------------------------------------------

  sectorTechnologies(sector: string): string[] {
    return this.in(sector, 'IN_SECTOR').map((r) => r.from);
  }

  /** 1. Value-chain gaps of a sector. */
  valueChainGaps(sector: string) {
    const own = this.sectorTechnologies(sector);
    const all = new Set(own);
    for (const t of own) for (const u of this.upstream(t)) all.add(u);
    const order = this.gapOrder(all);
    return {
      rows: order.map((t) => this.gapRow(t, sector)),
      depthLimitReached: own.some((t) => this.deep(t, 'up')) || order.some((t) => this.deep(t, 'down')),
    };
  }

  /** 2. Chokepoint ranking. */
  chokepointRanking() {
    const order = this.gapOrder(this.ofType('tech').map((t) => t.id));
    return { rows: order.map((t) => this.gapRow(t, null)), depthLimitReached: order.some((t) => this.deep(t, 'down')) };
  }

  /** 3. Partner candidates. */
  partnerCandidates(t: string) {
    const best = this.domesticBest(t);
    const rows = this.caps(t)
      .filter((c) => c.org.country !== this.q.home && (best === null || c.level > best))
      .map((c) => ({
        organization: c.org.id,
        name: c.org.name as string,
        level: c.level,
        holdsCoreIp: c.core,
        sharedProjectCount: this.sharedProjects(c.org.id),
        cooperationCenters: this.in(c.org.id, 'HOSTED_BY').map((r) => this.node(r.from))
          .sort((a, b) => cmp(a.name as string, b.name as string) || cmp(a.id, b.id)).map((n) => n.id),
      }));
    rows.sort((a, b) => Number(b.holdsCoreIp) - Number(a.holdsCoreIp) || b.level - a.level
      || b.sharedProjectCount - a.sharedProjectCount || cmp(a.name, b.name) || cmp(a.organization, b.organization));
    return { status: this.status(t), domesticBest: best, rows };
  }

  sharedProjects(org: string): number {
    const projects = this.out(org, 'PARTICIPATES_IN').map((r) => r.to);
    return new Set(projects.filter((p) => this.in(p, 'PARTICIPATES_IN')
      .some((r) => this.node(r.from).country === this.q.home))).size;
  }

  /** 4. Single-source risks. */
  singleSourceRisks() {
    const rows = [];
    for (const t of this.ofType('tech').map((n) => n.id)) {
      const strong = this.caps(t).filter((c) => c.level >= this.q.tau).map((c) => c.org);
      const homeStrong = strong.filter((o) => o.country === this.q.home);
      const countries = new Set(strong.map((o) => o.country));
      let kind: string | null = null;
      let sources: NodeRecord[] = [];
      if (homeStrong.length === 1) { kind = 'DOMESTIC_SINGLE_SOURCE'; sources = homeStrong; }
      else if (this.hasGap(t) && countries.size === 1 && !countries.has(this.q.home)) { kind = 'FOREIGN_CONCENTRATION'; sources = strong; }
      if (!kind) continue;
      rows.push({
        kind, technology: t, sources: byNameThenId(sources), country: sources[0].country as string,
        status: this.status(t), gap: this.gap(t), downstreamCount: this.downstream(t).size, depthLimitReached: this.deep(t, 'down'),
      });
    }
    rows.sort((a, b) => b.downstreamCount - a.downstreamCount || b.gap - a.gap || cmp(a.technology, b.technology));
    return rows;
  }

  /** 5. Joint-R&D eligibility. */
  eligibility(t: string) {
    const n = this.node(t);
    const years = n.domesticYearsToDevelop as number | undefined;
    const holders = byNameThenId(this.caps(t).filter((c) => c.org.country !== this.q.home && c.core).map((c) => c.org));
    let c1: Tri = 'UNKNOWN';
    if ((years != null && years > 3) || holders.length > 0) c1 = 'TRUE';
    else if (years != null && years <= 3 && holders.length === 0) c1 = 'FALSE';
    const time = n.coopTimeSavingYears as number | undefined;
    const cost = n.coopCostSavingPct as number | undefined;
    const c2: Tri = time == null || cost == null ? 'UNKNOWN' : time >= 1 && cost >= 50 ? 'TRUE' : 'FALSE';
    const cert = n.needsOverseasCertification as boolean | undefined;
    const c3: Tri = cert == null ? 'UNKNOWN' : cert ? 'TRUE' : 'FALSE';
    const all = [c1, c2, c3];
    const eligible: Tri = all.includes('TRUE') ? 'TRUE' : all.every((c) => c === 'FALSE') ? 'FALSE' : 'UNKNOWN';
    return { eligible, c1, c2, c3, foreignCoreIpHolders: holders };
  }

  /** 6. Uncovered targets of a program. */
  uncoveredTargets(program: string) {
    const covered = new Set<string>();
    for (const u of this.in(program, 'UNDER')) {
      const p = this.node(u.from);
      if (p.status === 'PLANNED' || p.status === 'ACTIVE') for (const d of this.out(p.id, 'DEVELOPS')) covered.add(d.to);
    }
    const targets = this.out(program, 'TARGETS').map((r) => r.to).filter((t) => !covered.has(t));
    const order = this.gapOrder(new Set(targets));
    return { rows: order.map((t) => this.gapRow(t, null)), depthLimitReached: order.some((t) => this.deep(t, 'down')) };
  }

  /** 7. A company's exposure: gap technologies upstream of its roots, with the fewest hops from a root. */
  exposure(org: string) {
    const roots = [...new Set([...this.out(org, 'RELIES_ON'), ...this.out(org, 'HAS_CAPABILITY')].map((r) => r.to))];
    const all = new Set<string>();
    for (const r of roots) for (const u of this.upstream(r)) all.add(u);
    const order = this.gapOrder(all);
    return {
      roots,
      rows: order.map((t) => ({ ...this.gapRow(t, null), hops: Math.min(...roots.filter((r) => r !== t).map((r) => this.distance(r, t))) })),
      depthLimitReached: roots.some((r) => this.deep(r, 'up')) || order.some((t) => this.deep(t, 'down')),
    };
  }

  /** Fewest DEPENDS_ON hops from a to b (at least 1, at most HOPS; Infinity where none). */
  distance(a: string, b: string): number {
    let frontier = [a];
    const seen = new Set([a]);
    for (let hop = 1; hop <= HOPS && frontier.length; hop++) {
      const next: string[] = [];
      for (const x of frontier) for (const r of this.out(x, 'DEPENDS_ON')) {
        if (r.to === b) return hop;
        if (!seen.has(r.to)) { seen.add(r.to); next.push(r.to); }
      }
      frontier = next;
    }
    return Infinity;
  }

  /**
   * The exposure evidence for t: of every kept DEPENDS_ON path of 1..HOPS hops from a root other than t to t, the
   * one of fewest hops, then of smallest id list (compared id by id). Enumerates paths: small graphs only.
   */
  evidence(roots: string[], t: string): string[] | null {
    let best: string[] | null = null;
    const smaller = (p: string[], q: string[]) => {
      if (p.length !== q.length) return p.length < q.length;
      for (let k = 0; k < p.length; k++) if (p[k] !== q[k]) return cmp(p[k], q[k]) < 0;
      return false;
    };
    const visit = (path: string[]) => {
      const last = path[path.length - 1];
      if (last === t && path.length > 1) {
        if (!best || smaller(path, best)) best = [...path];
        return;
      }
      if (path.length > HOPS) return;
      for (const r of this.out(last, 'DEPENDS_ON')) visit([...path, r.to]);
    };
    for (const root of roots) if (root !== t) visit([root]);
    return best;
  }

  hasEdge(type: string, from: string, to: string): boolean {
    return this.rels.some((r) => r.type === type && r.from === from && r.to === to);
  }

  /** 8. Review compliance: the window is (asOf − 12 months, asOf]. */
  reviewCompliance(asOf: string) {
    const start = windowStart(asOf);
    const rows = this.ofType('project').filter((p) => p.status === 'ACTIVE').map((p) => {
      const reviews = this.in(p.id, 'REVIEWS').map((r) => this.node(r.from));
      const inWindow = reviews.filter((r) => (r.date as string) >= start && (r.date as string) <= asOf)
        .sort((a, b) => cmp(a.date as string, b.date as string) || cmp(a.id, b.id));
      const past = reviews.map((r) => r.date as string).filter((d) => d <= asOf).sort();
      const gapTechnologies = this.out(p.id, 'DEVELOPS').map((r) => r.to).filter((t) => this.hasGap(t)).sort(cmp);
      return { project: p.id, reviewCount: inWindow.length, reviews: inWindow.map((r) => r.id), lastReviewDate: past.at(-1) ?? null, gapTechnologies };
    }).filter((r) => r.reviewCount < 2);
    rows.sort((a, b) => a.reviewCount - b.reviewCount || cmp(a.project, b.project));
    return { windowStart: start, windowEnd: asOf, rows };
  }

  /** 9. Budget summary. */
  budgetSummary(program: string) {
    const lines = this.in(program, 'FUNDS').map((r) => this.node(r.from))
      .sort((a, b) => (a.fromYear as number) - (b.fromYear as number) || (a.toYear as number) - (b.toYear as number) || cmp(a.id, b.id));
    const span = (b: NodeRecord) => (b.toYear as number) - (b.fromYear as number);
    const inside = (b: NodeRecord) => lines.some((o) => (o.fromYear as number) <= (b.fromYear as number)
      && (o.toYear as number) >= (b.toYear as number) && span(o) > span(b));
    const maxOf = (xs: Array<number | undefined>) => {
      const v = xs.filter((x): x is number => x != null);
      return v.length ? Math.max(...v) : null;
    };
    const projects = this.in(program, 'UNDER').map((r) => this.node(r.from));
    const developed = new Set(projects.flatMap((p) => this.out(p.id, 'DEVELOPS').map((r) => r.to)));
    return {
      budgetLines: lines.map((b) => b.id),
      fromYear: lines.length ? Math.min(...lines.map((b) => b.fromYear as number)) : null,
      toYear: lines.length ? Math.max(...lines.map((b) => b.toYear as number)) : null,
      totalAmountKrw: lines.filter((b) => !inside(b)).reduce((s, b) => s + (b.amountKrw as number), 0),
      statedProjectCount: maxOf(lines.map((b) => b.projectCount as number | undefined)),
      statedTechnologyCount: maxOf(lines.map((b) => b.technologyCount as number | undefined)),
      projectCount: projects.length,
      projectsByStatus: ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED']
        .map((s) => ({ status: s, count: projects.filter((p) => p.status === s).length })).filter((x) => x.count > 0),
      projectBudgetKrw: projects.reduce((s, p) => s + ((p.budgetKrw as number | undefined) ?? 0), 0),
      targetedTechnologyCount: new Set(this.out(program, 'TARGETS').map((r) => r.to)).size,
      targetedTechnologiesWithGap: new Set(this.out(program, 'TARGETS').map((r) => r.to).filter((t) => this.hasGap(t))).size,
      developedTechnologyCount: developed.size,
    };
  }

  /** 10. Search: what the substring test must find, and the tier of each (the index may add WORDS hits). */
  searchSubstring(text: string, kinds = ['tech', 'org', 'sector', 'person']) {
    const lower = text.trim().toLowerCase();
    const hits = [];
    for (const n of this.nodes.values()) {
      if (!kinds.includes(n.id.split(':')[0])) continue;
      const names = [n.name as string, (n.nameKo as string | undefined) ?? ''];
      if (names.some((x) => x.trim().toLowerCase() === lower)) hits.push({ id: n.id, match: 'EXACT' });
      else if (names.some((x) => x.toLowerCase().includes(lower))) hits.push({ id: n.id, match: 'SUBSTRING' });
    }
    return hits;
  }
}

/** First day of the twelve months up to asOf: the day after asOf minus 12 calendar months (day clamped). */
export function windowStart(asOf: string): string {
  const [y, m, d] = asOf.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  const back = new Date(Date.UTC(y - 1, m - 1, Math.min(d, lastDay)));
  back.setUTCDate(back.getUTCDate() + 1);
  return back.toISOString().slice(0, 10);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNameThenId(orgs: NodeRecord[]): string[] {
  return [...new Map(orgs.map((o) => [o.id, o])).values()]
    .sort((a, b) => cmp(a.name as string, b.name as string) || cmp(a.id, b.id)).map((o) => o.id);
}
