// An evidence record (the Evidence union) as one line of text, with its provenance and sources.
import type { EvidenceRecord } from '../load.js';
import { FactRef, Num } from '../parts.js';
import { fmtShare } from './text.js';

/** An evidence record, as a line: what it says, about whom, when, and its provenance and sources. */
export function EvidenceLine({ rec, home }: { rec: EvidenceRecord; home: string }) {
  switch (rec.__typename) {
    case 'Capability':
      return (
        <>
          {rec.organization.name} <span className="cc">{rec.organization.country}</span> level{' '}
          <b>
            <Num v={rec.level} />
          </b>
          {rec.holdsCoreIp ? <span className="pill">core IP</span> : null}
          {rec.asOf ? <span className="muted"> as of {rec.asOf}</span> : null}{' '}
          <FactRef provenance={rec.provenance} sources={rec.sources} />
        </>
      );
    case 'NationalAssessment':
      return (
        <>
          {rec.country === home ? <b>{rec.country}</b> : rec.country} national assessment, round {rec.round}:{' '}
          <b>
            <Num v={rec.level} />
          </b>
          {rec.yearsBehind != null ? `, ${rec.yearsBehind} years behind` : ''}
          {rec.publisher ? <span className="muted"> ({rec.publisher})</span> : null}{' '}
          <FactRef provenance={rec.provenance} sources={rec.sources} />
        </>
      );
    case 'SupplyListing':
      return (
        <>
          Supply listing of {rec.year}
          {rec.complete ? ' (complete)' : ' (partial)'} <FactRef provenance={rec.provenance} sources={rec.sources} />
        </>
      );
    case 'SupplyShare':
      return (
        <>
          {rec.holder ? (
            <>
              {rec.holder.name} <span className="cc">{rec.holder.country}</span>
            </>
          ) : (
            rec.holderCountry
          )}{' '}
          {rec.percent == null ? (
            'listed as a supplier, no number'
          ) : (
            <>
              holds <b>{fmtShare(rec.percent)} %</b> of world supply
            </>
          )}{' '}
          <FactRef provenance={rec.provenance} sources={rec.sources} />
        </>
      );
    case 'ImportDependence':
      return (
        <>
          {rec.importer}'s imports from {rec.exporter} in {rec.year}: <b>{fmtShare(rec.share)} %</b>{' '}
          <FactRef provenance={rec.provenance} sources={rec.sources} />
        </>
      );
    default:
      return null;
  }
}
