// The API key: pasted here, kept in this tab's session storage (api.ts), sent as a bearer token to /graphql only.
import { useState } from 'react';
import { getApiKey, setApiKey } from './api.js';

export function KeyDialog({ onClose, onSaved }: { onClose(): void; onSaved(key: string): void }) {
  const [value, setValue] = useState(getApiKey());
  return (
    <div className="menu key-menu" role="dialog" aria-label="API key">
      <label>
        <span>API key</span>
        <input
          type="password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="paste a key"
          autoFocus
          autoComplete="off"
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              setApiKey(value.trim());
              onSaved(value.trim());
            }
            if (e.key === 'Escape') onClose();
          }}
        />
      </label>
      <p className="muted small">
        Sent as <code>Authorization: Bearer …</code> to /graphql only; kept in this tab's session storage, gone when the
        tab closes. The same keys and limits apply as for any client.
      </p>
      <div className="row">
        <button
          onClick={() => {
            setApiKey('');
            onSaved('');
          }}
        >
          Forget
        </button>
        <button
          className="primary"
          onClick={() => {
            setApiKey(value.trim());
            onSaved(value.trim());
          }}
        >
          Save
        </button>
      </div>
    </div>
  );
}
