// The five workloads: the GraphQL operation our API serves, and the name of the floor's single Cypher statement
// (bench/floor.ts) that computes the same answer. The peer (@neo4j/graphql) serves workload 1 only.
import type { Probes } from './generate.js';

export type WorkloadId = 'nested' | 'gaps' | 'partners' | 'search' | 'node';

export interface Workload {
  id: WorkloadId;
  title: string;
  /** Connections for this workload when fewer than the run's (a query of about a second: 10 concurrent would
   *  only measure queueing, and run into autocannon's 10 s timeout). */
  maxConnections?: number;
  query: string;
  variables(p: Probes): Record<string, unknown>;
}

export const WORKLOADS: Workload[] = [
  {
    id: 'nested',
    title: '1 nested list: 100 technologies × capabilities × organization',
    // Every technology of the generated graphs has at most 40 capabilities, so first: 40 brings all of them.
    query: `query Nested {
  technologies(first: 100) {
    nodes { id name capabilities(first: 40) { nodes { level organization { name country } } } }
  }
}`,
    variables: () => ({}),
  },
  {
    id: 'gaps',
    title: '2 value-chain gaps of a 500-technology chain (first 100)',
    maxConnections: 2,
    query: `query Gaps($sector: ID!) {
  valueChainGaps(sector: $sector, first: 100) {
    totalCount
    depthLimitReached
    nodes {
      technology { id name }
      stages { name }
      status domesticBest foreignBest gap homeShare basis downstreamCount chokepointScore depthLimitReached
      domesticLeaders { name }
      foreignLeaders { name country }
      blocks { id }
      projects { id status }
    }
  }
}`,
    variables: (p) => ({ sector: p.chainSector }),
  },
  {
    id: 'partners',
    title: '3 partner candidates of a technology (first 20)',
    query: `query Partners($technology: ID!) {
  partnerCandidates(technology: $technology, first: 20) {
    status domesticBest totalCount
    nodes { organization { id name country } level holdsCoreIp sharedProjectCount hostsCooperationCenter }
  }
}`,
    variables: (p) => ({ technology: p.partnerTechnology }),
  },
  {
    id: 'search',
    title: '4 search (first 20)',
    query: `query Search($text: String!) {
  search(text: $text, first: 20) {
    totalCount
    nodes { kind match score name node { id } }
  }
}`,
    variables: (p) => ({ text: p.searchText }),
  },
  {
    id: 'node',
    title: '5 one node by id',
    query: `query Node($id: ID!) {
  node(id: $id) { id ... on Technology { name nameKo kind } }
}`,
    variables: (p) => ({ id: p.nodeId }),
  },
];

/** The peer's workload 1 (@neo4j/graphql 7 with the type definitions of bench/peer-server.ts). */
export const PEER_NESTED = `query Nested {
  technologies(limit: 100, sort: [{ name: ASC }]) {
    id name
    capabilitiesConnection(sort: [{ edge: { level: DESC } }]) {
      edges { properties { level } node { name country } }
    }
  }
}`;
