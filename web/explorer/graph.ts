// The drawing: one cytoscape instance for the page's life. A view is added in one batch with precomputed
// positions (the `preset` layout), so a chain of hundreds of technologies costs one render, and selecting a node
// only toggles classes: React never re-renders the graph.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type StylesheetJson } from 'cytoscape';
import { defaultMaxRows, layeredLayout, type LayoutNode } from './layout.js';
import type { ChainView, ExposureView, Status } from './model.js';
import { STATUSES } from './model.js';

export const STATUS_COLORS: Record<Status, string> = {
  ABSENT: '#d1495b',
  LAGGING: '#ee8434',
  FOLLOWING: '#e9c03a',
  LEADING: '#2a9d8f',
  // Unrated, not gaps: a cool blue where the home country supplies it, a pale grey where nothing is known.
  PRESENT: '#5b8fd9',
  UNKNOWN: '#c5ccd5',
};
/** A technology the server has given no status (the analysis is pending or failed): hollow. */
export const NO_STATUS_COLOR = '#ffffff';

/** Diagonal white stripes over a node whose figures rest on ILLUSTRATIVE data (a data: URL, allowed by the page's CSP). */
export const ILLUSTRATIVE_STRIPES = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" viewBox="0 0 8 8"><path d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6" stroke="#ffffff" stroke-opacity="0.75" stroke-width="1.6"/></svg>',
)}`;
export const ILLUSTRATIVE_TIP = 'figures rest on ILLUSTRATIVE data (invented for the example; no source claims them)';
export const PATH_COLOR = '#b9c4cf';
export const ORG_COLOR = '#264653';
export const FONT =
  '"Pretendard", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "NanumGothic", "Segoe UI", system-ui, -apple-system, sans-serif';

export const KIND_SHAPES: Record<string, string> = {
  CHOKEPOINT: 'ellipse',
  ORIGINAL: 'round-diamond',
  OTHER: 'round-rectangle',
};

export type LabelMode = 'both' | 'en' | 'ko';

/** Node diameter for a chokepoint score (sqrt scale, so area grows with the score). */
export function sizeFor(score: number | null, maxScore: number, status: Status | null): number {
  if (status === null || status === 'LEADING' || status === 'PRESENT' || status === 'UNKNOWN') return 18;
  if (score == null || maxScore <= 0) return 26;
  return Math.round(20 + 32 * Math.sqrt(Math.max(0, score) / maxScore));
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,(·-]+$/, '')}…`;
}

/** A node's label: at most about two lines of English and one of Korean (the tooltip and panel show it whole). */
export function labelFor(name: string, nameKo: string | null | undefined, mode: LabelMode): string {
  if (mode === 'en' || !nameKo) return clip(name, mode === 'en' ? 56 : 40);
  if (mode === 'ko') return clip(nameKo, 30);
  return `${clip(name, 40)}\n${clip(nameKo, 17)}`;
}

const COL_W = 158;
const ROW_H = 112;

