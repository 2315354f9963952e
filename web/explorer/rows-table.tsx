// The Table tab: the view's rows with their figures and basis, sortable by any column.
import { useMemo, useState } from 'react';
import { fmt } from './graph.js';
import { STATUSES, type ChainView, type ExposureView, type Status } from './model.js';
import { Basis, StatusBadge } from './parts.js';

type SortKey =
  | 'name'
  | 'stage'
  | 'status'
  | 'basis'
  | 'domesticBest'
  | 'foreignBest'
  | 'gap'
  | 'homeShare'
  | 'downstreamCount'
  | 'chokepointScore';

export function RowsTable({
  view,
  selected,
  onSelect,
}: {
  view: ChainView | ExposureView;
  selected: string | null;
  onSelect(id: string): void;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'chokepointScore', desc: true });
  const rows = useMemo(() => {
    const base =
      view.kind === 'chain'
        ? view.nodes.map((n) => ({
            id: n.id,
            name: n.name,
            nameKo: n.nameKo,
            stage: n.upstreamOnly
              ? `↤ ${n.otherSectors.map((s) => s.name).join(', ') || 'other sector'}`
              : n.stage
                ? `${n.stage.order}. ${n.stage.name}`
                : '—',
            stageOrder: n.upstreamOnly ? -1 : (n.stage?.order ?? 99),
            status: n.status as string | null,
            basis: n.basis,
            domesticBest: n.domesticBest,
            foreignBest: n.foreignBest,
            gap: n.gap,
            homeShare: n.homeShare,
            downstreamCount: n.downstreamCount,
            chokepointScore: n.chokepointScore,
            extra: n.projectsCount != null ? String(n.projectsCount) : '',
          }))
        : view.rows.map((r) => ({
            id: r.assessment.technology.id,
            name: r.assessment.technology.name,
            nameKo: r.assessment.technology.nameKo,
            stage: r.assessment.stages[0]
              ? `${r.assessment.stages[0].sector?.name ?? ''} ${r.assessment.stages[0].order}. ${r.assessment.stages[0].name}`
              : '—',
            stageOrder: r.assessment.stages[0]?.order ?? 99,
            status: r.assessment.status as string | null,
            basis: r.assessment.basis as string | null,
            domesticBest: r.assessment.domesticBest,
            foreignBest: r.assessment.foreignBest,
            gap: r.assessment.gap,
            homeShare: r.assessment.homeShare,
            downstreamCount: r.assessment.downstreamCount,
            chokepointScore: r.assessment.chokepointScore,
            extra: `${r.hops} via ${r.path[0]?.name ?? ''}`,
          }));
    const sev = (s: string | null) => (s ? STATUSES.indexOf(s as Status) : STATUSES.length);
    const basisRank: Record<string, number> = { ILLUSTRATIVE: 0, ASSESSED: 1, REPORTED: 2 };
    const val = (r: (typeof base)[number]): number | string => {
      if (sort.key === 'name') return r.name.toLowerCase();
      if (sort.key === 'stage') return r.stageOrder;
      if (sort.key === 'status') return sev(r.status);
      if (sort.key === 'basis') return r.basis ? (basisRank[r.basis] ?? 3) : 4;
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
      <button onClick={() => setSort((s) => ({ key: k, desc: s.key === k ? !s.desc : num }))}>
        {label}
        {sort.key === k ? (sort.desc ? ' ▾' : ' ▴') : ''}
      </button>
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
            <tr
              key={r.id}
              className={`${r.id === selected ? 'sel' : ''}${r.basis === 'ILLUSTRATIVE' ? ' illustrative-row' : ''}`}
              onClick={() => onSelect(r.id)}
              data-row={r.id}
            >
              <td>
                {r.name}
                {r.nameKo && <span className="ko"> {r.nameKo}</span>}
              </td>
              <td className="small">{r.stage}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>
                <Basis basis={r.basis} />
              </td>
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
