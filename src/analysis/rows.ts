// The decoders of the rows the analysis statements share: a technology's figures (cypher.ts GAP_FIGURES), its
// evidence records (EVIDENCE_RECORDS) and its eligibility (eligibility.ts). Each reader decodes its row once.
import { list, map, node, nullable, num, oneOf, projectedNode, record, type Decoder } from '../db/rows.js';
import type { GapStatus } from '../generated/resolvers-types.js';
import type { EligibilityRow } from './eligibility.js';
import { KIND_ORDER, type EvidenceRow } from './evidence.js';

const STATUSES = [
  'LEADING',
  'FOLLOWING',
  'LAGGING',
  'ABSENT',
  'PRESENT',
  'UNKNOWN',
] as const satisfies readonly GapStatus[];
export const status: Decoder<GapStatus> = oneOf(STATUSES);

export const evidenceRow: Decoder<EvidenceRow> = record({ kind: oneOf(KIND_ORDER), rec: map, o: nullable(node) });

const tri = oneOf(['TRUE', 'FALSE', 'UNKNOWN'] as const);
/** An eligibility row whose core-IP holders are read with the organization properties `orgs` (null: all). */
export const eligibilityRow = (orgs: readonly string[] | null = null): Decoder<EligibilityRow> =>
  record({
    c1: tri,
    c2: tri,
    c3: tri,
    eligible: tri,
    coreHolders: list(projectedNode(orgs)),
    coreCaps: list(evidenceRow),
  });

/** The figures every rated or unrated row carries (GAP_FIGURES). */
export const FIGURES = {
  status,
  domesticBest: nullable(num),
  foreignBest: nullable(num),
  gap: nullable(num),
  homeShare: nullable(num),
  hhi: nullable(num),
};
