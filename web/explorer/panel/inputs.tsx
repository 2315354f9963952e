// What the technology needs and what needs it, each link with its provenance and sources.
import type { SourceRef, TechnologyRecord } from '../load.js';
import { FactRef } from '../parts.js';

export function InputsSection({ t, onSelect }: { t: TechnologyRecord; onSelect(id: string): void }) {
  return (
    <section>
      <h3>Inputs and dependents</h3>
      <div className="deps">
        <div>
          <span className="muted small">Needs ({t.dependencies.totalCount})</span>
          {t.dependencies.edges.map((e) => (
            <DepChip key={e.node.id} node={e.node} link={e.link} onSelect={onSelect} />
          ))}
        </div>
        <div>
          <span className="muted small">Needed by ({t.dependents.totalCount})</span>
          {t.dependents.edges.map((e) => (
            <DepChip key={e.node.id} node={e.node} link={e.link} onSelect={onSelect} />
          ))}
        </div>
      </div>
    </section>
  );
}

/** A dependency: the technology (click to open it) and the DEPENDS_ON fact's provenance and sources. */
function DepChip({
  node,
  link,
  onSelect,
}: {
  node: { id: string; name: string; nameKo?: string | null };
  link: { provenance: string; sources: SourceRef[] } | null;
  onSelect(id: string): void;
}) {
  return (
    <span className="chip">
      <button className="link" onClick={() => onSelect(node.id)} title={node.nameKo ?? undefined}>
        {node.name}
      </button>
      {link && <FactRef provenance={link.provenance} sources={link.sources} />}
    </span>
  );
}
