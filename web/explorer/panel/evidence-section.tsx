// The technology's evidence besides capabilities: the supply listing's shares as bars, national assessment rounds
// as a trend and a table, and where the home country imports it from; records the lens leaves out are counted.
import { afterAsOf, assessmentSeries, belowEvidenceFloor, listingShown, shareBars } from '../evidence.js';
import type { StandingData, TechnologyRecord } from '../load.js';
import type { Params } from '../model.js';
import { FactRef, HiddenNote, IllustrativeMark, Num } from '../parts.js';
import { fmtShare } from './text.js';
import { TrendChart } from './trend-chart.js';

/** The technology's evidence besides capabilities: supply shares, national assessment rounds and import figures. */
export function EvidenceSection({
  t,
  standing,
  params,
  onOrganization,
}: {
  t: TechnologyRecord;
  standing: StandingData | null;
  params: Params;
  onOrganization(id: string): void;
}) {
  const home = params.homeCountry;
  const listings = t.supplyListings.nodes.filter((l) => !belowEvidenceFloor(params, l.provenance));
  const { listing, counted } = listingShown(listings, standing?.listingYear ?? null, params);
  const shares = (listing?.shares.nodes ?? []).filter((s) => !belowEvidenceFloor(params, s.provenance));
  const bars = shareBars(shares, home);
  const assessments = t.assessments.nodes.filter((a) => !belowEvidenceFloor(params, a.provenance));
  const series = assessmentSeries(assessments, home);
  const behind = assessments.some((a) => a.yearsBehind != null);
  const imports = t.importDependence.nodes.filter((d) => !belowEvidenceFloor(params, d.provenance));
  const counting = new Set((standing?.evidence ?? []).flatMap((e) => ('id' in e ? [e.id] : [])));
  const hidden =
    t.supplyListings.nodes.length -
    listings.length +
    t.assessments.nodes.length -
    assessments.length +
    t.importDependence.nodes.length -
    imports.length +
    (listing ? listing.shares.nodes.length - shares.length : 0);
  const nothing = !listing && assessments.length === 0 && imports.length === 0;
  return (
    <section data-testid="evidence">
      <h3>Evidence</h3>
      <HiddenNote count={hidden} what="records (listings, shares, assessments, import figures)" />
      {nothing && (
        <p className="muted">
          No supply listing, national assessment or import figure is recorded for this technology
          {hidden ? ' above the evidence filter' : ''}.
        </p>
      )}

      {listing && (
        <div className="ev-block" data-testid="supply" data-listing={listing.id}>
          <h4>
            World supply, {listing.year} <IllustrativeMark basis={listing.provenance} compact />
          </h4>
          <p className="muted small">
            {listing.complete
              ? `Complete listing${listing.completeBecause ? ` (${listing.completeBecause})` : ''}`
              : 'Partial listing'}
            {listing.countryShareSum != null ? `; country shares sum to ${fmtShare(listing.countryShareSum)} %` : ''} ·{' '}
            <FactRef provenance={listing.provenance} sources={listing.sources} />
          </p>
          {!counted && (
            <p className="warn small" data-testid="listing-not-counted">
              {afterAsOf(params.asOf, { year: listing.year })
                ? `Dated after ${params.asOf}: the figures above do not count it.`
                : 'Not the listing the figures above count.'}
            </p>
          )}
          {bars.length === 0 ? (
            <p className="muted small">The listing names nobody.</p>
          ) : (
            <ul className="sharebars" data-testid="share-bars">
              {bars.map((b) => (
                <li
                  key={b.record.id}
                  className={`${b.home ? 'home' : ''} ${b.kind}`}
                  data-share={b.record.id}
                  data-value={b.share ?? ''}
                >
                  <span className="sb-label">
                    {b.kind === 'organization' && b.record.organization ? (
                      <>
                        <button className="link" onClick={() => onOrganization(b.record.organization!.id)}>
                          {b.label}
                        </button>{' '}
                        <span className="cc">{b.country}</span>
                      </>
                    ) : (
                      <span className="cc big">{b.label}</span>
                    )}
                  </span>
                  <span
                    className="sb-track"
                    title={
                      b.share == null
                        ? 'listed as a supplier without a number'
                        : `${fmtShare(b.share)} % of world supply`
                    }
                  >
                    {b.width == null ? (
                      <i className="sb-unknown" />
                    ) : (
                      <i style={{ width: `${Math.max(0.8, b.width)}%` }} />
                    )}
                  </span>
                  <span className="sb-value">
                    {b.share == null ? <span className="muted">listed</span> : `${fmtShare(b.share)} %`}
                  </span>
                  <span className="sb-prov">
                    <FactRef provenance={b.record.provenance} sources={b.record.sources} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          {listing.shares.totalCount > listing.shares.nodes.length && (
            <p className="muted small">
              {listing.shares.totalCount - listing.shares.nodes.length} more entries not shown.
            </p>
          )}
          {listings.length > 1 && (
            <p className="muted small">
              Other listings:{' '}
              {listings
                .filter((l) => l !== listing)
                .map((l) => l.year)
                .join(', ')}
              .
            </p>
          )}
        </div>
      )}

      {assessments.length > 0 && (
        <div className="ev-block" data-testid="assessments">
          <h4>
            National assessments <span className="muted small">(level as % of the best country, by round)</span>
          </h4>
          <TrendChart series={series} asOf={params.asOf} />
          <table className="rows compact" data-testid="assessment-rows">
            <thead>
              <tr>
                <th>Country</th>
                <th className="num">Round</th>
                <th className="num">Level</th>
                {behind && (
                  <th className="num" title="Years behind the best country">
                    Behind
                  </th>
                )}
                <th>By · provenance</th>
              </tr>
            </thead>
            <tbody>
              {series.flatMap((sr) =>
                [...sr.points].reverse().map((a) => (
                  <tr
                    key={a.id}
                    data-assessment={a.id}
                    className={`${sr.home ? 'home' : ''}${afterAsOf(params.asOf, { year: a.round }) ? ' later' : ''}`}
                    title={
                      afterAsOf(params.asOf, { year: a.round })
                        ? `After ${params.asOf}: not counted`
                        : counting.has(a.id)
                          ? 'Counted in the figures above'
                          : undefined
                    }
                  >
                    <td>{a.country}</td>
                    <td className="num">{a.round}</td>
                    <td className="num">
                      <Num v={a.level} />
                      {counting.has(a.id) && <span className="pill counted">counted</span>}
                    </td>
                    {behind && (
                      <td className="num">
                        <Num v={a.yearsBehind ?? null} suffix=" y" />
                      </td>
                    )}
                    <td className="small">
                      {a.publisher ? `${a.publisher} ` : ''}
                      <FactRef provenance={a.provenance} sources={a.sources} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}

      {imports.length > 0 && (
        <div className="ev-block" data-testid="imports">
          <h4>Where {home} imports it from</h4>
          <ul className="sharebars">
            {imports.map((d) => (
              <li key={d.id} data-import={d.id} className={afterAsOf(params.asOf, { year: d.year }) ? 'later' : ''}>
                <span className="sb-label">
                  <span className="cc big">{d.exporter}</span> <span className="muted small">{d.year}</span>
                </span>
                <span className="sb-track" title={`${fmtShare(d.share)} % of ${home}'s imports`}>
                  <i style={{ width: `${Math.max(0.8, Math.min(100, d.share))}%` }} />
                </span>
                <span className="sb-value">{fmtShare(d.share)} %</span>
                <span className="sb-prov">
                  <FactRef provenance={d.provenance} sources={d.sources} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
