// A small graph with every kind of evidence, shared by the import, read and mutation tests of evidence.
import type { GraphDocument } from '../../src/domain/document.js';

export const EVIDENCE_SOURCE = 'source:kistep-2022';
const SRC = EVIDENCE_SOURCE;
const I = { provenance: 'ILLUSTRATIVE', sources: [] };

/** A small graph with every kind of evidence: assessment rounds, a complete listing with shares, import dependence. */
export function evidenceDocument(): GraphDocument {
  return {
    sources: [
      {
        id: SRC,
        title: '2022 기술수준평가',
        publisher: 'KISTEP',
        kind: 'GOVERNMENT',
        provenance: 'REPORTED',
        sources: [],
      },
    ],
    technologies: [
      { id: 'tech:ev-interposer', name: 'Interposer', kind: 'CHOKEPOINT', ...I },
      { id: 'tech:ev-resist', name: 'EUV resist', kind: 'CHOKEPOINT', ...I },
    ],
    organizations: [
      { id: 'org:ev-jsr', name: 'JSR', type: 'COMPANY', country: 'JP', ...I },
      { id: 'org:ev-dongjin', name: 'Dongjin Semichem', type: 'COMPANY', country: 'KR', ...I },
    ],
    assessments: [
      {
        id: 'assessment:ev-i-kr-2020',
        technology: 'tech:ev-interposer',
        country: 'KR',
        level: 60,
        yearsBehind: 3.5,
        round: 2020,
        publisher: 'KISTEP',
        provenance: 'REPORTED',
        sources: [SRC],
      },
      {
        id: 'assessment:ev-i-kr-2022',
        technology: 'tech:ev-interposer',
        country: 'KR',
        level: 70,
        round: 2022,
        publisher: 'KISTEP',
        provenance: 'REPORTED',
        sources: [SRC],
      },
      {
        id: 'assessment:ev-i-us-2022',
        technology: 'tech:ev-interposer',
        country: 'US',
        level: 100,
        yearsBehind: 0,
        round: 2022,
        note: '최고기술국',
        provenance: 'REPORTED',
        sources: [SRC],
      },
    ],
    supplyListings: [
      {
        id: 'listing:ev-resist-2023',
        technology: 'tech:ev-resist',
        year: 2023,
        complete: true,
        completeBecause: 'country shares sum to 100',
        ...I,
      },
      { id: 'listing:ev-resist-2021', technology: 'tech:ev-resist', year: 2021, note: 'providers only', ...I },
    ],
    supplyShares: [
      { id: 'share:ev-resist-2023-jp', listing: 'listing:ev-resist-2023', country: 'JP', share: 91, ...I },
      { id: 'share:ev-resist-2023-kr', listing: 'listing:ev-resist-2023', country: 'KR', share: 5, ...I },
      { id: 'share:ev-resist-2023-us', listing: 'listing:ev-resist-2023', country: 'US', share: 4, ...I },
      {
        id: 'share:ev-resist-2023-jsr',
        listing: 'listing:ev-resist-2023',
        organization: 'org:ev-jsr',
        share: 30,
        ...I,
      },
      {
        id: 'share:ev-resist-2021-dongjin',
        listing: 'listing:ev-resist-2021',
        organization: 'org:ev-dongjin',
        note: 'listed, no number',
        ...I,
      },
    ],
    importDependences: [
      {
        id: 'importdep:ev-resist-kr-jp-2023',
        technology: 'tech:ev-resist',
        importer: 'KR',
        exporter: 'JP',
        year: 2023,
        share: 84.5,
        ...I,
      },
    ],
  } as GraphDocument;
}
