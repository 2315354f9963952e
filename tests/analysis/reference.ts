// A plain in-memory reference of the analysis questions, written from docs/domain.md ("Gap semantics", "The queries
// a strategist runs" and "Evidence (version 2)") and the documented choices of schema/analysis.graphql, over an
// import document. No Cypher, no cleverness: loops over arrays. The property tests compare the API with it.
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../../src/domain/document.js';

/** Figures to 6 decimals, as the API gives them (100 − 74.2 is 25.8, not 25.799999999999997). */
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export type Prov = 'REPORTED' | 'ASSESSED' | 'ILLUSTRATIVE';
export type Status = 'ABSENT' | 'LAGGING' | 'FOLLOWING' | 'LEADING' | 'PRESENT' | 'UNKNOWN';
export type Tri = 'TRUE' | 'FALSE' | 'UNKNOWN';

/** The lens of a question (and the one argument of singleSourceRisks that is not in it). */
export interface Question {
  home: string;
  tau: number;
  minProvenance: Prov;
  /** Filters evidence only; default minProvenance (the stricter of the two applies to evidence). */
  minEvidence?: Prov;
  /** YYYY-MM-DD; default today (UTC). */
  asOf?: string;
  /** Asked through the lens input; false: through the deprecated separate arguments (no asOf, no minEvidence). */
  lens?: boolean;
  /** singleSourceRisks' concentration (default 90). */
  concentration?: number;
}

/** An evidence record as the tests compare it: `Capability:<organization id>` or `<type>:<id>`, and its provenance. */
export interface Ev {
  key: string;
  provenance: Prov;
}

export const HOPS = 10;
const RANK: Record<Prov, number> = { REPORTED: 0, ASSESSED: 1, ILLUSTRATIVE: 2 };
const PROV_OF_RANK: Prov[] = ['REPORTED', 'ASSESSED', 'ILLUSTRATIVE'];
export const DEFAULT_CONCENTRATION = 90;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The lowest provenance of some records; null without any. */
export function basisOf(evs: Array<{ provenance: Prov }>): Prov | null {
  return evs.length ? PROV_OF_RANK[Math.max(...evs.map((e) => RANK[e.provenance]))] : null;
}

interface Cap {
  org: NodeRecord;
  level: number;
  core: boolean;
  provenance: Prov;
}
interface Entry {
  share: NodeRecord;
  country: string;
  value: number | null;
  org: NodeRecord | null;
}

interface Figures {
  caps: Cap[];
  /** The latest assessment of each country counted under the lens. */
  nats: NodeRecord[];
  listing: NodeRecord | null;
  entries: Entry[];
  domesticBest: number | null;
  foreignBest: number | null;
  homeShare: number | null;
  hhi: number | null;
  status: Status;
  gap: number | null;
}

/** The graph as the question sees it: facts below the minimum provenance are gone. */
export class RefGraph {
  readonly nodes = new Map<string, NodeRecord>();
  readonly rels: RelationshipRecord[] = [];
  /** The day of the question. */
  readonly asOf: string;
  private readonly evidenceRank: number;
  private readonly memo = new Map<string, Figures>();
  private readonly downMemo = new Map<string, Set<string>>();

