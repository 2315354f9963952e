// Single-source risks (domain.md, query 4, and "What changes in the questions"):
// - DOMESTIC_SINGLE_SOURCE: exactly one organization of the home country has level ≥ τ;
// - FOREIGN_CONCENTRATION: the technology has a gap and every holder at ≥ τ (organizations by their levels,
//   countries by their latest national assessments; at least one) is of one single foreign country;
// - SUPPLY_CONCENTRATION: not LEADING, and one country other than the home country holds ≥ `concentration` % of
//   world supply in the latest complete listing;
// - IMPORT_DEPENDENCE: not LEADING, and one country supplies ≥ `concentration` % of the home country's imports of it
//   (the latest year of import figures).
// DOMESTIC_SINGLE_SOURCE excludes the others (a home organization at ≥ τ makes the technology LEADING); the other
// three may come together, one row each.
import type { Queries } from '../db/driver.js';
import { userInputError } from '../graph/errors.js';
import type { NodeRec } from '../graph/lists.js';
import type { ProvenanceValue } from '../domain/model.js';
import {
  capabilityCounted,
  downstreamCount,
  GAP_FIGURES,
  HAS_GAP,
  latestListing,
  listingEntries,
  ok,
  okE,
} from './cypher.js';
import { basisOfRow, evidenceOf, type EvidenceRecord, type EvidenceRow } from './evidence.js';
import type { PageArgs } from './gaps.js';
import { rowId } from './row-ids.js';
import {
  connectionOf,
  keysetWindow,
  lensTag,
  pageCypherParams,
  parseForwardPage,
  tagOf,
  type AnalysisParams,
  type KeysetConnection,
  type OrderKey,
} from './options.js';
import type { GapStatus, SingleSourceRiskKind as RiskKind } from '../generated/resolvers-types.js';

export const DEFAULT_CONCENTRATION = 90;

const byNameThenId = (a: NodeRec, b: NodeRec) => {
  const [x, y] = [`${a.name}\u0000${a.id}`, `${b.name}\u0000${b.id}`];
  return x < y ? -1 : x > y ? 1 : 0;
};

export interface SingleSourceRisk {
  id: string;
  kind: RiskKind;
  technology: NodeRec;
  sources: NodeRec[];
  country: string;
  share: number | null;
  year: number | null;
  status: GapStatus;
  domesticBest: number | null;
  gap: number | null;
  basis: ProvenanceValue;
  evidence: EvidenceRecord[];
  downstreamCount: number;
  depthLimitReached: boolean;
}

export type SingleSourceRiskConnection = KeysetConnection<SingleSourceRisk> & { depthLimitReached: boolean };

/** Downstream count desc, then gap desc (no gap last), then technology id asc, then kind. */
const ORDER: OrderKey[] = [
  { field: 'down', desc: true },
  { field: 'gapKey', desc: true },
  { field: 'id', desc: false },
  { field: 'kind', desc: false },
];

const capabilityEvidence = (x: string) => `{kind: 'Capability', rec: properties(${x}.c), o: properties(${x}.o)}`;

/** With `t` in scope: the holders at ≥ τ (`strongCaps` {o, c}, `strongNats`) and their countries (`strongCountries`). */
const STRONG_HOLDERS = `
  CALL (t) {
    OPTIONAL MATCH (o:Organization)-[c:HAS_CAPABILITY]->(t) WHERE ${capabilityCounted('o', 'c')} AND c.level >= $tau
    WITH o, c ORDER BY o.name, o.id
    RETURN collect(CASE WHEN o IS NOT NULL THEN {o: o, c: c} END) AS strongCaps
  }
  WITH *, [n IN nats WHERE n.level >= $tau] AS strongNats
  WITH *, [x IN strongCaps WHERE x.o.country = $home] AS homeStrong,
       reduce(cs = [], c IN [x IN strongCaps | x.o.country] + [n IN strongNats | n.country] |
         CASE WHEN c IN cs THEN cs ELSE cs + c END) AS strongCountries`;

/**
 * The largest of a list of maps with `share` (then the smallest `by`, then the smallest `then`), as an expression;
 * null for an empty list. The tie-breaks make the answer independent of storage order.
 */
const largest = (list: string, by: string, then?: string) => `reduce(top = null, x IN ${list} |
    CASE WHEN top IS NULL OR x.share > top.share OR (x.share = top.share AND (x.${by} < top.${by}${
      then ? ` OR (x.${by} = top.${by} AND x.${then} < top.${then})` : ''
    })) THEN x ELSE top END)`;

/** With `t` in scope: `concentrated` (the largest foreign country share ≥ concentration in the latest complete listing, or null). */
const SUPPLY = `
  ${latestListing('cl', true)}
  ${listingEntries('cl', 'cl')}
  WITH *, ${largest('[x IN clcountryShares WHERE x.country <> $home AND x.share >= $concentration]', 'country')} AS clTop
  WITH *, CASE WHEN clTop IS NULL THEN null ELSE {
      country: clTop.country, share: clTop.share, year: cl.year,
      sources: [e IN clentries WHERE e.org AND e.country = clTop.country | properties(e.o)],
      evidence: [{kind: 'SupplyListing', rec: properties(cl)}] + [e IN clentries WHERE e.country = clTop.country | {kind: 'SupplyShare', rec: properties(e.s)}]
    } END AS concentrated`;

