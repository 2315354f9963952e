// The side panel: a technology's standing, leaders, partner candidates, projects and joint-R&D eligibility, each
// number with its provenance and sources; an organization's summary; or the view's overview.
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from './api.js';
import { STATUS_COLORS } from './graph.js';
import { loadTechnology, technologyOperation, type OrganizationData, type Params, type SourceRef, type TechnologyPanelData } from './load.js';
import type { ChainNode, ChainView, ExposureView, GapRow, Status } from './model.js';
import { FactRef, krw, Num, PlaygroundLink, Prov, SourceIndex, SourceList, SourcesContext, StatusBadge, STATUS_TEXT } from './parts.js';

type CapabilityRow = NonNullable<TechnologyPanelData['technology']>['capabilities']['nodes'][number];

const ORG_TYPE: Record<string, string> = {
  COMPANY: 'company', RESEARCH_INSTITUTE: 'research institute', UNIVERSITY: 'university', AGENCY: 'agency', MINISTRY: 'ministry',
};

function Name({ name, nameKo }: { name: string; nameKo?: string | null }) {
  return <>{name}{nameKo ? <span className="ko"> {nameKo}</span> : null}</>;
}

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

interface TechPanelProps {
  id: string;
  params: Params;
  /** The node as drawn (numbers of the analysis row), when the technology is in the current view. */
  row: GapRow | null;
  drawn: ChainNode | null;
  onSelect(id: string): void;
  onOrganization(id: string): void;
  onClose(): void;
}

