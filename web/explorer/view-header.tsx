// The line above the graph: what the view shows (counts by status), whether it is loading, and what went wrong.
import { NO_STATUS_COLOR, STATUS_COLORS } from './graph.js';
import { STATUSES } from './model.js';
import { STATUS_TEXT } from './parts.js';
import type { Loaded, ViewError } from './use-view.js';

export function ViewHeader({
  loaded,
  loading,
  error,
  onKey,
  onRetry,
}: {
  loaded: Loaded | null;
  loading: boolean;
  error: ViewError | null;
  onKey(): void;
  onRetry(): void;
}) {
  const v = loaded?.view;
  return (
    <div className="viewhead">
      {v?.kind === 'chain' && (
        <div className="summary" data-testid="summary">
          <strong>{v.sector.name}</strong>
          {v.sector.nameKo && <span className="ko"> {v.sector.nameKo}</span>}
          <span className="sep">·</span>
          <span data-count="technologies">{v.nodes.length}</span> technologies
          <span className="sep">·</span>
          {/* Counted from the server's rows; a dash while it has not answered or when it failed. */}
          <span data-count="gaps">{v.gapTotal == null ? '—' : v.nodes.filter((n) => n.gapRow).length}</span> with a gap
          <span className="sep">·</span>
          <span data-count="unrated">
            {v.unratedTotal == null ? '—' : v.nodes.filter((n) => n.unratedRow).length}
          </span>{' '}
          unrated
          {STATUSES.filter((s) => v.nodes.some((n) => n.status === s)).map((s) => (
            <span key={s} className="mini" title={`${STATUS_TEXT[s].en}: ${STATUS_TEXT[s].rule}`}>
              <i className="dot" style={{ background: STATUS_COLORS[s] }} />
              {v.nodes.filter((n) => n.status === s).length}
            </span>
          ))}
          {v.nodes.some((n) => n.status == null) && (
            <span className="mini" title="No status from the server">
              <i className="dot hollow" style={{ background: NO_STATUS_COLOR }} />
              {v.nodes.filter((n) => n.status == null).length}
            </span>
          )}
        </div>
      )}
      {v?.kind === 'exposure' && (
        <div className="summary" data-testid="summary">
          <strong>{v.organization.name}</strong>
          {v.organization.nameKo && <span className="ko"> {v.organization.nameKo}</span>}
          <span className="cc">{v.organization.country}</span>
          <span className="sep">·</span>
          <span data-count="exposures">{v.total}</span> exposed gap technologies upstream
        </div>
      )}
      {loading && (
        <span className="loading" role="status">
          <i className="spinner" />{' '}
          {v?.kind === 'chain' && v.analysisPending
            ? 'Computing the gap analysis… (no statuses until it answers)'
            : 'Loading…'}
        </span>
      )}
      {v?.kind === 'chain' && v.analysisError && (
        <div className="warn" role="alert" data-testid="analysis-error">
          The gap analysis is unavailable, so{' '}
          {v.nodes.some((n) => n.status) ? 'technologies it did not answer for are' : 'the chain is'} drawn without
          statuses (hollow) and not sized: nothing is guessed. ({v.analysisError})
        </div>
      )}
      {v?.depthLimitReached && (
        <div className="warn">A dependency chain is longer than 10 hops: what lies beyond is not included.</div>
      )}
      {error && (
        <div className="error" role="alert">
          {error.message}
          {error.needsKey ? (
            <button className="link" onClick={onKey}>
              Enter an API key
            </button>
          ) : (
            <button className="link" onClick={onRetry}>
              Retry
            </button>
          )}
        </div>
      )}
    </div>
  );
}