/** With `t` in scope: `dependent` (the exporter of ≥ concentration % of the home country's imports in the latest year, or null). */
const IMPORTS = `
  WITH *, [(gim:ImportDependence)-[:IMPORT_OF]->(t) WHERE ${okE('gim')} AND gim.importer = $home AND gim.year <= $yearCut | gim] AS ims
  WITH *, reduce(y = null, x IN ims | CASE WHEN y IS NULL OR x.year > y THEN x.year ELSE y END) AS imYear
  WITH *, ${largest('[x IN ims WHERE x.year = imYear AND x.share >= $concentration]', 'exporter', 'id')} AS imTop
  WITH *, CASE WHEN imTop IS NULL THEN null ELSE {
      country: imTop.exporter, share: imTop.share, year: imTop.year, sources: [],
      evidence: [{kind: 'ImportDependence', rec: properties(imTop)}]
    } END AS dependent`;

export async function singleSourceRisks(
  db: Queries,
  kind: RiskKind | null,
  params: AnalysisParams,
  pageArgs: PageArgs,
  concentration: number = DEFAULT_CONCENTRATION,
): Promise<SingleSourceRiskConnection> {
  if (!Number.isFinite(concentration) || concentration < 0 || concentration > 100) {
    throw userInputError(`"concentration" must be between 0 and 100, got ${concentration}`, 'concentration');
  }
  const tag = tagOf('risks', ...lensTag(params), kind, concentration);
  const page = parseForwardPage(pageArgs, tag, ORDER);
  const rows = await db.read(
    `MATCH (t:Technology) WHERE ${ok('t')}
     ${GAP_FIGURES}
     ${STRONG_HOLDERS}
     ${SUPPLY}
     ${IMPORTS}
     WITH t, status, domesticBest, gap, [r IN [
       CASE WHEN size(homeStrong) = 1 THEN {kind: 'DOMESTIC_SINGLE_SOURCE', country: $home, share: null, year: null,
         sources: [properties(homeStrong[0].o)], evidence: [${capabilityEvidence('homeStrong[0]')}]} END,
       CASE WHEN ${HAS_GAP('status')} AND size(strongCountries) = 1 THEN {kind: 'FOREIGN_CONCENTRATION', country: strongCountries[0],
         share: null, year: null, sources: [x IN strongCaps | properties(x.o)],
         evidence: [x IN strongCaps | ${capabilityEvidence('x')}] + [n IN strongNats | {kind: 'NationalAssessment', rec: properties(n)}]} END,
       CASE WHEN status <> 'LEADING' AND concentrated IS NOT NULL THEN concentrated {.*, kind: 'SUPPLY_CONCENTRATION'} END,
       CASE WHEN status <> 'LEADING' AND dependent IS NOT NULL THEN dependent {.*, kind: 'IMPORT_DEPENDENCE'} END
     ] WHERE r IS NOT NULL AND ($kind IS NULL OR r.kind = $kind)] AS risks
     WHERE size(risks) > 0
     ${downstreamCount()}
     UNWIND risks AS r
     WITH t, r, status, domesticBest, gap, downCount, downDeep
     ORDER BY downCount DESC, coalesce(gap, -1.0) DESC, t.id ASC, r.kind ASC
     WITH collect(r {.*, down: downCount, gapKey: coalesce(gap, -1.0), id: t.id, t: properties(t),
                     status: status, domesticBest: domesticBest, gap: gap, deep: downDeep}) AS rows
     RETURN size(rows) AS total, any(x IN rows WHERE x.deep) AS deep, ${keysetWindow('rows', ORDER)} AS page`,
    { ...params, kind, concentration, ...pageCypherParams(page) },
  );
  const r = rows[0] ?? { total: 0, deep: false, page: [] };
  type Row = {
    down: number;
    gap: number | null;
    kind: RiskKind;
    t: NodeRec;
    sources: NodeRec[];
    country: string;
    share: number | null;
    year: number | null;
    status: GapStatus;
    domesticBest: number | null;
    deep: boolean;
    evidence: EvidenceRow[];
  };
  return {
    ...connectionOf(r.page as Array<Row & Record<string, unknown>>, page, tag, ORDER, r.total as number, (x) => {
      const evidence = evidenceOf(x.evidence, x.t);
      return {
        id: rowId.risk(x.kind, x.t.id, concentration, params),
        kind: x.kind,
        technology: x.t,
        // By name, then id (the listing's entries come in storage order).
        sources: [...x.sources].sort(byNameThenId),
        country: x.country,
        share: x.share,
        year: x.year,
        status: x.status,
        domesticBest: x.domesticBest,
        gap: x.gap,
        basis: basisOfRow(evidence),
        evidence,
        downstreamCount: x.down,
        depthLimitReached: x.deep,
      };
    }),
    depthLimitReached: r.deep as boolean,
  };
}
