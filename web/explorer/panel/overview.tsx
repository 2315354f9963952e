// The chain's overview, when no technology is selected: counts by status, the top chokepoints, what to assess first.
import { STATUS_COLORS } from '../graph.js';
import { STATUSES, type ChainView, type Params, type Status } from '../model.js';
import { GAP_STATUSES, IllustrativeMark, Name, Num, STATUS_TEXT } from '../parts.js';

export function ChainOverview({
  view,
  params,
  onSelect,
}: {
  view: ChainView;
  params: Params;
  onSelect(id: string): void;
}) {
  const counts = new Map<Status | null, number>();
  for (const n of view.nodes) counts.set(n.status, (counts.get(n.status) ?? 0) + 1);
  const top = view.nodes
    .filter((n) => n.chokepointScore != null)
    .sort((a, b) => (b.chokepointScore ?? 0) - (a.chokepointScore ?? 0) || a.id.localeCompare(b.id))
    .slice(0, 12);
  const maxScore = top[0]?.chokepointScore ?? 1;
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const backlog = view.backlog.slice(0, 8).map((id) => byId.get(id)!);
  const withFigures = view.nodes.filter((n) => n.basis != null);
  const illustrative = withFigures.filter((n) => n.basis === 'ILLUSTRATIVE').length;
  const lensText = [
    `home ${params.homeCountry}`,
    `τ ${params.threshold}`,
    params.asOf ? `as of ${params.asOf}` : null,
    params.minProvenance !== 'ILLUSTRATIVE' ? `${params.minProvenance.toLowerCase()} facts and above` : null,
    params.minEvidence ? `${params.minEvidence.toLowerCase()} numbers and above` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="panel-inner" data-panel="overview">
      <div className="eyebrow">Value chain · {lensText}</div>
      <h2>
        <Name name={view.sector.name} nameKo={view.sector.nameKo} />
      </h2>
      <div className="status-bars">
        {STATUSES.map((s) => (
          <div key={s} className={`status-bar${GAP_STATUSES.has(s) ? '' : ' unrated'}`} title={STATUS_TEXT[s].rule}>
            <span className="label">
              <i className="dot" style={{ background: STATUS_COLORS[s] }} />
              {STATUS_TEXT[s].en} <span className="ko">{STATUS_TEXT[s].ko}</span>
            </span>
            <span className="bar">
              <i
                style={{
                  width: `${(100 * (counts.get(s) ?? 0)) / Math.max(1, view.nodes.length)}%`,
                  background: STATUS_COLORS[s],
                }}
              />
            </span>
            <span className="num" data-status-count={s}>
              {counts.get(s) ?? 0}
            </span>
          </div>
        ))}
        {(counts.get(null) ?? 0) > 0 && (
          <div className="status-bar">
            <span className="label">
              <i className="dot hollow" />
              No status
            </span>
            <span className="bar" />
            <span className="num" data-status-count="none">
              {counts.get(null)}
            </span>
          </div>
        )}
      </div>
      <p className="muted small">
        {view.nodes.length} technologies drawn: the sector's own and {view.nodes.filter((n) => n.upstreamOnly).length}{' '}
        inputs from other sectors.
        {view.gapTotal != null ? ` ${view.gapTotal} have a gap` : ''}
        {view.unratedTotal != null
          ? `; ${view.unratedTotal} are unrated (present or unknown), not gaps.`
          : view.gapTotal != null
            ? '.'
            : ''}
      </p>
      {withFigures.length > 0 && (
        <p className="small" data-testid="basis-summary">
          {illustrative > 0 ? (
            <>
              <IllustrativeMark basis="ILLUSTRATIVE" /> {illustrative} of {withFigures.length} technologies with figures
              rest on illustrative data (striped in the graph).
            </>
          ) : (
            <>Every figure shown rests on sourced evidence (assessed or reported).</>
          )}
        </p>
      )}
      <section>
        <h3>Top chokepoints</h3>
        {top.length === 0 ? (
          <p className="muted">
            {view.analysisPending
              ? 'Waiting for the gap analysis…'
              : view.analysisError
                ? 'The gap analysis is unavailable, so nothing is scored.'
                : 'No technology of this chain has a gap.'}
          </p>
        ) : (
          <ol className="top">
            {top.map((n) => (
              <li key={n.id}>
                <button className="link" onClick={() => onSelect(n.id)}>
                  <i className="dot" style={{ background: n.status ? STATUS_COLORS[n.status] : undefined }} />
                  <Name name={n.name} nameKo={n.nameKo} />
                </button>
                <span className="scorebar-wrap">
                  <span className="scorebar">
                    <i style={{ width: `${(100 * (n.chokepointScore ?? 0)) / maxScore}%` }} />
                    <b>
                      <Num v={n.chokepointScore} />
                    </b>
                  </span>
                  <IllustrativeMark basis={n.basis} compact />
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {backlog.length > 0 && (
        <section>
          <h3>
            Assess first <span className="count">{view.unratedTotal ?? backlog.length}</span>
          </h3>
          <p className="muted small">Unrated technologies of this chain, most needed first (evidence backlog).</p>
          <ol className="top backlog" data-testid="backlog">
            {backlog.map((n) => (
              <li key={n.id} data-backlog={n.id}>
                <button className="link" onClick={() => onSelect(n.id)}>
                  <i className="dot" style={{ background: n.status ? STATUS_COLORS[n.status] : undefined }} />
                  <Name name={n.name} nameKo={n.nameKo} />
                </button>
                <span className="muted small">
                  {n.status === 'PRESENT' ? 'present' : 'unknown'} · {n.downstreamCount ?? 0} downstream
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <p className="muted small">
        Click a technology for its standing and the evidence behind it (supply shares, national assessments, import
        figures), partner candidates, projects and joint-R&amp;D eligibility, with the provenance and sources of every
        number.
      </p>
    </div>
  );
}