export function TechnologyPanel({ id, params, row, drawn, onSelect, onOrganization, onClose }: TechPanelProps) {
  const [state, setState] = useState<{ data?: TechnologyPanelData; errors: string[]; error?: string; loading: boolean }>({ errors: [], loading: true });
  useEffect(() => {
    const ac = new AbortController();
    setState({ errors: [], loading: true });
    loadTechnology(id, params, ac.signal).then(
      (r) => setState({ data: r.data, errors: r.errors, loading: false }),
      (e: unknown) => {
        if ((e as Error).name !== 'AbortError') setState({ errors: [], error: (e as Error).message + (e instanceof ApiError && e.needsKey ? ' Add an API key (top right).' : ''), loading: false });
      },
    );
    return () => ac.abort();
  }, [id, params.homeCountry, params.threshold, params.minProvenance]);

  const index = useMemo(() => new SourceIndex(), [state.data]);
  const op = technologyOperation(id, params);
  const t = state.data?.technology;
  const pc = state.data?.partnerCandidates;
  const el = state.data?.jointRndEligibility;
  const home = params.homeCountry;

  // Capability rows by organization: the provenance and sources behind each level shown.
  const caps = (t?.capabilities.nodes ?? []).filter((c) => keepsP(params.minProvenance, c.provenance));
  const capOf = new Map(caps.map((c) => [c.organization.id, c]));
  const homeCaps = caps.filter((c) => c.organization.country === home);
  const foreignCaps = caps.filter((c) => c.organization.country !== home);
  const status = (row?.status ?? (pc?.status as Status | undefined) ?? drawn?.status) as Status | undefined;
  const domesticBest = row ? row.domesticBest : pc ? pc.domesticBest : drawn?.domesticBest ?? null;
  const foreignBest = row ? row.foreignBest : foreignCaps.length ? Math.max(...foreignCaps.map((c) => c.level)) : null;
  const domesticLeaders = row ? row.domesticLeaders.map((o) => o.id) : homeCaps.filter((c) => c.level === domesticBest).map((c) => c.organization.id);
  const foreignLeaders = row ? row.foreignLeaders.map((o) => o.id) : foreignCaps.filter((c) => c.level === foreignBest).map((c) => c.organization.id);

  return (
    <SourcesContext.Provider value={index}>
      <div className="panel-inner" data-panel="technology" data-id={id}>
        <div className="panel-head">
          <div>
            <div className="eyebrow">{t?.kind ? kindText(t.kind) : 'Technology'}{t ? <> · <Prov p={t.provenance} /></> : null}</div>
            <h2>{t ? <Name name={t.name} nameKo={t.nameKo} /> : drawn ? <Name name={drawn.name} nameKo={drawn.nameKo} /> : id}</h2>
            <div className="panel-sub">
              <StatusBadge status={status} />
              {t?.stages.nodes.map((s) => (
                <span key={s.id} className="chip">{s.sector?.name} · {s.order}. {s.name}{s.nameKo ? ` ${s.nameKo}` : ''}</span>
              ))}
            </div>
          </div>
          <button className="icon close" onClick={onClose} aria-label="Close panel">×</button>
        </div>
        {state.loading && <p className="muted">Loading…</p>}
        {state.error && <p className="error">{state.error}</p>}
        {state.errors.length > 0 && <p className="warn">Some parts of the answer failed: {state.errors.join('; ')}</p>}
        {t && (
          <>
            {t.description && <p className="desc">{t.description} <FactRef provenance={t.provenance} sources={t.sources} /></p>}

            <section>
              <h3>Standing of {home} <span className="muted small">(threshold τ = {params.threshold})</span></h3>
              <dl className="numbers" data-testid="numbers">
                <div><dt>Best home level</dt><dd data-field="domesticBest"><Num v={domesticBest} /></dd></div>
                <div><dt>Best foreign level</dt><dd data-field="foreignBest"><Num v={foreignBest} /></dd></div>
                <div><dt>Gap</dt><dd data-field="gap"><Num v={row ? row.gap : domesticBest == null ? 100 : 100 - domesticBest} /></dd></div>
                <div><dt>Chokepoint score</dt><dd data-field="chokepointScore">{row ? <Num v={row.chokepointScore} /> : <span className="muted" title="Only technologies with a gap are scored">no gap</span>}</dd></div>
                <div><dt>Downstream</dt><dd data-field="downstreamCount">{row ? <Num v={row.downstreamCount} /> : <Num v={t.dependents.totalCount} suffix=" direct" />}</dd></div>
                <div><dt>Blocks in sector</dt><dd data-field="blocks">{row ? row.blocks.length : <span className="muted">—</span>}</dd></div>
              </dl>
              <p className="muted small">
                Levels are HAS_CAPABILITY facts (percent of the world's best); their provenance and sources are listed with each organization below.
                Gap = 100 − best home level; score = gap × (1 + downstream){row?.depthLimitReached ? '; a chain deeper than 10 hops was cut' : ''}.
                {!row && status && status !== 'LEADING' ? ' (Not in the loaded gap rows.)' : ''}
              </p>
            </section>

            <section>
              <h3>Leaders</h3>
              <LeaderList title={`Home (${home})`} ids={domesticLeaders} capOf={capOf} empty={`No organization of ${home} has this capability.`} onOrganization={onOrganization} />
              <LeaderList title="Abroad" ids={foreignLeaders} capOf={capOf} empty="No foreign organization has this capability in the graph." onOrganization={onOrganization} />
            </section>

            <section>
              <h3>Partner candidates <span className="count">{pc?.totalCount ?? '—'}</span></h3>
              {pc == null ? <p className="muted">The analysis gave no answer.</p> : pc.nodes.length === 0 ? (
                <p className="muted">No foreign organization is ahead of {home}.</p>
              ) : (
                <ul className="partners" data-testid="partners">
                  {pc.nodes.map((c) => {
                    const cap = capOf.get(c.organization.id);
                    return (
                      <li key={c.organization.id} data-partner={c.organization.id}>
                        <div className="partner-line">
                          <button className="link" onClick={() => onOrganization(c.organization.id)}><Name name={c.organization.name} nameKo={c.organization.nameKo} /></button>
                          <span className="cc">{c.organization.country}</span>
                          <LevelBar level={c.level} home={false} />
                        </div>
                        <div className="partner-meta small">
                          {c.holdsCoreIp && <span className="pill">core IP</span>}
                          <span>{c.sharedProjectCount} shared project{c.sharedProjectCount === 1 ? '' : 's'} with {home}</span>
                          {c.hostsCooperationCenter && <span>hosts {c.cooperationCenters.map((cc) => cc.name).join(', ') || 'a cooperation center'}</span>}
                          {cap && <span>level <FactRef provenance={cap.provenance} sources={cap.sources} /></span>}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>

            <section>
              <h3>Projects on it <span className="count">{t.projects.totalCount}</span></h3>
              {t.projects.edges.length === 0 ? <p className="muted">No project develops it yet.</p> : (
                <ul className="projects">
                  {t.projects.edges.map(({ node: p, link }) => (
                    <li key={p.id}>
                      <div><span className={`pstatus ps-${p.status.toLowerCase()}`}>{p.status.toLowerCase()}</span> {p.title}</div>
                      <div className="muted small">
                        {p.program?.name ?? 'no program'} · {p.startYear ?? '?'}–{p.endYear ?? '?'} · {krw(p.budgetKrw)} · <FactRef provenance={p.provenance} sources={p.sources} />
                        {link && <> · link <FactRef provenance={link.provenance} sources={link.sources} /></>}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section>
              <h3>Joint R&amp;D eligibility {el && <Tri v={el.eligible} />}</h3>
              {el == null ? <p className="muted">The analysis gave no answer.</p> : (
                <>
                  <ul className="criteria" data-testid="eligibility">
                    {[el.c1, el.c2, el.c3].map((c) => (
                      <li key={c.criterion}><Tri v={c.value} /> <strong>{CRITERIA[c.criterion] ?? c.criterion}</strong><div className="reason">{c.reason}</div></li>
                    ))}
                  </ul>
                  <p className="muted small">
                    Inputs: {fmtInput(t.domesticYearsToDevelop, ' years alone')}, saves {fmtInput(t.coopTimeSavingYears, ' years')} and {fmtInput(t.coopCostSavingPct, ' % of cost')},
                    overseas certification {t.needsOverseasCertification == null ? 'unknown' : t.needsOverseasCertification ? 'needed' : 'not needed'} — properties of the technology record <FactRef provenance={t.provenance} sources={t.sources} />
                    {el.foreignCoreIpHolders.length > 0 && <>; foreign core IP: {el.foreignCoreIpHolders.map((o) => `${o.name} (${o.country})`).join(', ')}</>}.
                  </p>
                </>
              )}
            </section>

            <section>
              <h3>All capabilities <span className="count">{t.capabilities.totalCount}</span></h3>
              <ul className="partners caps" data-testid="capabilities">
                {caps.map((c) => (
                  <li key={c.organization.id} className={c.organization.country === home ? 'home' : ''}>
                    <div className="partner-line">
                      <button className="link" onClick={() => onOrganization(c.organization.id)}><Name name={c.organization.name} nameKo={c.organization.nameKo} /></button>
                      <span className="cc">{c.organization.country}</span>
                      {c.holdsCoreIp && <span className="pill">core IP</span>}
                      <LevelBar level={c.level} home={c.organization.country === home} />
                    </div>
                    <div className="partner-meta small">
                      <span>{ORG_TYPE[c.organization.type] ?? c.organization.type}</span>
                      {c.asOf && <span>as of {c.asOf}</span>}
                      <FactRef provenance={c.provenance} sources={c.sources} />
                    </div>
                  </li>
                ))}
              </ul>
            </section>

            <section>
              <h3>Inputs and dependents</h3>
              <div className="deps">
                <div>
                  <span className="muted small">Needs ({t.dependencies.totalCount})</span>
                  {t.dependencies.edges.map((e) => <DepChip key={e.node.id} node={e.node} link={e.link} onSelect={onSelect} />)}
                </div>
                <div>
                  <span className="muted small">Needed by ({t.dependents.totalCount})</span>
                  {t.dependents.edges.map((e) => <DepChip key={e.node.id} node={e.node} link={e.link} onSelect={onSelect} />)}
                </div>
              </div>
            </section>

            <section>
              <h3>Sources</h3>
              <SourceList index={index} />
              <p className="small"><PlaygroundLink op={op}>The GraphQL behind this panel ↗</PlaygroundLink></p>
            </section>
          </>
        )}
      </div>
    </SourcesContext.Provider>
  );
}

function LeaderList({ title, ids, capOf, empty, onOrganization }: {
  title: string;
  ids: string[];
  capOf: Map<string, CapabilityRow>;
  empty: string;
  onOrganization(id: string): void;
}) {
  return (
    <div className="leaders">
      <span className="muted small">{title}</span>
      {ids.length === 0 ? <p className="muted small">{empty}</p> : (
        <ul>
          {ids.map((oid) => {
            const c = capOf.get(oid);
            return (
              <li key={oid} data-leader={oid}>
                <button className="link" onClick={() => onOrganization(oid)}>{c ? <Name name={c.organization.name} nameKo={c.organization.nameKo} /> : oid}</button>
                {c && <> <span className="cc">{c.organization.country}</span> <strong><Num v={c.level} /></strong> {c.holdsCoreIp && <span className="pill">core IP</span>} <FactRef provenance={c.provenance} sources={c.sources} /></>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** A dependency: the technology (click to open it) and the DEPENDS_ON fact's provenance and sources. */
function DepChip({ node, link, onSelect }: { node: { id: string; name: string; nameKo?: string | null }; link: { provenance: string; sources: SourceRef[] } | null; onSelect(id: string): void }) {
  return (
    <span className="chip">
      <button className="link" onClick={() => onSelect(node.id)} title={node.nameKo ?? undefined}>{node.name}</button>
      {link && <FactRef provenance={link.provenance} sources={link.sources} />}
    </span>
  );
}

function LevelBar({ level, home }: { level: number; home: boolean }) {
  return (
    <span className="levelbar" title={`${level} % of the world's best`}>
      <i style={{ width: `${Math.max(2, Math.min(100, level))}%`, background: home ? '#1d4ed8' : '#7b8794' }} />
      <b>{Number.isInteger(level) ? level : level.toFixed(1)}</b>
    </span>
  );
}

function kindText(k: string): string {
  return k === 'CHOKEPOINT' ? 'Chokepoint technology · 급소기술' : k === 'ORIGINAL' ? 'Industrial original technology · 산업원천기술' : 'Technology';
}

function fmtInput(v: number | null, unit: string): string {
  return v == null ? 'unknown' : `${v}${unit}`;
}

function keepsP(min: string, p: string): boolean {
  const r: Record<string, number> = { REPORTED: 3, ASSESSED: 2, ILLUSTRATIVE: 1 };
  return (r[p] ?? 0) >= (r[min] ?? 1);
}

// ---------------------------------------------------------------------------------------------------------

export function OrganizationPanel({ org, view, onSelect, onClose }: {
  org: NonNullable<OrganizationData['organization']>;
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
            <div className="eyebrow">{ORG_TYPE[org.type] ?? org.type} · {org.country} · <Prov p={org.provenance} /></div>
            <h2><Name name={org.name} nameKo={org.nameKo} /></h2>
            <div className="panel-sub"><span className="chip">{view.total} exposed gap technologies</span></div>
          </div>
          <button className="icon close" onClick={onClose} aria-label="Close panel">×</button>
        </div>
        <p className="small">The organization's record <FactRef provenance={org.provenance} sources={org.sources} /></p>
        <section>
          <h3>Exposure <span className="count">{view.total}</span></h3>
          {view.rows.length === 0 ? <p className="muted">No gap technology lies upstream of what it relies on or is capable in.</p> : (
            <ul className="exposures">
              {view.rows.map((r) => (
                <li key={r.assessment.technology.id}>
                  <button className="link" onClick={() => onSelect(r.assessment.technology.id)}>
                    <i className="dot" style={{ background: STATUS_COLORS[r.assessment.status] }} /><Name name={r.assessment.technology.name} nameKo={r.assessment.technology.nameKo} />
                  </button>
                  <span className="muted small"> score <Num v={r.assessment.chokepointScore} />, gap <Num v={r.assessment.gap} />, {r.hops} hop{r.hops === 1 ? '' : 's'} via {r.viaRelations.join(' + ').toLowerCase()}</span>
                  <div className="path">{r.path.map((p, i) => <span key={p.id}>{i > 0 && <span className="arrow-text"> ← </span>}{p.name}</span>)}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h3>Relies on <span className="count">{org.reliesOn.totalCount}</span></h3>
          <div className="deps">{org.reliesOn.edges.map((e) => <button key={e.node.id} className="chip link" onClick={() => onSelect(e.node.id)}>{e.node.name} <Prov p={e.link?.provenance} /></button>)}</div>
        </section>
        <section>
          <h3>Capabilities <span className="count">{org.capabilities.totalCount}</span></h3>
          <table className="rows">
            <tbody>
              {org.capabilities.nodes.map((c) => (
                <tr key={c.technology.id}>
                  <td><button className="link" onClick={() => onSelect(c.technology.id)}><Name name={c.technology.name} nameKo={c.technology.nameKo} /></button>{c.holdsCoreIp && <span className="pill">core IP</span>}</td>
                  <td className="num"><Num v={c.level} /></td>
                  <td><Prov p={c.provenance} /></td>
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

// ---------------------------------------------------------------------------------------------------------

export function ChainOverview({ view, params, onSelect }: { view: ChainView; params: Params; onSelect(id: string): void }) {
  const counts = new Map<Status, number>();
  for (const n of view.nodes) counts.set(n.status, (counts.get(n.status) ?? 0) + 1);
  const top = view.nodes.filter((n) => n.chokepointScore != null).sort((a, b) => (b.chokepointScore ?? 0) - (a.chokepointScore ?? 0) || a.id.localeCompare(b.id)).slice(0, 12);
  const maxScore = top[0]?.chokepointScore ?? 1;
  return (
    <div className="panel-inner" data-panel="overview">
      <div className="eyebrow">Value chain · home {params.homeCountry} · τ {params.threshold}{params.minProvenance !== 'ILLUSTRATIVE' ? ` · ${params.minProvenance.toLowerCase()} facts and above` : ''}</div>
      <h2><Name name={view.sector.name} nameKo={view.sector.nameKo} /></h2>
      <div className="status-bars">
        {(['ABSENT', 'LAGGING', 'FOLLOWING', 'LEADING'] as Status[]).map((s) => (
          <div key={s} className="status-bar">
            <span className="label"><i className="dot" style={{ background: STATUS_COLORS[s] }} />{STATUS_TEXT[s].en} <span className="ko">{STATUS_TEXT[s].ko}</span></span>
            <span className="bar"><i style={{ width: `${(100 * (counts.get(s) ?? 0)) / Math.max(1, view.nodes.length)}%`, background: STATUS_COLORS[s] }} /></span>
            <span className="num" data-status-count={s}>{counts.get(s) ?? 0}</span>
          </div>
        ))}
      </div>
      <p className="muted small">
        {view.nodes.length} technologies drawn: the sector's own and {view.nodes.filter((n) => n.upstreamOnly).length} inputs from other sectors.
        {view.gapTotal != null ? ` ${view.gapTotal} have a gap.` : ''}
      </p>
      <section>
        <h3>Top chokepoints</h3>
        {top.length === 0 ? (
          <p className="muted">
            {view.analysisPending ? 'Waiting for the gap analysis…' : view.analysisError ? 'The gap analysis is unavailable, so nothing is scored.' : 'No technology of this chain has a gap.'}
          </p>
        ) : (
          <ol className="top">
            {top.map((n) => (
              <li key={n.id}>
                <button className="link" onClick={() => onSelect(n.id)}><i className="dot" style={{ background: STATUS_COLORS[n.status] }} /><Name name={n.name} nameKo={n.nameKo} /></button>
                <span className="scorebar"><i style={{ width: `${(100 * (n.chokepointScore ?? 0)) / maxScore}%` }} /><b><Num v={n.chokepointScore} /></b></span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="muted small">Click a technology for its leaders, partner candidates, projects and joint-R&amp;D eligibility, with the provenance and sources of every number.</p>
    </div>
  );
}
