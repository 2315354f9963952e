// Layered positions for cytoscape's `preset` layout, computed once per view (no physics, no animation):
// lanes (the value-chain stages) from left to right; inside a lane, columns filled level by level, a technology's
// level being one more than that of any input it needs from the same lane, so inputs sit left of (or above) what
// needs them; inside a column, rows are ordered by the barycenter of their neighbours (a few sweeps), which keeps
// most edges short and uncrossed. A column taller than `maxRows` is folded into several, row-major, so the vertical
// order survives the fold.

export interface LayoutNode {
  id: string;
  lane: string;
  /** Inputs: ids this node needs (edges input → this node). */
  deps: string[];
  /** Initial order inside a column (smaller first). */
  rank: number;
}

export interface LayoutOptions {
  colW: number;
  rowH: number;
  /** Space between lanes. */
  laneGap: number;
  /** Rows in a column before it folds. */
  maxRows: number;
  /** 'left': inputs first (a node is right of its same-lane inputs); 'right': consumers aligned at the right. */
  align: 'left' | 'right';
  /** One column per level, however many (else a lane gets only the columns its size needs). */
  strictLevels?: boolean;
  /** Lanes are at least this wide (room for their titles). */
  minLaneWidth?: number;
}

export interface LaneBox {
  key: string;
  /** Center x, width, top y, height (model coordinates). */
  x: number;
  width: number;
  top: number;
  height: number;
}

export interface LayoutResult {
  positions: Map<string, { x: number; y: number }>;
  lanes: LaneBox[];
}

/** Rows per column so that the drawing's aspect is about 3:2 for `count` nodes (at least 5). */
export function defaultMaxRows(count: number, colW: number, rowH: number, aspect = 1.5): number {
  return Math.max(5, Math.ceil(Math.sqrt((count * colW) / (aspect * rowH))));
}

