// Partner candidates: foreign organizations rated ahead of the home country (with shared projects and cooperation
// centers), and suppliers listed without a level.
import type { CapabilityData, TechnologyPanelData } from '../load.js';
import { FactRef, IllustrativeMark, LevelBar, Name } from '../parts.js';
import { fmtShare } from './text.js';

export function PartnersSection({
  pc,
  capOf,
  home,
  onOrganization,
}: {
  pc: TechnologyPanelData['partnerCandidates'] | undefined;
  capOf: Map<string, CapabilityData>;
  home: string;
  onOrganization(id: string): void;
}) {
  return (
    <section>
      <h3>
        Partner candidates <span className="count">{pc?.totalCount ?? '—'}</span>
      </h3>
      {pc == null ? (
        <p className="muted">The analysis gave no answer.</p>
      ) : pc.nodes.length === 0 ? (
        <p className="muted">No foreign organization is rated ahead of {home}.</p>
      ) : (
        <ul className="partners" data-testid="partners">
          {pc.nodes.map((c) => {
            const cap = capOf.get(c.organization.id);
            return (
              <li key={c.organization.id} data-partner={c.organization.id}>
                <div className="partner-line">
                  <button className="link" onClick={() => onOrganization(c.organization.id)}>
                    <Name name={c.organization.name} nameKo={c.organization.nameKo} />
                  </button>
                  <span className="cc">{c.organization.country}</span>
                  <IllustrativeMark basis={c.basis} compact />
                  <LevelBar level={c.level} home={false} />
                </div>
                <div className="partner-meta small">
                  {c.holdsCoreIp && <span className="pill">core IP</span>}
                  <span>
                    {c.sharedProjectCount} shared project{c.sharedProjectCount === 1 ? '' : 's'} with {home}
                  </span>
                  {c.hostsCooperationCenter && (
                    <span>hosts {c.cooperationCenters.map((cc) => cc.name).join(', ') || 'a cooperation center'}</span>
                  )}
                  {cap && (
                    <span>
                      level <FactRef provenance={cap.provenance} sources={cap.sources} />
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {pc && pc.suppliers.nodes.length > 0 && (
        <>
          <p className="muted small">
            Listed as suppliers without a level ({pc.suppliers.totalCount}): candidates to assess or approach.
          </p>
          <ul className="partners" data-testid="suppliers">
            {pc.suppliers.nodes.map((sup) => (
              <li key={sup.organization.id} data-supplier={sup.organization.id}>
                <div className="partner-line">
                  <button className="link" onClick={() => onOrganization(sup.organization.id)}>
                    <Name name={sup.organization.name} nameKo={sup.organization.nameKo} />
                  </button>
                  <span className="cc">{sup.organization.country}</span>
                  <IllustrativeMark basis={sup.basis} compact />
                  <span className="supplier-share">
                    {sup.share == null ? 'listed, no number' : `${fmtShare(sup.share)} % of world supply`} (
                    {sup.listing.year})
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
