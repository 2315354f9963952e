// Sort keys shared by lists: never null, so keyset cursors compare cleanly.
import type { EntitySpec } from './model.js';

/**
 * A node's name (a Source's or Project's title) sorts case-insensitively. Neo4j cannot index an expression, so
 * the lower-cased text is stored beside it as `sortKey`, written by every write of the node (storedFields in
 * src/write/stored.ts) and filled in by the migrations for nodes stored before it existed. Indexed, it lets a list
 * read its first page in index order and stop after `first + 1` rows: sorting `toLower(name)` sorted every node of
 * the label (10,000 technologies at the bench's size M) for each page.
 */
export const SORT_KEY = 'sortKey';

/** The list order by name, or by title for the types that have a title instead. */
export const byText = `n.${SORT_KEY}`;

/** Sort keys that are indexed properties every node has (the id by its constraint): lists read them in order. */
export const INDEXED_SORTS: ReadonlySet<string> = new Set([byText, 'n.id']);

/** The property a node type's sortKey is made from, or null for types with neither name nor title. */
export function sortKeySource(entity: EntitySpec): 'name' | 'title' | null {
  return 'name' in entity.props ? 'name' : 'title' in entity.props ? 'title' : null;
}

/** The sortKey of a node whose stored text property is `text`. */
export function sortKeyOf(text: unknown): string {
  return typeof text === 'string' ? text.toLowerCase() : '';
}
