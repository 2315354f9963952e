// Joint-R&D eligibility (domain.md, query 5): the article's three criteria, three-valued, with reasons.
// The values are computed in Cypher (ELIGIBILITY); the reasons are worded here from the inputs it returns.
import type { Queries } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import { capabilityCounted, GAP_FIGURES, ok } from './cypher.js';
import { basisOfRow, evidenceOf, type EvidenceRecord, type EvidenceRow } from './evidence.js';
// Three-valued answers (Tri) are the SDL's TriState.
import type { GapStatus, TriState as Tri } from '../generated/resolvers-types.js';
import type { ProvenanceValue } from '../domain/model.js';
import type { AnalysisParams } from './options.js';

/**
 * With `t`, `coreHolders` (the foreign organizations holding core IP in t, by name then id, as property maps) and
 * `coreCaps` (their capability records, as evidence rows) in scope, adds `elig`: a map {c1, c2, c3, eligible,
 * coreHolders, coreCaps}.
 */
export const ELIGIBILITY_CRITERIA = `
  WITH *,
       CASE WHEN t.domesticYearsToDevelop > 3 OR size(coreHolders) > 0 THEN 'TRUE'
            WHEN t.domesticYearsToDevelop IS NOT NULL THEN 'FALSE'
            ELSE 'UNKNOWN' END AS c1,
       CASE WHEN t.coopTimeSavingYears IS NULL OR t.coopCostSavingPct IS NULL THEN 'UNKNOWN'
            WHEN t.coopTimeSavingYears >= 1 AND t.coopCostSavingPct >= 50 THEN 'TRUE'
            ELSE 'FALSE' END AS c2,
       CASE t.needsOverseasCertification WHEN true THEN 'TRUE' WHEN false THEN 'FALSE' ELSE 'UNKNOWN' END AS c3
  WITH *, {c1: c1, c2: c2, c3: c3, coreHolders: coreHolders, coreCaps: coreCaps,
           eligible: CASE WHEN 'TRUE' IN [c1, c2, c3] THEN 'TRUE'
                          WHEN c1 = 'FALSE' AND c2 = 'FALSE' AND c3 = 'FALSE' THEN 'FALSE'
                          ELSE 'UNKNOWN' END} AS elig`;

/**
 * With `t` in scope, adds `elig`: a map {c1, c2, c3, eligible, coreHolders (foreign organizations holding core IP,
 * by name then id)}. A capability without holdsCoreIp counts as not holding it.
 */
export const ELIGIBILITY = `
  CALL (t) {
    OPTIONAL MATCH (o:Organization)-[c:HAS_CAPABILITY]->(t)
    WHERE ${capabilityCounted('o', 'c')} AND o.country <> $home AND c.holdsCoreIp = true
    WITH o, c ORDER BY o.name, o.id
    // collect() skips nulls but not a map of nulls: without a holder the map must not be built at all.
    RETURN collect(properties(o)) AS coreHolders,
           collect(CASE WHEN c IS NOT NULL THEN {kind: 'Capability', rec: properties(c), o: properties(o)} END) AS coreCaps
  }
  ${ELIGIBILITY_CRITERIA}`;

export interface EligibilityRow {
  c1: Tri;
  c2: Tri;
  c3: Tri;
  eligible: Tri;
  coreHolders: NodeRec[];
  coreCaps: EvidenceRow[];
}

export interface CriterionResult {
  criterion: 'C1_LONG_OR_FOREIGN_CORE_IP' | 'C2_TIME_AND_COST_SAVING' | 'C3_OVERSEAS_CERTIFICATION';
  value: Tri;
  reason: string;
}

/** The gap figures of the technology (see cypher.ts GAP_FIGURES). */
export interface GapFigures {
  status: GapStatus;
  domesticBest: number | null;
  gap: number | null;
}

export interface Eligibility extends GapFigures {
  technology: NodeRec;
  eligible: Tri;
  c1: CriterionResult;
  c2: CriterionResult;
  c3: CriterionResult;
  foreignCoreIpHolders: NodeRec[];
  basis: ProvenanceValue;
  evidence: EvidenceRecord[];
}

const fmt = (n: unknown) => (typeof n === 'number' ? String(n) : 'unknown');

/** The eligibility of technology `t` from the ELIGIBILITY map, with the reason for each value. */
export function eligibilityOf(t: NodeRec, e: EligibilityRow, figures: GapFigures, home: string): Eligibility {
  const years = t.domesticYearsToDevelop as number | undefined;
  const evidence = evidenceOf(e.coreCaps, t);
  const holders = e.coreHolders.map((o) => `${o.name} (${o.country})`).join(', ');
  const yearsText =
    years == null ? 'domestic development time is unknown' : `domestic development would take ${years} years`;
  const c1Reason =
    e.c1 === 'TRUE'
      ? [
          years != null && years > 3 ? `domestic development would take ${years} years (> 3)` : null,
          holders ? `core IP held abroad by ${holders}` : null,
        ]
          .filter(Boolean)
          .join('; ')
      : e.c1 === 'FALSE'
        ? `${yearsText} (≤ 3) and no organization outside ${home} holds core IP`
        : `${yearsText} and no organization outside ${home} is known to hold core IP`;

  const time = t.coopTimeSavingYears as number | undefined;
  const cost = t.coopCostSavingPct as number | undefined;
  const c2Reason =
    e.c2 === 'UNKNOWN'
      ? `cooperation would save ${fmt(time)} years and ${fmt(cost)}% of cost; both must be known`
      : `cooperation would save ${time} years (${time! >= 1 ? '≥' : '<'} 1) and ${cost}% of cost (${cost! >= 50 ? '≥' : '<'} 50)`;

  const cert = t.needsOverseasCertification as boolean | undefined;
  const c3Reason =
    cert == null
      ? 'whether overseas certification is essential is unknown'
      : cert
        ? 'overseas certification, demonstration or standards are essential'
        : 'overseas certification is not essential';

  return {
    technology: t,
    ...figures,
    eligible: e.eligible,
    c1: { criterion: 'C1_LONG_OR_FOREIGN_CORE_IP', value: e.c1, reason: c1Reason },
    c2: { criterion: 'C2_TIME_AND_COST_SAVING', value: e.c2, reason: c2Reason },
    c3: { criterion: 'C3_OVERSEAS_CERTIFICATION', value: e.c3, reason: c3Reason },
    foreignCoreIpHolders: e.coreHolders,
    // The criteria read the technology's own fields and the foreign core-IP capabilities.
    basis: basisOfRow([t, ...evidence]),
    evidence,
  };
}

/** Query 5 for one technology; null when it does not exist at the minimum provenance. */
export async function jointRndEligibility(
  db: Queries,
  technology: string,
  params: AnalysisParams,
): Promise<Eligibility | null> {
  const rows = await db.read(
    `MATCH (t:Technology {id: $technology}) WHERE ${ok('t')}
     ${GAP_FIGURES}
     ${ELIGIBILITY}
     RETURN properties(t) AS t, elig, status, domesticBest, gap`,
    { ...params, technology },
  );
  if (!rows.length) return null;
  const r = rows[0];
  return eligibilityOf(
    r.t as NodeRec,
    r.elig as EligibilityRow,
    { status: r.status as GapStatus, domesticBest: r.domesticBest as number | null, gap: r.gap as number | null },
    params.home,
  );
}
