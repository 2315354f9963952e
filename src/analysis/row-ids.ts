// Identities of analysis rows, for normalized client caches (schema/analysis.graphql documents each format). A row
// is an answer, not a stored fact: its id names the subject and every input its fields depend on (the resolved
// lens, and the question's own inputs where they change the row), so two rows share an id exactly when they are
// the same answer, and a cache never merges the figures of one lens into another's.
import type { AnalysisParams } from './options.js';

/** `<homeCountry>;<threshold>;<asOf>;<minProvenance>;<minEvidence>`, asOf resolved (today when not asked). */
export function lensKey(p: AnalysisParams): string {
  return [p.home, p.tau, p.asOf, p.minProvenance, p.minEvidence].join(';');
}

export const rowId = {
  /** A gap row: `scope` is the sector whose technologies `blocks` lists (valueChainGaps), or null (its whole downstream set). */
  gap: (technology: string, scope: string | null, p: AnalysisParams) =>
    `gap:${technology}/${scope ?? '*'}/${lensKey(p)}`,
  unrated: (technology: string, p: AnalysisParams) => `unrated:${technology}/${lensKey(p)}`,
  partner: (technology: string, organization: string, p: AnalysisParams) =>
    `partner:${technology}/${organization}/${lensKey(p)}`,
  supplier: (technology: string, organization: string, p: AnalysisParams) =>
    `supplier:${technology}/${organization}/${lensKey(p)}`,
  risk: (kind: string, technology: string, concentration: number, p: AnalysisParams) =>
    `risk:${kind}/${technology}/${concentration}/${lensKey(p)}`,
  exposure: (organization: string, technology: string, p: AnalysisParams) =>
    `exposure:${organization}/${technology}/${lensKey(p)}`,
  reviewCompliance: (project: string, p: AnalysisParams) => `review-compliance:${project}/${lensKey(p)}`,
  /** A search hit: match and score depend on the text (trimmed, lower-cased: the index and the substring test ignore case). */
  hit: (node: string, text: string, p: AnalysisParams) =>
    `hit:${node}/${encodeURIComponent(text.trim().toLowerCase())}/${lensKey(p)}`,
};
