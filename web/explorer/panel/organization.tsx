// An organization's panel: its record, its exposure (the gaps upstream of it, each with a path), what it relies on
// and its capabilities.
import { useMemo } from 'react';
import { STATUS_COLORS } from '../graph.js';
import type { OrganizationRecord } from '../load.js';
import type { ExposureView } from '../model.js';
import { FactRef, IllustrativeMark, Name, Num, Prov, SourceIndex, SourceList, SourcesContext } from '../parts.js';
import { ORG_TYPE } from './text.js';

export function OrganizationPanel({
  org,
  view,
  onSelect,
  onClose,
}: {
  org: OrganizationRecord;
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
            <div className="eyebrow">
              {ORG_TYPE[org.type] ?? org.type} · {org.country} · <Prov p={org.provenance} />
            </div>
            <h2>
              <Name name={org.name} nameKo={org.nameKo} />
            </h2>
            <div className="panel-sub">
              <span className="chip">{view.total} exposed gap technologies</span>
            </div>
          </div>
          <button className="icon close" onClick={onClose} aria-label="Close panel">
            ×
          </button>
        </div>
        <p className="small">
          The organization's record <FactRef provenance={org.provenance} sources={org.sources} />
        </p>
        <section>
          <h3>
            Exposure <span className="count">{view.total}</span>
          </h3>
          {view.rows.length === 0 ? (
            <p className="muted">No gap technology lies upstream of what it relies on or is capable in.</p>
          ) : (
            <ul className="exposures">
              {view.rows.map((r) => (
                <li key={r.assessment.technology.id}>
                  <button className="link" onClick={() => onSelect(r.assessment.technology.id)}>
                    <i className="dot" style={{ background: STATUS_COLORS[r.assessment.status] }} />
                    <Name name={r.assessment.technology.name} nameKo={r.assessment.technology.nameKo} />
                  </button>
                  <span className="muted small">
                    {' '}
                    score <Num v={r.assessment.chokepointScore} />, gap <Num v={r.assessment.gap} />, {r.hops} hop
                    {r.hops === 1 ? '' : 's'} via {r.viaRelations.join(' + ').toLowerCase()}
                  </span>{' '}
                  <IllustrativeMark basis={r.assessment.basis} compact />
                  <div className="path">
                    {r.path.map((p, i) => (
                      <span key={p.id}>
                        {i > 0 && <span className="arrow-text"> ← </span>}
                        {p.name}
                      </span>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h3>
            Relies on <span className="count">{org.reliesOn.totalCount}</span>
          </h3>
          <div className="deps">
            {org.reliesOn.edges.map((e) => (
              <button key={e.node.id} className="chip link" onClick={() => onSelect(e.node.id)}>
                {e.node.name} <Prov p={e.link?.provenance} />
              </button>
            ))}
          </div>
        </section>
        <section>
          <h3>
            Capabilities <span className="count">{org.capabilities.totalCount}</span>
          </h3>
          <table className="rows">
            <tbody>
              {org.capabilities.nodes.map((c) => (
                <tr key={c.technology.id}>
                  <td>
                    <button className="link" onClick={() => onSelect(c.technology.id)}>
                      <Name name={c.technology.name} nameKo={c.technology.nameKo} />
                    </button>
                    {c.holdsCoreIp && <span className="pill">core IP</span>}
                  </td>
                  <td className="num">
                    <Num v={c.level} />
                  </td>
                  <td>
                    <Prov p={c.provenance} />
                  </td>
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
