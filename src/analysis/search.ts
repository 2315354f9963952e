// Search (domain.md, query 10): one box over the English and Korean names of technologies, organizations,
// sectors and people. Two ways in, merged:
// - the full-text index `name_alias_search` (Lucene, cjk analyzer: English words, Hangul as two-syllable pieces), which
//   finds names sharing words or pieces with the text, with a relevance score;
// - a case-insensitive substring test on both names, which finds what the index cannot: one-syllable Korean
//   text, a word inside a longer word ('interpos'), punctuation.
// Ranking: EXACT (a name equals the text), then SUBSTRING (a name contains it), then WORDS (the index only); within
// each, the index's score descending (0 where only the substring test found it), then name, then id.
import neo4j from 'neo4j-driver';
import type { Queries } from '../db/driver.js';
import { NAME_INDEX } from '../db/migrations.js';
import { userInputError } from '../graph/errors.js';
import type { NodeRec } from '../graph/lists.js';
import { GAP_FIGURES, ok } from './cypher.js';
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
import type { GapStatus, SearchHitKind as HitKind, SearchMatch } from '../generated/resolvers-types.js';

export const HIT_LABELS: Record<HitKind, string> = {
  TECHNOLOGY: 'Technology',
  ORGANIZATION: 'Organization',
  SECTOR: 'Sector',
  PERSON: 'Person',
};
/** The match of each tier of the statement below, best first. */
const MATCHES: readonly SearchMatch[] = ['EXACT', 'SUBSTRING', 'WORDS'];
export const MAX_TEXT = 200;
/** Every name of `node` that search looks at: name, Korean name and aliases. */
const NAMES = `[node.name, coalesce(node.nameKo, '')] + coalesce(node.aliases, [])`;
/** Whether one of them contains the text, ignoring case (the SUBSTRING test). */
const A_NAME_CONTAINS = `any(x IN ${NAMES} WHERE toLower(x) CONTAINS $lower)`;
/** Hits taken from the full-text index before merging (the substring test adds its own). */
const INDEX_LIMIT = 500;

export interface SearchHit {
  id: string;
  kind: HitKind;
  node: NodeRec;
  match: SearchMatch;
  score: number;
  name: string;
  nameKo: string | null;
  status: GapStatus | null;
}

const ORDER: OrderKey[] = [
  { field: 'tier', desc: false },
  { field: 'score', desc: true },
  { field: 'name', desc: false },
  { field: 'id', desc: false },
];

/** The text as a Lucene query: lower-cased (so AND/OR/NOT stay words), every special character escaped. */
export function luceneQuery(text: string): string {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&'))
    .join(' ');
}

export async function search(
  db: Queries,
  text: string,
  kinds: HitKind[] | null,
  params: AnalysisParams,
  pageArgs: PageArgs,
): Promise<KeysetConnection<SearchHit>> {
  const needle = text.trim();
  if (needle === '' || needle.length > MAX_TEXT) {
    throw userInputError(`"text" must have 1 to ${MAX_TEXT} characters besides spaces`, 'text');
  }
  const labels = (kinds?.length ? [...new Set(kinds)] : (Object.keys(HIT_LABELS) as HitKind[])).map(
    (k) => HIT_LABELS[k],
  );
  const tag = tagOf('search', needle, labels, ...lensTag(params));
  const page = parseForwardPage(pageArgs, tag, ORDER);
  // Only words with a letter or digit reach the index: a query of punctuation alone has no terms.
  const lucene = /[\p{L}\p{N}]/u.test(needle) ? luceneQuery(needle) : '';
  const rows = await db.read(
    `CALL () {
       WITH $lucene AS q WHERE q <> ''
       CALL db.index.fulltext.queryNodes($nameIndex, q, {limit: $indexLimit}) YIELD node, score
       RETURN node, score
       UNION ALL
       MATCH (node:Technology|Organization|Sector|Person)
       WHERE ${A_NAME_CONTAINS}
       RETURN node, 0.0 AS score
     }
     WITH node, max(score) AS score
     WHERE ${ok('node')} AND any(l IN labels(node) WHERE l IN $labels)
     WITH node, score, [l IN labels(node) WHERE l IN $allLabels][0] AS label,
          CASE WHEN any(x IN ${NAMES} WHERE toLower(trim(x)) = $lower) THEN 0
               WHEN ${A_NAME_CONTAINS} THEN 1
               ELSE 2 END AS tier
     ORDER BY tier ASC, score DESC, node.name ASC, node.id ASC
     WITH collect({tier: tier, score: score, name: node.name, id: node.id, label: label, n: node}) AS rows
     WITH size(rows) AS total, ${keysetWindow('rows', ORDER)} AS page
     // The status of technology hits, for this page only (a page of none still returns the total).
     UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE range(0, size(page) - 1) END) AS i
     WITH total, i, page[i] AS x
     CALL (x) {
       WITH x.n AS t WHERE x.label = 'Technology'
       ${GAP_FIGURES}
       // An aggregate, so that a hit of another kind keeps its row (with a null status).
       RETURN head(collect(status)) AS status
     }
     WITH total, i, x, CASE WHEN x.label = 'Technology' THEN status END AS status
     ORDER BY i
     WITH total, collect(CASE WHEN x IS NOT NULL THEN x {.tier, .score, .name, .id, .label, n: properties(x.n), status: status} END) AS page
     RETURN total, page
`,
    {
      ...params,
      lucene,
      lower: needle.toLowerCase(),
      labels,
      allLabels: Object.values(HIT_LABELS),
      nameIndex: NAME_INDEX,
      indexLimit: neo4j.int(INDEX_LIMIT),
      ...pageCypherParams(page),
    },
  );
  const r = rows[0];
  const kindOf = Object.fromEntries(Object.entries(HIT_LABELS).map(([k, l]) => [l, k as HitKind]));
  type Row = { tier: number; score: number; label: string; n: NodeRec; status: SearchHit['status'] };
  return connectionOf(r.page as Array<Row & Record<string, unknown>>, page, tag, ORDER, r.total as number, (x) => ({
    id: rowId.hit(x.n.id, needle, params),
    kind: kindOf[x.label],
    node: x.n,
    match: MATCHES[x.tier],
    score: x.score,
    name: x.n.name as string,
    nameKo: (x.n.nameKo as string | undefined) ?? null,
    status: x.status,
  }));
}
