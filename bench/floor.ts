// The raw floor: for each workload, the best single hand-written Cypher statement we know for the same answer as
// the GraphQL operation in bench/workloads.ts, and the code that shapes its rows into that operation's `data`.
// No GraphQL, no DataLoader, no pagination machinery: one statement, one round trip. It is written for the bench's
// question only (default home country KR, threshold 80, every provenance kept, first page), so it needs none of
// the API's generality (cursors, provenance filters, argument checks).
import neo4j, { type Driver } from 'neo4j-driver';
import { luceneQuery } from '../src/analysis/search.js';
import { compactCypher } from '../src/db/compact.js';
import type { WorkloadId } from './workloads.js';

type Row = Record<string, any>;

export interface FloorQuery {
  cypher: string;
  params(vars: Record<string, any>): Record<string, unknown>;
  shape(rows: Row[]): unknown;
}

const HOME = 'KR';
const TAU = 80;
/** The lens's day (today, as the API's default) and the last year whose 31 December is on or before it. */
function asOfParams(): { asOf: string; yearCut: number } {
  const asOf = new Date().toISOString().slice(0, 10);
  const y = Number(asOf.slice(0, 4));
  return { asOf, yearCut: asOf.endsWith('-12-31') ? y : y - 1 };
}

export const FLOOR: Record<WorkloadId, FloorQuery> = {
  nested: {
    cypher: `
      MATCH (t:Technology) WHERE t.sortKey IS NOT NULL
      WITH t ORDER BY t.sortKey, t.id LIMIT 100
      CALL (t) {
        MATCH (t)<-[r:HAS_CAPABILITY]-(o:Organization)
        WITH r, o ORDER BY r.level DESC, o.id LIMIT 40
        // Lists, not maps, as the API reads its rows: the driver decodes a list of three values much faster than a
        // map of two with a map inside (about 1,000 per request: some 4 ms of the floor server's CPU as maps, in
        // its profile).
        RETURN collect([r.level, o.name, o.country]) AS caps
      }
      RETURN t.id AS id, t.name AS name, caps`,
    params: () => ({}),
    shape: (rows) => ({
      technologies: {
        nodes: rows.map((r) => ({
          id: r.id,
          name: r.name,
          capabilities: {
            nodes: r.caps.map((c: unknown[]) => ({ level: c[0], organization: { name: c[1], country: c[2] } })),
          },
        })),
      },
    }),
  },

  gaps: {
    cypher: `
      MATCH (s:Sector {id: $sector})
      CALL (s) { MATCH (st:Technology)-[:IN_SECTOR]->(s) RETURN collect(st) AS own }
      CALL (own) {
        UNWIND own AS st
        MATCH (st)-[:DEPENDS_ON*1..10]->(u:Technology)
        RETURN collect(DISTINCT u) AS ups
      }
      CALL (own) {
        UNWIND own AS st
        WITH st WHERE EXISTS { (st)-[:DEPENDS_ON*11]->(:Technology) }
        RETURN count(*) > 0 AS upDeep
      }
      UNWIND own + ups AS t
      WITH DISTINCT s, upDeep, t
      // The figures of version 2 (docs/domain.md, "Figures and status"), as of $asOf: organizations' levels, each
      // country's latest national assessment, and the latest supply listing's country shares.
      CALL (t) {
        OPTIONAL MATCH (o:Organization)-[c:HAS_CAPABILITY]->(t) WHERE c.asOf IS NULL OR c.asOf <= $asOf
        RETURN max(CASE WHEN o.country = $home THEN c.level END) AS capDom,
               max(CASE WHEN o.country <> $home THEN c.level END) AS capForeign, count(c) AS caps
      }
      CALL (t) {
        OPTIONAL MATCH (a:NationalAssessment)-[:ASSESSES]->(t) WHERE a.round <= $yearCut
        WITH a ORDER BY a.round DESC, a.id
        WITH a.country AS country, head(collect(a)) AS latest
        RETURN max(CASE WHEN country = $home THEN latest.level END) AS natDom,
               max(CASE WHEN country <> $home THEN latest.level END) AS natForeign, collect(latest) AS nats
      }
      CALL (t) {
        OPTIONAL MATCH (l:SupplyListing)-[:LISTS]->(t) WHERE l.year <= $yearCut
        WITH l ORDER BY l.year DESC, coalesce(l.complete, false) DESC, l.id
        WITH head(collect(l)) AS l
        OPTIONAL MATCH (sh:SupplyShare)-[:SHARE_IN]->(l)
        OPTIONAL MATCH (sh)-[:HELD_BY]->(so:Organization)
        WITH l, collect({country: coalesce(so.country, sh.country), share: sh.share, org: so IS NOT NULL}) AS entries
        WITH l, [e IN entries WHERE e.country IS NOT NULL] AS entries
        RETURN l, [e IN entries WHERE e.country = $home] AS homeEntries,
               any(e IN entries WHERE NOT e.org AND e.country = $home) AS homeFigure
      }
      WITH s, upDeep, t, caps, nats, l, homeEntries, homeFigure,
           CASE WHEN capDom IS NULL OR natDom > capDom THEN natDom ELSE capDom END AS dom,
           CASE WHEN capForeign IS NULL OR natForeign > capForeign THEN natForeign ELSE capForeign END AS foreign
      WITH s, upDeep, t, caps, nats, l, dom, foreign,
           CASE WHEN l IS NULL THEN null WHEN homeFigure THEN coalesce(head([e IN homeEntries WHERE NOT e.org | e.share]), 0.0)
                ELSE reduce(x = 0.0, e IN homeEntries | x + coalesce(e.share, 0.0)) END AS homeShare,
           any(e IN homeEntries WHERE e.share IS NULL OR e.share > 0) AS homeListed
      WITH s, upDeep, t, caps, nats, l, dom, foreign, homeShare,
           CASE WHEN dom IS NOT NULL THEN CASE WHEN dom >= $tau THEN 'LEADING' WHEN dom >= 60 THEN 'FOLLOWING' ELSE 'LAGGING' END
                WHEN homeShare > 0 OR homeListed THEN 'PRESENT'
                WHEN caps > 0 OR size(nats) > 0 OR l IS NOT NULL THEN 'ABSENT' ELSE 'UNKNOWN' END AS status
      WITH s, upDeep, t, nats, l, dom, foreign, homeShare, status WHERE status IN ['ABSENT', 'LAGGING', 'FOLLOWING']
      CALL (t) { MATCH (d:Technology)-[:DEPENDS_ON*1..10]->(t) RETURN collect(DISTINCT d) AS down }
      WITH s, upDeep, t, nats, l, dom, foreign, homeShare, status, down, CASE WHEN dom IS NULL THEN 100.0 ELSE round(100.0 - dom, 6) END AS gap,
           EXISTS { (:Technology)-[:DEPENDS_ON*11]->(t) } AS deep
      WITH s, upDeep, t, nats, l, dom, foreign, homeShare, status, down, gap, deep, round(gap * (1 + size(down)), 6) AS score
      ORDER BY score DESC, gap DESC, t.id ASC
      WITH s, upDeep, collect({t: t, dom: dom, foreign: foreign, down: down, gap: gap, score: score, deep: deep, status: status,
                               homeShare: homeShare, nats: nats, l: l}) AS rows
      WITH s, size(rows) AS total, upDeep OR any(r IN rows WHERE r.deep) AS deep, rows[0..$limit] AS page
      CALL (s, page) {
        UNWIND range(0, size(page) - 1) AS i
        WITH s, i, page[i] AS r
        WITH s, i, r, r.t AS t
        CALL (t) {
          MATCH (t)-[:AT_STAGE]->(st:ValueChainStage)
          WITH st ORDER BY st.order, st.id
          RETURN collect({name: st.name}) AS stages
        }
        CALL (t, r) {
          // One walk of t's capabilities, filtered after it: with the country test in the MATCH, the planner may
          // scan the country index and probe each organization (a plan seen to cost a million db hits here).
          MATCH (o:Organization)-[c:HAS_CAPABILITY]->(t) WHERE c.asOf IS NULL OR c.asOf <= $asOf
          WITH o, c ORDER BY o.name, o.id
          WITH collect({o: o, level: c.level, p: c.provenance}) AS caps
          RETURN [x IN caps WHERE x.o.country = $home AND x.level = r.dom | {name: x.o.name}] AS domLeaders,
                 [x IN caps WHERE x.o.country <> $home AND x.level = r.foreign | {name: x.o.name, country: x.o.country}] AS forLeaders,
                 // The provenance of the records behind the figures: the home ones at the best level, or (ABSENT)
                 // every record that makes the technology known.
                 [x IN caps WHERE r.status = 'ABSENT' OR (x.o.country = $home AND x.level = r.dom) | x.p]
                   + [a IN r.nats WHERE r.status = 'ABSENT' OR (a.country = $home AND a.level = r.dom) | a.provenance]
                   + CASE WHEN r.status = 'ABSENT' AND r.l IS NOT NULL THEN [r.l.provenance] ELSE [] END AS provs
        }
        CALL (s, r) {
          UNWIND r.down AS d
          WITH d WHERE EXISTS { (d)-[:IN_SECTOR]->(s) }
          WITH d ORDER BY d.id
          RETURN collect({id: d.id}) AS blocks
        }
        CALL (t) {
          MATCH (p:Project)-[:DEVELOPS]->(t)
          WITH p ORDER BY p.id
          RETURN collect({id: p.id, status: p.status}) AS projects
        }
        WITH i, r, t, stages, domLeaders, forLeaders, blocks, projects, provs ORDER BY i
        RETURN collect({
          technology: {id: t.id, name: t.name}, stages: stages, status: r.status, homeShare: r.homeShare,
          basis: CASE WHEN 'ILLUSTRATIVE' IN provs THEN 'ILLUSTRATIVE' WHEN 'ASSESSED' IN provs THEN 'ASSESSED' ELSE 'REPORTED' END,
          domesticBest: r.dom, foreignBest: r.foreign, gap: r.gap, downstreamCount: size(r.down),
          chokepointScore: r.score, depthLimitReached: r.deep, domesticLeaders: domLeaders, foreignLeaders: forLeaders,
          blocks: blocks, projects: projects}) AS nodes
      }
      RETURN total, deep, nodes`,
    params: (v) => ({ sector: v.sector, home: HOME, tau: TAU, limit: neo4j.int(100), ...asOfParams() }),
    shape: (rows) => ({
      valueChainGaps: rows.length
        ? { totalCount: rows[0].total, depthLimitReached: rows[0].deep, nodes: rows[0].nodes }
        : null,
    }),
  },

  partners: {
    cypher: `
      MATCH (t:Technology {id: $technology})
      // Unlabelled o and h (only organizations have capabilities and take part in projects): with the label, the
      // planner may start from the country index instead of walking out from t (seen on some runs: 35,000 db hits).
      // The home country's standing of version 2: its organizations' levels and its latest national assessment;
      // without either, whether it supplies the technology (PRESENT), others are known in it (ABSENT), or nothing
      // is known (UNKNOWN).
      CALL (t) {
        OPTIONAL MATCH (o)-[c:HAS_CAPABILITY]->(t) WHERE c.asOf IS NULL OR c.asOf <= $asOf
        RETURN max(CASE WHEN o.country = $home THEN c.level END) AS capDom, count(c) AS caps
      }
      CALL (t) {
        OPTIONAL MATCH (a:NationalAssessment)-[:ASSESSES]->(t) WHERE a.round <= $yearCut
        WITH a ORDER BY a.round DESC, a.id
        WITH a.country AS country, head(collect(a)) AS latest
        RETURN max(CASE WHEN country = $home THEN latest.level END) AS natDom, count(latest) AS nats
      }
      CALL (t) {
        OPTIONAL MATCH (l:SupplyListing)-[:LISTS]->(t) WHERE l.year <= $yearCut
        WITH l ORDER BY l.year DESC, coalesce(l.complete, false) DESC, l.id
        WITH head(collect(l)) AS l
        OPTIONAL MATCH (sh:SupplyShare)-[:SHARE_IN]->(l)
        OPTIONAL MATCH (sh)-[:HELD_BY]->(so:Organization)
        WITH l, collect(CASE WHEN coalesce(so.country, sh.country) = $home THEN {share: sh.share, org: so IS NOT NULL} END) AS home
        RETURN l IS NOT NULL AS listed,
               CASE WHEN any(e IN home WHERE NOT e.org) THEN coalesce(head([e IN home WHERE NOT e.org | e.share]), 0.0)
                    ELSE reduce(x = 0.0, e IN home | x + coalesce(e.share, 0.0)) END AS homeShare,
               any(e IN home WHERE e.share IS NULL OR e.share > 0) AS homeListed
      }
      WITH t, caps, nats, listed, homeShare, homeListed, CASE WHEN capDom IS NULL OR natDom > capDom THEN natDom ELSE capDom END AS dom
      WITH t, dom, CASE WHEN dom IS NOT NULL THEN CASE WHEN dom >= $tau THEN 'LEADING' WHEN dom >= 60 THEN 'FOLLOWING' ELSE 'LAGGING' END
                        WHEN homeShare > 0 OR homeListed THEN 'PRESENT'
                        WHEN caps > 0 OR nats > 0 OR listed THEN 'ABSENT' ELSE 'UNKNOWN' END AS status
      CALL (t, dom) {
        MATCH (o)-[c:HAS_CAPABILITY]->(t)
        WHERE o.country <> $home AND (dom IS NULL OR c.level > dom) AND (c.asOf IS NULL OR c.asOf <= $asOf)
        CALL (o) {
          MATCH (o)-[:PARTICIPATES_IN]->(pr:Project)<-[:PARTICIPATES_IN]-(h)
          WHERE h.country = $home
          RETURN count(DISTINCT pr) AS shared
        }
        WITH o, c, shared
        ORDER BY coalesce(c.holdsCoreIp, false) DESC, c.level DESC, shared DESC, o.name, o.id
        RETURN collect({o: o, level: c.level, core: coalesce(c.holdsCoreIp, false), shared: shared}) AS rows
      }
      CALL (rows) {
        WITH rows[0..$limit] AS page
        UNWIND range(0, size(page) - 1) AS i
        WITH i, page[i] AS r
        WITH i, r, r.o AS o
        WITH i, r, o, EXISTS { (:CooperationCenter)-[:HOSTED_BY]->(o) } AS hosts
        ORDER BY i
        RETURN collect({organization: {id: o.id, name: o.name, country: o.country}, level: r.level,
                        holdsCoreIp: r.core, sharedProjectCount: r.shared, hostsCooperationCenter: hosts}) AS nodes
      }
      RETURN status, dom, size(rows) AS total, nodes`,
    params: (v) => ({ technology: v.technology, home: HOME, tau: TAU, limit: neo4j.int(20), ...asOfParams() }),
    shape: (rows) => ({
      partnerCandidates: rows.length
        ? { status: rows[0].status, domesticBest: rows[0].dom, totalCount: rows[0].total, nodes: rows[0].nodes }
        : null,
    }),
  },

  search: {
    cypher: `
      CALL () {
        CALL db.index.fulltext.queryNodes('name_alias_search', $lucene, {limit: 500}) YIELD node, score
        RETURN node, score
        UNION ALL
        MATCH (node:Technology|Organization|Sector|Person)
        WHERE toLower(node.name) CONTAINS $lower OR toLower(coalesce(node.nameKo, '')) CONTAINS $lower
        RETURN node, 0.0 AS score
      }
      WITH node, max(score) AS score
      WITH node, score,
           CASE WHEN toLower(trim(node.name)) = $lower OR toLower(trim(coalesce(node.nameKo, ''))) = $lower THEN 0
                WHEN toLower(node.name) CONTAINS $lower OR toLower(coalesce(node.nameKo, '')) CONTAINS $lower THEN 1
                ELSE 2 END AS tier
      ORDER BY tier, score DESC, node.name, node.id
      WITH collect({tier: tier, score: score, name: node.name, id: node.id, labels: labels(node)}) AS rows
      RETURN size(rows) AS total, rows[0..$limit] AS page`,
    params: (v) => ({ lucene: luceneQuery(v.text), lower: String(v.text).trim().toLowerCase(), limit: neo4j.int(20) }),
    shape: (rows) => {
      const kind = (labels: string[]) => {
        for (const [l, k] of [
          ['Technology', 'TECHNOLOGY'],
          ['Organization', 'ORGANIZATION'],
          ['Sector', 'SECTOR'],
          ['Person', 'PERSON'],
        ]) {
          if (labels.includes(l)) return k;
        }
        return null;
      };
      return {
        search: {
          totalCount: rows[0].total,
          nodes: (rows[0].page as Row[]).map((x) => ({
            kind: kind(x.labels),
            match: ['EXACT', 'SUBSTRING', 'WORDS'][x.tier],
            score: x.score,
            name: x.name,
            node: { id: x.id },
          })),
        },
      };
    },
  },

  node: {
    cypher: `
      MATCH (n:Entity {id: $id})
      RETURN n.id AS id, n:Technology AS isTech, n.name AS name, n.nameKo AS nameKo, n.kind AS kind`,
    params: (v) => ({ id: v.id }),
    shape: (rows) => ({
      node: rows.length
        ? rows[0].isTech
          ? { id: rows[0].id, name: rows[0].name, nameKo: rows[0].nameKo ?? null, kind: rows[0].kind }
          : { id: rows[0].id }
        : null,
    }),
  },
};

/** Runs one floor statement in a managed read transaction, as the API's Database does. */
export async function runFloor(
  driver: Driver,
  database: string,
  id: WorkloadId,
  vars: Record<string, unknown>,
): Promise<unknown> {
  const q = FLOOR[id];
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    // Sent compacted, as the API sends its statements (src/db/compact.ts).
    const res = await session.executeRead((tx) => tx.run(compactCypher(q.cypher), q.params(vars)));
    return q.shape(res.records.map((r) => r.toObject()));
  } finally {
    await session.close();
  }
}
