// The graph's element: one ExplorerGraph (cytoscape) for the page's life, handed each new view; and its zoom buttons.
import { useEffect, useRef, type MutableRefObject } from 'react';
import { ExplorerGraph, type LabelMode } from './graph.js';
import type { ChainView, ExposureView } from './model.js';

export function GraphCanvas({
  view,
  labels,
  selected,
  hidden,
  onSelect,
  pendingCenter,
  stale,
}: {
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

export function ZoomButtons() {
  return (
    <div className="zoom">
      <button onClick={() => window.explorer?.zoomBy(1.25)} aria-label="Zoom in">
        +
      </button>
      <button onClick={() => window.explorer?.zoomBy(0.8)} aria-label="Zoom out">
        −
      </button>
      <button onClick={() => window.explorer?.fit()} aria-label="Fit to screen" title="Fit">
        ⤢
      </button>
    </div>
  );
}
