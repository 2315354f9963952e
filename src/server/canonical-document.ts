// The canonical form of an executable document, on which registered-only mode (server/persisted.ts) compares a
// request's document with the registered ones. Two documents have the same canonical form when they select the
// same fields with the same arguments and directives and differ only in:
//  - whitespace, commas and comments (print() drops them);
//  - order: of definitions, variable definitions, arguments, directives and the selections of a selection set
//    (graphql-codegen's persisted documents sort these, a client sends its source order). The root selections
//    of a mutation keep their order: they run one after another;
//  - the `__typename` that clients add to every selection set below the root (Apollo Client's cache and urql's
//    document cache do): an unaliased `__typename` with no arguments or directives, in a selection set that
//    selects something else too. An alias named `__typename`, `x: __typename`, or a `__typename` at the root
//    is kept, so nothing but the type name can ride along.
import { Kind, parse, print, visit, type ASTNode, type OperationDefinitionNode, type SelectionNode } from 'graphql';

/** The canonical print of `source`, or undefined when it does not parse. */
export function canonicalDocument(source: string): string | undefined {
  let document;
  try {
    document = parse(source, { noLocation: true });
  } catch {
    return undefined;
  }
  const canonical = visit(document, {
    leave(node, _key, parent) {
      switch (node.kind) {
        case Kind.DOCUMENT:
          return { ...node, definitions: byPrint(node.definitions) };
        case Kind.OPERATION_DEFINITION:
          return {
            ...node,
            variableDefinitions: byName(node.variableDefinitions, (v) => v.variable.name.value),
            directives: directivesOf(node),
          };
        case Kind.FRAGMENT_DEFINITION:
        case Kind.FRAGMENT_SPREAD:
        case Kind.INLINE_FRAGMENT:
          return { ...node, directives: directivesOf(node) };
        case Kind.FIELD:
        case Kind.DIRECTIVE:
          return {
            ...node,
            arguments: byName(node.arguments, (a) => a.name.value),
            ...(node.kind === Kind.FIELD ? { directives: directivesOf(node) } : {}),
          };
        case Kind.SELECTION_SET: {
          const root = isOperation(parent);
          const selections = root ? node.selections : withoutAddedTypename(node.selections);
          const ordered = root && parent.operation === 'mutation' ? selections : byPrint(selections);
          return { ...node, selections: ordered };
        }
        default:
          return undefined;
      }
    },
  });
  return print(canonical);
}

function isOperation(node: unknown): node is OperationDefinitionNode {
  return !!node && !Array.isArray(node) && (node as ASTNode).kind === Kind.OPERATION_DEFINITION;
}

function isPlainTypename(s: SelectionNode): boolean {
  return (
    s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias && !s.arguments?.length && !s.directives?.length
  );
}

function withoutAddedTypename(selections: readonly SelectionNode[]): readonly SelectionNode[] {
  const rest = selections.filter((s) => !isPlainTypename(s));
  return rest.length > 0 ? rest : selections;
}

function directivesOf(node: { directives?: readonly { name: { value: string } }[] }) {
  return byName(node.directives, (d) => d.name.value);
}

/** A stable sort by name (repeated directives keep their order). */
function byName<T>(nodes: readonly T[] | undefined, name: (n: T) => string): readonly T[] | undefined {
  if (!nodes || nodes.length < 2) return nodes;
  return nodes
    .map((n, i) => ({ n, i, k: name(n) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.n);
}

/** Sorted by their own canonical print: equal prints are equal nodes, so ties need no order. */
function byPrint<T extends ASTNode>(nodes: readonly T[]): readonly T[] {
  if (nodes.length < 2) return nodes;
  return nodes
    .map((n) => ({ n, k: print(n) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.n);
}
