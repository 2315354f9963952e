// The gap explorer (served at /explore): choose a sector, home country and threshold, and see the value chain as a
// layered graph coloured by the home country's status; click a technology for the numbers behind it; search any
// technology, organization or sector; see a company's exposure. It talks to this server's /graphql only.
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, getApiKey, setApiKey, type Operation } from './api.js';
import { chainRows, CHAIN_HEADER, exposureRows, EXPOSURE_HEADER, toCsv } from './csv.js';
import { ExplorerGraph, fmt, NO_STATUS_COLOR, STATUS_COLORS, type LabelMode } from './graph.js';
import {
  hitCountry, hitEmployers, hitSectors, loadChain, loadExposure, loadSectors, NotFound, OperationLog, search, type OrganizationData, type Params, type SearchHit,
} from './load.js';
import { STATUSES, type ChainView, type ExposureView, type Named, type Provenance, type Status } from './model.js';
import { ChainOverview, OrganizationPanel, TechnologyPanel } from './panel.js';
import { Basis, Legend, playgroundHref, StatusBadge, STATUS_TEXT } from './parts.js';
import './explorer.css';

type ViewKey = { kind: 'chain'; id: string } | { kind: 'exposure'; id: string };

interface Loaded {
  key: ViewKey;
  params: Params;
  view: ChainView | ExposureView;
  org?: NonNullable<OrganizationData['organization']>;
  ops: Operation[];
}

const COUNTRIES = ['KR', 'US', 'JP', 'DE', 'CN', 'TW', 'NL', 'FR', 'GB', 'BE', 'CH', 'SE', 'FI', 'IL', 'SG', 'CA', 'IT', 'AT', 'DK', 'IN'];
const PROVENANCE_CHOICES: Array<{ value: Provenance; label: string }> = [
  { value: 'ILLUSTRATIVE', label: 'All, incl. illustrative' },
  { value: 'ASSESSED', label: 'Assessed and reported' },
  { value: 'REPORTED', label: 'Reported only' },
];
/** The lens's minEvidence: '' leaves it to the server (= the facts filter). */
const EVIDENCE_CHOICES: Array<{ value: Provenance | ''; label: string }> = [
  { value: '', label: 'As facts' },
  { value: 'ASSESSED', label: 'Sourced only' },
  { value: 'REPORTED', label: 'Reported only' },
];
const PROVENANCES = ['REPORTED', 'ASSESSED', 'ILLUSTRATIVE'];

function validDate(v: string | null): string | null {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? null : v;
}

function readUrl(): { key: ViewKey | null; params: Params; tech: string | null } {
  const q = new URLSearchParams(window.location.search);
  const home = (q.get('home') ?? 'KR').toUpperCase();
  const th = Number(q.get('threshold') ?? 80);
  const min = q.get('minProvenance') as Provenance | null;
  const minEvidence = q.get('minEvidence') as Provenance | null;
  const key: ViewKey | null = q.get('org') ? { kind: 'exposure', id: q.get('org')! } : q.get('sector') ? { kind: 'chain', id: q.get('sector')! } : null;
  return {
    key,
    params: {
      homeCountry: /^[A-Z]{2}$/.test(home) ? home : 'KR',
      threshold: Number.isFinite(th) && th >= 0 && th <= 100 ? th : 80,
      minProvenance: min && PROVENANCES.includes(min) ? min : 'ILLUSTRATIVE',
      asOf: validDate(q.get('asOf')),
      minEvidence: minEvidence && PROVENANCES.includes(minEvidence) ? minEvidence : null,
    },
    tech: q.get('tech'),
  };
}