const style: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'z-index-compare': 'manual',
      'font-family': FONT,
    },
  },
  {
    selector: 'node.lane',
    style: {
      shape: 'round-rectangle' as never,
      width: 'data(w)',
      height: 'data(h)',
      'background-color': '#f1f4f8',
      'background-opacity': 1,
      'border-width': 0,
      label: 'data(label)',
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': 'data(fm)' as never,
      'text-wrap': 'wrap',
      'text-max-width': 'data(tw)',
      'font-size': 'data(fs)',
      'font-weight': 600,
      color: '#3e4c59',
      'line-height': 1.3,
      'z-index': 0,
      events: 'no',
      'min-zoomed-font-size': 4,
    },
  },
  { selector: 'node.lane.alt', style: { 'background-color': '#e9eef4' } },
  { selector: 'node.lane.upstream', style: { 'background-color': '#f6f1e9' } },
  {
    selector: 'node.tech, node.org',
    style: {
      width: 'data(size)',
      height: 'data(size)',
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      'border-width': 1.5,
      'border-color': '#ffffff',
      label: 'data(label)',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 5,
      'text-wrap': 'wrap',
      'text-max-width': `${COL_W - 22}px`,
      'font-size': 11.5,
      'line-height': 1.25,
      color: '#1f2933',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.78,
      'text-background-padding': '1.5px',
      'text-background-shape': 'roundrectangle',
      'min-zoomed-font-size': 7,
      'z-index': 10,
      'overlay-padding': 4,
    },
  },
  { selector: 'node.tech.upstream', style: { 'border-style': 'dashed', 'border-color': '#52606d', 'border-width': 2 } },
  {
    selector: 'node.tech.leading, node.tech.present, node.tech.unknown',
    style: { 'font-size': 10.5, color: '#3e4c59' },
  },
  { selector: 'node.tech.unknown', style: { 'border-color': '#7b8794', 'border-width': 1.5 } },
  {
    selector: 'node.tech.nostatus',
    style: { 'border-color': '#9aa5b1', 'border-width': 1.5, 'font-size': 10.5, color: '#52606d' },
  },
  {
    selector: 'node.tech.illustrative',
    style: {
      'background-image': ILLUSTRATIVE_STRIPES,
      'background-repeat': 'repeat',
      'background-width': '8px',
      'background-height': '8px',
      'background-fit': 'none',
      'background-clip': 'node',
    } as never,
  },
  {
    selector: 'node.org',
    style: {
      shape: 'round-rectangle' as never,
      width: 'data(w)',
      height: 40,
      'text-valign': 'center',
      'text-margin-y': 0,
      color: '#ffffff',
      'text-background-opacity': 0,
      'font-weight': 600,
      'font-size': 13,
    },
  },
  { selector: 'node.tech.onpath', style: { 'border-color': '#7b8794', 'border-width': 1.5 } },
  {
    selector: 'node.tech:selected, node.tech.selected',
    style: { 'border-width': 4, 'border-color': '#1d4ed8', 'border-style': 'solid', 'z-index': 20 },
  },
  { selector: 'node.tech.hit', style: { 'border-width': 4, 'border-color': '#7c3aed', 'border-style': 'solid' } },
  {
    selector: 'edge',
    style: {
      'z-index-compare': 'manual',
      'z-index': 5,
      width: 1.4,
      'line-color': '#9aa5b1',
      'line-opacity': 0.55,
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#9aa5b1',
      'arrow-scale': 0.8,
    },
  },
  // Edges inside one column bow sideways instead of running through the nodes between their ends.
  {
    selector: 'edge.vertical',
    style: { 'curve-style': 'unbundled-bezier', 'control-point-distances': [46], 'control-point-weights': [0.5] },
  },
  {
    selector: 'edge.backward',
    style: {
      'curve-style': 'unbundled-bezier',
      'control-point-distances': [60],
      'control-point-weights': [0.5],
      'line-style': 'dashed',
    },
  },
  {
    selector: 'edge.rel',
    style: {
      'line-style': 'dashed',
      label: 'data(label)',
      'font-size': 10,
      color: '#52606d',
      'text-background-color': '#fff',
      'text-background-opacity': 0.85,
      'font-family': FONT,
    },
  },
  { selector: '.faded', style: { opacity: 0.18 } },
  { selector: 'node.lane.faded', style: { opacity: 1 } },
  {
    selector: 'edge.up',
    style: { 'line-color': '#1d4ed8', 'target-arrow-color': '#1d4ed8', 'line-opacity': 0.9, width: 2.2, 'z-index': 8 },
  },
  {
    selector: 'edge.down',
    style: { 'line-color': '#c2410c', 'target-arrow-color': '#c2410c', 'line-opacity': 0.9, width: 2.2, 'z-index': 8 },
  },
];

export interface GraphHandlers {
  onSelect(id: string | null): void;
}

export class ExplorerGraph {
  readonly cy: Core;
  private tooltip: HTMLDivElement;
  private labelMode: LabelMode = 'both';

  constructor(
    container: HTMLElement,
    private handlers: GraphHandlers,
  ) {
    this.cy = cytoscape({
      container,
      style,
      layout: { name: 'preset' },
      minZoom: 0.08,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
      autoungrabify: true,
    });
    this.tooltip = document.createElement('div');
    this.tooltip.className = 'graph-tooltip';
    this.tooltip.hidden = true;
    container.appendChild(this.tooltip);

    this.cy.on('tap', 'node.tech, node.org', (e) => this.handlers.onSelect((e.target as NodeSingular).id()));
    this.cy.on('tap', (e) => {
      if (e.target === this.cy) this.handlers.onSelect(null);
    });
    this.cy.on('mouseover', 'node.tech, node.org', (e) => this.showTooltip(e.target as NodeSingular));
    this.cy.on('mouseout', 'node', () => {
      this.tooltip.hidden = true;
    });
    this.cy.on('viewport', () => {
      this.tooltip.hidden = true;
    });
  }

