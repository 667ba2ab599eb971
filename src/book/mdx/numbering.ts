/**
 * Numbers figures and exercises in order of appearance within one chapter, by walking the
 * chapter's React element tree (as returned by the compiled MDX) before it renders, and
 * giving each numbered element a `number` prop. Pure: the same tree gives the same numbers,
 * whatever the render order, Strict Mode or lazy widgets; no global counters, no DOM.
 * Unit-tested in tests/unit/book/numbering.test.ts.
 */
import { cloneElement, isValidElement, type ReactNode } from 'react';

/**
 * Returns `tree` with a `number` prop (1, 2, ...) added to every element whose type is a key
 * of `kinds`; elements mapped to the same counter name share one sequence. Document order is
 * depth-first, parent before its children. Elements and arrays that contain nothing to number
 * are returned as they are (same identity).
 *
 * @param tree - React nodes, e.g. the result of calling a compiled MDX content function.
 * @param kinds - component -> counter name, e.g. `new Map([[Figure, 'figure']])`.
 */
export function numberBlocks(tree: ReactNode, kinds: ReadonlyMap<unknown, string>): ReactNode {
  const counts = new Map<string, number>();
  const visit = (node: ReactNode): ReactNode => {
    if (Array.isArray(node)) {
      let changed = false;
      const out = node.map((child: ReactNode) => {
        const visited = visit(child);
        if (visited !== child) changed = true;
        return visited;
      });
      return changed ? out : node;
    }
    if (!isValidElement(node)) return node;
    const props = node.props as { children?: ReactNode };
    const update: { number?: number; children?: ReactNode } = {};
    const kind = kinds.get(node.type);
    if (kind !== undefined) {
      const n = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, n);
      update.number = n;
    }
    if (props.children !== undefined) {
      const children = visit(props.children);
      if (children !== props.children) update.children = children;
    }
    if (update.number === undefined && update.children === undefined) return node;
    // Children passed as arguments stay static children (as MDX's `jsxs` made them), so React
    // does not ask for keys; an array in the props would count as a dynamic list.
    if (Array.isArray(update.children)) {
      const { children, ...rest } = update;
      return cloneElement(node, rest, ...(children as ReactNode[]));
    }
    return cloneElement(node, update);
  };
  return visit(tree);
}
