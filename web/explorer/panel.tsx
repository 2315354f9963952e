// The side panel: a technology's standing, leaders, partner candidates, projects and joint-R&D eligibility, each
// number with its provenance and sources; an organization's summary; or the view's overview.
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from './api.js';
import { STATUS_COLORS } from './graph.js';
import {
  afterAsOf, assessmentSeries, belowEvidenceFloor, endLabels, foreignBasis, listingShown, polyline, shareBars, trendGeometry, type Series,
} from './evidence.js';
import {
  loadTechnology, technologyOperation,
  type AssessmentData, type EvidenceRecord, type OrganizationData, type Params, type SourceRef, type StandingData, type TechnologyPanelData,
} from './load.js';
import { STATUSES, type ChainNode, type ChainView, type ExposureView, type GapRow, type Status } from './model.js';
import {
  Basis, FactRef, GAP_STATUSES, IllustrativeMark, krw, Num, PlaygroundLink, Prov, SourceIndex, SourceList, SourcesContext, StatusBadge, STATUS_TEXT,
} from './parts.js';

type CapabilityRow = NonNullable<TechnologyPanelData['technology']>['capabilities']['nodes'][number];

const ORG_TYPE: Record<string, string> = {
  COMPANY: 'company', RESEARCH_INSTITUTE: 'research institute', UNIVERSITY: 'university', AGENCY: 'agency', MINISTRY: 'ministry',
};

function Name({ name, nameKo }: { name: string; nameKo?: string | null }) {
  return <>{name}{nameKo ? <span className="ko"> {nameKo}</span> : null}</>;
}

function Tri({ v }: { v: string }) {
  const cls = v === 'TRUE' ? 'yes' : v === 'FALSE' ? 'no' : 'unknown';
  const text = v === 'TRUE' ? 'Yes' : v === 'FALSE' ? 'No' : 'Unknown';
  return <span className={`tri tri-${cls}`}>{text}</span>;
}

const CRITERIA: Record<string, string> = {
  C1_LONG_OR_FOREIGN_CORE_IP: 'C1 · over 3 years alone, or foreign core IP',
  C2_TIME_AND_COST_SAVING: 'C2 · saves ≥ 1 year and ≥ 50 % of cost',
  C3_OVERSEAS_CERTIFICATION: 'C3 · needs overseas certification',
};

interface TechPanelProps {
  id: string;
  params: Params;
  /** The node as drawn (the numbers of its analysis row), when the technology is in the current view. */
  row: GapRow | null;
  drawn: ChainNode | null;
  onSelect(id: string): void;
  onOrganization(id: string): void;
  onClose(): void;
}

