// A gap row's leaders: the home and foreign organizations rated at the best level on each side, with their levels.
import type { CapabilityData } from '../load.js';
import type { GapRow } from '../model.js';
import { FactRef, Name, Num } from '../parts.js';

export function LeadersSection({
  row,
  capOf,
  home,
  onOrganization,
}: {
  row: GapRow;
  capOf: Map<string, CapabilityData>;
  home: string;
  onOrganization(id: string): void;
}) {
  return (
    <section>
      <h3>Leaders</h3>
      <LeaderList
        title={`Home (${home})`}
        ids={row.domesticLeaders.map((o) => o.id)}
        capOf={capOf}
        empty={`No organization of ${home} is rated at the best home level.`}
        onOrganization={onOrganization}
      />
      <LeaderList
        title="Abroad"
        ids={row.foreignLeaders.map((o) => o.id)}
        capOf={capOf}
        empty="No foreign organization is rated at the best foreign level."
        onOrganization={onOrganization}
      />
    </section>
  );
}

function LeaderList({
  title,
  ids,
  capOf,
  empty,
  onOrganization,
}: {
  title: string;
  ids: string[];
  capOf: Map<string, CapabilityData>;
  empty: string;
  onOrganization(id: string): void;
}) {
  return (
    <div className="leaders">
      <span className="muted small">{title}</span>
      {ids.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul>
          {ids.map((oid) => {
            const c = capOf.get(oid);
            return (
              <li key={oid} data-leader={oid}>
                <button className="link" onClick={() => onOrganization(oid)}>
                  {c ? <Name name={c.organization.name} nameKo={c.organization.nameKo} /> : oid}
                </button>
                {c && (
                  <>
                    {' '}
                    <span className="cc">{c.organization.country}</span>{' '}
                    <strong>
                      <Num v={c.level} />
                    </strong>{' '}
                    {c.holdsCoreIp && <span className="pill">core IP</span>}{' '}
                    <FactRef provenance={c.provenance} sources={c.sources} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
