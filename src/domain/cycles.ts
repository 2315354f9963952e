// Finds a cycle in a directed graph given as edges; used to refuse DEPENDS_ON writes that would close one.

/** One cycle as a path of ids that starts and ends with the same id, or null when the graph is acyclic. */
export function findCycle(edges: ReadonlyArray<readonly [string, string]>): string[] | null {
  const out = new Map<string, string[]>();
  for (const [a, b] of edges) {
    let list = out.get(a);
    if (!list) out.set(a, (list = []));
    list.push(b);
  }
  // Iterative DFS with colours, so a long chain cannot overflow the stack.
  const colour = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  for (const start of [...out.keys()].sort()) {
    if (colour.has(start)) continue;
    const path: string[] = [];
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    colour.set(start, 1);
    path.push(start);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const succ = out.get(top.id) ?? [];
      if (top.next < succ.length) {
        const n = succ[top.next++];
        const c = colour.get(n);
        if (c === 1) return [...path.slice(path.indexOf(n)), n];
        if (c === undefined) {
          colour.set(n, 1);
          path.push(n);
          stack.push({ id: n, next: 0 });
        }
      } else {
        colour.set(top.id, 2);
        path.pop();
        stack.pop();
      }
    }
  }
  return null;
}
