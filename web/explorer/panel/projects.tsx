// The projects that develop the technology, with their program, years, budget and provenance.
import type { TechnologyRecord } from '../load.js';
import { FactRef, krw } from '../parts.js';

export function ProjectsSection({ t }: { t: TechnologyRecord }) {
  return (
    <section>
      <h3>
        Projects on it <span className="count">{t.projects.totalCount}</span>
      </h3>
      {t.projects.edges.length === 0 ? (
        <p className="muted">No project develops it yet.</p>
      ) : (
        <ul className="projects">
          {t.projects.edges.map(({ node: p, link }) => (
            <li key={p.id}>
              <div>
                <span className={`pstatus ps-${p.status.toLowerCase()}`}>{p.status.toLowerCase()}</span> {p.title}
              </div>
              <div className="muted small">
                {p.program?.name ?? 'no program'} · {p.startYear ?? '?'}–{p.endYear ?? '?'} · {krw(p.budgetKrw)} ·{' '}
                <FactRef provenance={p.provenance} sources={p.sources} />
                {link && (
                  <>
                    {' '}
                    · link <FactRef provenance={link.provenance} sources={link.sources} />
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
