// The view's settings: the sector, and the lens every analysis question is asked under (home country, threshold τ,
// which facts and which numbers count, as of which day); and the labels' language. A typed threshold or home
// country applies once it is valid; the slider applies when released.
import { useState, type Dispatch, type SetStateAction } from 'react';
import type { LabelMode } from './graph.js';
import type { Named, Params, Provenance } from './model.js';
import { validDate, type ViewKey } from './url.js';

const COUNTRIES = [
  'KR',
  'US',
  'JP',
  'DE',
  'CN',
  'TW',
  'NL',
  'FR',
  'GB',
  'BE',
  'CH',
  'SE',
  'FI',
  'IL',
  'SG',
  'CA',
  'IT',
  'AT',
  'DK',
  'IN',
];
const PROVENANCE_CHOICES: Array<{ value: Provenance; label: string }> = [
  { value: 'ILLUSTRATIVE', label: 'All, incl. illustrative' },
  { value: 'ASSESSED', label: 'Assessed and reported' },
  { value: 'REPORTED', label: 'Reported only' },
];
/** The lens's minEvidence: '' leaves it to the server (= the facts filter). */
const EVIDENCE_CHOICES: Array<{ value: Provenance | ''; label: string }> = [
  { value: '', label: 'As facts' },
  { value: 'ASSESSED', label: 'Sourced only' },
  { value: 'REPORTED', label: 'Reported only' },
];

export function Toolbar({
  viewKey,
  sectors,
  params,
  setParams,
  labels,
  setLabels,
  onSector,
}: {
  viewKey: ViewKey | null;
  sectors: Named[];
  params: Params;
  setParams: Dispatch<SetStateAction<Params>>;
  labels: LabelMode;
  setLabels(mode: LabelMode): void;
  onSector(id: string): void;
}) {
  const [thresholdDraft, setThresholdDraft] = useState(String(params.threshold));
  const [homeDraft, setHomeDraft] = useState(params.homeCountry);
  const applyThreshold = (raw: string) => {
    const n = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 && n !== params.threshold)
      setParams((p) => ({ ...p, threshold: n }));
  };
  const applyHome = (raw: string) => {
    const c = raw.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(c) && c !== params.homeCountry) setParams((p) => ({ ...p, homeCountry: c }));
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="View settings">
      <label className="field">
        <span>Sector</span>
        <select
          value={viewKey?.kind === 'chain' ? viewKey.id : ''}
          onChange={(e) => e.target.value && onSector(e.target.value)}
          aria-label="Sector"
        >
          {viewKey?.kind !== 'chain' && <option value="">— choose a sector —</option>}
          {sectors.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.nameKo ? ` · ${s.nameKo}` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field narrow">
        <span>Home</span>
        <input
          list="countries"
          value={homeDraft}
          maxLength={2}
          aria-label="Home country"
          spellCheck={false}
          onChange={(e) => {
            setHomeDraft(e.target.value.toUpperCase());
            if (/^[A-Za-z]{2}$/.test(e.target.value)) applyHome(e.target.value);
          }}
          onBlur={() => setHomeDraft(params.homeCountry)}
        />
        <datalist id="countries">
          {COUNTRIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <label className="field threshold">
        <span>Threshold τ</span>
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={Number(thresholdDraft) || 0}
          aria-label="Threshold slider"
          onChange={(e) => setThresholdDraft(e.target.value)}
          onPointerUp={(e) => applyThreshold((e.target as HTMLInputElement).value)}
          onKeyUp={(e) => applyThreshold((e.target as HTMLInputElement).value)}
        />
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          value={thresholdDraft}
          aria-label="Threshold"
          className="num-input"
          onChange={(e) => setThresholdDraft(e.target.value)}
          onBlur={(e) => applyThreshold(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyThreshold((e.target as HTMLInputElement).value);
          }}
        />
      </label>
      <label className="field">
        <span>Facts</span>
        <select
          value={params.minProvenance}
          aria-label="Minimum provenance"
          onChange={(e) => setParams((p) => ({ ...p, minProvenance: e.target.value as Provenance }))}
        >
          {PROVENANCE_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label
        className="field"
        title="Evidence (capability levels, national assessments, supply listings, import figures) below this provenance is ignored; the structure stays as 'Facts' keeps it."
      >
        <span>Numbers</span>
        <select
          value={params.minEvidence ?? ''}
          aria-label="Minimum evidence"
          onChange={(e) => setParams((p) => ({ ...p, minEvidence: (e.target.value || null) as Provenance | null }))}
        >
          {EVIDENCE_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label
        className="field"
        title="Evidence dated after this day is ignored; of several assessment rounds or listings, the latest on or before it counts. Empty: today."
      >
        <span>As of</span>
        <input
          type="date"
          value={params.asOf ?? ''}
          aria-label="As of"
          min="1900-01-01"
          max="2100-12-31"
          onChange={(e) => {
            const v = validDate(e.target.value);
            if (v || e.target.value === '') setParams((p) => ({ ...p, asOf: v }));
          }}
        />
        {params.asOf && (
          <button
            className="link small"
            onClick={() => setParams((p) => ({ ...p, asOf: null }))}
            aria-label="As of today"
          >
            today
          </button>
        )}
      </label>
      <label className="field">
        <span>Labels</span>
        <select
          value={labels}
          aria-label="Labels"
          onChange={(e) => {
            const m = e.target.value as LabelMode;
            setLabels(m);
            window.explorer?.setLabels(m);
          }}
        >
          <option value="both">EN + 한국어</option>
          <option value="en">English</option>
          <option value="ko">한국어</option>
        </select>
      </label>
    </div>
  );
}
