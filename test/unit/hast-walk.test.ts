/**
 * The pipeline's own walk over a rendered body (lib/hast-walk.ts): the same elements, in the same
 * order, as `unist-util-visit` gives, and the same answers to a visitor that skips, stops or
 * rewrites children; a body nested deeper than the call stack does not overflow it.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { eachElement, hasRaw, someElement } from '@/lib/hast-walk';

const page = (): Root =>
  fromHtml(
    '<h2 id="a">One <em>two</em></h2><p>Text <a href="#a">link</a></p><ul><li><p>x</p><ul><li>y</li></ul></li></ul><pre><code>z</code></pre>',
    { fragment: true },
  );

const element = (tagName: string, children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties: {},
  children,
});

describe('eachElement', () => {
  it('visits the elements unist-util-visit visits, in its order, with the same parent and index', () => {
    const expected: string[] = [];
    visit(page(), 'element', (node: Element, index, parent) => {
      expected.push(`${node.tagName}@${index} in ${parent?.type === 'element' ? parent.tagName : 'root'}`);
    });
    const walked: string[] = [];
    eachElement(page(), (node, parent, index) => {
      walked.push(`${node.tagName}@${index} in ${parent.type === 'element' ? parent.tagName : 'root'}`);
    });
    expect(walked).toEqual(expected);
    expect(walked[0]).toBe('h2@0 in root');
    expect(walked).toContain('li@0 in ul');
  });

  it('leaves out the children of a skipped element, and stops when asked', () => {
    const skipped: string[] = [];
    eachElement(page(), (node) => {
      skipped.push(node.tagName);
      return node.tagName === 'ul' ? 'skip' : undefined;
    });
    expect(skipped).toEqual(['h2', 'em', 'p', 'a', 'ul', 'pre', 'code']);

    const stopped: string[] = [];
    eachElement(page(), (node) => {
      stopped.push(node.tagName);
      return node.tagName === 'a' ? 'stop' : undefined;
    });
    expect(stopped).toEqual(['h2', 'em', 'p', 'a']);
  });

  it('walks the children a visitor put in place of the old ones', () => {
    const tree = page();
    const seen: string[] = [];
    eachElement(tree, (node) => {
      seen.push(node.tagName);
      if (node.tagName === 'h2') node.children = [element('a', node.children)];
    });
    expect(seen.slice(0, 3)).toEqual(['h2', 'a', 'em']);
  });

  it('walks a body nested 100,000 deep without overflowing the stack', () => {
    const root: Root = { type: 'root', children: [] };
    let parent: Root | Element = root;
    for (let depth = 0; depth < 100_000; depth++) {
      const child = element('div');
      parent.children.push(child);
      parent = child;
    }
    let count = 0;
    eachElement(root, () => {
      count++;
    });
    expect(count).toBe(100_000);
  });
});

describe('someElement and hasRaw', () => {
  it('find an element or a raw node anywhere below, and nothing that is not there', () => {
    const tree = page();
    expect(someElement(tree, (node) => node.tagName === 'code')).toBe(true);
    expect(someElement(tree, (node) => node.tagName === 'table')).toBe(false);
    // The element itself is not among what is below it.
    const heading = tree.children[0];
    expect(heading?.type === 'element' && someElement(heading, (node) => node.tagName === 'h2')).toBe(false);

    expect(hasRaw(tree)).toBe(false);
    const deep = element('li', [{ type: 'raw', value: '<b>x</b>' }]);
    tree.children.push(element('ul', [deep]));
    expect(hasRaw(tree)).toBe(true);
    expect(hasRaw({ type: 'root', children: [{ type: 'raw', value: '<i>' }] })).toBe(true);
  });
});
