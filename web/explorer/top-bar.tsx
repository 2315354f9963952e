// The page's header: the brand, the search field, the API key and a link to the playground.
import { useState } from 'react';
import { getApiKey } from './api.js';
import { KeyDialog } from './key-dialog.js';
import type { Params } from './model.js';
import type { SearchHit } from './load.js';
import { SearchBox } from './search-box.js';

export function TopBar({
  params,
  onHit,
  keyOpen,
  setKeyOpen,
  onKeySaved,
}: {
  params: Params;
  onHit(hit: SearchHit): void;
  keyOpen: boolean;
  setKeyOpen(open: boolean | ((open: boolean) => boolean)): void;
  /** After a key was saved or forgotten: the data is fetched again with it. */
  onKeySaved(): void;
}) {
  const [hasKey, setHasKey] = useState(!!getApiKey());
  return (
    <header className="topbar">
      <a className="brand" href="/explore" title="Gap explorer home">
        <span className="logo" aria-hidden="true">
          <i />
          <i />
          <i />
        </span>
        <span>
          <b>techgraph</b> <span className="brand-sub">Gap explorer · 기술격차 탐색기</span>
        </span>
      </a>
      <SearchBox onHit={onHit} params={params} />
      <nav className="top-actions">
        <button
          className={`keybtn${hasKey ? ' on' : ''}`}
          onClick={() => setKeyOpen((o) => !o)}
          aria-expanded={keyOpen}
        >
          <svg
            aria-hidden="true"
            width="14"
            height="14"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
          >
            <circle cx="7.5" cy="15.5" r="4.5" />
            <path d="M10.7 12.3 20 3M16 7l3 3M18 5l2 2" />
          </svg>
          {hasKey ? 'Key set' : 'API key'}
        </button>
        <a href="/playground" target="_blank" rel="noopener">
          Playground ↗
        </a>
      </nav>
      {keyOpen && (
        <KeyDialog
          onClose={() => setKeyOpen(false)}
          onSaved={(k) => {
            setHasKey(!!k);
            setKeyOpen(false);
            onKeySaved();
          }}
        />
      )}
    </header>
  );
}
