// The panel's evidence, shaped for drawing (pure functions, no DOM): a supply listing's shares as bars, national
// assessment rounds as one series per country, and which records the lens leaves out. None of this decides a
// status: the status and figures come from the server (Technology.standing); these only lay out the records.
import { keeps, type Params, type Provenance } from './model.js';

export interface ShareInput {
  id: string;
  country?: string | null;
  share: number | null;
  note?: string | null;
  provenance: Provenance;
  organization?: { id: string; name: string; nameKo?: string | null; country: string } | null;
}

export interface ShareBar<S extends ShareInput = ShareInput> {
  record: S;
  /** A country's share, or an organization's entry. */
  kind: 'country' | 'organization';
  label: string;
  /** The country the entry belongs to (an organization's country for its entry). */
  country: string | null;
  share: number | null;
  /** Bar width in percent of the track (0–100); null for an entry listed without a number. */
  width: number | null;
  /** The entry is the home country's, or a home organization's. */
  home: boolean;
}

/**
 * A listing's entries as bars: countries first, then organizations, each in the server's order (largest share first,
 * those without a number last). A share is drawn on a 0–100 % track, so bars of different listings compare.
 */
export function shareBars<S extends ShareInput>(shares: S[], home: string): ShareBar<S>[] {
  const bar = (s: S): ShareBar<S> => {
    const org = s.organization ?? null;
    const country = org ? org.country : (s.country ?? null);
    return {
      record: s,
      kind: org ? 'organization' : 'country',
      label: org ? org.name : (s.country ?? '?'),
      country,
      share: s.share,
      width: s.share == null ? null : Math.max(0, Math.min(100, s.share)),
      home: country === home,
    };
  };
  const bars = shares.map(bar);
  return [...bars.filter((b) => b.kind === 'country'), ...bars.filter((b) => b.kind === 'organization')];
}

/** The listing the figures rest on (the year the server counted), else the newest one, with whether it counts. */
export function listingShown<L extends { year: number; provenance: Provenance }>(
  listings: L[],
  listingYear: number | null,
  p: Params,
): { listing: L | null; counted: boolean } {
  if (listingYear != null) {
    const counted = listings.find((l) => l.year === listingYear && keeps(evidenceFloorOf(p), l.provenance));
    if (counted) return { listing: counted, counted: true };
  }
  return { listing: listings[0] ?? null, counted: false };
}

function evidenceFloorOf(p: Params): Provenance {
  return p.minEvidence ?? p.minProvenance;
}

/** True when a record dated `year` (as 31 December of it) or `date` lies after the lens's asOf. */
export function afterAsOf(asOf: string | null, when: { year?: number | null; date?: string | null }): boolean {
  if (!asOf) return false;
  const day = when.date ?? (when.year != null ? `${when.year}-12-31` : null);
  return day != null && day > asOf;
}

/** True when the lens's evidence filter leaves a record of this provenance out. */
export function belowEvidenceFloor(p: Params, provenance: Provenance): boolean {
  return !keeps(evidenceFloorOf(p), provenance);
}

export interface AssessmentInput {
  id: string;
  country: string;
  level: number;
  round: number;
  provenance: Provenance;
}

export interface Series<A extends AssessmentInput = AssessmentInput> {
  country: string;
  home: boolean;
  /** Its rounds, oldest first. */
  points: A[];
}

/** National assessment rounds as one series per country: the home country first, then by country code. */
export function assessmentSeries<A extends AssessmentInput>(assessments: A[], home: string): Series<A>[] {
  const by = new Map<string, A[]>();
  for (const a of assessments) (by.get(a.country) ?? by.set(a.country, []).get(a.country)!).push(a);
  return [...by.entries()]
    .map(([country, points]) => ({
      country,
      home: country === home,
      points: [...points].sort((x, y) => x.round - y.round || x.id.localeCompare(y.id)),
    }))
    .sort((a, b) => Number(b.home) - Number(a.home) || a.country.localeCompare(b.country));
}

