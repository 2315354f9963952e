// Small pieces of the explorer's UI: provenance chips, numbered source references, the legend, playground links.
import { createContext, useContext, type ReactNode } from 'react';
import type { Operation } from './api.js';
import { KIND_SHAPES, NO_STATUS_COLOR, STATUS_COLORS } from './graph.js';
import { STATUSES, type Status } from './model.js';
import type { SourceRef } from './load.js';

/** What each status means (the server decides it; these only say so). */
export const STATUS_TEXT: Record<Status, { en: string; ko: string; rule: string }> = {
  ABSENT: {
    en: 'Absent',
    ko: '부재',
    rule: 'others are rated or listed as suppliers; the home country is not (a gap)',
  },
  LAGGING: { en: 'Lagging', ko: '열위', rule: 'best home level < 60 (a gap)' },
  FOLLOWING: { en: 'Following', ko: '추격', rule: '60 ≤ best home level < τ (a gap)' },
  LEADING: { en: 'Leading', ko: '선도', rule: 'best home level ≥ τ (no gap)' },
  PRESENT: { en: 'Present', ko: '보유', rule: 'not rated, but the home country supplies it (unrated, not a gap)' },
  UNKNOWN: { en: 'Unknown', ko: '미상', rule: 'no evidence at all under this lens (unrated, not a gap)' },
};

export const GAP_STATUSES: ReadonlySet<Status> = new Set(['ABSENT', 'LAGGING', 'FOLLOWING']);

export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status)
    return (
      <span className="badge muted" title="The server has given no status (the analysis is pending or failed)">
        no status
      </span>
    );
  const s = status as Status;
  return (
    <span className={`badge status-${s.toLowerCase()}`} title={STATUS_TEXT[s]?.rule}>
      <i style={{ background: STATUS_COLORS[s] }} />
      {STATUS_TEXT[s]?.en ?? s} <span className="ko">{STATUS_TEXT[s]?.ko}</span>
    </span>
  );
}

export const ILLUSTRATIVE_TITLE =
  'Rests on ILLUSTRATIVE data: invented to make the example graph useful; no source claims it. ' +
  'Choose "Numbers: sourced only" to leave such figures out.';

/**
 * The marker on a figure whose basis (the lowest provenance of the evidence behind it) is ILLUSTRATIVE; nothing for
 * sourced figures. `compact` draws only the stripes, for tables and lists.
 */
export function IllustrativeMark({ basis, compact }: { basis: string | null | undefined; compact?: boolean }) {
  if (basis !== 'ILLUSTRATIVE') return null;
  return (
    <span
      className={`illus${compact ? ' compact' : ''}`}
      title={ILLUSTRATIVE_TITLE}
      data-illustrative="true"
      role="note"
      aria-label="illustrative figure"
    >
      <i aria-hidden="true" />
      {compact ? null : 'illustrative'}
    </span>
  );
}

/** A row's basis: the striped marker where ILLUSTRATIVE, the provenance chip otherwise, "no evidence" where none. */
export function Basis({ basis }: { basis: string | null | undefined }) {
  if (basis === 'ILLUSTRATIVE') return <IllustrativeMark basis={basis} />;
  if (!basis)
    return (
      <span className="muted small" title="No evidence record sets these figures">
        no evidence
      </span>
    );
  return (
    <span title="The lowest provenance of the evidence behind these figures">
      <Prov p={basis} />
    </span>
  );
}

const PROV_TEXT: Record<string, string> = {
  REPORTED: 'Stated by a cited source',
  ASSESSED: 'A judgement made from cited sources',
  ILLUSTRATIVE: 'Invented to make the example graph useful; no source claims it',
};

export function Prov({ p }: { p: string | null | undefined }) {
  if (!p) return null;
  return (
    <span className={`prov prov-${p.toLowerCase()}`} title={PROV_TEXT[p]}>
      {p.toLowerCase()}
    </span>
  );
}

/** Numbers the sources cited in one panel, so each fact can point at them as [1], [2]. */
export class SourceIndex {
  readonly list: SourceRef[] = [];
  private byId = new Map<string, number>();
  ref(s: SourceRef): number {
    let n = this.byId.get(s.id);
    if (n === undefined) {
      this.list.push(s);
      n = this.list.length;
      this.byId.set(s.id, n);
    }
    return n;
  }
}

