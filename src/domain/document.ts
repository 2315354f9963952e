// The one JSON format for seeds, importGraph, `npm run import`, and `npm run export`.
// docs/import-format.md explains it; docs/graph-document.schema.json is its JSON Schema (made by
// src/import/json-schema.ts from the model, and checked against it by a test).
import type { ProvenanceValue } from './model.js';

export const FORMAT = 'techgraph/graph@1';

/** A node: `id`, the type's properties, its references (a stage's `sector`), and provenance. */
export interface NodeRecord {
  id: string;
  provenance: ProvenanceValue;
  /** Ids of Source records this fact cites. */
  sources: string[];
  [prop: string]: unknown;
}

/** A relationship: its type, the ids at both ends, its properties, and provenance. */
export interface RelationshipRecord {
  type: string;
  from: string;
  to: string;
  provenance: ProvenanceValue;
  sources: string[];
  [prop: string]: unknown;
}

export interface GraphDocument {
  format?: string;
  sources?: NodeRecord[];
  sectors?: NodeRecord[];
  stages?: NodeRecord[];
  technologies?: NodeRecord[];
  organizations?: NodeRecord[];
  people?: NodeRecord[];
  events?: NodeRecord[];
  programs?: NodeRecord[];
  budgetLines?: NodeRecord[];
  projects?: NodeRecord[];
  reviews?: NodeRecord[];
  centers?: NodeRecord[];
  assessments?: NodeRecord[];
  supplyListings?: NodeRecord[];
  supplyShares?: NodeRecord[];
  importDependences?: NodeRecord[];
  relationships?: RelationshipRecord[];
}

export interface ImportProblem {
  /** Where in the document, e.g. `technologies[3].kind` or `relationships[12]`. */
  path: string;
  message: string;
  code: string;
}

export interface ImportCounts {
  nodes: number;
  relationships: number;
  byCollection: Record<string, number>;
}
