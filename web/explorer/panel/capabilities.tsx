// Every capability level recorded for the technology that the evidence filter keeps (the others are counted).
import { afterAsOf } from '../evidence.js';
import type { CapabilityData } from '../load.js';
import type { Params } from '../model.js';
import { FactRef, HiddenNote, IllustrativeMark, LevelBar, Name } from '../parts.js';
import { ORG_TYPE } from './text.js';

export function CapabilitiesSection({
  t,
  caps,
  params,
  onOrganization,
}: {
  t: { capabilities: { totalCount: number; nodes: CapabilityData[] } };
  caps: CapabilityData[];
  params: Params;
  onOrganization(id: string): void;
}) {
  const home = params.homeCountry;
  const allCaps = t.capabilities.nodes;
  return (
    <section>
      <h3>
        All capabilities <span className="count">{t.capabilities.totalCount}</span>
      </h3>
      <HiddenNote count={allCaps.length - caps.length} what="capability levels" />
      <ul className="partners caps" data-testid="capabilities">
        {caps.map((c) => (
          <li
            key={c.organization.id}
            className={`${c.organization.country === home ? 'home' : ''}${afterAsOf(params.asOf, { date: c.asOf }) ? ' later' : ''}`}
          >
            <div className="partner-line">
              <button className="link" onClick={() => onOrganization(c.organization.id)}>
                <Name name={c.organization.name} nameKo={c.organization.nameKo} />
              </button>
              <span className="cc">{c.organization.country}</span>
              {c.holdsCoreIp && <span className="pill">core IP</span>}
              <IllustrativeMark basis={c.provenance} compact />
              <LevelBar level={c.level} home={c.organization.country === home} />
            </div>
            <div className="partner-meta small">
              <span>{ORG_TYPE[c.organization.type] ?? c.organization.type}</span>
              {c.asOf && (
                <span>
                  as of {c.asOf}
                  {afterAsOf(params.asOf, { date: c.asOf }) ? ' (after the as-of date: not counted)' : ''}
                </span>
              )}
              <FactRef provenance={c.provenance} sources={c.sources} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