export const SourcesContext = createContext<SourceIndex>(new SourceIndex());

/** A fact's provenance and its numbered sources. */
export function FactRef({ provenance, sources }: { provenance?: string | null; sources?: SourceRef[] | null }) {
  const idx = useContext(SourcesContext);
  const nums = (sources ?? []).map((s) => idx.ref(s));
  return (
    <span className="factref">
      <Prov p={provenance} />
      {nums.map((n) => (
        <a key={n} className="srcref" href={`#src-${n}`} title={idx.list[n - 1]?.title}>
          [{n}]
        </a>
      ))}
    </span>
  );
}

/**
 * The URL when it is an absolute http(s) one, else null: only those become links. The API refuses any other URL,
 * but the graph may hold one written before it did or past it, and a javascript: link would run in this page.
 */
export function linkHref(url: string | null | undefined): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what the pattern refuses
  if (!url || !/^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(url)) return null;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname ? url : null;
  } catch {
    return null;
  }
}

export function SourceList({ index }: { index: SourceIndex }) {
  if (!index.list.length)
    return <p className="muted small">No sources are cited by the facts shown (illustrative facts cite none).</p>;
  return (
    <ol className="sources">
      {index.list.map((s, i) => (
        <li key={s.id} id={`src-${i + 1}`}>
          <span className="src-title">
            {linkHref(s.url) ? (
              <a href={linkHref(s.url)!} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
            ) : (
              s.title
            )}
          </span>
          <span className="muted">
            {' '}
            — {[s.publisher, s.publishedAt, s.kind.toLowerCase()].filter(Boolean).join(', ')}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function playgroundHref(op: Operation): string {
  const q = new URLSearchParams({
    query: op.query,
    variables: JSON.stringify(op.variables, null, 2),
    operationName: op.name,
  });
  return `/playground?${q.toString()}`;
}

export function PlaygroundLink({ op, children }: { op: Operation; children?: ReactNode }) {
  return (
    <a className="op-link" href={playgroundHref(op)} target="_blank" rel="noopener" data-operation={op.name}>
      {children ?? (
        <>
          Open <code>{op.name}</code> in playground ↗
        </>
      )}
    </a>
  );
}

export function Legend({
  mode,
  maxScore,
  threshold,
  home,
  noStatus,
}: {
  mode: 'chain' | 'exposure';
  maxScore: number;
  threshold: number;
  home: string;
  noStatus?: boolean;
}) {
  const sizes =
    maxScore > 0 ? [...new Set([maxScore / 16, maxScore / 4, maxScore].map((v) => Math.max(1, Math.round(v))))] : [];
  const rule: Record<Status, string> = {
    ABSENT: `not ${home}`,
    LAGGING: '< 60',
    FOLLOWING: `60 – ${threshold}`,
    LEADING: `≥ ${threshold}`,
    PRESENT: `${home} supplies, unrated`,
    UNKNOWN: 'no evidence',
  };
  const shown = mode === 'chain' ? STATUSES : STATUSES.filter((s) => GAP_STATUSES.has(s));
  return (
    <div className="legend" aria-label="Legend" data-testid="legend">
      <div className="legend-group">
        <span className="legend-title">Colour · {home}'s status (gaps, then unrated)</span>
        <div className="legend-items">
          {shown.map((s) => (
            <span
              key={s}
              className={`legend-item${GAP_STATUSES.has(s) ? '' : ' unrated'}`}
              title={STATUS_TEXT[s].rule}
              data-legend-status={s}
            >
              <i className={`dot status-dot-${s.toLowerCase()}`} style={{ background: STATUS_COLORS[s] }} />
              <span>
                {STATUS_TEXT[s].en} <span className="ko">{STATUS_TEXT[s].ko}</span>
                <small>{rule[s]}</small>
              </span>
            </span>
          ))}
          {mode === 'chain' && noStatus && (
            <span className="legend-item" title="The server has given no status: the analysis is pending or failed">
              <i className="dot hollow" style={{ background: NO_STATUS_COLOR }} />
              <span>
                No status<small>analysis not answered</small>
              </span>
            </span>
          )}
          {mode === 'exposure' && (
            <span className="legend-item">
              <i className="dot" style={{ background: '#b9c4cf' }} />
              <span>
                On a path<small>no gap</small>
              </span>
            </span>
          )}
        </div>
      </div>
      <div className="legend-group">
        <span className="legend-title">Basis</span>
        <div className="legend-items">
          <span className="legend-item" title={ILLUSTRATIVE_TITLE} data-legend="illustrative">
            <i className="dot striped" />
            <span>
              Striped: figures rest on illustrative data<small>no source claims them</small>
            </span>
          </span>
        </div>
      </div>
      <div className="legend-group">
        <span className="legend-title">Size · chokepoint score = gap × (1 + downstream)</span>
        <div className="legend-items sizes">
          {sizes.map((v) => {
            const d = Math.round((20 + 32 * Math.sqrt(v / maxScore)) / 1.6);
            return (
              <span key={v} className="legend-size">
                <i style={{ width: d, height: d }} />
                {v}
              </span>
            );
          })}
          <span className="legend-size">
            <i style={{ width: 11, height: 11, background: STATUS_COLORS.LEADING }} />
            no gap, or unrated
          </span>
        </div>
      </div>
      <div className="legend-group">
        <span className="legend-title">Shape · kind</span>
        <div className="legend-items">
          <span className="legend-item">
            <i className={`shape ${KIND_SHAPES.CHOKEPOINT}`} />
            Chokepoint <span className="ko">급소</span>
          </span>
          <span className="legend-item">
            <i className={`shape ${KIND_SHAPES.ORIGINAL}`} />
            Original <span className="ko">원천</span>
          </span>
          <span className="legend-item">
            <i className={`shape ${KIND_SHAPES.OTHER}`} />
            Other
          </span>
        </div>
      </div>
      <div className="legend-group">
        <span className="legend-title">Edges</span>
        <div className="legend-items">
          {mode === 'chain' ? (
            <>
              <span className="legend-item">
                <i className="arrow" />A → B: B needs A
              </span>
              <span className="legend-item">
                <i className="dot dashed" />
                from another sector
              </span>
            </>
          ) : (
            <span className="legend-item">
              <i className="arrow" />
              gap → … → what it relies on
            </span>
          )}
          <span className="legend-item">
            <i className="arrow up" />
            upstream <i className="arrow down" />
            downstream of the selection
          </span>
        </div>
      </div>
    </div>
  );
}

export function Num({ v, digits = 1, suffix }: { v: number | null | undefined; digits?: number; suffix?: string }) {
  if (v == null) return <span className="muted">—</span>;
  const text = Number.isInteger(v) ? String(v) : v.toFixed(digits);
  return (
    <>
      {text}
      {suffix}
    </>
  );
}

/** Korean won, readable: 9,800,000,000 → "98억 원". */
export function krw(v: number | null | undefined): string {
  if (v == null) return '—';
  if (v >= 1e12) return `${(v / 1e12).toLocaleString('ko-KR', { maximumFractionDigits: 2 })}조 원`;
  if (v >= 1e8) return `${(v / 1e8).toLocaleString('ko-KR', { maximumFractionDigits: 1 })}억 원`;
  return `${v.toLocaleString('ko-KR')} 원`;
}

export function Name({ name, nameKo }: { name: string; nameKo?: string | null }) {
  return (
    <>
      {name}
      {nameKo ? <span className="ko"> {nameKo}</span> : null}
    </>
  );
}

export function LevelBar({ level, home }: { level: number; home: boolean }) {
  return (
    <span className="levelbar" title={`${level} % of the world's best`}>
      <i style={{ width: `${Math.max(2, Math.min(100, level))}%`, background: home ? '#1d4ed8' : '#7b8794' }} />
      <b>{Number.isInteger(level) ? level : level.toFixed(1)}</b>
    </span>
  );
}

/** How many records the lens's evidence filter leaves out of a list (nothing when none). */
export function HiddenNote({ count, what }: { count: number; what: string }) {
  if (count <= 0) return null;
  return (
    <p className="muted small" data-hidden={count}>
      {count} {what} below the evidence filter are not shown.
    </p>
  );
}
