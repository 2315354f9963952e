// Partner candidates (domain.md, query 3): foreign organizations ahead of the home country in a technology.
import type { GraphQLResolveInfo } from 'graphql';
import type { Queries } from '../db/driver.js';
import type { NodeRec } from '../graph/lists.js';
import { list as listOf, projectedNode } from '../db/rows.js';
import { cypherPropsOf, isSelected, markPartial, selectedProps, type Props } from '../graph/projection.js';
import { capabilityCounted, GAP_FIGURES, ok, okE } from './cypher.js';
import { basisOfRow, evidenceOf, type EvidenceRecord } from './evidence.js';
import type { ProvenanceValue } from '../domain/model.js';
import type { GapStatus } from '../generated/resolvers-types.js';
import { CONNECTION_ROWS, type PageArgs } from './gaps.js';
import { rowId } from './row-ids.js';
import {
  connectionOf,
  keysetWindow,
  lensTag,
  pageCypherParams,
  parseForwardPage,
  parsePage,
  tagOf,
  type AnalysisParams,
  type KeysetConnection,
  type OrderKey,
} from './options.js';

export interface PartnerCandidate {
  id: string;
  organization: NodeRec;
  level: number;
  holdsCoreIp: boolean;
  sharedProjectCount: number;
  hostsCooperationCenter: boolean;
  cooperationCenters: NodeRec[];
  basis: ProvenanceValue;
  evidence: EvidenceRecord[];
}

export interface SupplierCandidate {
  id: string;
  organization: NodeRec;
  share: number | null;
  listing: NodeRec;
  sharedProjectCount: number;
  hostsCooperationCenter: boolean;
  basis: ProvenanceValue;
  evidence: EvidenceRecord[];
}

export type PartnerCandidateConnection = KeysetConnection<PartnerCandidate> & {
  technology: NodeRec;
  status: GapStatus;
  domesticBest: number | null;
  /** The providers listed without a level (resolved only when asked for). */
  suppliers: (args: PageArgs) => Promise<KeysetConnection<SupplierCandidate>>;
};

/** Core IP holders first, then level desc, then projects shared with the home country desc, then name, then id. */
const ORDER: OrderKey[] = [
  { field: 'core', desc: true },
  { field: 'level', desc: true },
  { field: 'shared', desc: true },
  { field: 'name', desc: false },
  { field: 'id', desc: false },
];

/** The stored properties a partner answer reads (null: all), and whether it lists the centers or only tells. */
export interface PartnerProjection {
  technology: Props;
  organization: Props;
  /** The centers' properties when `cooperationCenters` is asked for; false when only `hostsCooperationCenter` is. */
  centers: Props | false;
}

export const ALL_PARTNER_PROPS: PartnerProjection = { technology: null, organization: null, centers: null };

/** The projection of a partnerCandidates field, from its selection. */
export function partnerProjection(info: GraphQLResolveInfo | undefined): PartnerProjection {
  if (!info) return ALL_PARTNER_PROPS;
  const at = (field: string) => CONNECTION_ROWS.map((row) => [...row, field]);
  return {
    technology: selectedProps(info, [['technology']]),
    organization: selectedProps(info, at('organization'), ['name']),
    centers: isSelected(info, at('cooperationCenters'))
      ? selectedProps(info, at('cooperationCenters'), ['name'])
      : false,
  };
}

/** Null when the technology does not exist (or is not kept at the minimum provenance): one statement either way. */
export async function partnerCandidates(
  db: Queries,
  technology: string,
  params: AnalysisParams,
  pageArgs: PageArgs,
  projection: PartnerProjection = ALL_PARTNER_PROPS,
): Promise<PartnerCandidateConnection | null> {
  const tag = tagOf('partners', ...lensTag(params), technology);
  const page = parseForwardPage(pageArgs, tag, ORDER);
  const centers = `(cc:CooperationCenter)-[hb:HOSTED_BY]->(o) WHERE ${ok('cc')} AND ${ok('hb')}`;
  // The candidates are ordered on their keys alone; the page's rows then read what the answer shows (an
  // organization's properties, its centers), so a technology with hundreds of candidates costs one page of that.
  // No :Organization label on o and h (only organizations have capabilities and take part in projects): with it
  // the planner may start from the country index, every organization of a country, instead of walking out from
  // t and o, a plan seen to cost 40× the db hits on some runs and not on others.
  // One text for every technology, page and selection (decision 7): those travel in the map parameters $q and $page.
  const rows = await db.read(
    `MATCH (t:Technology {id: $q.technology}) WHERE ${ok('t')}
     ${GAP_FIGURES}
     CALL (t, domesticBest) {
       OPTIONAL MATCH (o)-[c:HAS_CAPABILITY]->(t)
       WHERE ${capabilityCounted('o', 'c')} AND o.country <> $home AND (domesticBest IS NULL OR c.level > domesticBest)
       ${SHARED_PROJECTS}
       WITH o, c, shared
       ORDER BY coalesce(c.holdsCoreIp, false) DESC, c.level DESC, shared DESC, o.name ASC, o.id ASC
       RETURN collect(CASE WHEN o IS NOT NULL THEN {
         core: coalesce(c.holdsCoreIp, false), level: c.level, shared: shared, name: o.name, id: o.id, o: o, c: properties(c)} END) AS rows
     }
     CALL (rows) {
       WITH ${keysetWindow('rows', ORDER)} AS window
       UNWIND range(0, size(window) - 1) AS i
       WITH i, window[i] AS x
       WITH i, x, x.o AS o
       WITH i, x, o, EXISTS { MATCH ${centers} } AS hosts,
            CASE WHEN $q.listCenters THEN COLLECT {
              MATCH ${centers}
              WITH cc ORDER BY cc.name, cc.id
              RETURN ${cypherPropsOf('cc', '$q.props.centers')} AS center
            } ELSE [] END AS centers
       ORDER BY i
       RETURN collect({core: x.core, level: x.level, shared: x.shared, name: x.name, id: x.id, c: x.c, full: properties(o),
                       o: ${cypherPropsOf('o', '$q.props.organization')}, hosts: hosts, centers: centers}) AS page
     }
     RETURN ${cypherPropsOf('t', '$q.props.technology')} AS t, status, domesticBest, size(rows) AS total, page`,
    {
      ...params,
      ...pageCypherParams(page),
      q: {
        technology,
        listCenters: projection.centers !== false,
        props: {
          technology: projection.technology,
          organization: projection.organization,
          centers: projection.centers || null,
        },
      },
    },
  );
  const r = rows[0];
  if (!r) return null;
  type Row = {
    core: boolean;
    level: number;
    shared: number;
    /** Read with the projection: decoded below. */
    o: unknown;
    full: NodeRec;
    c: Record<string, unknown>;
    hosts: boolean;
    centers: unknown;
  };
  const list = r.page as Array<Row & Record<string, unknown>>;

  const partial = <T extends object>(rec: T, props: Props | false) => (props ? markPartial(rec) : rec);
  const tech = partial(projectedNode(projection.technology)(r.t, 'partners.t') as NodeRec, projection.technology);
  const organizationOf = projectedNode(projection.organization);
  const centersOf = listOf(projectedNode(projection.centers || null));
  return {
    technology: tech,
    status: r.status as GapStatus,
    domesticBest: r.domesticBest as number | null,
    ...connectionOf(list, page, tag, ORDER, r.total as number, (x) => ({
      id: rowId.partner(technology, x.id as string, params),
      organization: partial(organizationOf(x.o, 'partners.page.o') as NodeRec, projection.organization),
      level: x.level,
      holdsCoreIp: x.core,
      sharedProjectCount: x.shared,
      hostsCooperationCenter: x.hosts,
      cooperationCenters: centersOf(x.centers, 'partners.page.centers').map((cc) =>
        partial(cc as NodeRec, projection.centers),
      ),
      ...basisAndEvidence(evidenceOf([{ kind: 'Capability', rec: x.c, o: x.full }], tech)),
    })),
    suppliers: (args) => supplierCandidates(db, technology, params, args),
  };
}