export interface TrendGeometry {
  width: number;
  height: number;
  /** The rounds on the x axis, oldest first. */
  rounds: number[];
  x(round: number): number;
  /** Level 0–100 → y (100 at the top). */
  y(level: number): number;
}

/** A small chart's scales: rounds spread over the width, level 0–100 over the height, with room for labels. */
export function trendGeometry(
  series: Series[],
  width = 360,
  height = 132,
  pad = { left: 30, right: 34, top: 10, bottom: 22 },
): TrendGeometry {
  const rounds = [...new Set(series.flatMap((s) => s.points.map((p) => p.round)))].sort((a, b) => a - b);
  const lo = rounds[0] ?? 0;
  const hi = rounds[rounds.length - 1] ?? 0;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  return {
    width,
    height,
    rounds,
    x: (round) => (hi === lo ? pad.left + innerW / 2 : pad.left + ((round - lo) / (hi - lo)) * innerW),
    y: (level) => pad.top + (1 - Math.max(0, Math.min(100, level)) / 100) * innerH,
  };
}

/**
 * The y of each series' label at its last point, pushed apart so that labels ending near each other (KR 70 and JP 75)
 * do not overlap: sorted by y, each at least `gap` below the one above, then the whole run moved back up if it leaves
 * the chart.
 */
export function endLabels(series: Series[], g: TrendGeometry, gap = 11): number[] {
  const ys = series.map((s) => g.y(s.points[s.points.length - 1].level));
  const order = ys.map((y, i) => i).sort((a, b) => ys[a] - ys[b] || a - b);
  const out = [...ys];
  for (let k = 1; k < order.length; k++) out[order[k]] = Math.max(out[order[k]], out[order[k - 1]] + gap);
  const overflow = order.length ? out[order[order.length - 1]] - (g.height - 4) : 0;
  if (overflow > 0) for (const i of order) out[i] -= overflow;
  return out;
}

/** The SVG polyline points of a series. */
export function polyline(s: Series, g: TrendGeometry): string {
  return s.points.map((p) => `${round1(g.x(p.round))},${round1(g.y(p.level))}`).join(' ');
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

const RANK: Record<Provenance, number> = { REPORTED: 3, ASSESSED: 2, ILLUSTRATIVE: 1 };

/** The lowest of some provenances, null for none. */
export function lowest(ps: Provenance[]): Provenance | null {
  return ps.length ? ps.reduce((a, b) => (RANK[b] < RANK[a] ? b : a)) : null;
}

/**
 * Which records the server's foreignBest rests on, for its marker: the foreign capability levels and the latest foreign
 * national assessments under the lens that equal it; their lowest provenance (null when none is shown here).
 */
export function foreignBasis(
  foreignBest: number | null,
  caps: Array<{ level: number; asOf?: string | null; provenance: Provenance; organization: { country: string } }>,
  assessments: Array<AssessmentInput>,
  p: Params,
): Provenance | null {
  if (foreignBest == null) return null;
  const kept = <T extends { provenance: Provenance }>(r: T) => !belowEvidenceFloor(p, r.provenance);
  const fromCaps = caps.filter(
    (c) =>
      kept(c) &&
      c.organization.country !== p.homeCountry &&
      !afterAsOf(p.asOf, { date: c.asOf }) &&
      c.level === foreignBest,
  );
  const latest = new Map<string, AssessmentInput>();
  for (const a of assessments) {
    if (a.country === p.homeCountry || !kept(a) || afterAsOf(p.asOf, { year: a.round })) continue;
    const prev = latest.get(a.country);
    if (!prev || a.round > prev.round) latest.set(a.country, a);
  }
  const fromRounds = [...latest.values()].filter((a) => a.level === foreignBest);
  return lowest([...fromCaps, ...fromRounds].map((r) => r.provenance));
}