export function TechnologyPanel({ id, params, row, drawn, onSelect, onOrganization, onClose }: TechPanelProps) {
  const [state, setState] = useState<{ data?: TechnologyPanelData; errors: string[]; error?: string; loading: boolean }>({ errors: [], loading: true });
  useEffect(() => {
    const ac = new AbortController();
    setState({ errors: [], loading: true });
    loadTechnology(id, params, ac.signal).then(
      (r) => setState({ data: r.data, errors: r.errors, loading: false }),
      (e: unknown) => {
        if ((e as Error).name !== 'AbortError') setState({ errors: [], error: (e as Error).message + (e instanceof ApiError && e.needsKey ? ' Add an API key (top right).' : ''), loading: false });
      },
    );
    return () => ac.abort();
  }, [id, params.homeCountry, params.threshold, params.minProvenance, params.asOf, params.minEvidence]);

  const index = useMemo(() => new SourceIndex(), [state.data]);
  const op = technologyOperation(id, params);
  const t = state.data?.technology;
  const st = state.data?.standing?.standing ?? null;
  const pc = state.data?.partnerCandidates;
  const el = state.data?.jointRndEligibility;
  const home = params.homeCountry;

  // Capability rows the lens's evidence filter keeps (the others are counted, not shown).
  const allCaps = t?.capabilities.nodes ?? [];
  const caps = allCaps.filter((c) => !belowEvidenceFloor(params, c.provenance));
  const capOf = new Map(caps.map((c) => [c.organization.id, c]));
  // The status and figures are the server's (Technology.standing); the drawn row adds score and blocks.
  const status = (st?.status ?? row?.status ?? drawn?.status ?? null) as Status | null;
  const basis = st ? st.basis : row?.basis ?? drawn?.basis ?? null;
  const unrated = drawn?.unratedRow ?? null;
  const downstream = row?.downstreamCount ?? unrated?.downstreamCount ?? null;
  const assessments = t?.assessments.nodes ?? [];
  const foreign = st && t ? foreignBasis(st.foreignBest, caps, assessments, params) : null;
  const shown = listingShown(t?.supplyListings.nodes ?? [], st?.listingYear ?? null, params);
  const listingBasis = shown.counted ? shown.listing?.provenance ?? null : null;

  return (
    <SourcesContext.Provider value={index}>
      <div className="panel-inner" data-panel="technology" data-id={id}>
        <div className="panel-head">
          <div>
            <div className="eyebrow">{t?.kind ? kindText(t.kind) : 'Technology'}{t ? <> · <Prov p={t.provenance} /></> : null}</div>
            <h2>{t ? <Name name={t.name} nameKo={t.nameKo} /> : drawn ? <Name name={drawn.name} nameKo={drawn.nameKo} /> : id}</h2>
            <div className="panel-sub">
              <StatusBadge status={status} />
              <IllustrativeMark basis={basis} />
              {t?.stages.nodes.map((s) => (
                <span key={s.id} className="chip">{s.sector?.name} · {s.order}. {s.name}{s.nameKo ? ` ${s.nameKo}` : ''}</span>
              ))}
            </div>
          </div>
          <button className="icon close" onClick={onClose} aria-label="Close panel">×</button>
        </div>
        {state.loading && <p className="muted">Loading…</p>}
        {state.error && <p className="error">{state.error}</p>}
        {state.errors.length > 0 && <p className="warn">Some parts of the answer failed: {state.errors.join('; ')}</p>}
        {t && (
          <>
            {t.description && <p className="desc">{t.description} <FactRef provenance={t.provenance} sources={t.sources} /></p>}

            <section>
              <h3>Standing of {home} <span className="muted small">(τ = {params.threshold}{params.asOf ? `, as of ${params.asOf}` : ''}{params.minEvidence ? `, ${params.minEvidence.toLowerCase()} numbers and above` : ''})</span></h3>
              {!st ? (
                <p className="warn" data-testid="no-standing">The analysis gave no standing for this technology, so no status or figures are shown (the page does not guess them).</p>
              ) : (
                <>
                  <dl className="numbers" data-testid="numbers">
                    <Figure label="Best home level" field="domesticBest" v={st.domesticBest} basis={st.domesticBest != null ? basis : null} />
                    <Figure label="Best foreign level" field="foreignBest" v={st.foreignBest} basis={foreign} />
                    <Figure label="Gap" field="gap" v={st.gap} basis={st.gap != null ? basis : null} none={status === 'PRESENT' || status === 'UNKNOWN' ? 'unrated' : undefined} />
                    <Figure label={`${home}'s world share`} field="homeShare" v={st.homeShare} suffix=" %" basis={listingBasis} />
                    <Figure label="HHI (0–10,000)" field="hhi" v={st.hhi} basis={listingBasis} />
                    {row ? <Figure label="Chokepoint score" field="chokepointScore" v={row.chokepointScore} basis={basis} /> : (
                      <div><dt>Chokepoint score</dt><dd data-field="chokepointScore"><span className="muted" title="Only technologies with a gap are scored">{status === 'PRESENT' || status === 'UNKNOWN' ? 'unrated' : 'no gap'}</span></dd></div>
                    )}
                    <div><dt>Downstream</dt><dd data-field="downstreamCount">{downstream != null ? <Num v={downstream} /> : <Num v={t.dependents.totalCount} suffix=" direct" />}</dd></div>
                    <div><dt>Blocks in sector</dt><dd data-field="blocks">{row ? row.blocks.length : <span className="muted">—</span>}</dd></div>
                    <div><dt>Listing counted</dt><dd data-field="listingYear"><Num v={st.listingYear} /></dd></div>
                  </dl>
                  <div className="basis-line" data-testid="basis">
                    <span>Basis: <Basis basis={basis} /></span>
                    <span className="muted small">
                      {status === 'UNKNOWN' ? ' nothing is known of this technology under this lens: assess it.' : ' the lowest provenance of the evidence that set the figures:'}
                    </span>
                  </div>
                  {st.evidence.length > 0 && (
                    <ul className="evidence" data-testid="standing-evidence">
                      {st.evidence.map((e, i) => <li key={i}><EvidenceLine rec={e} home={home} /></li>)}
                    </ul>
                  )}
                  <p className="muted small">
                    Home best = the best of {home}'s organizations' levels and {home}'s latest national assessment (percent of the world's best).
                    Gap = 100 − best home level; score = gap × (1 + downstream){row?.depthLimitReached ? '; a chain deeper than 10 hops was cut' : ''}.
                  </p>
                </>
              )}
            </section>

            <EvidenceSection t={t} standing={st} params={params} onOrganization={onOrganization} />

            {row && (
              <section>
                <h3>Leaders</h3>
                <LeaderList title={`Home (${home})`} ids={row.domesticLeaders.map((o) => o.id)} capOf={capOf} empty={`No organization of ${home} is rated at the best home level.`} onOrganization={onOrganization} />
                <LeaderList title="Abroad" ids={row.foreignLeaders.map((o) => o.id)} capOf={capOf} empty="No foreign organization is rated at the best foreign level." onOrganization={onOrganization} />
              </section>
            )}

            <section>
              <h3>Partner candidates <span className="count">{pc?.totalCount ?? '—'}</span></h3>
              {pc == null ? <p className="muted">The analysis gave no answer.</p> : pc.nodes.length === 0 ? (
                <p className="muted">No foreign organization is rated ahead of {home}.</p>
              ) : (
                <ul className="partners" data-testid="partners">
                  {pc.nodes.map((c) => {
                    const cap = capOf.get(c.organization.id);
                    return (
                      <li key={c.organization.id} data-partner={c.organization.id}>
                        <div className="partner-line">
                          <button className="link" onClick={() => onOrganization(c.organization.id)}><Name name={c.organization.name} nameKo={c.organization.nameKo} /></button>
                          <span className="cc">{c.organization.country}</span>
                          <IllustrativeMark basis={c.basis} compact />
                          <LevelBar level={c.level} home={false} />
                        </div>
                        <div className="partner-meta small">
                          {c.holdsCoreIp && <span className="pill">core IP</span>}
                          <span>{c.sharedProjectCount} shared project{c.sharedProjectCount === 1 ? '' : 's'} with {home}</span>
                          {c.hostsCooperationCenter && <span>hosts {c.cooperationCenters.map((cc) => cc.name).join(', ') || 'a cooperation center'}</span>}
                          {cap && <span>level <FactRef provenance={cap.provenance} sources={cap.sources} /></span>}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
              {pc && pc.suppliers.nodes.length > 0 && (
                <>
                  <p className="muted small">Listed as suppliers without a level ({pc.suppliers.totalCount}): candidates to assess or approach.</p>
                  <ul className="partners" data-testid="suppliers">
                    {pc.suppliers.nodes.map((sup) => (
                      <li key={sup.organization.id} data-supplier={sup.organization.id}>
                        <div className="partner-line">
                          <button className="link" onClick={() => onOrganization(sup.organization.id)}><Name name={sup.organization.name} nameKo={sup.organization.nameKo} /></button>
                          <span className="cc">{sup.organization.country}</span>
                          <IllustrativeMark basis={sup.basis} compact />
                          <span className="supplier-share">{sup.share == null ? 'listed, no number' : `${fmtShare(sup.share)} % of world supply`} ({sup.listing.year})</span>
                        </div>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>

            <section>
              <h3>Projects on it <span className="count">{t.projects.totalCount}</span></h3>
              {t.projects.edges.length === 0 ? <p className="muted">No project develops it yet.</p> : (
                <ul className="projects">
                  {t.projects.edges.map(({ node: p, link }) => (
                    <li key={p.id}>
                      <div><span className={`pstatus ps-${p.status.toLowerCase()}`}>{p.status.toLowerCase()}</span> {p.title}</div>
                      <div className="muted small">
                        {p.program?.name ?? 'no program'} · {p.startYear ?? '?'}–{p.endYear ?? '?'} · {krw(p.budgetKrw)} · <FactRef provenance={p.provenance} sources={p.sources} />
                        {link && <> · link <FactRef provenance={link.provenance} sources={link.sources} /></>}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section>
              <h3>Joint R&amp;D eligibility {el && <Tri v={el.eligible} />}</h3>
              {el == null ? <p className="muted">The analysis gave no answer.</p> : (
                <>
                  <ul className="criteria" data-testid="eligibility">
                    {[el.c1, el.c2, el.c3].map((c) => (
                      <li key={c.criterion}><Tri v={c.value} /> <strong>{CRITERIA[c.criterion] ?? c.criterion}</strong><div className="reason">{c.reason}</div></li>
                    ))}
                  </ul>
                  <p className="muted small">
                    Inputs: {fmtInput(t.domesticYearsToDevelop, ' years alone')}, saves {fmtInput(t.coopTimeSavingYears, ' years')} and {fmtInput(t.coopCostSavingPct, ' % of cost')},
                    overseas certification {t.needsOverseasCertification == null ? 'unknown' : t.needsOverseasCertification ? 'needed' : 'not needed'} — properties of the technology record <FactRef provenance={t.provenance} sources={t.sources} />
                    {el.foreignCoreIpHolders.length > 0 && <>; foreign core IP: {el.foreignCoreIpHolders.map((o) => `${o.name} (${o.country})`).join(', ')}</>}.
                  </p>
                </>
              )}
            </section>

            <section>
              <h3>All capabilities <span className="count">{t.capabilities.totalCount}</span></h3>
              <HiddenNote count={allCaps.length - caps.length} what="capability levels" />
              <ul className="partners caps" data-testid="capabilities">
                {caps.map((c) => (
                  <li key={c.organization.id} className={`${c.organization.country === home ? 'home' : ''}${afterAsOf(params.asOf, { date: c.asOf }) ? ' later' : ''}`}>
                    <div className="partner-line">
                      <button className="link" onClick={() => onOrganization(c.organization.id)}><Name name={c.organization.name} nameKo={c.organization.nameKo} /></button>
                      <span className="cc">{c.organization.country}</span>
                      {c.holdsCoreIp && <span className="pill">core IP</span>}
                      <IllustrativeMark basis={c.provenance} compact />
                      <LevelBar level={c.level} home={c.organization.country === home} />
                    </div>
                    <div className="partner-meta small">
                      <span>{ORG_TYPE[c.organization.type] ?? c.organization.type}</span>
                      {c.asOf && <span>as of {c.asOf}{afterAsOf(params.asOf, { date: c.asOf }) ? ' (after the as-of date: not counted)' : ''}</span>}
                      <FactRef provenance={c.provenance} sources={c.sources} />
                    </div>
                  </li>
                ))}
              </ul>
            </section>

            <section>
              <h3>Inputs and dependents</h3>
              <div className="deps">
                <div>
                  <span className="muted small">Needs ({t.dependencies.totalCount})</span>
                  {t.dependencies.edges.map((e) => <DepChip key={e.node.id} node={e.node} link={e.link} onSelect={onSelect} />)}
                </div>
                <div>
                  <span className="muted small">Needed by ({t.dependents.totalCount})</span>
                  {t.dependents.edges.map((e) => <DepChip key={e.node.id} node={e.node} link={e.link} onSelect={onSelect} />)}
                </div>
              </div>
            </section>

            <section>
              <h3>Sources</h3>
              <SourceList index={index} />
              <p className="small"><PlaygroundLink op={op}>The GraphQL behind this panel ↗</PlaygroundLink></p>
            </section>
          </>
        )}
      </div>
    </SourcesContext.Provider>
  );
}

/** One figure of the standing, with the striped marker when it rests on illustrative data. */
function Figure({ label, field, v, basis, suffix, none }: { label: string; field: string; v: number | null; basis: string | null; suffix?: string; none?: string }) {
  return (
    <div className={basis === 'ILLUSTRATIVE' ? 'illustrative-figure' : ''}>
      <dt>{label} {v != null && <IllustrativeMark basis={basis} compact />}</dt>
      <dd data-field={field} data-basis={v != null ? basis ?? undefined : undefined}>
        {v == null && none ? <span className="muted">{none}</span> : <Num v={v} suffix={v != null ? suffix : undefined} />}
      </dd>
    </div>
  );
}

function HiddenNote({ count, what }: { count: number; what: string }) {
  if (count <= 0) return null;
  return <p className="muted small" data-hidden={count}>{count} {what} below the evidence filter are not shown.</p>;
}

/** An evidence record, as a line: what it says, about whom, when, and its provenance and sources. */
export function EvidenceLine({ rec, home }: { rec: EvidenceRecord; home: string }) {
  switch (rec.__typename) {
    case 'Capability':
      return <>{rec.organization.name} <span className="cc">{rec.organization.country}</span> level <b><Num v={rec.level} /></b>{rec.holdsCoreIp ? <span className="pill">core IP</span> : null}{rec.asOf ? <span className="muted"> as of {rec.asOf}</span> : null} <FactRef provenance={rec.provenance} sources={rec.sources} /></>;
    case 'NationalAssessment':
      return <>{rec.country === home ? <b>{rec.country}</b> : rec.country} national assessment, round {rec.round}: <b><Num v={rec.level} /></b>{rec.yearsBehind != null ? `, ${rec.yearsBehind} years behind` : ''}{rec.publisher ? <span className="muted"> ({rec.publisher})</span> : null} <FactRef provenance={rec.provenance} sources={rec.sources} /></>;
    case 'SupplyListing':
      return <>Supply listing of {rec.year}{rec.complete ? ' (complete)' : ' (partial)'} <FactRef provenance={rec.provenance} sources={rec.sources} /></>;
    case 'SupplyShare':
      return <>{rec.holder ? <>{rec.holder.name} <span className="cc">{rec.holder.country}</span></> : rec.holderCountry} {rec.percent == null ? 'listed as a supplier, no number' : <>holds <b>{fmtShare(rec.percent)} %</b> of world supply</>} <FactRef provenance={rec.provenance} sources={rec.sources} /></>;
    case 'ImportDependence':
      return <>{rec.importer}'s imports from {rec.exporter} in {rec.year}: <b>{fmtShare(rec.share)} %</b> <FactRef provenance={rec.provenance} sources={rec.sources} /></>;
    default:
      return null;
  }
}

const SERIES_COLORS = ['#7b8794', '#c2410c', '#0f766e', '#7c3aed', '#b45309', '#be185d'];

/** The technology's evidence besides capabilities: supply shares, national assessment rounds and import figures. */
function EvidenceSection({ t, standing, params, onOrganization }: {
  t: NonNullable<TechnologyPanelData['technology']>;
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
  const hidden = t.supplyListings.nodes.length - listings.length + t.assessments.nodes.length - assessments.length + t.importDependence.nodes.length - imports.length
    + (listing ? listing.shares.nodes.length - shares.length : 0);
  const nothing = !listing && assessments.length === 0 && imports.length === 0;
  return (
    <section data-testid="evidence">
      <h3>Evidence</h3>
      <HiddenNote count={hidden} what="records (listings, shares, assessments, import figures)" />
      {nothing && <p className="muted">No supply listing, national assessment or import figure is recorded for this technology{hidden ? ' above the evidence filter' : ''}.</p>}

      {listing && (
        <div className="ev-block" data-testid="supply" data-listing={listing.id}>
          <h4>World supply, {listing.year} <IllustrativeMark basis={listing.provenance} compact /></h4>
          <p className="muted small">
            {listing.complete ? `Complete listing${listing.completeBecause ? ` (${listing.completeBecause})` : ''}` : 'Partial listing'}
            {listing.countryShareSum != null ? `; country shares sum to ${fmtShare(listing.countryShareSum)} %` : ''} · <FactRef provenance={listing.provenance} sources={listing.sources} />
          </p>
          {!counted && (
            <p className="warn small" data-testid="listing-not-counted">
              {afterAsOf(params.asOf, { year: listing.year }) ? `Dated after ${params.asOf}: the figures above do not count it.` : 'Not the listing the figures above count.'}
            </p>
          )}
          {bars.length === 0 ? <p className="muted small">The listing names nobody.</p> : (
            <ul className="sharebars" data-testid="share-bars">
              {bars.map((b) => (
                <li key={b.record.id} className={`${b.home ? 'home' : ''} ${b.kind}`} data-share={b.record.id} data-value={b.share ?? ''}>
                  <span className="sb-label">
                    {b.kind === 'organization' && b.record.organization
                      ? <><button className="link" onClick={() => onOrganization(b.record.organization!.id)}>{b.label}</button> <span className="cc">{b.country}</span></>
                      : <span className="cc big">{b.label}</span>}
                  </span>
                  <span className="sb-track" title={b.share == null ? 'listed as a supplier without a number' : `${fmtShare(b.share)} % of world supply`}>
                    {b.width == null ? <i className="sb-unknown" /> : <i style={{ width: `${Math.max(0.8, b.width)}%` }} />}
                  </span>
                  <span className="sb-value">{b.share == null ? <span className="muted">listed</span> : `${fmtShare(b.share)} %`}</span>
                  <span className="sb-prov"><FactRef provenance={b.record.provenance} sources={b.record.sources} /></span>
                </li>
              ))}
            </ul>
          )}
          {listing.shares.totalCount > listing.shares.nodes.length && <p className="muted small">{listing.shares.totalCount - listing.shares.nodes.length} more entries not shown.</p>}
          {listings.length > 1 && <p className="muted small">Other listings: {listings.filter((l) => l !== listing).map((l) => l.year).join(', ')}.</p>}
        </div>
      )}

      {assessments.length > 0 && (
        <div className="ev-block" data-testid="assessments">
          <h4>National assessments <span className="muted small">(level as % of the best country, by round)</span></h4>
          <TrendChart series={series} asOf={params.asOf} />
          <table className="rows compact" data-testid="assessment-rows">
            <thead><tr><th>Country</th><th className="num">Round</th><th className="num">Level</th>{behind && <th className="num" title="Years behind the best country">Behind</th>}<th>By · provenance</th></tr></thead>
            <tbody>
              {series.flatMap((sr) => [...sr.points].reverse().map((a) => (
                <tr key={a.id} data-assessment={a.id} className={`${sr.home ? 'home' : ''}${afterAsOf(params.asOf, { year: a.round }) ? ' later' : ''}`}
                  title={afterAsOf(params.asOf, { year: a.round }) ? `After ${params.asOf}: not counted` : counting.has(a.id) ? 'Counted in the figures above' : undefined}>
                  <td>{a.country}</td>
                  <td className="num">{a.round}</td>
                  <td className="num"><Num v={a.level} />{counting.has(a.id) && <span className="pill counted">counted</span>}</td>
                  {behind && <td className="num"><Num v={a.yearsBehind ?? null} suffix=" y" /></td>}
                  <td className="small">{a.publisher ? `${a.publisher} ` : ''}<FactRef provenance={a.provenance} sources={a.sources} /></td>
                </tr>
              )))}
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
                <span className="sb-label"><span className="cc big">{d.exporter}</span> <span className="muted small">{d.year}</span></span>
                <span className="sb-track" title={`${fmtShare(d.share)} % of ${home}'s imports`}><i style={{ width: `${Math.max(0.8, Math.min(100, d.share))}%` }} /></span>
                <span className="sb-value">{fmtShare(d.share)} %</span>
                <span className="sb-prov"><FactRef provenance={d.provenance} sources={d.sources} /></span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** National assessment rounds as a small line chart: one line per country, the home country in blue. */
function TrendChart({ series, asOf }: { series: Series<AssessmentData>[]; asOf: string | null }) {
  const g = trendGeometry(series);
  let other = 0;
  const colors = series.map((s) => (s.home ? '#1d4ed8' : SERIES_COLORS[other++ % SERIES_COLORS.length]));
  const labelY = endLabels(series, g);
  return (
    <svg className="trend" width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-label={`National assessment rounds of ${series.map((s) => s.country).join(', ')}`} data-testid="trend">
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={30} x2={g.width - 34} y1={g.y(v)} y2={g.y(v)} stroke="#e3e7ed" />
          <text x={25} y={g.y(v) + 3.5} textAnchor="end" fontSize="10" fill="#616e7c">{v}</text>
        </g>
      ))}
      {g.rounds.map((r) => <text key={r} x={g.x(r)} y={g.height - 6} textAnchor="middle" fontSize="10" fill="#616e7c">{r}</text>)}
      {series.map((s, i) => (
        <g key={s.country} data-series={s.country} className={s.home ? 'home' : ''}>
          {s.points.length > 1 && <polyline points={polyline(s, g)} fill="none" stroke={colors[i]} strokeWidth={s.home ? 2.5 : 1.6} />}
          {s.points.map((p) => (
            <circle key={p.id} cx={g.x(p.round)} cy={g.y(p.level)} r={s.home ? 3.6 : 3} fill={afterAsOf(asOf, { year: p.round }) ? '#ffffff' : colors[i]} stroke={colors[i]} strokeWidth={1.4} data-point={p.id}>
              <title>{`${s.country}, round ${p.round}: ${p.level}${p.publisher ? ` (${p.publisher})` : ''} · ${p.provenance.toLowerCase()}${afterAsOf(asOf, { year: p.round }) ? ` · after ${asOf}, not counted` : ''}`}</title>
            </circle>
          ))}
          <text x={g.x(s.points[s.points.length - 1].round) + 6} y={labelY[i] + 3.5} fontSize="10.5" fontWeight={s.home ? 700 : 500} fill={colors[i]}>{s.country}</text>
        </g>
      ))}
    </svg>
  );
}

function LeaderList({ title, ids, capOf, empty, onOrganization }: {
  title: string;
  ids: string[];
  capOf: Map<string, CapabilityRow>;
  empty: string;
  onOrganization(id: string): void;
}) {
  return (
    <div className="leaders">
      <span className="muted small">{title}</span>
      {ids.length === 0 ? <p className="muted small">{empty}</p> : (
        <ul>
          {ids.map((oid) => {
            const c = capOf.get(oid);
            return (
              <li key={oid} data-leader={oid}>
                <button className="link" onClick={() => onOrganization(oid)}>{c ? <Name name={c.organization.name} nameKo={c.organization.nameKo} /> : oid}</button>
                {c && <> <span className="cc">{c.organization.country}</span> <strong><Num v={c.level} /></strong> {c.holdsCoreIp && <span className="pill">core IP</span>} <FactRef provenance={c.provenance} sources={c.sources} /></>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** A dependency: the technology (click to open it) and the DEPENDS_ON fact's provenance and sources. */
function DepChip({ node, link, onSelect }: { node: { id: string; name: string; nameKo?: string | null }; link: { provenance: string; sources: SourceRef[] } | null; onSelect(id: string): void }) {
  return (
    <span className="chip">
      <button className="link" onClick={() => onSelect(node.id)} title={node.nameKo ?? undefined}>{node.name}</button>
      {link && <FactRef provenance={link.provenance} sources={link.sources} />}
    </span>
  );
}

function LevelBar({ level, home }: { level: number; home: boolean }) {
  return (
    <span className="levelbar" title={`${level} % of the world's best`}>
      <i style={{ width: `${Math.max(2, Math.min(100, level))}%`, background: home ? '#1d4ed8' : '#7b8794' }} />
      <b>{Number.isInteger(level) ? level : level.toFixed(1)}</b>
    </span>
  );
}

function kindText(k: string): string {
  return k === 'CHOKEPOINT' ? 'Chokepoint technology · 급소기술' : k === 'ORIGINAL' ? 'Industrial original technology · 산업원천기술' : 'Technology';
}

function fmtInput(v: number | null, unit: string): string {
  return v == null ? 'unknown' : `${v}${unit}`;
}

function fmtShare(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

// ---------------------------------------------------------------------------------------------------------

export function OrganizationPanel({ org, view, onSelect, onClose }: {
  org: NonNullable<OrganizationData['organization']>;
  view: ExposureView;
  onSelect(id: string): void;
  onClose(): void;
}) {
  const index = useMemo(() => new SourceIndex(), [org]);
  return (
    <SourcesContext.Provider value={index}>
      <div className="panel-inner" data-panel="organization" data-id={org.id}>
        <div className="panel-head">
          <div>
            <div className="eyebrow">{ORG_TYPE[org.type] ?? org.type} · {org.country} · <Prov p={org.provenance} /></div>
            <h2><Name name={org.name} nameKo={org.nameKo} /></h2>
            <div className="panel-sub"><span className="chip">{view.total} exposed gap technologies</span></div>
          </div>
          <button className="icon close" onClick={onClose} aria-label="Close panel">×</button>
        </div>
        <p className="small">The organization's record <FactRef provenance={org.provenance} sources={org.sources} /></p>
        <section>
          <h3>Exposure <span className="count">{view.total}</span></h3>
          {view.rows.length === 0 ? <p className="muted">No gap technology lies upstream of what it relies on or is capable in.</p> : (
            <ul className="exposures">
              {view.rows.map((r) => (
                <li key={r.assessment.technology.id}>
                  <button className="link" onClick={() => onSelect(r.assessment.technology.id)}>
                    <i className="dot" style={{ background: STATUS_COLORS[r.assessment.status] }} /><Name name={r.assessment.technology.name} nameKo={r.assessment.technology.nameKo} />
                  </button>
                  <span className="muted small"> score <Num v={r.assessment.chokepointScore} />, gap <Num v={r.assessment.gap} />, {r.hops} hop{r.hops === 1 ? '' : 's'} via {r.viaRelations.join(' + ').toLowerCase()}</span> <IllustrativeMark basis={r.assessment.basis} compact />
                  <div className="path">{r.path.map((p, i) => <span key={p.id}>{i > 0 && <span className="arrow-text"> ← </span>}{p.name}</span>)}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h3>Relies on <span className="count">{org.reliesOn.totalCount}</span></h3>
          <div className="deps">{org.reliesOn.edges.map((e) => <button key={e.node.id} className="chip link" onClick={() => onSelect(e.node.id)}>{e.node.name} <Prov p={e.link?.provenance} /></button>)}</div>
        </section>
        <section>
          <h3>Capabilities <span className="count">{org.capabilities.totalCount}</span></h3>
          <table className="rows">
            <tbody>
              {org.capabilities.nodes.map((c) => (
                <tr key={c.technology.id}>
                  <td><button className="link" onClick={() => onSelect(c.technology.id)}><Name name={c.technology.name} nameKo={c.technology.nameKo} /></button>{c.holdsCoreIp && <span className="pill">core IP</span>}</td>
                  <td className="num"><Num v={c.level} /></td>
                  <td><Prov p={c.provenance} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>Sources</h3>
          <SourceList index={index} />
        </section>
      </div>
    </SourcesContext.Provider>
  );
}

// ---------------------------------------------------------------------------------------------------------

export function ChainOverview({ view, params, onSelect }: { view: ChainView; params: Params; onSelect(id: string): void }) {
  const counts = new Map<Status | null, number>();
  for (const n of view.nodes) counts.set(n.status, (counts.get(n.status) ?? 0) + 1);
  const top = view.nodes.filter((n) => n.chokepointScore != null).sort((a, b) => (b.chokepointScore ?? 0) - (a.chokepointScore ?? 0) || a.id.localeCompare(b.id)).slice(0, 12);
  const maxScore = top[0]?.chokepointScore ?? 1;
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const backlog = view.backlog.slice(0, 8).map((id) => byId.get(id)!);
  const withFigures = view.nodes.filter((n) => n.basis != null);
  const illustrative = withFigures.filter((n) => n.basis === 'ILLUSTRATIVE').length;
  const lensText = [
    `home ${params.homeCountry}`, `τ ${params.threshold}`, params.asOf ? `as of ${params.asOf}` : null,
    params.minProvenance !== 'ILLUSTRATIVE' ? `${params.minProvenance.toLowerCase()} facts and above` : null,
    params.minEvidence ? `${params.minEvidence.toLowerCase()} numbers and above` : null,
  ].filter(Boolean).join(' · ');
  return (
    <div className="panel-inner" data-panel="overview">
      <div className="eyebrow">Value chain · {lensText}</div>
      <h2><Name name={view.sector.name} nameKo={view.sector.nameKo} /></h2>
      <div className="status-bars">
        {STATUSES.map((s) => (
          <div key={s} className={`status-bar${GAP_STATUSES.has(s) ? '' : ' unrated'}`} title={STATUS_TEXT[s].rule}>
            <span className="label"><i className="dot" style={{ background: STATUS_COLORS[s] }} />{STATUS_TEXT[s].en} <span className="ko">{STATUS_TEXT[s].ko}</span></span>
            <span className="bar"><i style={{ width: `${(100 * (counts.get(s) ?? 0)) / Math.max(1, view.nodes.length)}%`, background: STATUS_COLORS[s] }} /></span>
            <span className="num" data-status-count={s}>{counts.get(s) ?? 0}</span>
          </div>
        ))}
        {(counts.get(null) ?? 0) > 0 && (
          <div className="status-bar">
            <span className="label"><i className="dot hollow" />No status</span>
            <span className="bar" />
            <span className="num" data-status-count="none">{counts.get(null)}</span>
          </div>
        )}
      </div>
      <p className="muted small">
        {view.nodes.length} technologies drawn: the sector's own and {view.nodes.filter((n) => n.upstreamOnly).length} inputs from other sectors.
        {view.gapTotal != null ? ` ${view.gapTotal} have a gap` : ''}{view.unratedTotal != null ? `; ${view.unratedTotal} are unrated (present or unknown), not gaps.` : view.gapTotal != null ? '.' : ''}
      </p>
      {withFigures.length > 0 && (
        <p className="small" data-testid="basis-summary">
          {illustrative > 0 ? (
            <><IllustrativeMark basis="ILLUSTRATIVE" /> {illustrative} of {withFigures.length} technologies with figures rest on illustrative data (striped in the graph).</>
          ) : <>Every figure shown rests on sourced evidence (assessed or reported).</>}
        </p>
      )}
      <section>
        <h3>Top chokepoints</h3>
        {top.length === 0 ? (
          <p className="muted">
            {view.analysisPending ? 'Waiting for the gap analysis…' : view.analysisError ? 'The gap analysis is unavailable, so nothing is scored.' : 'No technology of this chain has a gap.'}
          </p>
        ) : (
          <ol className="top">
            {top.map((n) => (
              <li key={n.id}>
                <button className="link" onClick={() => onSelect(n.id)}><i className="dot" style={{ background: n.status ? STATUS_COLORS[n.status] : undefined }} /><Name name={n.name} nameKo={n.nameKo} /></button>
                <span className="scorebar-wrap"><span className="scorebar"><i style={{ width: `${(100 * (n.chokepointScore ?? 0)) / maxScore}%` }} /><b><Num v={n.chokepointScore} /></b></span><IllustrativeMark basis={n.basis} compact /></span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {backlog.length > 0 && (
        <section>
          <h3>Assess first <span className="count">{view.unratedTotal ?? backlog.length}</span></h3>
          <p className="muted small">Unrated technologies of this chain, most needed first (evidence backlog).</p>
          <ol className="top backlog" data-testid="backlog">
            {backlog.map((n) => (
              <li key={n.id} data-backlog={n.id}>
                <button className="link" onClick={() => onSelect(n.id)}><i className="dot" style={{ background: n.status ? STATUS_COLORS[n.status] : undefined }} /><Name name={n.name} nameKo={n.nameKo} /></button>
                <span className="muted small">{n.status === 'PRESENT' ? 'present' : 'unknown'} · {n.downstreamCount ?? 0} downstream</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <p className="muted small">Click a technology for its standing and the evidence behind it (supply shares, national assessments, import figures), partner candidates, projects and joint-R&amp;D eligibility, with the provenance and sources of every number.</p>
    </div>
  );
}