  private showTooltip(n: NodeSingular): void {
    const d = n.data() as { name: string; nameKo?: string; tip?: string };
    const p = n.renderedPosition();
    this.tooltip.replaceChildren();
    const title = document.createElement('strong');
    title.textContent = d.name;
    this.tooltip.append(title);
    if (d.nameKo) {
      const ko = document.createElement('span');
      ko.className = 'ko';
      ko.textContent = d.nameKo;
      this.tooltip.append(ko);
    }
    if (d.tip) {
      const tip = document.createElement('span');
      tip.className = 'tip';
      tip.textContent = d.tip;
      this.tooltip.append(tip);
    }
    this.tooltip.style.left = `${p.x + 14}px`;
    this.tooltip.style.top = `${p.y - 10}px`;
    this.tooltip.hidden = false;
  }

  private replace(elements: ElementDefinition[], big: boolean): void {
    this.tooltip.hidden = true;
    // Panning hundreds of curved edges is the costly part: hide them while the viewport moves.
    const r = (this.cy as unknown as { renderer(): { hideEdgesOnViewport?: boolean } | undefined }).renderer();
    if (r) r.hideEdgesOnViewport = big;
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    this.fit();
  }

  private laneElements(
    boxes: ReturnType<typeof layeredLayout>['lanes'],
    labels: Map<string, string>,
    upstreamKey?: string,
  ): ElementDefinition[] {
    // Lane titles grow with the drawing, so they stay readable when a large chain is fitted to the screen.
    const span = boxes.length
      ? Math.max(...boxes.map((b) => b.x + b.width / 2)) - Math.min(...boxes.map((b) => b.x - b.width / 2))
      : 0;
    const laneFont = Math.round(Math.min(28, Math.max(14, span / 140)));
    return boxes.map((b, i) => ({
      group: 'nodes',
      data: {
        id: b.key,
        label: labels.get(b.key) ?? '',
        w: b.width,
        h: b.height,
        tw: Math.max(80, b.width - 16),
        fs: laneFont,
        fm: Math.round(laneFont * 2.4),
      },
      position: { x: b.x, y: b.top + b.height / 2 },
      classes: `lane${i % 2 ? ' alt' : ''}${b.key === upstreamKey ? ' upstream' : ''}`,
      selectable: false,
      grabbable: false,
    }));
  }

  /** The structure drawn (view id, node and edge ids), to restyle instead of redraw when only statuses change. */
  private drawnKey = '';

