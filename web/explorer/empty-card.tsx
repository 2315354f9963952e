// What the stage shows when there is no view: a key to enter, an error to retry, or a sector to choose.
import type { ViewError } from './use-view.js';

export function EmptyCard({ error, onKey, onRetry }: { error: ViewError | null; onKey(): void; onRetry(): void }) {
  return (
    <div className="empty-card">
      {error?.needsKey ? (
        <>
          <h2>This API asks for a key</h2>
          <p>
            Paste the API key you were given; the page sends it as <code>Authorization: Bearer</code> to /graphql and
            forgets it when the tab closes.
          </p>
          <button className="primary" onClick={onKey}>
            Enter an API key
          </button>
        </>
      ) : error ? (
        <>
          <h2>Nothing to show yet</h2>
          <p>{error.message}</p>
          <button onClick={onRetry}>Try again</button>
        </>
      ) : (
        <>
          <h2>Choose a sector</h2>
          <p>Pick a sector above, or search for a technology, an organization or a sector (English or 한국어).</p>
        </>
      )}
    </div>
  );
}
