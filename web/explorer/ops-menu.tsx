// "Open in playground": the operations behind the view, each a link that opens it in the playground.
import { useEffect } from 'react';
import type { Operation } from './api.js';
import { playgroundHref } from './parts.js';

export function OpsMenu({ ops, onClose }: { ops: Operation[]; onClose(): void }) {
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [onClose]);
  return (
    <div className="menu ops-menu" role="menu">
      <p className="muted small">
        The operations behind this view, with the variables of their first page. Later pages repeat them with{' '}
        <code>after</code> set to the previous <code>endCursor</code>.
      </p>
      {ops.map((op) => (
        <div key={op.name} className="op">
          <a
            className="op-link"
            href={playgroundHref(op)}
            target="_blank"
            rel="noopener"
            data-operation={op.name}
            onClick={onClose}
          >
            <code>{op.name}</code> <span>open in playground ↗</span>
          </a>
          <button className="link small" onClick={() => void navigator.clipboard?.writeText(op.query)}>
            copy query
          </button>
        </div>
      ))}
    </div>
  );
}
