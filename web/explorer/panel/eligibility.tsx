// Joint R&D eligibility: the server's answer on each of the three criteria, and the technology's inputs to them.
import type { TechnologyPanelData, TechnologyRecord } from '../load.js';
import { FactRef } from '../parts.js';
import { fmtInput } from './text.js';

function Tri({ v }: { v: string }) {
  const cls = v === 'TRUE' ? 'yes' : v === 'FALSE' ? 'no' : 'unknown';
  const text = v === 'TRUE' ? 'Yes' : v === 'FALSE' ? 'No' : 'Unknown';
  return <span className={`tri tri-${cls}`}>{text}</span>;
}

const CRITERIA: Record<string, string> = {
  C1_LONG_OR_FOREIGN_CORE_IP: 'C1 · over 3 years alone, or foreign core IP',
  C2_TIME_AND_COST_SAVING: 'C2 · saves ≥ 1 year and ≥ 50 % of cost',
  C3_OVERSEAS_CERTIFICATION: 'C3 · needs overseas certification',
};

export function EligibilitySection({
  t,
  el,
}: {
  t: TechnologyRecord;
  el: TechnologyPanelData['jointRndEligibility'] | undefined;
}) {
  return (
    <section>
      <h3>Joint R&amp;D eligibility {el && <Tri v={el.eligible} />}</h3>
      {el == null ? (
        <p className="muted">The analysis gave no answer.</p>
      ) : (
        <>
          <ul className="criteria" data-testid="eligibility">
            {[el.c1, el.c2, el.c3].map((c) => (
              <li key={c.criterion}>
                <Tri v={c.value} /> <strong>{CRITERIA[c.criterion] ?? c.criterion}</strong>
                <div className="reason">{c.reason}</div>
              </li>
            ))}
          </ul>
          <p className="muted small">
            Inputs: {fmtInput(t.domesticYearsToDevelop, ' years alone')}, saves{' '}
            {fmtInput(t.coopTimeSavingYears, ' years')} and {fmtInput(t.coopCostSavingPct, ' % of cost')}, overseas
            certification{' '}
            {t.needsOverseasCertification == null ? 'unknown' : t.needsOverseasCertification ? 'needed' : 'not needed'}{' '}
            — properties of the technology record <FactRef provenance={t.provenance} sources={t.sources} />
            {el.foreignCoreIpHolders.length > 0 && (
              <>; foreign core IP: {el.foreignCoreIpHolders.map((o) => `${o.name} (${o.country})`).join(', ')}</>
            )}
            .
          </p>
        </>
      )}
    </section>
  );
}
