// The evidence an answer rests on (domain.md, "Basis"): records read by the analysis Cypher (cypher.ts
// EVIDENCE_RECORDS) become the GraphQL Evidence union, and their lowest provenance becomes the row's basis.
import type { NodeRec } from '../graph/lists.js';
import { isPartial, reloaded } from '../graph/projection.js';
import type { RelationshipRec } from '../graph/records.js';
import { PROVENANCES, type ProvenanceValue } from '../domain/model.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { relationshipId } from '../graph/identity.js';

/** An evidence record as the Cypher returns it: its kind, its properties and, for a capability, the organization. */
export interface EvidenceRow {
  kind: 'Capability' | 'NationalAssessment' | 'SupplyListing' | 'SupplyShare' | 'ImportDependence';
  rec: Record<string, unknown>;
  o?: NodeRec | null;
}

const KIND = Symbol('evidence kind');

/** A record of the Evidence union: a node record, or a capability with its two ends (as Capability resolves it). */
export type EvidenceRecord = (NodeRec | RelationshipRec) & { [KIND]: EvidenceRow['kind'] };

/** Every kind of evidence record, in the order a row lists them. */
export const KIND_ORDER: readonly EvidenceRow['kind'][] = [
  'Capability',
  'NationalAssessment',
  'SupplyListing',
  'SupplyShare',
  'ImportDependence',
];

/** Capabilities by organization name then id, then the other kinds in KIND_ORDER, each by id. */
function evidenceOrder(a: EvidenceRow, b: EvidenceRow): number {
  const key = (e: EvidenceRow): string[] =>
    e.kind === 'Capability' ? [String(e.o?.name ?? ''), String(e.o?.id ?? '')] : [String(e.rec.id ?? '')];
  const byKind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (byKind) return byKind;
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** The GraphQL objects of evidence rows about technology `t`, in a fixed order (see evidenceOrder). */
export function evidenceOf(rows: EvidenceRow[] | null | undefined, t: NodeRec): EvidenceRecord[] {
  return [...(rows ?? [])].sort(evidenceOrder).map((e) => {
    // The row's technology may have been read with the row's projection only: the capability's end is then
    // loaded whole when asked for (see Capability.technology).
    const rec =
      e.kind === 'Capability'
        ? {
            ...e.rec,
            id: relationshipId('HAS_CAPABILITY', String(e.o?.id), t.id),
            from: e.o,
            to: isPartial(t) ? reloaded(t) : t,
          }
        : { ...e.rec };
    return Object.assign(rec, { [KIND]: e.kind }) as unknown as EvidenceRecord;
  });
}

/** The lowest provenance of some facts (REPORTED > ASSESSED > ILLUSTRATIVE); null when there are none. */
export function basisOf(facts: Array<{ provenance?: unknown } | null | undefined>): ProvenanceValue | null {
  let worst = -1;
  for (const f of facts) {
    const i = PROVENANCES.indexOf(f?.provenance as ProvenanceValue);
    if (i > worst) worst = i;
  }
  return worst < 0 ? null : PROVENANCES[worst];
}

/**
 * The basis of a row whose figures always rest on some record (a gap, a candidate's level, a risk): should the
 * list be empty after all, the row is labelled as resting on nothing sourced.
 */
export function basisOfRow(facts: Array<{ provenance?: unknown } | null | undefined>): ProvenanceValue {
  return basisOf(facts) ?? 'ILLUSTRATIVE';
}

export const evidenceResolvers: Resolvers = {
  Evidence: {
    __resolveType: (e) => (e as unknown as EvidenceRecord)[KIND],
  },
};