export function layeredLayout(nodes: LayoutNode[], laneOrder: string[], opts: LayoutOptions): LayoutResult {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const consumers = new Map<string, string[]>();
  for (const n of nodes)
    for (const d of n.deps) if (byId.has(d)) (consumers.get(d) ?? consumers.set(d, []).get(d)!).push(n.id);

  // Level inside a lane: longest path over same-lane edges (guarded against cycles, which the API forbids).
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const next = (n: LayoutNode) => (opts.align === 'left' ? n.deps : (consumers.get(n.id) ?? []));
  const levelOf = (n: LayoutNode): number => {
    const known = level.get(n.id);
    if (known !== undefined) return known;
    if (visiting.has(n.id)) return 0;
    visiting.add(n.id);
    let l = 0;
    for (const m of next(n)) {
      const o = byId.get(m);
      if (o && o.lane === n.lane) l = Math.max(l, levelOf(o) + 1);
    }
    visiting.delete(n.id);
    level.set(n.id, l);
    return l;
  };
  for (const n of nodes) levelOf(n);

  // Groups (columns), left to right. Strict: one column per level. Otherwise a lane gets the columns its size
  // needs (at least 2 where it has a same-lane dependency), filled level by level, so inputs still come first.
  const lanes = laneOrder.filter((k) => nodes.some((n) => n.lane === k));
  const groups: LayoutNode[][] = [];
  const groupLane: string[] = [];
  const byLevelThenRank = (a: LayoutNode, b: LayoutNode) => {
    const la = level.get(a.id)!;
    const lb = level.get(b.id)!;
    const d = opts.align === 'left' ? la - lb : lb - la;
    return d || a.rank - b.rank || a.id.localeCompare(b.id);
  };
  for (const lane of lanes) {
    const inLane = nodes.filter((n) => n.lane === lane).sort(byLevelThenRank);
    const levels = new Set(inLane.map((n) => level.get(n.id)!)).size;
    const budget = Math.max(Math.ceil(inLane.length / opts.maxRows), Math.min(levels, 2));
    if (opts.strictLevels || levels <= budget) {
      let cur: LayoutNode[] = [];
      inLane.forEach((n, i) => {
        cur.push(n);
        if (i === inLane.length - 1 || level.get(inLane[i + 1].id) !== level.get(n.id)) {
          groups.push(cur);
          groupLane.push(lane);
          cur = [];
        }
      });
    } else {
      const per = Math.ceil(inLane.length / budget);
      for (let i = 0; i < inLane.length; i += per) {
        groups.push(inLane.slice(i, i + per));
        groupLane.push(lane);
      }
    }
  }

  // Barycenter sweeps on normalized positions (0..1 inside each group).
  const pos = new Map<string, number>();
  const groupOf = new Map<string, number>();
  const place = (gi: number) =>
    groups[gi].forEach((n, i) => pos.set(n.id, groups[gi].length === 1 ? 0.5 : i / (groups[gi].length - 1)));
  groups.forEach((g, gi) => {
    g.forEach((n) => groupOf.set(n.id, gi));
    place(gi);
  });
  const sweep = (gi: number, neighbours: (n: LayoutNode) => string[], before: boolean) => {
    const g = groups[gi];
    const key = new Map<string, number>();
    for (const n of g) {
      const ys = neighbours(n)
        .filter((m) => groupOf.has(m) && (before ? groupOf.get(m)! < gi : groupOf.get(m)! > gi))
        .map((m) => pos.get(m)!);
      key.set(n.id, ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : pos.get(n.id)!);
    }
    g.sort((a, b) => key.get(a.id)! - key.get(b.id)! || a.rank - b.rank || a.id.localeCompare(b.id));
    place(gi);
  };
  const inputsOf = (n: LayoutNode) => n.deps;
  const consumersOf = (n: LayoutNode) => consumers.get(n.id) ?? [];
  for (let it = 0; it < 4; it++) {
    for (let gi = 1; gi < groups.length; gi++) sweep(gi, (n) => [...inputsOf(n), ...consumersOf(n)], true);
    for (let gi = groups.length - 2; gi >= 0; gi--) sweep(gi, (n) => [...inputsOf(n), ...consumersOf(n)], false);
  }

  // Coordinates: fold tall groups, center each column vertically on 0.
  const positions = new Map<string, { x: number; y: number }>();
  const laneSpan = new Map<string, { min: number; max: number; pad?: number }>();
  let x = 0;
  let maxHalf = 0;
  let prevLane: string | undefined;
  // A lane narrower than minLaneWidth (one column under a long title) is widened, its columns centered.
  const widen = (lane: string) => {
    const s = laneSpan.get(lane)!;
    const extra = (opts.minLaneWidth ?? 0) - (s.max - s.min + opts.colW);
    if (extra <= 0) return;
    for (const n of nodes) if (n.lane === lane) positions.get(n.id)!.x += extra / 2;
    s.min += extra / 2;
    s.max += extra / 2;
    s.pad = extra / 2;
    x += extra;
  };
  groups.forEach((g, gi) => {
    const lane = groupLane[gi];
    if (prevLane !== undefined && lane !== prevLane) {
      widen(prevLane);
      x += opts.laneGap;
    }
    const cols = Math.ceil(g.length / opts.maxRows);
    const rows = Math.ceil(g.length / cols);
    const half = ((rows - 1) * opts.rowH) / 2;
    maxHalf = Math.max(maxHalf, half);
    g.forEach((n, i) => {
      const c = i % cols;
      const r = Math.floor(i / cols);
      // A small stagger between folded columns keeps labels of neighbouring rows apart.
      const stagger = cols > 1 ? (c % 2) * (opts.rowH / 2) - opts.rowH / 4 : 0;
      positions.set(n.id, { x: x + c * opts.colW, y: r * opts.rowH - half + stagger });
    });
    const span = laneSpan.get(lane) ?? { min: x, max: x };
    span.max = x + (cols - 1) * opts.colW;
    laneSpan.set(lane, span);
    x += cols * opts.colW;
    prevLane = lane;
  });
  if (prevLane !== undefined) widen(prevLane);

  const top = -maxHalf - opts.rowH * 0.9;
  const height = 2 * maxHalf + opts.rowH * 1.7;
  const boxes: LaneBox[] = lanes.map((key) => {
    const s = laneSpan.get(key)!;
    const width = s.max - s.min + opts.colW + 2 * (s.pad ?? 0);
    return { key, x: (s.min + s.max) / 2, width, top, height };
  });
  return { positions, lanes: boxes };
}
