// The GraphQL operations behind the explorer, written for people to read: "Open in playground" shows them as they
// are sent. Page sizes are variables, chosen so that each request stays under a strict cost limit of 5,000 (the
// default is 100,000, see server/limits.ts: a list multiplies what it selects by its page size); the page halves
// them if a stricter server still refuses.

const CHAIN_TECH = `fragment ChainTechnology on Technology {
  id
  name
  nameKo
  kind
  provenance
  stages(first: 3) {
    edges {
      link { provenance }
      node { id name nameKo order sector { id } }
    }
  }
  dependencies(first: $depFirst) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      link { provenance }
      node { id provenance }
    }
  }
  capabilities(first: 3, country: $homeCountry) {
    nodes { level provenance }
  }
}`;

export const SECTORS = `query ExplorerSectors {
  sectors(first: 100, orderBy: { field: NAME }) {
    nodes { id name nameKo }
  }
}`;

/** The sector's stages and technologies (the read API): the whole chain, LEADING technologies included. */
export const SECTOR_CHAIN = `query ExplorerSectorChain($sector: ID!, $homeCountry: CountryCode!, $first: Int!, $after: String, $depFirst: Int!) {
  sector(id: $sector) {
    id
    name
    nameKo
    provenance
    stages(first: 50) {
      edges {
        link { provenance }
        node { id name nameKo order provenance }
      }
    }
    technologies(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        link { provenance }
        node { ...ChainTechnology }
      }
    }
  }
}

${CHAIN_TECH}`;

/** The rest of a technology's inputs, when it has more than a chain page shows. */
export const MORE_INPUTS = `query ExplorerMoreInputs($id: ID!, $after: String) {
  technology(id: $id) {
    id
    dependencies(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        link { provenance }
        node { id provenance }
      }
    }
  }
}`;

/** Upstream technologies outside the sector (their inputs are walked hop by hop). */
export const UPSTREAM_NODES = `query ExplorerUpstream($ids: [ID!]!, $homeCountry: CountryCode!, $depFirst: Int!) {
  nodes(ids: $ids) {
    ... on Technology {
      ...ChainTechnology
      sectors(first: 3) { nodes { id name nameKo } }
    }
  }
}

${CHAIN_TECH}`;

const GAP_FIELDS = `fragment GapRow on TechnologyGap {
  technology { id name nameKo kind }
  stages { id name nameKo order sector { id name nameKo } }
  status
  domesticBest
  foreignBest
  gap
  downstreamCount
  chokepointScore
  depthLimitReached
  blocks { id }
  projects { id }
  domesticLeaders { id name nameKo country }
  foreignLeaders { id name nameKo country }
}`;

/** The analysis: which technologies of the chain have a gap, and how much it matters. */
export const VALUE_CHAIN_GAPS = `query ExplorerValueChainGaps(
  $sector: ID!
  $homeCountry: CountryCode!
  $threshold: Float!
  $minProvenance: Provenance!
  $first: Int!
  $after: String
) {
  valueChainGaps(
    sector: $sector
    homeCountry: $homeCountry
    threshold: $threshold
    minProvenance: $minProvenance
    first: $first
    after: $after
  ) {
    totalCount
    depthLimitReached
    pageInfo { hasNextPage endCursor }
    nodes { ...GapRow }
  }
}

${GAP_FIELDS}`;

const SOURCE = `fragment SourceRef on Source { id title publisher publishedAt url kind }`;

/** Everything the side panel shows for one technology, each fact with its provenance and sources. */
export const TECHNOLOGY_PANEL = `query ExplorerTechnology(
  $id: ID!
  $homeCountry: CountryCode!
  $threshold: Float!
  $minProvenance: Provenance!
) {
  technology(id: $id) {
    id
    name
    nameKo
    kind
    description
    provenance
    sources { ...SourceRef }
    domesticYearsToDevelop
    coopTimeSavingYears
    coopCostSavingPct
    needsOverseasCertification
    sectors(first: 5) { nodes { id name nameKo } }
    stages(first: 5) { nodes { id name nameKo order sector { id name nameKo } } }
    dependencies(first: 50) {
      totalCount
      edges { link { provenance sources { ...SourceRef } } node { id name nameKo } }
    }
    dependents(first: 50) {
      totalCount
      edges { link { provenance sources { ...SourceRef } } node { id name nameKo } }
    }
    capabilities(first: 50) {
      totalCount
      nodes {
        level
        holdsCoreIp
        asOf
        provenance
        sources { ...SourceRef }
        organization { id name nameKo country type provenance }
      }
    }
    projects(first: 20) {
      totalCount
      edges {
        link { provenance sources { ...SourceRef } }
        node {
          id
          title
          status
          startYear
          endYear
          budgetKrw
          provenance
          sources { ...SourceRef }
          program { id name nameKo }
        }
      }
    }
  }
  partnerCandidates(
    technology: $id
    homeCountry: $homeCountry
    threshold: $threshold
    minProvenance: $minProvenance
    first: 20
  ) {
    status
    domesticBest
    totalCount
    nodes {
      organization { id name nameKo country type }
      level
      holdsCoreIp
      sharedProjectCount
      hostsCooperationCenter
      cooperationCenters { id name nameKo }
    }
  }
  jointRndEligibility(technology: $id, homeCountry: $homeCountry, minProvenance: $minProvenance) {
    eligible
    c1 { criterion value reason }
    c2 { criterion value reason }
    c3 { criterion value reason }
    foreignCoreIpHolders { id name nameKo country }
  }
}

${SOURCE}`;

export const SEARCH = `query ExplorerSearch($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    totalCount
    nodes {
      kind
      match
      score
      name
      nameKo
      node {
        id
        ... on Technology { kind sectors(first: 3) { nodes { id name nameKo } } }
        ... on Organization { country type }
        ... on Person { employments(first: 3) { nodes { title organization { id name nameKo country } } } }
      }
    }
  }
}`;

/** A company's exposure: the gaps upstream of what it relies on or is capable in, each with one path. */
export const EXPOSURE = `query ExplorerExposure(
  $organization: ID!
  $homeCountry: CountryCode!
  $threshold: Float!
  $minProvenance: Provenance!
  $first: Int!
  $after: String
) {
  organization(id: $organization) {
    id
    name
    nameKo
    type
    country
    provenance
    sources { ...SourceRef }
    reliesOn(first: 50) { totalCount edges { link { provenance } node { id name nameKo } } }
    capabilities(first: 50) { totalCount nodes { level holdsCoreIp provenance technology { id name nameKo } } }
  }
  exposure(
    organization: $organization
    homeCountry: $homeCountry
    threshold: $threshold
    minProvenance: $minProvenance
    first: $first
    after: $after
  ) {
    totalCount
    depthLimitReached
    pageInfo { hasNextPage endCursor }
    nodes {
      hops
      viaRelations
      via { id }
      path { id name nameKo kind }
      assessment { ...GapRow }
    }
  }
}

${SOURCE}

${GAP_FIELDS}`;
