// Identities of relationships (a Capability, an Employment, a Participation, the Link on an edge) for normalized
// client caches: there is at most one relationship of a type between two nodes (writes MERGE on the pair), so its
// type and its two ends name it. Not a Node id: node(id) does not fetch it (schema/common.graphql, Link.id).

/** `<TYPE>/<start id>/<end id>`: node ids hold no `/`, so the parts stay apart. */
export function relationshipId(type: string, from: string, to: string): string {
  return `${type}/${from}/${to}`;
}