  showChain(view: ChainView, mode: LabelMode): void {
    this.labelMode = mode;
    const maxScore = Math.max(0, ...view.nodes.map((n) => n.chokepointScore ?? 0));
    const key = `chain ${view.sector.id} ${view.nodes
      .map((n) => n.id)
      .sort()
      .join(',')} ${view.edges.length}`;
    const style = (n: ChainView['nodes'][number]) => ({
      color: n.status ? STATUS_COLORS[n.status] : NO_STATUS_COLOR,
      size: sizeFor(n.chokepointScore, maxScore, n.status),
      status: n.status ?? 'none',
      basis: n.basis ?? 'none',
      tip: [
        n.status ?? (view.analysisPending ? 'status: waiting for the analysis' : 'status not available'),
        n.gap != null ? `gap ${fmt(n.gap)}` : null,
        n.chokepointScore != null ? `score ${fmt(n.chokepointScore)}` : null,
        n.homeShare != null ? `home share ${fmt(n.homeShare)} %` : null,
        n.basis ? (n.basis === 'ILLUSTRATIVE' ? `▨ ${ILLUSTRATIVE_TIP}` : `basis: ${n.basis.toLowerCase()}`) : null,
      ]
        .filter(Boolean)
        .join(' · '),
      classes: `tech ${n.status ? n.status.toLowerCase() : 'nostatus'}${n.upstreamOnly ? ' upstream' : ''}${n.basis === 'ILLUSTRATIVE' ? ' illustrative' : ''}`,
    });
    if (key === this.drawnKey) {
      // Same chain, new numbers (the analysis answered, or the lens changed): restyle in one batch, keep the view.
      // A tooltip on screen would show the old numbers: hide it.
      this.tooltip.hidden = true;
      this.cy.batch(() => {
        for (const n of view.nodes) {
          const { classes, ...data } = style(n);
          const el = this.cy.getElementById(n.id);
          el.data(data);
          const keep = el.hasClass('selected') ? ' selected' : '';
          el.classes(classes + keep);
        }
      });
      return;
    }
    this.drawnKey = key;
    const severity = (s: Status | null) => (s ? STATUSES.indexOf(s) : STATUSES.length);
    const layoutNodes: LayoutNode[] = view.nodes.map((n) => ({
      id: n.id,
      lane: n.lane,
      deps: n.deps,
      rank: severity(n.status) * 1e7 - (n.chokepointScore ?? 0),
    }));
    const laneOrder = view.lanes.map((l) => l.key);
    const { positions, lanes } = layeredLayout(layoutNodes, laneOrder, {
      colW: COL_W,
      rowH: ROW_H,
      laneGap: 26,
      maxRows: defaultMaxRows(view.nodes.length, COL_W, ROW_H),
      align: 'left',
      minLaneWidth: 200,
    });
    const laneLabels = new Map(
      view.lanes.map((l) => [
        l.key,
        mode === 'en' || !l.labelKo ? l.label : mode === 'ko' ? l.labelKo : `${l.label}\n${l.labelKo}`,
      ]),
    );
    const els: ElementDefinition[] = this.laneElements(lanes, laneLabels, 'lane:upstream');
    for (const n of view.nodes) {
      const { classes, ...data } = style(n);
      els.push({
        group: 'nodes',
        data: {
          id: n.id,
          name: n.name,
          nameKo: n.nameKo ?? undefined,
          label: labelFor(n.name, n.nameKo, mode),
          shape: KIND_SHAPES[n.kind] ?? 'ellipse',
          ...data,
        },
        position: positions.get(n.id)!,
        classes,
      });
    }
    view.edges.forEach((e, i) =>
      els.push({
        group: 'edges',
        data: { id: `e${i}`, source: e.source, target: e.target },
        classes: edgeClass(positions.get(e.source), positions.get(e.target)),
      }),
    );
    this.replace(els, view.nodes.length > 150);
  }

