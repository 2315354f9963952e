// The rules of the evidence records (docs/domain.md, "Evidence (version 2)") that a property's type cannot say:
// one record's fields together (a complete listing says why; a share is a country's or an organization's; an
// importer is not its own exporter), and a listing's shares together, those of the document with those already in
// the database (one share per country and per organization; a complete listing's country shares sum to at most
// 100.5, a half point for rounding).

/** The most a complete listing's country shares may sum to: 100 and a half point of rounding in the sources. */
export const MAX_COMPLETE_SHARE_SUM = 100.5;

/** A supply share as the listing rules see it. */
export interface ShareFacts {
  id: string;
  country: string | null;
  organization: string | null;
  share: number | null;
}

/** A listing in the database: whether it is complete, and its shares. */
export interface StoredListing {
  id: string;
  complete: boolean;
  shares: ShareFacts[];
}

type Problem = (path: string, message: string, code?: string) => void;
type Rec = Record<string, unknown>;

const present = (v: unknown) => v !== undefined && v !== null;
const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** The rules of one record of `label`. */
export function checkEvidenceRecord(label: string, rec: Rec, path: string, problem: Problem): void {
  if (label === 'SupplyListing' && rec.complete === true && !present(rec.completeBecause)) {
    problem(
      `${path}.completeBecause`,
      "is required when complete is true: say why the listing covers the whole market (country shares summing to at least 95, or the source's statement)",
      'REQUIRED',
    );
  }
  if (label === 'SupplyShare') {
    if (present(rec.country) && present(rec.organization)) {
      problem(
        `${path}.organization`,
        "give either country (a country's share) or organization (an organization's entry), not both",
      );
    } else if (!present(rec.country) && !present(rec.organization)) {
      problem(
        `${path}.country`,
        "is required unless organization is given: a share is a country's share or an organization's entry",
        'REQUIRED',
      );
    }
  }
  if (label === 'ImportDependence' && typeof rec.importer === 'string' && rec.importer === rec.exporter) {
    problem(`${path}.exporter`, `must differ from importer (${rec.importer}): a country does not import from itself`);
  }
}

interface DocShare extends ShareFacts {
  path: string;
  listing: string;
}

/**
 * The rules over each listing's shares, for the listings the document touches. `stored` reads the listings of the
 * given ids from the database (those absent are new or unknown: the reference check names the latter).
 */
export async function checkListings(
  doc: Rec,
  stored: (ids: string[]) => Promise<StoredListing[]>,
  problem: Problem,
): Promise<void> {
  const listings = new Map<string, { path: string; complete: boolean }>();
  list(doc.supplyListings).forEach((rec, i) => {
    if (typeof rec.id === 'string')
      listings.set(rec.id, { path: `supplyListings[${i}]`, complete: rec.complete === true });
  });
  const docShares: DocShare[] = [];
  list(doc.supplyShares).forEach((rec, i) => {
    if (typeof rec.id !== 'string' || typeof rec.listing !== 'string') return;
    docShares.push({
      id: rec.id,
      path: `supplyShares[${i}]`,
      listing: rec.listing,
      country: text(rec.country),
      organization: text(rec.organization),
      share: typeof rec.share === 'number' ? rec.share : null,
    });
  });
  const touched = [
    ...new Set([...docShares.map((s) => s.listing), ...[...listings].filter(([, l]) => l.complete).map(([id]) => id)]),
  ];
  if (!touched.length) return;
  const inDb = new Map((await stored(touched)).map((l) => [l.id, l]));
  // A share of the document replaces the stored share of the same id, wherever that one was listed.
  const replaced = new Set(docShares.map((s) => s.id));

  for (const id of touched) {
    const kept = (inDb.get(id)?.shares ?? []).filter((s) => !replaced.has(s.id));
    const fresh = docShares.filter((s) => s.listing === id);
    for (const key of ['country', 'organization'] as const) {
      const seen = new Map<string, string>(kept.flatMap((s) => (s[key] ? [[s[key]!, s.id] as [string, string]] : [])));
      for (const s of fresh) {
        const value = s[key];
        if (!value) continue;
        const other = seen.get(value);
        if (other)
          problem(
            `${s.path}.${key}`,
            `${id} already has a share of ${key} ${value} (${other}); one share per ${key} per listing`,
            'DUPLICATE',
          );
        else seen.set(value, s.id);
      }
    }
    const complete = listings.get(id)?.complete ?? inDb.get(id)?.complete ?? false;
    if (!complete) continue;
    const counted = [...kept, ...fresh].filter((s) => s.country && s.share !== null);
    const sum = counted.reduce((a, s) => a + s.share!, 0);
    if (sum <= MAX_COMPLETE_SHARE_SUM) continue;
    const tipping = fresh.filter((s) => s.country && s.share !== null).at(-1);
    const path = listings.has(id)
      ? `${listings.get(id)!.path}.complete`
      : tipping
        ? `${tipping.path}.share`
        : fresh.at(-1)!.path;
    const parts = counted
      .sort((a, b) => b.share! - a.share! || a.country!.localeCompare(b.country!))
      .map((s) => `${s.country} ${s.share}`)
      .join(', ');
    problem(
      path,
      `the country shares of complete listing ${id} sum to ${Math.round(sum * 100) / 100}, more than ${MAX_COMPLETE_SHARE_SUM} (${parts})`,
    );
  }
}

function list(v: unknown): Rec[] {
  return Array.isArray(v) ? v.filter((x): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];
}
