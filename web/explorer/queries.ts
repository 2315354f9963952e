// The GraphQL operations behind the explorer, written for people to read: "Open in playground" shows them as they
// are sent. Every analysis question is asked through one lens ($lens: AnalysisLens), the same for the whole view. Page sizes are variables, chosen so that each request stays under a strict cost limit of 5,000 (the
// default is 100,000, see server/limits.ts: a list multiplies what it selects by its page size); the page halves
// them if a stricter server still refuses.

const CHAIN_TECH = /* GraphQL */ `fragment ChainTechnology on Technology {
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
}`;

export const SECTORS = /* GraphQL */ `query ExplorerSectors {
  sectors(first: 100, orderBy: { field: NAME }) {
    nodes { id name nameKo }
  }
}`;

/** The sector's stages and technologies (the read API): the whole chain, LEADING technologies included. */
export const SECTOR_CHAIN = /* GraphQL */ `query ExplorerSectorChain($sector: ID!, $first: Int!, $after: String, $depFirst: Int!) {
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
export const MORE_INPUTS = /* GraphQL */ `query ExplorerMoreInputs($id: ID!, $after: String) {
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
export const UPSTREAM_NODES = /* GraphQL */ `query ExplorerUpstream($ids: [ID!]!, $depFirst: Int!) {
  nodes(ids: $ids) {
    ... on Technology {
      ...ChainTechnology
      sectors(first: 3) { nodes { id name nameKo } }
    }
  }
}

${CHAIN_TECH}`;

const GAP_FIELDS = /* GraphQL */ `fragment GapRow on TechnologyGap {
  technology { id name nameKo kind }
  stages { id name nameKo order sector { id name nameKo } }
  status
  domesticBest
  foreignBest
  gap
  homeShare
  hhi
  basis
  downstreamCount
  chokepointScore
  depthLimitReached
  blocks { id }
  projects { id }
  domesticLeaders { id name nameKo country }
  foreignLeaders { id name nameKo country }
}`;

/** The analysis: which technologies of the chain have a gap, and how much it matters. */
export const VALUE_CHAIN_GAPS = /* GraphQL */ `query ExplorerValueChainGaps($sector: ID!, $lens: AnalysisLens!, $first: Int!, $after: String) {
  valueChainGaps(sector: $sector, lens: $lens, first: $first, after: $after) {
    totalCount
    depthLimitReached
    pageInfo { hasNextPage endCursor }
    nodes { ...GapRow }
  }
}

${GAP_FIELDS}`;

/** The rest of the chain that nobody has rated (PRESENT or UNKNOWN), in the order to assess them. */
export const EVIDENCE_BACKLOG = /* GraphQL */ `query ExplorerEvidenceBacklog($sector: ID!, $lens: AnalysisLens!, $first: Int!, $after: String) {
  evidenceBacklog(sector: $sector, lens: $lens, first: $first, after: $after) {
    totalCount
    depthLimitReached
    pageInfo { hasNextPage endCursor }
    nodes {
      technology { id name nameKo kind }
      status
      homeShare
      hhi
      basis
      downstreamCount
      depthLimitReached
      projects { id }
    }
  }
}`;

const STANDING_FIELDS = /* GraphQL */ `fragment StandingFigures on TechnologyStanding {
  status
  domesticBest
  foreignBest
  gap
  homeShare
  hhi
  basis
}`;

/** The standing of the chain's other technologies (those with no gap and rated: LEADING), in batches. */
export const STANDINGS = /* GraphQL */ `query ExplorerStandings($ids: [ID!]!, $lens: AnalysisLens!) {
  nodes(ids: $ids) {
    ... on Technology {
      id
      standing(lens: $lens) { ...StandingFigures }
    }
  }
}

${STANDING_FIELDS}`;

const SOURCE = /* GraphQL */ `fragment SourceRef on Source { id title publisher publishedAt url kind }`;

/** An evidence record behind a figure (the Evidence union), with its provenance and sources. */
const EVIDENCE = /* GraphQL */ `fragment EvidenceRecord on Evidence {
  __typename
  ... on Capability {
    level
    holdsCoreIp
    asOf
    provenance
    sources { ...SourceRef }
    organization { id name nameKo country }
  }
  ... on NationalAssessment { id country level yearsBehind round publisher provenance sources { ...SourceRef } }
  ... on SupplyListing { id year complete completeBecause provenance sources { ...SourceRef } }
  # Aliased: the union's members type these fields differently (a share's country and organization are optional).
  ... on SupplyShare { id holderCountry: country percent: share holder: organization { id name nameKo country } provenance sources { ...SourceRef } }
  ... on ImportDependence { id importer exporter year share provenance sources { ...SourceRef } }
}`;

/** Everything the side panel shows for one technology, each fact with its provenance and sources. */
export const TECHNOLOGY_PANEL = /* GraphQL */ `query ExplorerTechnology($id: ID!, $lens: AnalysisLens!, $homeCountry: CountryCode!) {
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
    assessments(first: 60) {
      totalCount
      nodes { id country level yearsBehind round publisher note provenance sources { ...SourceRef } }
    }
    supplyListings(first: 6) {
      totalCount
      nodes {
        id
        year
        complete
        completeBecause
        note
        countryShareSum
        provenance
        sources { ...SourceRef }
        shares(first: 25) {
          totalCount
          nodes { id country share note provenance sources { ...SourceRef } organization { id name nameKo country } }
        }
      }
    }
    importDependence(first: 20, importer: $homeCountry) {
      totalCount
      nodes { id importer exporter year share provenance sources { ...SourceRef } }
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
  # Asked apart from the record above, so that the record still shows when the analysis fails.
  standing: technology(id: $id) {
    id
    standing(lens: $lens) {
      ...StandingFigures
      listingYear
      evidence { ...EvidenceRecord }
    }
  }
  partnerCandidates(technology: $id, lens: $lens, first: 20) {
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
      basis
    }
    suppliers(first: 10) {
      totalCount
      nodes {
        organization { id name nameKo country type }
        share
        listing { id year }
        sharedProjectCount
        hostsCooperationCenter
        basis
      }
    }
  }
  jointRndEligibility(technology: $id, lens: $lens) {
    eligible
    c1 { criterion value reason }
    c2 { criterion value reason }
    c3 { criterion value reason }
    foreignCoreIpHolders { id name nameKo country }
  }
}

${SOURCE}

${STANDING_FIELDS}

${EVIDENCE}`;

export const SEARCH = /* GraphQL */ `query ExplorerSearch($text: String!, $first: Int!, $lens: AnalysisLens!) {
  search(text: $text, first: $first, lens: $lens) {
    totalCount
    nodes {
      kind
      match
      score
      name
      nameKo
      status
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
export const EXPOSURE = /* GraphQL */ `query ExplorerExposure($organization: ID!, $lens: AnalysisLens!, $first: Int!, $after: String) {
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
  exposure(organization: $organization, lens: $lens, first: $first, after: $after) {
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