function writeUrl(key: ViewKey | null, p: Params, selected: string | null): void {
  const q = new URLSearchParams();
  if (key?.kind === 'chain') q.set('sector', key.id);
  if (key?.kind === 'exposure') q.set('org', key.id);
  if (p.homeCountry !== 'KR') q.set('home', p.homeCountry);
  if (p.threshold !== 80) q.set('threshold', String(p.threshold));
  if (p.minProvenance !== 'ILLUSTRATIVE') q.set('minProvenance', p.minProvenance);
  if (p.asOf) q.set('asOf', p.asOf);
  if (p.minEvidence) q.set('minEvidence', p.minEvidence);
  if (selected && selected !== key?.id) q.set('tech', selected);
  const s = q.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${s ? `?${s}` : ''}`);
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function slug(id: string): string {
  return id.replace(/^[a-z]+:/, '').replace(/[^\w-]+/g, '-');
}

// ---------------------------------------------------------------------------------------------------------

function App() {
  const initial = useMemo(readUrl, []);
  const [params, setParams] = useState<Params>(initial.params);
  const [thresholdDraft, setThresholdDraft] = useState(String(initial.params.threshold));
  const [homeDraft, setHomeDraft] = useState(initial.params.homeCountry);
  const [key, setKey] = useState<ViewKey | null>(initial.key);
  const [sectors, setSectors] = useState<Named[]>([]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<{ message: string; needsKey: boolean } | null>(null);
  const [selected, setSelected] = useState<string | null>(initial.tech);
  const [labels, setLabels] = useState<LabelMode>('both');
  const [tab, setTab] = useState<'graph' | 'table'>('graph');
  const [panelOpen, setPanelOpen] = useState(true);
  const [keyOpen, setKeyOpen] = useState(false);
  const [opsOpen, setOpsOpen] = useState(false);
  const [hasKey, setHasKey] = useState(!!getApiKey());
  const [reloadTick, setReloadTick] = useState(0);
  const pendingCenter = useRef<string | null>(initial.tech);

  // Sectors for the picker; the first view is the first sector (semiconductors when present).
  useEffect(() => {
    const ac = new AbortController();
    loadSectors(ac.signal).then((list) => {
      setSectors(list);
      setKey((k) => k ?? (list.length ? { kind: 'chain', id: (list.find((s) => s.id === 'sector:semiconductors') ?? list[0]).id } : null));
    }, (e: unknown) => {
      if ((e as Error).name !== 'AbortError') setError({ message: (e as Error).message, needsKey: e instanceof ApiError && e.needsKey });
    });
    return () => ac.abort();
  }, [reloadTick]);

  // The view: fetched whenever its key or the parameters change.
  useEffect(() => {
    if (!key) return;
    const ac = new AbortController();
    const log = new OperationLog();
    setLoading(true);
    setError(null);
    const p = params;
    const done = (l: Loaded) => {
      setLoaded(l);
      setLoading(false);
    };
    const fail = (e: unknown) => {
      if ((e as Error).name === 'AbortError') return;
      setLoading(false);
      setError({ message: e instanceof NotFound ? e.message : `Could not load the view: ${(e as Error).message}`, needsKey: e instanceof ApiError && e.needsKey });
    };
    if (key.kind === 'chain') {
      const partial = (view: ChainView) => { if (!ac.signal.aborted) setLoaded({ key, params: p, view, ops: [...log.ops] }); };
      loadChain(key.id, p, log, ac.signal, partial).then((view) => done({ key, params: p, view, ops: log.ops }), fail);
    } else {
      loadExposure(key.id, p, log, ac.signal).then(({ view, org }) => done({ key, params: p, view, org, ops: log.ops }), fail);
    }
    return () => ac.abort();
  }, [key?.kind, key?.id, params.homeCountry, params.threshold, params.minProvenance, params.asOf, params.minEvidence, reloadTick]);

  useEffect(() => writeUrl(key, params, selected), [key, params, selected]);

  const chooseView = useCallback((k: ViewKey, select: string | null = null) => {
    setKey(k);
    setSelected(select ?? (k.kind === 'exposure' ? k.id : null));
    pendingCenter.current = select;
    setPanelOpen(true);
  }, []);

  const selectTech = useCallback((id: string | null) => {
    setSelected(id);
    if (id) setPanelOpen(true);
  }, []);

  const onHit = useCallback((hit: SearchHit) => {
    if (hit.kind === 'SECTOR') return chooseView({ kind: 'chain', id: hit.node.id });
    if (hit.kind === 'ORGANIZATION') return chooseView({ kind: 'exposure', id: hit.node.id });
    if (hit.kind === 'PERSON') {
      const org = hitEmployers(hit)[0];
      if (org) chooseView({ kind: 'exposure', id: org.id });
      return;
    }
    const id = hit.node.id;
    const inView = loaded?.view.nodes.some((n) => n.id === id);
    if (inView) {
      selectTech(id);
      window.explorer?.select(id, true);
      window.explorer?.flash(id);
      return;
    }
    const sector = hitSectors(hit)[0];
    if (sector) chooseView({ kind: 'chain', id: sector.id }, id);
    else selectTech(id);
  }, [loaded, chooseView, selectTech]);

  const applyThreshold = (raw: string) => {
    const n = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 && n !== params.threshold) setParams((p) => ({ ...p, threshold: n }));
  };
  const applyHome = (raw: string) => {
    const c = raw.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(c) && c !== params.homeCountry) setParams((p) => ({ ...p, homeCountry: c }));
  };

  const view = loaded?.view ?? null;
  const stale = loading && !!loaded;
  const drawnNode = view?.kind === 'chain' ? view.nodes.find((n) => n.id === selected) ?? null : null;
  const expoNode = view?.kind === 'exposure' ? view.nodes.find((n) => n.id === selected) ?? null : null;
  const maxScore = Math.max(0, ...(view?.nodes ?? []).map((n) => n.chokepointScore ?? 0));
  const lensSuffix = `${params.asOf ? `-asof${params.asOf}` : ''}${params.minEvidence ? `-${params.minEvidence.toLowerCase()}` : ''}`;

  const exportCsv = () => {
    if (!view) return;
    const text = view.kind === 'chain' ? toCsv(CHAIN_HEADER, chainRows(view)) : toCsv(EXPOSURE_HEADER, exposureRows(view));
    const name = view.kind === 'chain' ? `value-chain-${slug(view.sector.id)}-${params.homeCountry}-t${params.threshold}${lensSuffix}.csv` : `exposure-${slug(view.organization.id)}-${params.homeCountry}-t${params.threshold}.csv`;
    download(name, new Blob([text], { type: 'text/csv;charset=utf-8' }));
  };
  const exportPng = () => {
    if (!view || !window.explorer) return;
    const name = view.kind === 'chain' ? `value-chain-${slug(view.sector.id)}-${params.homeCountry}-t${params.threshold}.png` : `exposure-${slug(view.organization.id)}.png`;
    download(name, window.explorer.png());
  };

  const panel = (() => {
    if (!view) return null;
    if (selected && view.kind === 'exposure' && selected === view.organization.id && loaded?.org) {
      return <OrganizationPanel org={loaded.org} view={view} onSelect={(id) => { selectTech(id); window.explorer?.select(id, true); }} onClose={() => setPanelOpen(false)} />;
    }
    if (selected && !selected.startsWith('org:')) {
      return (
        <TechnologyPanel
          key={selected}
          id={selected}
          params={loaded!.params}
          row={drawnNode?.gapRow ?? expoNode?.gapRow ?? null}
          drawn={drawnNode}
          onSelect={(id) => {
            if (view.nodes.some((n) => n.id === id)) {
              selectTech(id);
              window.explorer?.select(id, true);
            } else selectTech(id);
          }}
          onOrganization={(id) => chooseView({ kind: 'exposure', id })}
          onClose={() => { setSelected(null); setPanelOpen(false); }}
        />
      );
    }
    if (view.kind === 'chain') return <ChainOverview view={view} params={loaded!.params} onSelect={(id) => { selectTech(id); window.explorer?.select(id, true); }} />;
    if (loaded?.org) return <OrganizationPanel org={loaded.org} view={view} onSelect={(id) => { selectTech(id); window.explorer?.select(id, true); }} onClose={() => setPanelOpen(false)} />;
    return null;
  })();

  return (
    <div className={`app${panelOpen && panel ? ' with-panel' : ''}`}>
      <header className="topbar">
        <a className="brand" href="/explore" title="Gap explorer home">
          <span className="logo" aria-hidden="true"><i /><i /><i /></span>
          <span><b>techgraph</b> <span className="brand-sub">Gap explorer · 기술격차 탐색기</span></span>
        </a>
        <SearchBox onHit={onHit} params={params} />
        <nav className="top-actions">
          <button className={`keybtn${hasKey ? ' on' : ''}`} onClick={() => setKeyOpen((o) => !o)} aria-expanded={keyOpen}>
            <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round"><circle cx="7.5" cy="15.5" r="4.5" /><path d="M10.7 12.3 20 3M16 7l3 3M18 5l2 2" /></svg>
            {hasKey ? 'Key set' : 'API key'}
          </button>
          <a href="/playground" target="_blank" rel="noopener">Playground ↗</a>
        </nav>
        {keyOpen && <KeyDialog onClose={() => setKeyOpen(false)} onSaved={(k) => { setHasKey(!!k); setKeyOpen(false); setReloadTick((t) => t + 1); }} />}
      </header>

      <div className="toolbar" role="toolbar" aria-label="View settings">
        <label className="field">
          <span>Sector</span>
          <select
            value={key?.kind === 'chain' ? key.id : ''}
            onChange={(e) => e.target.value && chooseView({ kind: 'chain', id: e.target.value })}
            aria-label="Sector"
          >
            {key?.kind !== 'chain' && <option value="">— choose a sector —</option>}
            {sectors.map((s) => <option key={s.id} value={s.id}>{s.name}{s.nameKo ? ` · ${s.nameKo}` : ''}</option>)}
          </select>
        </label>
        <label className="field narrow">
          <span>Home</span>
          <input
            list="countries" value={homeDraft} maxLength={2} aria-label="Home country" spellCheck={false}
            onChange={(e) => { setHomeDraft(e.target.value.toUpperCase()); if (/^[A-Za-z]{2}$/.test(e.target.value)) applyHome(e.target.value); }}
            onBlur={() => setHomeDraft(params.homeCountry)}
          />
          <datalist id="countries">{COUNTRIES.map((c) => <option key={c} value={c} />)}</datalist>
        </label>
        <label className="field threshold">
          <span>Threshold τ</span>
          <input type="range" min={0} max={100} step={1} value={Number(thresholdDraft) || 0} aria-label="Threshold slider"
            onChange={(e) => setThresholdDraft(e.target.value)} onPointerUp={(e) => applyThreshold((e.target as HTMLInputElement).value)}
            onKeyUp={(e) => applyThreshold((e.target as HTMLInputElement).value)} />
          <input type="number" min={0} max={100} step={1} value={thresholdDraft} aria-label="Threshold" className="num-input"
            onChange={(e) => setThresholdDraft(e.target.value)} onBlur={(e) => applyThreshold(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') applyThreshold((e.target as HTMLInputElement).value); }} />
        </label>
        <label className="field">
          <span>Facts</span>
          <select value={params.minProvenance} aria-label="Minimum provenance" onChange={(e) => setParams((p) => ({ ...p, minProvenance: e.target.value as Provenance }))}>
            {PROVENANCE_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </label>
        <label className="field" title="Evidence (capability levels, national assessments, supply listings, import figures) below this provenance is ignored; the structure stays as 'Facts' keeps it.">
          <span>Numbers</span>
          <select value={params.minEvidence ?? ''} aria-label="Minimum evidence" onChange={(e) => setParams((p) => ({ ...p, minEvidence: (e.target.value || null) as Provenance | null }))}>
            {EVIDENCE_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </label>
        <label className="field" title="Evidence dated after this day is ignored; of several assessment rounds or listings, the latest on or before it counts. Empty: today.">
          <span>As of</span>
          <input type="date" value={params.asOf ?? ''} aria-label="As of" min="1900-01-01" max="2100-12-31"
            onChange={(e) => { const v = validDate(e.target.value); if (v || e.target.value === '') setParams((p) => ({ ...p, asOf: v })); }} />
          {params.asOf && <button className="link small" onClick={() => setParams((p) => ({ ...p, asOf: null }))} aria-label="As of today">today</button>}
        </label>
        <label className="field">
          <span>Labels</span>
          <select value={labels} aria-label="Labels" onChange={(e) => { const m = e.target.value as LabelMode; setLabels(m); window.explorer?.setLabels(m); }}>
            <option value="both">EN + 한국어</option>
            <option value="en">English</option>
            <option value="ko">한국어</option>
          </select>
        </label>
      </div>

      <main className="main">
        <section className="stage" aria-busy={loading}>
          <div className="viewbar">
            <ViewHeader loaded={loaded} loading={loading} error={error} onKey={() => setKeyOpen(true)} onRetry={() => setReloadTick((t) => t + 1)} />
            <div className="view-actions">
              <div className="seg" role="tablist">
                <button role="tab" aria-selected={tab === 'graph'} className={tab === 'graph' ? 'on' : ''} onClick={() => setTab('graph')}>Graph</button>
                <button role="tab" aria-selected={tab === 'table'} className={tab === 'table' ? 'on' : ''} onClick={() => setTab('table')}>Table</button>
              </div>
              <div className="menu-wrap">
                <button onClick={() => setOpsOpen((o) => !o)} disabled={!loaded} aria-expanded={opsOpen} className="ops-button">Open in playground ▾</button>
                {opsOpen && loaded && <OpsMenu ops={loaded.ops} onClose={() => setOpsOpen(false)} />}
              </div>
              <button onClick={exportPng} disabled={!view || tab !== 'graph'} title="Export the graph as PNG">PNG</button>
              <button onClick={exportCsv} disabled={!view} title="Export the rows as CSV">CSV</button>
            </div>
          </div>
          <div className={`graph-wrap${tab !== 'graph' ? ' hidden' : ''}`}>
            <GraphCanvas view={view} labels={labels} selected={selected} hidden={tab !== 'graph'} onSelect={selectTech} pendingCenter={pendingCenter} stale={stale} />
            {view && (
              <div className="zoom">
                <button onClick={() => window.explorer?.zoomBy(1.25)} aria-label="Zoom in">+</button>
                <button onClick={() => window.explorer?.zoomBy(0.8)} aria-label="Zoom out">−</button>
                <button onClick={() => window.explorer?.fit()} aria-label="Fit to screen" title="Fit">⤢</button>
              </div>
            )}
          </div>
          {tab === 'graph' && view && <Legend mode={view.kind} maxScore={maxScore} threshold={loaded!.params.threshold} home={loaded!.params.homeCountry} noStatus={view.kind === 'chain' && view.nodes.some((n) => n.status == null)} />}
          {tab === 'table' && view && <RowsTable view={view} selected={selected} onSelect={selectTech} />}
          {!view && !loading && (
            <div className="empty-card">
              {error?.needsKey ? (
                <>
                  <h2>This API asks for a key</h2>
                  <p>Paste the API key you were given; the page sends it as <code>Authorization: Bearer</code> to /graphql and forgets it when the tab closes.</p>
                  <button className="primary" onClick={() => setKeyOpen(true)}>Enter an API key</button>
                </>
              ) : error ? (
                <>
                  <h2>Nothing to show yet</h2>
                  <p>{error.message}</p>
                  <button onClick={() => setReloadTick((t) => t + 1)}>Try again</button>
                </>
              ) : (
                <>
                  <h2>Choose a sector</h2>
                  <p>Pick a sector above, or search for a technology, an organization or a sector (English or 한국어).</p>
                </>
              )}
            </div>
          )}
        </section>
        {panelOpen && panel && <aside className="panel" aria-label="Details">{panel}</aside>}
        {!panelOpen && view && <button className="panel-open" onClick={() => setPanelOpen(true)}>Details ◂</button>}
      </main>
    </div>
  );
}

function ViewHeader({ loaded, loading, error, onKey, onRetry }: { loaded: Loaded | null; loading: boolean; error: { message: string; needsKey: boolean } | null; onKey(): void; onRetry(): void }) {
  const v = loaded?.view;
  return (
    <div className="viewhead">
      {v?.kind === 'chain' && (
        <div className="summary" data-testid="summary">
          <strong>{v.sector.name}</strong>{v.sector.nameKo && <span className="ko"> {v.sector.nameKo}</span>}
          <span className="sep">·</span>
          <span data-count="technologies">{v.nodes.length}</span> technologies
          <span className="sep">·</span>
          {/* Counted from the server's rows; a dash while it has not answered or when it failed. */}
          <span data-count="gaps">{v.gapTotal == null ? '—' : v.nodes.filter((n) => n.gapRow).length}</span> with a gap
          <span className="sep">·</span>
          <span data-count="unrated">{v.unratedTotal == null ? '—' : v.nodes.filter((n) => n.unratedRow).length}</span> unrated
          {STATUSES.filter((s) => v.nodes.some((n) => n.status === s)).map((s) => (
            <span key={s} className="mini" title={`${STATUS_TEXT[s].en}: ${STATUS_TEXT[s].rule}`}><i className="dot" style={{ background: STATUS_COLORS[s] }} />{v.nodes.filter((n) => n.status === s).length}</span>
          ))}
          {v.nodes.some((n) => n.status == null) && (
            <span className="mini" title="No status from the server"><i className="dot hollow" style={{ background: NO_STATUS_COLOR }} />{v.nodes.filter((n) => n.status == null).length}</span>
          )}
        </div>
      )}
      {v?.kind === 'exposure' && (
        <div className="summary" data-testid="summary">
          <strong>{v.organization.name}</strong>{v.organization.nameKo && <span className="ko"> {v.organization.nameKo}</span>}
          <span className="cc">{v.organization.country}</span>
          <span className="sep">·</span>
          <span data-count="exposures">{v.total}</span> exposed gap technologies upstream
        </div>
      )}
      {loading && <span className="loading" role="status"><i className="spinner" /> {v?.kind === 'chain' && v.analysisPending ? 'Computing the gap analysis… (no statuses until it answers)' : 'Loading…'}</span>}
      {v?.kind === 'chain' && v.analysisError && (
        <div className="warn" role="alert" data-testid="analysis-error">
          The gap analysis is unavailable, so {v.nodes.some((n) => n.status) ? 'technologies it did not answer for are' : 'the chain is'} drawn without statuses (hollow) and not sized: nothing is guessed. ({v.analysisError})
        </div>
      )}
      {v?.depthLimitReached && <div className="warn">A dependency chain is longer than 10 hops: what lies beyond is not included.</div>}
      {error && (
        <div className="error" role="alert">
          {error.message}
          {error.needsKey ? <button className="link" onClick={onKey}>Enter an API key</button> : <button className="link" onClick={onRetry}>Retry</button>}
        </div>
      )}
    </div>
  );
}

function GraphCanvas({ view, labels, selected, hidden, onSelect, pendingCenter, stale }: {
  view: ChainView | ExposureView | null;
  labels: LabelMode;
  selected: string | null;
  hidden: boolean;
  onSelect(id: string | null): void;
  pendingCenter: MutableRefObject<string | null>;
  stale: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const graph = useRef<ExplorerGraph | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  useEffect(() => {
    const g = new ExplorerGraph(ref.current!, { onSelect: (id) => onSelectRef.current(id) });
    graph.current = g;
    window.explorer = g;
    const ro = new ResizeObserver(() => g.cy.resize());
    ro.observe(ref.current!);
    return () => {
      ro.disconnect();
      g.destroy();
      graph.current = null;
      window.explorer = undefined;
    };
  }, []);

  useEffect(() => {
    const g = graph.current;
    if (!g || !view) return;
    if (view.kind === 'chain') g.showChain(view, labelsRef.current);
    else g.showExposure(view, labelsRef.current);
    const el = ref.current!;
    el.dataset.technologies = String(g.technologyCount());
    el.dataset.edges = String(g.cy.edges().length);
    el.dataset.view = view.kind === 'chain' ? view.sector.id : view.organization.id;
    g.select(selectedRef.current, !!pendingCenter.current);
    pendingCenter.current = null;
    el.dataset.ready = 'true';
  }, [view]);

  useEffect(() => {
    graph.current?.select(selected);
  }, [selected]);

  useEffect(() => {
    if (!hidden) graph.current?.fit();
  }, [hidden]);

  return <div ref={ref} className={`graph${hidden ? ' hidden' : ''}${stale ? ' stale' : ''}`} data-testid="graph" />;
}

type SortKey = 'name' | 'stage' | 'status' | 'basis' | 'domesticBest' | 'foreignBest' | 'gap' | 'homeShare' | 'downstreamCount' | 'chokepointScore';

function RowsTable({ view, selected, onSelect }: { view: ChainView | ExposureView; selected: string | null; onSelect(id: string): void }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'chokepointScore', desc: true });
  const rows = useMemo(() => {
    const base = view.kind === 'chain'
      ? view.nodes.map((n) => ({ id: n.id, name: n.name, nameKo: n.nameKo, stage: n.upstreamOnly ? `↤ ${n.otherSectors.map((s) => s.name).join(', ') || 'other sector'}` : n.stage ? `${n.stage.order}. ${n.stage.name}` : '—', stageOrder: n.upstreamOnly ? -1 : n.stage?.order ?? 99, status: n.status as string | null, basis: n.basis, domesticBest: n.domesticBest, foreignBest: n.foreignBest, gap: n.gap, homeShare: n.homeShare, downstreamCount: n.downstreamCount, chokepointScore: n.chokepointScore, extra: n.projectsCount != null ? String(n.projectsCount) : '' }))
      : view.rows.map((r) => ({ id: r.assessment.technology.id, name: r.assessment.technology.name, nameKo: r.assessment.technology.nameKo, stage: r.assessment.stages[0] ? `${r.assessment.stages[0].sector?.name ?? ''} ${r.assessment.stages[0].order}. ${r.assessment.stages[0].name}` : '—', stageOrder: r.assessment.stages[0]?.order ?? 99, status: r.assessment.status as string | null, basis: r.assessment.basis as string | null, domesticBest: r.assessment.domesticBest, foreignBest: r.assessment.foreignBest, gap: r.assessment.gap, homeShare: r.assessment.homeShare, downstreamCount: r.assessment.downstreamCount, chokepointScore: r.assessment.chokepointScore, extra: `${r.hops} via ${r.path[0]?.name ?? ''}` }));
    const sev = (s: string | null) => (s ? STATUSES.indexOf(s as Status) : STATUSES.length);
    const basisRank: Record<string, number> = { ILLUSTRATIVE: 0, ASSESSED: 1, REPORTED: 2 };
    const val = (r: (typeof base)[number]): number | string => {
      if (sort.key === 'name') return r.name.toLowerCase();
      if (sort.key === 'stage') return r.stageOrder;
      if (sort.key === 'status') return sev(r.status);
      if (sort.key === 'basis') return r.basis ? basisRank[r.basis] ?? 3 : 4;
      return (r[sort.key] as number | null) ?? -Infinity;
    };
    return [...base].sort((a, b) => {
      const x = val(a);
      const y = val(b);
      const c = x < y ? -1 : x > y ? 1 : a.id.localeCompare(b.id);
      return sort.desc ? -c : c;
    });
  }, [view, sort]);
  const head = (k: SortKey, label: string, num = false) => (
    <th className={num ? 'num' : ''} aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button onClick={() => setSort((s) => ({ key: k, desc: s.key === k ? !s.desc : num }))}>{label}{sort.key === k ? (sort.desc ? ' ▾' : ' ▴') : ''}</button>
    </th>
  );
  return (
    <div className="table-wrap">
      <table className="rows big" data-testid="rows">
        <thead>
          <tr>
            {head('name', 'Technology')}
            {head('stage', 'Stage')}
            {head('status', 'Status')}
            {head('basis', 'Basis')}
            {head('domesticBest', 'Home best', true)}
            {head('foreignBest', 'Foreign best', true)}
            {head('gap', 'Gap', true)}
            {head('homeShare', 'Home share %', true)}
            {head('downstreamCount', 'Downstream', true)}
            {head('chokepointScore', 'Score', true)}
            <th>{view.kind === 'chain' ? 'Projects' : 'Hops / via'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={`${r.id === selected ? 'sel' : ''}${r.basis === 'ILLUSTRATIVE' ? ' illustrative-row' : ''}`} onClick={() => onSelect(r.id)} data-row={r.id}>
              <td>{r.name}{r.nameKo && <span className="ko"> {r.nameKo}</span>}</td>
              <td className="small">{r.stage}</td>
              <td><StatusBadge status={r.status} /></td>
              <td><Basis basis={r.basis} /></td>
              <td className="num">{fmt(r.domesticBest)}</td>
              <td className="num">{fmt(r.foreignBest)}</td>
              <td className="num">{fmt(r.gap)}</td>
              <td className="num">{fmt(r.homeShare)}</td>
              <td className="num">{fmt(r.downstreamCount)}</td>
              <td className="num">{fmt(r.chokepointScore)}</td>
              <td className="small">{r.extra}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OpsMenu({ ops, onClose }: { ops: Operation[]; onClose(): void }) {
  useEffect(() => {
    const h = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [onClose]);
  return (
    <div className="menu ops-menu" role="menu">
      <p className="muted small">The operations behind this view, with the variables of their first page. Later pages repeat them with <code>after</code> set to the previous <code>endCursor</code>.</p>
      {ops.map((op) => (
        <div key={op.name} className="op">
          <a className="op-link" href={playgroundHref(op)} target="_blank" rel="noopener" data-operation={op.name} onClick={onClose}>
            <code>{op.name}</code> <span>open in playground ↗</span>
          </a>
          <button className="link small" onClick={() => void navigator.clipboard?.writeText(op.query)}>copy query</button>
        </div>
      ))}
    </div>
  );
}

function KeyDialog({ onClose, onSaved }: { onClose(): void; onSaved(key: string): void }) {
  const [value, setValue] = useState(getApiKey());
  return (
    <div className="menu key-menu" role="dialog" aria-label="API key">
      <label>
        <span>API key</span>
        <input type="password" value={value} onChange={(e) => setValue(e.target.value)} placeholder="paste a key" autoFocus autoComplete="off"
          onKeyDown={(e) => { if (e.key === 'Enter') { setApiKey(value.trim()); onSaved(value.trim()); } if (e.key === 'Escape') onClose(); }} />
      </label>
      <p className="muted small">Sent as <code>Authorization: Bearer …</code> to /graphql only; kept in this tab's session storage, gone when the tab closes. The same keys and limits apply as for any client.</p>
      <div className="row">
        <button onClick={() => { setApiKey(''); onSaved(''); }}>Forget</button>
        <button className="primary" onClick={() => { setApiKey(value.trim()); onSaved(value.trim()); }}>Save</button>
      </div>
    </div>
  );
}

const KIND_LABEL: Record<SearchHit['kind'], string> = { TECHNOLOGY: 'tech', ORGANIZATION: 'org', SECTOR: 'sector', PERSON: 'person' };

function SearchBox({ onHit, params }: { onHit(hit: SearchHit): void; params: Params }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [total, setTotal] = useState(0);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setHits(null);
      return;
    }
    const ac = new AbortController();
    const timer = setTimeout(() => {
      search(q.slice(0, 200), params, ac.signal).then((r) => { setHits(r.hits); setTotal(r.total); setActive(0); setErr(null); setOpen(true); }, (e: unknown) => {
        if ((e as Error).name !== 'AbortError') { setErr((e as Error).message); setHits([]); setOpen(true); }
      });
    }, 220);
    return () => { clearTimeout(timer); ac.abort(); };
  }, [text, params.homeCountry, params.threshold, params.minProvenance, params.asOf, params.minEvidence]);
  const choose = (h: SearchHit) => {
    onHit(h);
    setOpen(false);
    setText(h.nameKo && /[\u3131-\uD79D]/.test(text) ? h.nameKo : h.name);
  };
  return (
    <div className="search" role="combobox" aria-expanded={open && !!hits} aria-haspopup="listbox">
      <input
        type="search" value={text} placeholder="Search technologies, organizations, sectors — 한국어도 됩니다" aria-label="Search"
        onChange={(e) => setText(e.target.value)} onFocus={() => setOpen(true)} onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!hits?.length) return;
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(hits.length - 1, a + 1)); }
          if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
          if (e.key === 'Enter') { e.preventDefault(); choose(hits[active]); }
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && hits && (
        <ul className="hits" role="listbox" data-testid="search-hits">
          {err && <li className="error small">{err}</li>}
          {!err && hits.length === 0 && <li className="muted small empty">Nothing matches “{text}”.</li>}
          {hits.map((h, i) => (
            <li key={h.node.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); choose(h); }} onMouseEnter={() => setActive(i)} data-id={h.node.id}>
              <span className={`kind k-${h.kind.toLowerCase()}`}>{KIND_LABEL[h.kind]}</span>
              <span className="hit-name">
                {h.status && <i className="dot" style={{ background: STATUS_COLORS[h.status] }} title={`${STATUS_TEXT[h.status].en}: ${STATUS_TEXT[h.status].rule}`} />}
                {h.name}{h.nameKo && <span className="ko"> {h.nameKo}</span>}
              </span>
              <span className="hit-meta muted small">
                {h.kind === 'TECHNOLOGY' && hitSectors(h).map((s) => s.name).join(', ')}
                {h.kind === 'ORGANIZATION' && `${hitCountry(h) ?? ''} · exposure`}
                {h.kind === 'PERSON' && hitEmployers(h).map((o) => o.name).join(', ')}
                {h.kind === 'SECTOR' && 'value chain'}
              </span>
            </li>
          ))}
          {total > hits.length && <li className="muted small more">{total - hits.length} more — refine the words</li>}
        </ul>
      )}
    </div>
  );
}

createRoot(document.getElementById('explorer')!).render(<App />);