  showExposure(view: ExposureView, mode: LabelMode): void {
    this.labelMode = mode;
    this.drawnKey = '';
    const maxScore = Math.max(0, ...view.nodes.map((n) => n.chokepointScore ?? 0));
    const deps = new Map<string, string[]>();
    for (const e of view.edges) (deps.get(e.target) ?? deps.set(e.target, []).get(e.target)!).push(e.source);
    const layoutNodes: LayoutNode[] = view.nodes.map((n) => ({
      id: n.id,
      lane: 'lane:exposure',
      deps: deps.get(n.id) ?? [],
      rank: n.status ? STATUSES.indexOf(n.status) * 1e7 - (n.chokepointScore ?? 0) : 5e7,
    }));
    const { positions, lanes } = layeredLayout(layoutNodes, ['lane:exposure'], {
      colW: COL_W + 40,
      rowH: ROW_H,
      laneGap: 0,
      maxRows: defaultMaxRows(view.nodes.length, COL_W, ROW_H, 1),
      align: 'right',
      strictLevels: true,
    });
    const els: ElementDefinition[] = this.laneElements(
      lanes,
      new Map([
        [
          'lane:exposure',
          mode === 'ko'
            ? '노출 경로: 조직이 의존하는 기술 → 상류 격차 기술'
            : 'Exposure paths: what the organization relies on ← the gaps upstream',
        ],
      ]),
    );
    for (const n of view.nodes) {
      const color = n.isOrg ? ORG_COLOR : n.status ? STATUS_COLORS[n.status] : PATH_COLOR;
      els.push({
        group: 'nodes',
        data: {
          id: n.id,
          name: n.name,
          nameKo: n.nameKo ?? undefined,
          label: labelFor(n.name, n.nameKo, mode),
          color,
          size: n.isOrg ? 34 : sizeFor(n.chokepointScore, maxScore, n.status),
          shape: KIND_SHAPES[n.kind] ?? 'ellipse',
          w: n.isOrg
            ? Math.min(
                220,
                30 +
                  7.2 *
                    Math.max(
                      ...labelFor(n.name, n.nameKo, mode)
                        .split('\n')
                        .map((l) => l.length),
                    ),
              )
            : undefined,
          status: n.status ?? undefined,
          basis: n.basis ?? undefined,
          tip: n.isOrg
            ? 'the organization'
            : n.status
              ? `${n.status} · gap ${fmt(n.gap)} · score ${fmt(n.chokepointScore)}${n.basis === 'ILLUSTRATIVE' ? ` · ▨ ${ILLUSTRATIVE_TIP}` : n.basis ? ` · basis: ${n.basis.toLowerCase()}` : ''}`
              : 'on a dependency path (no gap listed)',
        },
        position: positions.get(n.id)!,
        classes: n.isOrg
          ? 'org'
          : `tech${n.status ? ` ${n.status.toLowerCase()}` : ' onpath'}${n.basis === 'ILLUSTRATIVE' ? ' illustrative' : ''}`,
      });
    }
    view.edges.forEach((e, i) =>
      els.push({
        group: 'edges',
        data: { id: `e${i}`, source: e.source, target: e.target, label: e.relation ?? '' },
        classes: `${e.relation ? 'rel ' : ''}${edgeClass(positions.get(e.source), positions.get(e.target))}`,
      }),
    );
    this.replace(els, view.nodes.length > 150);
  }

  /** Marks a node and its upstream (blue) and downstream (orange) edges; fades the rest. */
  select(id: string | null, center = false): void {
    this.cy.batch(() => {
      this.cy.elements().removeClass('faded up down selected');
      this.cy.$(':selected').unselect();
      if (!id) return;
      const n = this.cy.getElementById(id);
      if (n.empty()) return;
      n.addClass('selected');
      const up = n.predecessors();
      const down = n.successors();
      up.edges().addClass('up');
      down.edges().addClass('down');
      this.cy.elements().not(n).not(up).not(down).not('.lane').addClass('faded');
    });
    if (center) {
      const n = this.cy.getElementById(id ?? '');
      if (n.nonempty())
        this.cy.animate({ center: { eles: n }, zoom: Math.max(this.cy.zoom(), 0.9) }, { duration: 250 });
    }
  }

  flash(id: string): void {
    const n = this.cy.getElementById(id);
    if (n.empty()) return;
    n.addClass('hit');
    setTimeout(() => n.removeClass('hit'), 1600);
  }

  setLabels(mode: LabelMode): void {
    if (mode === this.labelMode) return;
    this.labelMode = mode;
    this.cy.batch(() => {
      this.cy.nodes('.tech, .org').forEach((n) => {
        n.data('label', labelFor(n.data('name'), n.data('nameKo'), mode));
      });
    });
  }

  fit(): void {
    this.cy.resize();
    // Room at the top for the summary line that floats over the graph.
    this.cy.fit(undefined, 30);
    this.cy.panBy({ x: 0, y: 16 });
  }

  zoomBy(f: number): void {
    const c = { x: this.cy.width() / 2, y: this.cy.height() / 2 };
    this.cy.zoom({ level: this.cy.zoom() * f, renderedPosition: c });
  }

  technologyCount(): number {
    return this.cy.nodes('.tech').length;
  }

  png(): Blob {
    return this.cy.png({
      full: true,
      scale: 2,
      bg: '#ffffff',
      output: 'blob',
      maxWidth: 8000,
      maxHeight: 8000,
    }) as unknown as Blob;
  }

  destroy(): void {
    this.cy.destroy();
  }
}

/** Same column: bow sideways; right to left (against the flow): bow and dash. */
function edgeClass(a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined): string {
  if (!a || !b) return '';
  if (Math.abs(a.x - b.x) < 1) return 'vertical';
  return a.x > b.x ? 'backward' : '';
}

export function fmt(n: number | null | undefined, digits = 1): string {
  if (n == null) return '—';
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}
