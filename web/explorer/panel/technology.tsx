// A technology's panel: its record, standing, evidence, leaders, partner candidates, projects, joint-R&D
// eligibility, capabilities and links, each number with its provenance and sources (numbered in the panel). It asks
// for the technology under the view's lens; analysis fields that fail are reported, the record still shows.
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api.js';
import { belowEvidenceFloor } from '../evidence.js';
import { loadTechnology, technologyOperation, type TechnologyPanelData } from '../load.js';
import type { ChainNode, GapRow, Params, Status } from '../model.js';
import {
  FactRef,
  IllustrativeMark,
  Name,
  PlaygroundLink,
  Prov,
  SourceIndex,
  SourceList,
  SourcesContext,
  StatusBadge,
} from '../parts.js';
import { CapabilitiesSection } from './capabilities.js';
import { EligibilitySection } from './eligibility.js';
import { EvidenceSection } from './evidence-section.js';
import { InputsSection } from './inputs.js';
import { LeadersSection } from './leaders.js';
import { PartnersSection } from './partners.js';
import { ProjectsSection } from './projects.js';
import { StandingSection } from './standing.js';
import { kindText } from './text.js';

interface TechPanelProps {
  id: string;
  params: Params;
  /** The node as drawn (the numbers of its analysis row), when the technology is in the current view. */
  row: GapRow | null;
  drawn: ChainNode | null;
  onSelect(id: string): void;
  onOrganization(id: string): void;
  onClose(): void;
}

interface PanelState {
  data?: TechnologyPanelData;
  /** Fields of the answer that failed (path: message), the rest being there. */
  errors: string[];
  /** The request failed as a whole. */
  error?: string;
  loading: boolean;
}

/** The panel's answer, asked again when the technology or the lens changes. */
function useTechnology(id: string, params: Params): PanelState {
  const [state, setState] = useState<PanelState>({ errors: [], loading: true });
  useEffect(() => {
    const ac = new AbortController();
    setState({ errors: [], loading: true });
    loadTechnology(id, params, ac.signal).then(
      (r) => setState({ data: r.data, errors: r.errors, loading: false }),
      (e: unknown) => {
        if ((e as Error).name !== 'AbortError')
          setState({
            errors: [],
            error: (e as Error).message + (e instanceof ApiError && e.needsKey ? ' Add an API key (top right).' : ''),
            loading: false,
          });
      },
    );
    return () => ac.abort();
  }, [id, params.homeCountry, params.threshold, params.minProvenance, params.asOf, params.minEvidence]);
  return state;
}

export function TechnologyPanel({ id, params, row, drawn, onSelect, onOrganization, onClose }: TechPanelProps) {
  const state = useTechnology(id, params);
  const index = useMemo(() => new SourceIndex(), [state.data]);
  const op = technologyOperation(id, params);
  const t = state.data?.technology;
  const st = state.data?.standing?.standing ?? null;

  // Capability rows the lens's evidence filter keeps (the others are counted, not shown).
  const caps = (t?.capabilities.nodes ?? []).filter((c) => !belowEvidenceFloor(params, c.provenance));
  const capOf = new Map(caps.map((c) => [c.organization.id, c]));
  // The status and figures are the server's (Technology.standing); the drawn row adds score and blocks.
  const status = (st?.status ?? row?.status ?? drawn?.status ?? null) as Status | null;
  const basis = st ? st.basis : (row?.basis ?? drawn?.basis ?? null);

  return (
    <SourcesContext.Provider value={index}>
      <div className="panel-inner" data-panel="technology" data-id={id}>
        <div className="panel-head">
          <div>
            <div className="eyebrow">
              {t?.kind ? kindText(t.kind) : 'Technology'}
              {t ? (
                <>
                  {' '}
                  · <Prov p={t.provenance} />
                </>
              ) : null}
            </div>
            <h2>
              {t ? (
                <Name name={t.name} nameKo={t.nameKo} />
              ) : drawn ? (
                <Name name={drawn.name} nameKo={drawn.nameKo} />
              ) : (
                id
              )}
            </h2>
            <div className="panel-sub">
              <StatusBadge status={status} />
              <IllustrativeMark basis={basis} />
              {t?.stages.nodes.map((s) => (
                <span key={s.id} className="chip">
                  {s.sector?.name} · {s.order}. {s.name}
                  {s.nameKo ? ` ${s.nameKo}` : ''}
                </span>
              ))}
            </div>
          </div>
          <button className="icon close" onClick={onClose} aria-label="Close panel">
            ×
          </button>
        </div>
        {state.loading && <p className="muted">Loading…</p>}
        {state.error && <p className="error">{state.error}</p>}
        {state.errors.length > 0 && <p className="warn">Some parts of the answer failed: {state.errors.join('; ')}</p>}
        {t && (
          <>
            {t.description && (
              <p className="desc">
                {t.description} <FactRef provenance={t.provenance} sources={t.sources} />
              </p>
            )}
            <StandingSection
              t={t}
              st={st}
              params={params}
              status={status}
              basis={basis}
              row={row}
              drawn={drawn}
              caps={caps}
            />
            <EvidenceSection t={t} standing={st} params={params} onOrganization={onOrganization} />
            {row && (
              <LeadersSection row={row} capOf={capOf} home={params.homeCountry} onOrganization={onOrganization} />
            )}
            <PartnersSection
              pc={state.data?.partnerCandidates}
              capOf={capOf}
              home={params.homeCountry}
              onOrganization={onOrganization}
            />
            <ProjectsSection t={t} />
            <EligibilitySection t={t} el={state.data?.jointRndEligibility} />
            <CapabilitiesSection t={t} caps={caps} params={params} onOrganization={onOrganization} />
            <InputsSection t={t} onSelect={onSelect} />
            <section>
              <h3>Sources</h3>
              <SourceList index={index} />
              <p className="small">
                <PlaygroundLink op={op}>The GraphQL behind this panel ↗</PlaygroundLink>
              </p>
            </section>
          </>
        )}
      </div>
    </SourcesContext.Provider>
  );
}
