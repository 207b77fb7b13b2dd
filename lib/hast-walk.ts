/**
 * A plain walk over the elements of a rendered body, for the pipeline's own passes (lib/markdown.ts
 * and what it reads off the tree). `unist-util-visit` names a new function for every node it
 * visits (for its stack traces), which a profile of `npm run check` put at about a tenth of each
 * rendering thread's time across the dozen passes; this loop does only the walk.
 */
import type { Element, Root } from 'hast';

/** What a visitor returns: `'stop'` ends the walk, `'skip'` leaves this element's children out. */
export type WalkAction = void | 'stop' | 'skip';

/**
 * Calls `visit` for every element under `tree` (not `tree` itself), parents before children, in
 * document order, with its parent and its index there. An element's children are read after
 * `visit` returns, so a visitor may replace them; it must not move the element itself. No
 * recursion: a deeply nested body cannot overflow the stack.
 */
export function eachElement(
  tree: Root | Element,
  visit: (node: Element, parent: Root | Element, index: number) => WalkAction,
): void {
  const parents: (Root | Element)[] = [tree];
  const next: number[] = [0];
  while (parents.length > 0) {
    const depth = parents.length - 1;
    const parent = parents[depth];
    const index = next[depth] ?? 0;
    if (!parent || index >= parent.children.length) {
      parents.pop();
      next.pop();
      continue;
    }
    next[depth] = index + 1;
    const node = parent.children[index];
    if (node?.type !== 'element') continue;
    const action = visit(node, parent, index);
    if (action === 'stop') return;
    if (action === 'skip') continue;
    parents.push(node);
    next.push(0);
  }
}

/** Whether some element under `tree` (not `tree` itself) passes `test`; stops at the first. */
export function someElement(tree: Root | Element, test: (node: Element) => boolean): boolean {
  let found = false;
  eachElement(tree, (node) => {
    if (!test(node)) return undefined;
    found = true;
    return 'stop';
  });
  return found;
}

/** Whether a raw-HTML node is anywhere in `tree`. */
export function hasRaw(tree: Root | Element): boolean {
  const holdsRaw = (node: Root | Element) => node.children.some((child) => child.type === 'raw');
  return holdsRaw(tree) || someElement(tree, holdsRaw);
}
