// The offline playground: GraphiQL bundled from npm, talking to our own /graphql.
// Example operations come from /playground/examples.json (built from operations/*.graphql) and open as tabs.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/graphiql.css';

interface Example {
  name: string;
  query: string;
  variables?: string;
}

async function main(): Promise<void> {
  const endpoint = new URL('/graphql', window.location.href).toString();
  const examples: Example[] = await fetch(new URL('/playground/examples.json', window.location.href))
    .then((r) => (r.ok ? r.json() : []))
    .catch(() => []);
  // A link may bring an operation (the gap explorer's "Open in playground"): ?query=...&variables=...
  // It opens as the first tab, before the examples.
  const params = new URLSearchParams(window.location.search);
  const linked = params.get('query');
  if (linked) {
    examples.unshift({
      name: params.get('operationName') ?? 'Linked',
      query: linked,
      variables: params.get('variables') ?? undefined,
    });
  }
  const fetcher = createGraphiQLFetcher({ url: endpoint });
  const container = document.getElementById('graphiql');
  if (!container) throw new Error('missing #graphiql');
  createRoot(container).render(
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={examples.length ? examples.map((e) => ({ query: e.query, variables: e.variables })) : undefined}
      // The first tab starts from these props; the others from defaultTabs.
      query={examples[0]?.query}
      variables={examples[0]?.variables}
      defaultEditorToolsVisibility="variables"
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
      storage={{
        // Tabs are per page load: each visit starts from the examples, so an edited example never hides a new one.
        getItem: () => null,
        setItem: () => undefined,
        removeItem: () => undefined,
        clear: () => undefined,
        length: 0,
      }}
    />,
  );
}

void main();
