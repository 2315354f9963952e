// Which side panel the view shows: the selected technology's, the organization's (its exposure), or the chain's
// overview; null when there is no view yet.
import type { ReactNode } from 'react';
import { ChainOverview } from './panel/overview.js';
import { OrganizationPanel } from './panel/organization.js';
import { TechnologyPanel } from './panel/technology.js';
import type { Loaded } from './use-view.js';

export function detailsPanel({
  loaded,
  selected,
  onSelect,
  onOrganization,
  onClose,
  onDeselect,
}: {
  loaded: Loaded | null;
  selected: string | null;
  /** Selects a technology; `inView` when it is drawn, so that the graph selects it too. */
  onSelect(id: string, inView: boolean): void;
  onOrganization(id: string): void;
  /** Closes the panel. */
  onClose(): void;
  /** Closes a technology's panel: nothing is selected then. */
  onDeselect(): void;
}): ReactNode {
  const view = loaded?.view;
  if (!loaded || !view) return null;
  const inView = (id: string) => view.nodes.some((n) => n.id === id);
  const selectDrawn = (id: string) => onSelect(id, true);
  if (selected && view.kind === 'exposure' && selected === view.organization.id && loaded.org) {
    return <OrganizationPanel org={loaded.org} view={view} onSelect={selectDrawn} onClose={onClose} />;
  }
  if (selected && !selected.startsWith('org:')) {
    const drawn = view.kind === 'chain' ? (view.nodes.find((n) => n.id === selected) ?? null) : null;
    const exposed = view.kind === 'exposure' ? (view.nodes.find((n) => n.id === selected) ?? null) : null;
    return (
      <TechnologyPanel
        key={selected}
        id={selected}
        params={loaded.params}
        row={drawn?.gapRow ?? exposed?.gapRow ?? null}
        drawn={drawn}
        onSelect={(id) => onSelect(id, inView(id))}
        onOrganization={onOrganization}
        onClose={onDeselect}
      />
    );
  }
  if (view.kind === 'chain') return <ChainOverview view={view} params={loaded.params} onSelect={selectDrawn} />;
  if (loaded.org) return <OrganizationPanel org={loaded.org} view={view} onSelect={selectDrawn} onClose={onClose} />;
  return null;
}
