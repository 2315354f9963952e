// The shapes resolvers pass around (graphql-codegen maps the GraphQL types onto these; see codegen.ts).
import type { Connection, NodeEdge, NodeRec, RelRec } from './lists.js';

export type { Connection, NodeEdge, NodeRec, RelRec };

/** A relationship reified as an object: both ends, its properties, its provenance. */
export interface RelationshipRec extends RelRec {
  from: NodeRec;
  to: NodeRec;
}

export interface RelationshipEdge {
  cursor: string;
  node: RelationshipRec;
}

export type NodeConnection = Connection<NodeEdge>;
export type RelationshipConnection = Connection<RelationshipEdge>;
