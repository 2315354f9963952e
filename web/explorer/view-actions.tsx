// What can be done with the view: Graph or Table, the operations behind it (open in playground), PNG and CSV.
import { useState } from 'react';
import { downloadCsv, downloadPng } from './download.js';
import type { Params } from './model.js';
import { OpsMenu } from './ops-menu.js';
import type { Loaded } from './use-view.js';

export type Tab = 'graph' | 'table';

export function ViewActions({
  loaded,
  params,
  tab,
  setTab,
}: {
  loaded: Loaded | null;
  params: Params;
  tab: Tab;
  setTab(tab: Tab): void;
}) {
  const [opsOpen, setOpsOpen] = useState(false);
  const view = loaded?.view ?? null;
  return (
    <div className="view-actions">
      <div className="seg" role="tablist">
        <button
          role="tab"
          aria-selected={tab === 'graph'}
          className={tab === 'graph' ? 'on' : ''}
          onClick={() => setTab('graph')}
        >
          Graph
        </button>
        <button
          role="tab"
          aria-selected={tab === 'table'}
          className={tab === 'table' ? 'on' : ''}
          onClick={() => setTab('table')}
        >
          Table
        </button>
      </div>
      <div className="menu-wrap">
        <button onClick={() => setOpsOpen((o) => !o)} disabled={!loaded} aria-expanded={opsOpen} className="ops-button">
          Open in playground ▾
        </button>
        {opsOpen && loaded && <OpsMenu ops={loaded.ops} onClose={() => setOpsOpen(false)} />}
      </div>
      <button
        onClick={() => view && downloadPng(view, params)}
        disabled={!view || tab !== 'graph'}
        title="Export the graph as PNG"
      >
        PNG
      </button>
      <button onClick={() => view && downloadCsv(view, params)} disabled={!view} title="Export the rows as CSV">
        CSV
      </button>
    </div>
  );
}
