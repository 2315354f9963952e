// A technology's standing under the lens, as the server gives it (Technology.standing): status, figures with the
// basis of each, and the evidence records that set them. The page decides no status or figure; it only marks the
// basis of foreignBest, which the API does not give, from the records shown (evidence.ts, foreignBasis).
import { foreignBasis, listingShown } from '../evidence.js';
import type { CapabilityData, TechnologyRecord, StandingData } from '../load.js';
import type { ChainNode, GapRow, Params, Status } from '../model.js';
import { Basis, IllustrativeMark, Num } from '../parts.js';
import { EvidenceLine } from './evidence-line.js';

export function StandingSection({
  t,
  st,
  params,
  status,
  basis,
  row,
  drawn,
  caps,
}: {
  t: TechnologyRecord;
  st: StandingData | null;
  params: Params;
  status: Status | null;
  basis: string | null;
  /** The technology's gap row, when it is one in the current view (its score, blocks and leaders). */
  row: GapRow | null;
  drawn: ChainNode | null;
  /** The capability rows the lens's evidence filter keeps. */
  caps: CapabilityData[];
}) {
  const home = params.homeCountry;
  const downstream = row?.downstreamCount ?? drawn?.unratedRow?.downstreamCount ?? null;
  const foreign = st ? foreignBasis(st.foreignBest, caps, t.assessments.nodes, params) : null;
  const shown = listingShown(t.supplyListings.nodes, st?.listingYear ?? null, params);
  const listingBasis = shown.counted ? (shown.listing?.provenance ?? null) : null;
  return (
    <section>
      <h3>
        Standing of {home}{' '}
        <span className="muted small">
          (τ = {params.threshold}
          {params.asOf ? `, as of ${params.asOf}` : ''}
          {params.minEvidence ? `, ${params.minEvidence.toLowerCase()} numbers and above` : ''})
        </span>
      </h3>
      {!st ? (
        <p className="warn" data-testid="no-standing">
          The analysis gave no standing for this technology, so no status or figures are shown (the page does not guess
          them).
        </p>
      ) : (
        <>
          <dl className="numbers" data-testid="numbers">
            <Figure
              label="Best home level"
              field="domesticBest"
              v={st.domesticBest}
              basis={st.domesticBest != null ? basis : null}
            />
            <Figure label="Best foreign level" field="foreignBest" v={st.foreignBest} basis={foreign} />
            <Figure
              label="Gap"
              field="gap"
              v={st.gap}
              basis={st.gap != null ? basis : null}
              none={status === 'PRESENT' || status === 'UNKNOWN' ? 'unrated' : undefined}
            />
            <Figure
              label={`${home}'s world share`}
              field="homeShare"
              v={st.homeShare}
              suffix=" %"
              basis={listingBasis}
            />
            <Figure label="HHI (0–10,000)" field="hhi" v={st.hhi} basis={listingBasis} />
            {row ? (
              <Figure label="Chokepoint score" field="chokepointScore" v={row.chokepointScore} basis={basis} />
            ) : (
              <div>
                <dt>Chokepoint score</dt>
                <dd data-field="chokepointScore">
                  <span className="muted" title="Only technologies with a gap are scored">
                    {status === 'PRESENT' || status === 'UNKNOWN' ? 'unrated' : 'no gap'}
                  </span>
                </dd>
              </div>
            )}
            <div>
              <dt>Downstream</dt>
              <dd data-field="downstreamCount">
                {downstream != null ? <Num v={downstream} /> : <Num v={t.dependents.totalCount} suffix=" direct" />}
              </dd>
            </div>
            <div>
              <dt>Blocks in sector</dt>
              <dd data-field="blocks">{row ? row.blocks.length : <span className="muted">—</span>}</dd>
            </div>
            <div>
              <dt>Listing counted</dt>
              <dd data-field="listingYear">
                <Num v={st.listingYear} />
              </dd>
            </div>
          </dl>
          <div className="basis-line" data-testid="basis">
            <span>
              Basis: <Basis basis={basis} />
            </span>
            <span className="muted small">
              {status === 'UNKNOWN'
                ? ' nothing is known of this technology under this lens: assess it.'
                : ' the lowest provenance of the evidence that set the figures:'}
            </span>
          </div>
          {st.evidence.length > 0 && (
            <ul className="evidence" data-testid="standing-evidence">
              {st.evidence.map((e, i) => (
                <li key={i}>
                  <EvidenceLine rec={e} home={home} />
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">
            Home best = the best of {home}'s organizations' levels and {home}'s latest national assessment (percent of
            the world's best). Gap = 100 − best home level; score = gap × (1 + downstream)
            {row?.depthLimitReached ? '; a chain deeper than 10 hops was cut' : ''}.
          </p>
        </>
      )}
    </section>
  );
}

/** One figure of the standing, with the striped marker when it rests on illustrative data. */
function Figure({
  label,
  field,
  v,
  basis,
  suffix,
  none,
}: {
  label: string;
  field: string;
  v: number | null;
  basis: string | null;
  suffix?: string;
  none?: string;
}) {
  return (
    <div className={basis === 'ILLUSTRATIVE' ? 'illustrative-figure' : ''}>
      <dt>
        {label} {v != null && <IllustrativeMark basis={basis} compact />}
      </dt>
      <dd data-field={field} data-basis={v != null ? (basis ?? undefined) : undefined}>
        {v == null && none ? (
          <span className="muted">{none}</span>
        ) : (
          <Num v={v} suffix={v != null ? suffix : undefined} />
        )}
      </dd>
    </div>
  );
}
