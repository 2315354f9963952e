// The search field: technologies, organizations, sectors and people by name (English or Korean), each hit with its
// status under the view's lens; Enter or a click opens it.
import { useEffect, useState } from 'react';
import { STATUS_COLORS } from './graph.js';
import { hitCountry, hitEmployers, hitSectors, search, type Params, type SearchHit } from './load.js';
import { STATUS_TEXT } from './parts.js';

const KIND_LABEL: Record<SearchHit['kind'], string> = {
  TECHNOLOGY: 'tech',
  ORGANIZATION: 'org',
  SECTOR: 'sector',
  PERSON: 'person',
};

export function SearchBox({ onHit, params }: { onHit(hit: SearchHit): void; params: Params }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [total, setTotal] = useState(0);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setHits(null);
      return;
    }
    const ac = new AbortController();
    const timer = setTimeout(() => {
      search(q.slice(0, 200), params, ac.signal).then(
        (r) => {
          setHits(r.hits);
          setTotal(r.total);
          setActive(0);
          setErr(null);
          setOpen(true);
        },
        (e: unknown) => {
          if ((e as Error).name !== 'AbortError') {
            setErr((e as Error).message);
            setHits([]);
            setOpen(true);
          }
        },
      );
    }, 220);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [text, params.homeCountry, params.threshold, params.minProvenance, params.asOf, params.minEvidence]);
  const choose = (h: SearchHit) => {
    onHit(h);
    setOpen(false);
    setText(h.nameKo && /[\u3131-\uD79D]/.test(text) ? h.nameKo : h.name);
  };
  return (
    <div className="search" role="combobox" aria-expanded={open && !!hits} aria-haspopup="listbox">
      <input
        type="search"
        value={text}
        placeholder="Search technologies, organizations, sectors — 한국어도 됩니다"
        aria-label="Search"
        onChange={(e) => setText(e.target.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!hits?.length) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(hits.length - 1, a + 1));
          }
          if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          }
          if (e.key === 'Enter') {
            e.preventDefault();
            choose(hits[active]);
          }
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && hits && (
        <ul className="hits" role="listbox" data-testid="search-hits">
          {err && <li className="error small">{err}</li>}
          {!err && hits.length === 0 && <li className="muted small empty">Nothing matches “{text}”.</li>}
          {hits.map((h, i) => (
            <li
              key={h.node.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
              onMouseEnter={() => setActive(i)}
              data-id={h.node.id}
            >
              <span className={`kind k-${h.kind.toLowerCase()}`}>{KIND_LABEL[h.kind]}</span>
              <span className="hit-name">
                {h.status && (
                  <i
                    className="dot"
                    style={{ background: STATUS_COLORS[h.status] }}
                    title={`${STATUS_TEXT[h.status].en}: ${STATUS_TEXT[h.status].rule}`}
                  />
                )}
                {h.name}
                {h.nameKo && <span className="ko"> {h.nameKo}</span>}
              </span>
              <span className="hit-meta muted small">
                {h.kind === 'TECHNOLOGY' &&
                  hitSectors(h)
                    .map((s) => s.name)
                    .join(', ')}
                {h.kind === 'ORGANIZATION' && `${hitCountry(h) ?? ''} · exposure`}
                {h.kind === 'PERSON' &&
                  hitEmployers(h)
                    .map((o) => o.name)
                    .join(', ')}
                {h.kind === 'SECTOR' && 'value chain'}
              </span>
            </li>
          ))}
          {total > hits.length && <li className="muted small more">{total - hits.length} more — refine the words</li>}
        </ul>
      )}
    </div>
  );
}