function basisAndEvidence(evidence: EvidenceRecord[]) {
  return { basis: basisOfRow(evidence), evidence };
}

/** With `o` (an organization) in scope: `shared`, the projects it takes part in with an organization of the home country. */
const SHARED_PROJECTS = `CALL (o) {
         OPTIONAL MATCH (o)-[pi:PARTICIPATES_IN]->(pr:Project)<-[ph:PARTICIPATES_IN]-(h)
         WHERE h.country = $home AND ${ok('pi')} AND ${ok('pr')} AND ${ok('ph')} AND ${ok('h')}
         RETURN count(DISTINCT pr) AS shared
       }`;

/** Share desc (no number last), then name, then id. */
const SUPPLIER_ORDER: OrderKey[] = [
  { field: 'shareKey', desc: true },
  { field: 'name', desc: false },
  { field: 'id', desc: false },
];

/**
 * The organizations not of the home country listed as providers of the technology in its latest listing under the
 * lens, that have no counted level in it (those with one are partner candidates, or behind the home country).
 */
export async function supplierCandidates(
  db: Queries,
  technology: string,
  params: AnalysisParams,
  pageArgs: PageArgs,
): Promise<KeysetConnection<SupplierCandidate>> {
  const tag = tagOf('suppliers', ...lensTag(params), technology);
  const page = parsePage(pageArgs, tag, SUPPLIER_ORDER);
  const rows = await db.read(
    `MATCH (t:Technology {id: $q.technology}) WHERE ${ok('t')}
     ${GAP_FIGURES}
     CALL (t, entries) {
       UNWIND [e IN entries WHERE e.org AND e.country <> $home] AS e
       WITH e, e.o AS o
       WHERE NOT EXISTS { MATCH (o)-[c:HAS_CAPABILITY]->(t) WHERE ${okE('c')} AND (c.asOf IS NULL OR c.asOf <= $asOf) }
       ${SHARED_PROJECTS}
       WITH e, o, shared, EXISTS { MATCH (cc:CooperationCenter)-[hb:HOSTED_BY]->(o) WHERE ${ok('cc')} AND ${ok('hb')} } AS hosts
       ORDER BY coalesce(e.share, -1.0) DESC, o.name, o.id
       RETURN collect({shareKey: coalesce(e.share, -1.0), name: o.name, id: o.id, share: e.share, o: properties(o), s: properties(e.s),
                       shared: shared, hosts: hosts}) AS rows
     }
     RETURN properties(listing) AS listing, size(rows) AS total, ${keysetWindow('rows', SUPPLIER_ORDER)} AS window`,
    { ...params, ...pageCypherParams(page), q: { technology } },
  );
  const r = rows[0];
  type Row = { share: number | null; o: NodeRec; s: Record<string, unknown>; shared: number; hosts: boolean };
  const t = { id: technology } as NodeRec;
  return connectionOf(
    (r?.window ?? []) as Array<Row & Record<string, unknown>>,
    page,
    tag,
    SUPPLIER_ORDER,
    (r?.total as number) ?? 0,
    (x) => ({
      id: rowId.supplier(technology, x.o.id, params),
      organization: x.o,
      share: x.share,
      listing: r!.listing as NodeRec,
      sharedProjectCount: x.shared,
      hostsCooperationCenter: x.hosts,
      ...basisAndEvidence(evidenceOf([{ kind: 'SupplyShare', rec: x.s }], t)),
    }),
  );
}