  constructor(
    readonly doc: GraphDocument,
    readonly q: Question,
  ) {
    const keep = (p: Prov) => RANK[p] <= RANK[q.minProvenance];
    this.asOf = q.asOf ?? today();
    this.evidenceRank = Math.min(RANK[q.minProvenance], RANK[q.minEvidence ?? q.minProvenance]);
    for (const [key, list] of Object.entries(doc)) {
      if (key === 'format' || key === 'relationships' || !Array.isArray(list)) continue;
      for (const n of list as NodeRecord[]) if (keep(n.provenance)) this.nodes.set(n.id, n);
    }
    // Parent references are relationships carrying the node's own provenance.
    const parents: Array<[string, string, string]> = [
      ['stages', 'sector', 'STAGE_OF'],
      ['budgetLines', 'program', 'FUNDS'],
      ['projects', 'program', 'UNDER'],
      ['reviews', 'project', 'REVIEWS'],
      ['centers', 'host', 'HOSTED_BY'],
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

  /** The same graph under another lens. */
  withLens(change: Partial<Question>): RefGraph {
    return new RefGraph(this.doc, { ...this.q, ...change });
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

  // --- The lens over evidence ------------------------------------------------------------------------------

  /** Evidence kept by minProvenance and minEvidence together. */
  evidenceKept(p: Prov): boolean {
    return RANK[p] <= this.evidenceRank;
  }

  /** A round or a year counts as its 31 December. */
  yearCounts(year: number): boolean {
    return `${year}-12-31` <= this.asOf;
  }

  private records(coll: 'assessments' | 'supplyListings' | 'supplyShares' | 'importDependences'): NodeRecord[] {
    return (this.doc[coll] ?? []).filter((n) => this.evidenceKept(n.provenance));
  }

  /** Capabilities counted: organization kept, record kept as evidence, dated on or before asOf (or undated). */
  caps(t: string): Cap[] {
    return this.in(t, 'HAS_CAPABILITY')
      .filter((r) => this.evidenceKept(r.provenance) && (r.asOf == null || (r.asOf as string) <= this.asOf))
      .map((r) => ({
        org: this.node(r.from),
        level: r.level as number,
        core: r.holdsCoreIp === true,
        provenance: r.provenance,
      }));
  }

  /** Of each country's assessments of t counted under the lens, the latest round (then the smallest id). */
  latestAssessments(t: string): NodeRecord[] {
    const byCountry = new Map<string, NodeRecord>();
    for (const a of this.records('assessments')) {
      if (a.technology !== t || !this.yearCounts(a.round as number)) continue;
      const had = byCountry.get(a.country as string);
      if (!had || (a.round as number) > (had.round as number) || (a.round === had.round && a.id < had.id))
        byCountry.set(a.country as string, a);
    }
    return [...byCountry.values()];
  }

  /** The latest listing of t under the lens: highest year, then a complete one, then the smallest id (`complete` only: complete ones). */
  latestListing(t: string, completeOnly = false): NodeRecord | null {
    const ls = this.records('supplyListings')
      .filter((l) => l.technology === t && this.yearCounts(l.year as number) && (!completeOnly || l.complete === true))
      .sort(
        (a, b) =>
          (b.year as number) - (a.year as number) ||
          Number(b.complete === true) - Number(a.complete === true) ||
          cmp(a.id, b.id),
      );
    return ls[0] ?? null;
  }

  /** A listing's shares kept as evidence (an organization's only when the organization is kept), with their country. */
  entries(listing: NodeRecord): Entry[] {
    return this.records('supplyShares')
      .filter((s) => s.listing === listing.id)
      .flatMap((s) => {
        const org = s.organization != null ? this.nodes.get(s.organization as string) : null;
        if (s.organization != null && !org) return [];
        return [
          {
            share: s,
            country: (org ? org.country : s.country) as string,
            value: (s.share as number | undefined) ?? null,
            org: org ?? null,
          },
        ];
      });
  }

  /** Each listed country's share: its own figure where the listing has one, else the sum of its organizations' figures. */
  countryShares(entries: Entry[]): Map<string, number | null> {
    const out = new Map<string, number | null>();
    for (const c of new Set(entries.map((e) => e.country))) {
      const own = entries.find((e) => !e.org && e.country === c);
      out.set(
        c,
        own ? own.value : entries.filter((e) => e.org && e.country === c).reduce((x, e) => x + (e.value ?? 0), 0),
      );
    }
    return out;
  }

  // --- Figures and status ----------------------------------------------------------------------------------

  figures(t: string): Figures {
    const had = this.memo.get(t);
    if (had) return had;
    const { home, tau } = this.q;
    const caps = this.caps(t);
    const nats = this.latestAssessments(t);
    const best = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
    const domesticBest = best([
      ...caps.filter((c) => c.org.country === home).map((c) => c.level),
      ...nats.filter((n) => n.country === home).map((n) => n.level as number),
    ]);
    const foreignBest = best([
      ...caps.filter((c) => c.org.country !== home).map((c) => c.level),
      ...nats.filter((n) => n.country !== home).map((n) => n.level as number),
    ]);
    const listing = this.latestListing(t);
    const entries = listing ? this.entries(listing) : [];
    const shares = this.countryShares(entries);
    const homeShare = listing ? (shares.get(home) ?? 0) : null;
    const hhi = listing ? [...shares.values()].reduce<number>((h, v) => h + (v ?? 0) ** 2, 0) : null;
    let status: Status;
    if (domesticBest !== null) status = domesticBest >= tau ? 'LEADING' : domesticBest >= 60 ? 'FOLLOWING' : 'LAGGING';
    // The home country supplies it: a share above 0, or an entry of its own without a number.
    else if ((homeShare ?? 0) > 0 || entries.some((e) => e.country === home && (e.value === null || e.value > 0)))
      status = 'PRESENT';
    else if (caps.length || nats.length || listing) status = 'ABSENT';
    else status = 'UNKNOWN';
    if (domesticBest !== null && domesticBest < Math.min(60, tau) !== (status === 'LAGGING'))
      throw new Error('LAGGING is below min(60, τ)');
    const gap =
      status === 'ABSENT' ? 100 : status === 'PRESENT' || status === 'UNKNOWN' ? null : round6(100 - domesticBest!);
    const f = { caps, nats, listing, entries, domesticBest, foreignBest, homeShare, hhi, status, gap };
    this.memo.set(t, f);
    return f;
  }

  domesticBest(t: string): number | null {
    return this.figures(t).domesticBest;
  }
  foreignBest(t: string): number | null {
    return this.figures(t).foreignBest;
  }
  status(t: string): Status {
    return this.figures(t).status;
  }
  gap(t: string): number | null {
    return this.figures(t).gap;
  }

  domesticLeaders(t: string): string[] {
    const best = this.domesticBest(t);
    return byNameThenId(
      this.caps(t)
        .filter((c) => c.org.country === this.q.home && c.level === best)
        .map((c) => c.org),
    );
  }

  foreignLeaders(t: string): string[] {
    const best = this.foreignBest(t);
    return byNameThenId(
      this.caps(t)
        .filter((c) => c.org.country !== this.q.home && c.level === best)
        .map((c) => c.org),
    );
  }

  /**
   * The records the figures rest on: for a rated technology those at domesticBest (home capabilities and the home
   * assessment); for ABSENT those that make it known (every capability counted, the latest assessments, the listing);
   * for PRESENT the listing and the home country's entries in it; nothing for UNKNOWN.
   */
  rowEvidence(t: string): Ev[] {
    const f = this.figures(t);
    const cap = (c: Cap): Ev => ({ key: `Capability:${c.org.id}`, provenance: c.provenance });
    const rec = (type: string, n: NodeRecord): Ev => ({ key: `${type}:${n.id}`, provenance: n.provenance });
    switch (f.status) {
      case 'ABSENT':
        return [
          ...f.caps.map(cap),
          ...f.nats.map((n) => rec('NationalAssessment', n)),
          ...(f.listing ? [rec('SupplyListing', f.listing)] : []),
        ];
      case 'PRESENT':
        return [
          rec('SupplyListing', f.listing!),
          ...f.entries.filter((e) => e.country === this.q.home).map((e) => rec('SupplyShare', e.share)),
        ];
      case 'UNKNOWN':
        return [];
      default:
        return [
          ...f.caps.filter((c) => c.org.country === this.q.home && c.level === f.domesticBest).map(cap),
          ...f.nats
            .filter((n) => n.country === this.q.home && n.level === f.domesticBest)
            .map((n) => rec('NationalAssessment', n)),
        ];
    }
  }

  /** What the tests compare of evidence: the keys, sorted (the contract fixes no order), and the basis. */
  basisAndEvidence(evs: Ev[]) {
    return { basis: basisOf(evs), evidence: evs.map((e) => e.key).sort(cmp) };
  }

  /** Technology.standing under the lens. */
  standing(t: string) {
    const f = this.figures(t);
    return {
      status: f.status,
      domesticBest: f.domesticBest,
      foreignBest: f.foreignBest,
      gap: f.gap,
      homeShare: f.homeShare,
      hhi: f.hhi,
      listingYear: (f.listing?.year as number | undefined) ?? null,
      ...this.basisAndEvidence(this.rowEvidence(t)),
    };
  }

  /** Technologies within `HOPS` hops along DEPENDS_ON (direction 'up' = inputs), t itself excluded. */
  reach(t: string, dir: 'up' | 'down'): Set<string> {
    const seen = new Set<string>();
    let frontier = [t];
    for (let hop = 1; hop <= HOPS && frontier.length; hop++) {
      const next: string[] = [];
      for (const x of frontier) {
        const edges =
          dir === 'up' ? this.out(x, 'DEPENDS_ON').map((r) => r.to) : this.in(x, 'DEPENDS_ON').map((r) => r.from);
        for (const y of edges)
          if (!seen.has(y)) {
            seen.add(y);
            next.push(y);
          }
      }
      frontier = next;
    }
    seen.delete(t);
    return seen;
  }

  upstream(t: string) {
    return this.reach(t, 'up');
  }
  downstream(t: string) {
    let d = this.downMemo.get(t);
    if (!d) this.downMemo.set(t, (d = this.reach(t, 'down')));
    return d;
  }

  /** Length of the longest DEPENDS_ON chain from t in a direction (the graph is acyclic). */
  longest(t: string, dir: 'up' | 'down', memo = new Map<string, number>()): number {
    const m = memo.get(t);
    if (m !== undefined) return m;
    const next =
      dir === 'up' ? this.out(t, 'DEPENDS_ON').map((r) => r.to) : this.in(t, 'DEPENDS_ON').map((r) => r.from);
    const v = next.length ? 1 + Math.max(...next.map((y) => this.longest(y, dir, memo))) : 0;
    memo.set(t, v);
    return v;
  }

  /** A chain longer than the bound starts (up) or ends (down) at t. */
  deep(t: string, dir: 'up' | 'down'): boolean {
    return this.longest(t, dir) > HOPS;
  }

  /** chokepointScore: null where gap is. */
  score(t: string): number | null {
    const g = this.gap(t);
    return g === null ? null : round6(g * (1 + this.downstream(t).size));
  }

  /** ABSENT, LAGGING and FOLLOWING are gaps; LEADING is not; PRESENT and UNKNOWN are unrated. */
  hasGap(t: string): boolean {
    return ['ABSENT', 'LAGGING', 'FOLLOWING'].includes(this.status(t));
  }

  unrated(t: string): boolean {
    return ['PRESENT', 'UNKNOWN'].includes(this.status(t));
  }

  /** Gap order: chokepointScore desc, gap desc, id asc. */
  gapOrder(ids: Iterable<string>): string[] {
    return [...ids]
      .filter((t) => this.hasGap(t))
      .sort((a, b) => this.score(b)! - this.score(a)! || this.gap(b)! - this.gap(a)! || cmp(a, b));
  }

  /** Unrated order: |downstream| desc, id asc. */
  unratedOrder(ids: Iterable<string>): string[] {
    return [...ids]
      .filter((t) => this.unrated(t))
      .sort((a, b) => this.downstream(b).size - this.downstream(a).size || cmp(a, b));
  }

  stages(t: string): string[] {
    return this.out(t, 'AT_STAGE')
      .map((r) => this.node(r.to))
      .sort((a, b) => (a.order as number) - (b.order as number) || cmp(a.id, b.id))
      .map((s) => s.id);
  }

  projects(t: string): string[] {
    return this.in(t, 'DEVELOPS')
      .map((r) => r.from)
      .sort(cmp);
  }

  gapRow(t: string, blocksIn: string | null) {
    const down = this.downstream(t);
    const blocks = [...down]
      .filter((d) => blocksIn === null || this.out(d, 'IN_SECTOR').some((r) => r.to === blocksIn))
      .sort(cmp);
    const f = this.figures(t);
    return {
      technology: t,
      stages: this.stages(t),
      status: f.status,
      domesticBest: f.domesticBest,
      foreignBest: f.foreignBest,
      gap: f.gap,
      homeShare: f.homeShare,
      hhi: f.hhi,
      ...this.basisAndEvidence(this.rowEvidence(t)),
      domesticLeaders: this.domesticLeaders(t),
      foreignLeaders: this.foreignLeaders(t),
      downstreamCount: down.size,
      blocks,
      chokepointScore: this.score(t),
      projects: this.projects(t),
      eligible: this.eligibility(t).eligible,
      depthLimitReached: this.deep(t, 'down'),
    };
  }

  /** A row of the unrated technologies (PRESENT, UNKNOWN): no gap figures; basis null for UNKNOWN. */
  unratedRow(t: string) {
    const f = this.figures(t);
    return {
      technology: t,
      stages: this.stages(t),
      status: f.status,
      homeShare: f.homeShare,
      hhi: f.hhi,
      ...this.basisAndEvidence(this.rowEvidence(t)),
      downstreamCount: this.downstream(t).size,
      projects: this.projects(t),
      depthLimitReached: this.deep(t, 'down'),
    };
  }

  /** The unrated rows among the candidates of a gap question, and their depth flag (`srcDeep`: the walk to them was cut). */
  unratedList(candidates: Iterable<string>, srcDeep: boolean) {
    const order = this.unratedOrder(candidates);
    return {
      rows: order.map((t) => this.unratedRow(t)),
      depthLimitReached: srcDeep || order.some((t) => this.deep(t, 'down')),
    };
  }

  // --- The queries ----------------------------------------------------------------------------------------

  sectorTechnologies(sector: string): string[] {
    return this.in(sector, 'IN_SECTOR').map((r) => r.from);
  }

  /** 1. Value-chain gaps of a sector: the rows with a gap, and the unrated rows of the same chain. */
  valueChainGaps(sector: string) {
    const own = this.sectorTechnologies(sector);
    const all = new Set(own);
    for (const t of own) for (const u of this.upstream(t)) all.add(u);
    const order = this.gapOrder(all);
    const srcDeep = own.some((t) => this.deep(t, 'up'));
    return {
      rows: order.map((t) => this.gapRow(t, sector)),
      depthLimitReached: srcDeep || order.some((t) => this.deep(t, 'down')),
      unrated: this.unratedList(all, srcDeep),
    };
  }

  /** 2. Chokepoint ranking (its unrated rows are the evidence backlog of the whole graph). */
  chokepointRanking() {
    const all = this.ofType('tech').map((t) => t.id);
    const order = this.gapOrder(all);
    return {
      rows: order.map((t) => this.gapRow(t, null)),
      depthLimitReached: order.some((t) => this.deep(t, 'down')),
      unrated: this.unratedList(all, false),
    };
  }

  /** The evidence backlog: the unrated technologies of a sector's chain, or of the whole graph. */
  evidenceBacklog(sector: string | null) {
    return sector === null ? this.chokepointRanking().unrated : this.valueChainGaps(sector).unrated;
  }

  /** 3. Partner candidates, and the providers listed without a level (suppliers). */
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
        cooperationCenters: this.centers(c.org.id),
        basis: c.provenance,
        evidence: [`Capability:${c.org.id}`],
      }));
    rows.sort(
      (a, b) =>
        Number(b.holdsCoreIp) - Number(a.holdsCoreIp) ||
        b.level - a.level ||
        b.sharedProjectCount - a.sharedProjectCount ||
        cmp(a.name, b.name) ||
        cmp(a.organization, b.organization),
    );
    return { status: this.status(t), domesticBest: best, rows, suppliers: this.suppliers(t) };
  }

  /**
   * The organizations not of the home country listed in the latest listing that have no counted level in t: by share
   * desc (no number last), then name, then id.
   */
  suppliers(t: string) {
    const f = this.figures(t);
    const rated = new Set(f.caps.map((c) => c.org.id));
    const rows = f.entries
      .filter((e) => e.org && e.country !== this.q.home && !rated.has(e.org.id))
      .map((e) => ({
        organization: e.org!.id,
        name: e.org!.name as string,
        share: e.value,
        listing: f.listing!.id,
        sharedProjectCount: this.sharedProjects(e.org!.id),
        hostsCooperationCenter: this.centers(e.org!.id).length > 0,
        basis: e.share.provenance,
        evidence: [`SupplyShare:${e.share.id}`],
      }));
    return rows.sort(
      (a, b) => (b.share ?? -1) - (a.share ?? -1) || cmp(a.name, b.name) || cmp(a.organization, b.organization),
    );
  }

  centers(org: string): string[] {
    return this.in(org, 'HOSTED_BY')
      .map((r) => this.node(r.from))
      .sort((a, b) => cmp(a.name as string, b.name as string) || cmp(a.id, b.id))
      .map((n) => n.id);
  }

  sharedProjects(org: string): number {
    const projects = this.out(org, 'PARTICIPATES_IN').map((r) => r.to);
    return new Set(
      projects.filter((p) => this.in(p, 'PARTICIPATES_IN').some((r) => this.node(r.from).country === this.q.home)),
    ).size;
  }

  /**
   * 4. Single-source risks: DOMESTIC_SINGLE_SOURCE (one home organization at ≥ τ); FOREIGN_CONCENTRATION (a gap, and
   * every holder at ≥ τ, organizations by their levels and countries by their latest assessments, is of one foreign
   * country); and, where not LEADING, SUPPLY_CONCENTRATION (one foreign country holds ≥ concentration % in the latest
   * complete listing; the largest, then the smallest country code) and IMPORT_DEPENDENCE (one exporter supplies
   * ≥ concentration % of the home country's imports in the latest year of its figures; the largest, then the
   * smallest exporter, then id). Ordered by downstream count desc, gap desc (none last), technology id, kind.
   */
  singleSourceRisks() {
    const { home, tau } = this.q;
    const concentration = this.q.concentration ?? DEFAULT_CONCENTRATION;
    const rows = [];
    for (const t of this.ofType('tech').map((n) => n.id)) {
      const f = this.figures(t);
      const strongCaps = f.caps
        .filter((c) => c.level >= tau)
        .sort((a, b) => cmp(a.org.name as string, b.org.name as string) || cmp(a.org.id, b.org.id));
      const strongNats = f.nats.filter((n) => (n.level as number) >= tau);
      const homeStrong = strongCaps.filter((c) => c.org.country === home);
      const countries = new Set([
        ...strongCaps.map((c) => c.org.country as string),
        ...strongNats.map((n) => n.country as string),
      ]);
      const capEv = (c: Cap): Ev => ({ key: `Capability:${c.org.id}`, provenance: c.provenance });
      const rec = (type: string, n: NodeRecord): Ev => ({ key: `${type}:${n.id}`, provenance: n.provenance });
      const found: Array<{
        kind: string;
        country: string;
        sources: string[];
        share: number | null;
        year: number | null;
        evs: Ev[];
      }> = [];
      if (homeStrong.length === 1) {
        found.push({
          kind: 'DOMESTIC_SINGLE_SOURCE',
          country: home,
          sources: [homeStrong[0].org.id],
          share: null,
          year: null,
          evs: [capEv(homeStrong[0])],
        });
      }
      if (this.hasGap(t) && countries.size === 1) {
        const [country] = countries;
        if (country === home) throw new Error('a gap with a home holder at ≥ τ');
        found.push({
          kind: 'FOREIGN_CONCENTRATION',
          country,
          sources: strongCaps.map((c) => c.org.id),
          share: null,
          year: null,
          evs: [...strongCaps.map(capEv), ...strongNats.map((n) => rec('NationalAssessment', n))],
        });
      }
      if (f.status !== 'LEADING') {
        const listing = this.latestListing(t, true);
        if (listing) {
          const entries = this.entries(listing);
          const over = [...this.countryShares(entries)]
            .filter(([c, v]) => c !== home && v !== null && v >= concentration)
            .sort(([ca, a], [cb, b]) => b! - a! || cmp(ca, cb));
          if (over.length) {
            const [country, share] = over[0];
            const mine = entries.filter((e) => e.country === country);
            found.push({
              kind: 'SUPPLY_CONCENTRATION',
              country,
              share,
              year: listing.year as number,
              sources: byNameThenId(mine.filter((e) => e.org).map((e) => e.org!)),
              evs: [rec('SupplyListing', listing), ...mine.map((e) => rec('SupplyShare', e.share))],
            });
          }
        }
        const imports = this.records('importDependences').filter(
          (d) => d.technology === t && d.importer === home && this.yearCounts(d.year as number),
        );
        const latest = Math.max(...imports.map((d) => d.year as number));
        const over = imports
          .filter((d) => d.year === latest && (d.share as number) >= concentration)
          .sort(
            (a, b) =>
              (b.share as number) - (a.share as number) ||
              cmp(a.exporter as string, b.exporter as string) ||
              cmp(a.id, b.id),
          );
        if (over.length) {
          found.push({
            kind: 'IMPORT_DEPENDENCE',
            country: over[0].exporter as string,
            share: over[0].share as number,
            year: latest,
            sources: [],
            evs: [rec('ImportDependence', over[0])],
          });
        }
      }
      for (const x of found) {
        rows.push({
          kind: x.kind,
          technology: t,
          sources: x.sources,
          country: x.country,
          share: x.share,
          year: x.year,
          status: f.status,
          domesticBest: f.domesticBest,
          gap: f.gap,
          ...this.basisAndEvidence(x.evs),
          downstreamCount: this.downstream(t).size,
          depthLimitReached: this.deep(t, 'down'),
        });
      }
    }
    rows.sort(
      (a, b) =>
        b.downstreamCount - a.downstreamCount ||
        (b.gap ?? -1) - (a.gap ?? -1) ||
        cmp(a.technology, b.technology) ||
        cmp(a.kind, b.kind),
    );
    return rows;
  }

  /** 5. Joint-R&D eligibility (the core-IP holders among the capabilities counted under the lens). */
  eligibility(t: string) {
    const n = this.node(t);
    const years = n.domesticYearsToDevelop as number | undefined;
    const core = this.caps(t)
      .filter((c) => c.org.country !== this.q.home && c.core)
      .sort((a, b) => cmp(a.org.name as string, b.org.name as string) || cmp(a.org.id, b.org.id));
    const holders = core.map((c) => c.org.id);
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

  /** The basis and evidence of an eligibility answer: the technology's own fields and the foreign core-IP capabilities. */
  eligibilityBasis(t: string) {
    const core = this.caps(t).filter((c) => c.org.country !== this.q.home && c.core);
    return {
      basis: basisOf([this.node(t) as { provenance: Prov }, ...core]),
      evidence: core.map((c) => `Capability:${c.org.id}`).sort(cmp),
    };
  }

  /** 6. Uncovered targets of a program. */
  uncoveredTargets(program: string) {
    const covered = new Set<string>();
    for (const u of this.in(program, 'UNDER')) {
      const p = this.node(u.from);
      if (p.status === 'PLANNED' || p.status === 'ACTIVE')
        for (const d of this.out(p.id, 'DEVELOPS')) covered.add(d.to);
    }
    const targets = new Set(
      this.out(program, 'TARGETS')
        .map((r) => r.to)
        .filter((t) => !covered.has(t)),
    );
    const order = this.gapOrder(targets);
    return {
      rows: order.map((t) => this.gapRow(t, null)),
      depthLimitReached: order.some((t) => this.deep(t, 'down')),
      unrated: this.unratedList(targets, false),
    };
  }

  /** 7. A company's exposure: gap technologies upstream of its roots, with the fewest hops from a root. */
  exposure(org: string) {
    const roots = [...new Set([...this.out(org, 'RELIES_ON'), ...this.out(org, 'HAS_CAPABILITY')].map((r) => r.to))];
    const all = new Set<string>();
    for (const r of roots) for (const u of this.upstream(r)) all.add(u);
    const order = this.gapOrder(all);
    return {
      roots,
      rows: order.map((t) => ({
        ...this.gapRow(t, null),
        hops: Math.min(...roots.filter((r) => r !== t).map((r) => this.distance(r, t))),
      })),
      depthLimitReached: roots.some((r) => this.deep(r, 'up')) || order.some((t) => this.deep(t, 'down')),
    };
  }

  /** Fewest DEPENDS_ON hops from a to b (at least 1, at most HOPS; Infinity where none). */
  distance(a: string, b: string): number {
    let frontier = [a];
    const seen = new Set([a]);
    for (let hop = 1; hop <= HOPS && frontier.length; hop++) {
      const next: string[] = [];
      for (const x of frontier)
        for (const r of this.out(x, 'DEPENDS_ON')) {
          if (r.to === b) return hop;
          if (!seen.has(r.to)) {
            seen.add(r.to);
            next.push(r.to);
          }
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

  /** 8. Review compliance: the window is (asOf − 12 months, asOf]; the same day is the lens's (gap technologies). */
  reviewCompliance(asOf: string): ReturnType<RefGraph['reviewRows']> {
    return asOf === this.asOf ? this.reviewRows(asOf) : this.withLens({ asOf }).reviewRows(asOf);
  }

  private reviewRows(asOf: string) {
    const start = windowStart(asOf);
    const rows = this.ofType('project')
      .filter((p) => p.status === 'ACTIVE')
      .map((p) => {
        const reviews = this.in(p.id, 'REVIEWS').map((r) => this.node(r.from));
        const inWindow = reviews
          .filter((r) => (r.date as string) >= start && (r.date as string) <= asOf)
          .sort((a, b) => cmp(a.date as string, b.date as string) || cmp(a.id, b.id));
        const past = reviews
          .map((r) => r.date as string)
          .filter((d) => d <= asOf)
          .sort();
        const gapTechnologies = this.out(p.id, 'DEVELOPS')
          .map((r) => r.to)
          .filter((t) => this.hasGap(t))
          .sort(cmp);
        return {
          project: p.id,
          reviewCount: inWindow.length,
          reviews: inWindow.map((r) => r.id),
          lastReviewDate: past.at(-1) ?? null,
          gapTechnologies,
        };
      })
      .filter((r) => r.reviewCount < 2);
    rows.sort((a, b) => a.reviewCount - b.reviewCount || cmp(a.project, b.project));
    return { windowStart: start, windowEnd: asOf, rows };
  }

  /** 9. Budget summary. */
  budgetSummary(program: string) {
    const lines = this.in(program, 'FUNDS')
      .map((r) => this.node(r.from))
      .sort(
        (a, b) =>
          (a.fromYear as number) - (b.fromYear as number) ||
          (a.toYear as number) - (b.toYear as number) ||
          cmp(a.id, b.id),
      );
    const span = (b: NodeRecord) => (b.toYear as number) - (b.fromYear as number);
    const inside = (b: NodeRecord) =>
      lines.some(
        (o) =>
          (o.fromYear as number) <= (b.fromYear as number) &&
          (o.toYear as number) >= (b.toYear as number) &&
          span(o) > span(b),
      );
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
        .map((s) => ({ status: s, count: projects.filter((p) => p.status === s).length }))
        .filter((x) => x.count > 0),
      projectBudgetKrw: projects.reduce((s, p) => s + ((p.budgetKrw as number | undefined) ?? 0), 0),
      targetedTechnologyCount: new Set(this.out(program, 'TARGETS').map((r) => r.to)).size,
      targetedTechnologiesWithGap: new Set(
        this.out(program, 'TARGETS')
          .map((r) => r.to)
          .filter((t) => this.hasGap(t)),
      ).size,
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
    .sort((a, b) => cmp(a.name as string, b.name as string) || cmp(a.id, b.id))
    .map((o) => o.id);
}
