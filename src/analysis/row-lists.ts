// Lists inside analysis rows as connections (TechnologyGap.blocksConnection, projectsConnection, the leaders, a
// risk's sources): the row's statement has read the whole list, ordered, usually with only the properties the
// answer selects (often the id alone: a row can block thousands of technologies). A page is cut from it here with
// the same keyset cursors as every other list, and only the page's records are loaded whole when its selection
// needs more than their ids: one batched round trip for every row of the answer (ctx.loaders.node).
import type { GraphQLResolveInfo } from 'graphql';
import type { KeyValue } from '../graph/cursor.js';
import type { NodeRec } from '../graph/lists.js';
import { connectionNodePaths, isPartial } from '../graph/projection.js';
import type { NodeConnection } from '../graph/records.js';
import type { Context } from '../graph/context.js';
import { connectionOf, parsePage, type OrderKey } from './options.js';

/** A list of a row: the cursor tag it pages under and the order of its records (ascending keys). */
export interface RowList {
  tag: string;
  keys: readonly OrderKey[];
}

export const BY_ID: readonly OrderKey[] = [{ field: 'id', desc: false }];
export const BY_NAME: readonly OrderKey[] = [
  { field: 'name', desc: false },
  { field: 'id', desc: false },
];

function keyOf(rec: Record<string, unknown>, keys: readonly OrderKey[]): KeyValue[] {
  return keys.map((k) => (rec[k.field] ?? '') as KeyValue);
}

/** Lexicographic comparison of two key lists in the order of `keys` (a descending key compares reversed). */
function compare(a: readonly KeyValue[], b: readonly KeyValue[], keys: readonly OrderKey[]): number {
  for (let i = 0; i < keys.length; i++) {
    if (a[i] === b[i]) continue;
    const lower = a[i] < b[i] ? -1 : 1;
    return keys[i].desc ? -lower : lower;
  }
  return 0;
}

/** Whether the selection under the connection's nodes (or edges' node) reads anything but the id. */
function needsWholeRecords(info: GraphQLResolveInfo | undefined): boolean {
  if (!info) return true;
  return connectionNodePaths(info.fieldNodes, info.fragments, info.variableValues)
    .flat()
    .some((f) => f.name.value !== 'id' && f.name.value !== '__typename');
}

/** One page (first/after or last/before) of `items` as a connection of nodes. */
export async function rowListConnection(
  items: readonly NodeRec[],
  args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null },
  list: RowList,
  ctx: Context,
  info?: GraphQLResolveInfo,
): Promise<NodeConnection> {
  const page = parsePage(args, list.tag, list.keys);
  // Sorted here by the same keys the cursors compare, whatever order the statement collected them in.
  const sorted = [...items].sort((a, b) => compare(keyOf(a, list.keys), keyOf(b, list.keys), list.keys));
  const inRange = sorted.filter((x) => {
    const k = keyOf(x, list.keys);
    return (
      (page.after === null || compare(k, page.after, list.keys) > 0) &&
      (page.before === null || compare(k, page.before, list.keys) < 0)
    );
  });
  const window = page.fromEnd
    ? inRange.slice(Math.max(0, inRange.length - page.limit - 1))
    : inRange.slice(0, page.limit + 1);
  const more = window.length > page.limit;
  const kept = page.fromEnd ? window.slice(more ? 1 : 0) : window.slice(0, page.limit);
  let whole: NodeRec[] = kept;
  if (kept.some(isPartial) && needsWholeRecords(info)) {
    const loaded = await ctx.loaders.node.loadMany(kept.map((n) => n.id));
    whole = loaded.map((n, i) => (n && !(n instanceof Error) ? n : kept[i]));
  }
  const rows = window.map((n) => ({ ...Object.fromEntries(list.keys.map((k) => [k.field, n[k.field] ?? ''])), n }));
  // connectionOf cuts the same page from the window, so its i-th row is kept[i].
  return connectionOf(rows, page, list.tag, list.keys, items.length, (_, i) => whole[i]) as unknown as NodeConnection;
}
