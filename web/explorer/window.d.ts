// The page's graph on window, for tests and for the curious (window.explorer.cy is the cytoscape instance). A
// declaration file of its own, so that the browser tests (tests/tsconfig.json) see the same type as the page.
import type { ExplorerGraph } from './graph.js';

declare global {
  interface Window {
    explorer?: ExplorerGraph;
  }
}
