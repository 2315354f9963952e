// The rows of a view as CSV (RFC 4180: quoted where needed, CRLF), with a BOM so spreadsheet programs read the
// Korean names as UTF-8. The file is made to be opened in a spreadsheet, so text that one would run as a formula
// (a name starting with = + - @, a tab or a carriage return) is written behind a single quote (OWASP, CSV injection).
import type { ChainView, ExposureView } from './model.js';

type Cell = string | number | boolean | null | undefined;

export function csvLine(cells: Cell[]): string {
  return cells
    .map((c) => {
      if (c == null) return '';
      const s = typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : String(c);
      return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return `\ufeff${[header, ...rows].map(csvLine).join('\r\n')}\r\n`;
}

export const CHAIN_HEADER = [
  'technology_id',
  'name',
  'name_ko',
  'kind',
  'stage_order',
  'stage',
  'stage_ko',
  'from_other_sector',
  'status',
  'domestic_best',
  'foreign_best',
  'gap',
  'downstream_count',
  'chokepoint_score',
  'blocks_in_sector',
  'projects',
  'inputs_drawn',
  'provenance',
  'domestic_leaders',
  'foreign_leaders',
  'status_source',
  'basis',
  'home_share',
  'hhi',
];

const SOURCE_TEXT = {
  valueChainGaps: 'valueChainGaps',
  evidenceBacklog: 'evidenceBacklog (unrated)',
  standing: 'Technology.standing',
} as const;

/**
 * One row per drawn technology, gap rows first in the API's order (score desc, gap desc, id), then the rest by stage.
 * `basis` is the lowest provenance of the evidence behind the row's figures: ILLUSTRATIVE ones are invented.
 */
export function chainRows(view: ChainView): Cell[][] {
  const gapOrder = new Map<string, number>();
  view.nodes
    .filter((n) => n.gapRow)
    .sort(
      (a, b) =>
        (b.chokepointScore ?? 0) - (a.chokepointScore ?? 0) || (b.gap ?? 0) - (a.gap ?? 0) || a.id.localeCompare(b.id),
    )
    .forEach((n, i) => gapOrder.set(n.id, i));
  const nodes = [...view.nodes].sort((a, b) => {
    const ga = gapOrder.get(a.id) ?? Infinity;
    const gb = gapOrder.get(b.id) ?? Infinity;
    if (ga !== gb) return ga - gb;
    return (a.stage?.order ?? 0) - (b.stage?.order ?? 0) || a.id.localeCompare(b.id);
  });
  return nodes.map((n) => [
    n.id,
    n.name,
    n.nameKo,
    n.kind,
    n.stage?.order,
    n.stage?.name,
    n.stage?.nameKo,
    n.upstreamOnly,
    n.status,
    n.domesticBest,
    n.foreignBest,
    n.gap,
    n.downstreamCount,
    n.chokepointScore,
    n.blocksCount,
    n.projectsCount,
    n.deps.length,
    n.provenance,
    n.gapRow?.domesticLeaders.map((o) => `${o.name} (${o.country})`).join('; '),
    n.gapRow?.foreignLeaders.map((o) => `${o.name} (${o.country})`).join('; '),
    n.statusFrom ? SOURCE_TEXT[n.statusFrom] : 'analysis unavailable: no status',
    n.basis,
    n.homeShare,
    n.hhi,
  ]);
}

export const EXPOSURE_HEADER = [
  'technology_id',
  'name',
  'name_ko',
  'status',
  'domestic_best',
  'foreign_best',
  'gap',
  'downstream_count',
  'chokepoint_score',
  'hops',
  'via_id',
  'via_relations',
  'path_ids',
  'path_names',
  'basis',
];

export function exposureRows(view: ExposureView): Cell[][] {
  return view.rows.map((r) => [
    r.assessment.technology.id,
    r.assessment.technology.name,
    r.assessment.technology.nameKo,
    r.assessment.status,
    r.assessment.domesticBest,
    r.assessment.foreignBest,
    r.assessment.gap,
    r.assessment.downstreamCount,
    r.assessment.chokepointScore,
    r.hops,
    r.via.id,
    r.viaRelations.join('+'),
    r.path.map((p) => p.id).join(' > '),
    r.path.map((p) => p.name).join(' > '),
    r.assessment.basis,
  ]);
}
