// The gap explorer's page: the header, the view's settings, the graph or table of the view, and the side panel.
// It holds what the parts share (the view's key and lens, the selection, which tab and panel are open) and wires
// them together; each part does one job in its own file.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { detailsPanel } from './details.js';
import { EmptyCard } from './empty-card.js';
import { GraphCanvas, ZoomButtons } from './graph-canvas.js';
import type { LabelMode } from './graph.js';
import { hitEmployers, hitSectors, type SearchHit } from './load.js';
import type { Params } from './model.js';
import { Legend } from './parts.js';
import { RowsTable } from './rows-table.js';
import { Toolbar } from './toolbar.js';
import { TopBar } from './top-bar.js';
import { readUrl, writeUrl, type ViewKey } from './url.js';
import { useView } from './use-view.js';
import { ViewActions, type Tab } from './view-actions.js';
import { ViewHeader } from './view-header.js';

export function App() {
  const initial = useMemo(readUrl, []);
  const [params, setParams] = useState<Params>(initial.params);
  const [key, setKey] = useState<ViewKey | null>(initial.key);
  const [selected, setSelected] = useState<string | null>(initial.tech);
  const [labels, setLabels] = useState<LabelMode>('both');
  const [tab, setTab] = useState<Tab>('graph');
  const [panelOpen, setPanelOpen] = useState(true);
  const [keyOpen, setKeyOpen] = useState(false);
  const [reloadTick, setReloadTick] = useState(0);
  // A technology to centre on once its view is drawn (from the URL, or a search hit in another sector).
  const pendingCenter = useRef<string | null>(initial.tech);
  const { sectors, loaded, loading, error } = useView(key, setKey, params, reloadTick);

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

  const onHit = useCallback(
    (hit: SearchHit) => {
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
    },
    [loaded, chooseView, selectTech],
  );

  const view = loaded?.view ?? null;
  const reload = () => setReloadTick((t) => t + 1);
  const maxScore = Math.max(0, ...(view?.nodes ?? []).map((n) => n.chokepointScore ?? 0));
  const panel = detailsPanel({
    loaded,
    selected,
    onSelect: (id, inView) => {
      selectTech(id);
      if (inView) window.explorer?.select(id, true);
    },
    onOrganization: (id) => chooseView({ kind: 'exposure', id }),
    onClose: () => setPanelOpen(false),
    onDeselect: () => {
      setSelected(null);
      setPanelOpen(false);
    },
  });

  return (
    <div className={`app${panelOpen && panel ? ' with-panel' : ''}`}>
      <TopBar params={params} onHit={onHit} keyOpen={keyOpen} setKeyOpen={setKeyOpen} onKeySaved={reload} />
      <Toolbar
        viewKey={key}
        sectors={sectors}
        params={params}
        setParams={setParams}
        labels={labels}
        setLabels={(m) => {
          setLabels(m);
          window.explorer?.setLabels(m);
        }}
        onSector={(id) => chooseView({ kind: 'chain', id })}
      />
      <main className="main">
        <section className="stage" aria-busy={loading}>
          <div className="viewbar">
            <ViewHeader
              loaded={loaded}
              loading={loading}
              error={error}
              onKey={() => setKeyOpen(true)}
              onRetry={reload}
            />
            <ViewActions loaded={loaded} params={params} tab={tab} setTab={setTab} />
          </div>
          <div className={`graph-wrap${tab !== 'graph' ? ' hidden' : ''}`}>
            <GraphCanvas
              view={view}
              labels={labels}
              selected={selected}
              hidden={tab !== 'graph'}
              onSelect={selectTech}
              pendingCenter={pendingCenter}
              stale={loading && !!loaded}
            />
            {view && <ZoomButtons />}
          </div>
          {tab === 'graph' && loaded && (
            <Legend
              mode={loaded.view.kind}
              maxScore={maxScore}
              threshold={loaded.params.threshold}
              home={loaded.params.homeCountry}
              noStatus={loaded.view.kind === 'chain' && loaded.view.nodes.some((n) => n.status == null)}
            />
          )}
          {tab === 'table' && view && <RowsTable view={view} selected={selected} onSelect={selectTech} />}
          {!view && !loading && <EmptyCard error={error} onKey={() => setKeyOpen(true)} onRetry={reload} />}
        </section>
        {panelOpen && panel && (
          <aside className="panel" aria-label="Details">
            {panel}
          </aside>
        )}
        {!panelOpen && view && (
          <button className="panel-open" onClick={() => setPanelOpen(true)}>
            Details ◂
          </button>
        )}
      </main>
    </div>
  );
}
