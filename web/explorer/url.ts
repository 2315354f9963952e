// The view in the page's URL (?sector= or ?org=, the lens, ?tech=), so that a view can be shared: read once at
// start, written back whenever it changes. Values that do not parse fall back to the defaults.
import type { Params, Provenance } from './model.js';

/** Which view is shown: a sector's value chain, or an organization's exposure. */
export type ViewKey = { kind: 'chain'; id: string } | { kind: 'exposure'; id: string };

const PROVENANCES = ['REPORTED', 'ASSESSED', 'ILLUSTRATIVE'];

/** A real calendar day as YYYY-MM-DD, else null. */
export function validDate(v: string | null): string | null {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? null : v;
}

export function readUrl(): { key: ViewKey | null; params: Params; tech: string | null } {
  const q = new URLSearchParams(window.location.search);
  const home = (q.get('home') ?? 'KR').toUpperCase();
  const th = Number(q.get('threshold') ?? 80);
  const min = q.get('minProvenance') as Provenance | null;
  const minEvidence = q.get('minEvidence') as Provenance | null;
  const key: ViewKey | null = q.get('org')
    ? { kind: 'exposure', id: q.get('org')! }
    : q.get('sector')
      ? { kind: 'chain', id: q.get('sector')! }
      : null;
  return {
    key,
    params: {
      homeCountry: /^[A-Z]{2}$/.test(home) ? home : 'KR',
      threshold: Number.isFinite(th) && th >= 0 && th <= 100 ? th : 80,
      minProvenance: min && PROVENANCES.includes(min) ? min : 'ILLUSTRATIVE',
      asOf: validDate(q.get('asOf')),
      minEvidence: minEvidence && PROVENANCES.includes(minEvidence) ? minEvidence : null,
    },
    tech: q.get('tech'),
  };
}

export function writeUrl(key: ViewKey | null, p: Params, selected: string | null): void {
  const q = new URLSearchParams();
  if (key?.kind === 'chain') q.set('sector', key.id);
  if (key?.kind === 'exposure') q.set('org', key.id);
  if (p.homeCountry !== 'KR') q.set('home', p.homeCountry);
  if (p.threshold !== 80) q.set('threshold', String(p.threshold));
  if (p.minProvenance !== 'ILLUSTRATIVE') q.set('minProvenance', p.minProvenance);
  if (p.asOf) q.set('asOf', p.asOf);
  if (p.minEvidence) q.set('minEvidence', p.minEvidence);
  if (selected && selected !== key?.id) q.set('tech', selected);
  const s = q.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${s ? `?${s}` : ''}`);
}
