/**
 * What a post body offers to links (ids a `#fragment` can land on) and what it asks for (links and
 * images, with file positions), read from the trees the page itself is rendered from: the ids are
 * exactly the page's ids, and `npm run check` verifies what readers get.
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { eachElement } from './hast-walk';

export type Located = { line: number; column: number };

/** What one post body offers and asks for. Plain data, so that it can cross threads and be cached. */
export type BodyFacts = {
  /** Fragments that land on an element of the page: its ids, and sanitized ids as written. */
  ids: string[];
  links: (Located & { url: string })[];
  images: (Located & { url: string; alt: string })[];
  /** What the page shows as written because it could not be rendered (invalid TeX), and why. */
  invalid: (Located & { message: string })[];
};

/** Prefix that sanitizing puts before ids written in a post; `#name` links are mended to match. */
export const CLOBBER_PREFIX = 'user-content-';

const RAW_IMG = /<img\b[^>]*>/gi;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
}

/** Fragments that land on an element of the final HTML tree: its ids, and sanitized ids as written. */
export function fragmentIds(hast: HastRoot): string[] {
  const ids = new Set<string>();
  eachElement(hast, (node) => {
    const id = node.properties.id;
    if (typeof id !== 'string') return;
    ids.add(id);
    if (id.startsWith(CLOBBER_PREFIX)) ids.add(id.slice(CLOBBER_PREFIX.length));
  });
  return [...ids];
}

/** Links and images of a markdown tree whose first line is file line `bodyLine`. */
export function linksAndImages(mdast: MdastRoot, bodyLine: number): Pick<BodyFacts, 'links' | 'images'> {
  const facts: Pick<BodyFacts, 'links' | 'images'> = { links: [], images: [] };
  const at = (node: Nodes): Located => ({
    line: (node.position?.start.line ?? 1) + bodyLine - 1,
    column: node.position?.start.column ?? 1,
  });
  visit(mdast, (node) => {
    switch (node.type) {
      case 'link':
      case 'definition':
        facts.links.push({ url: node.url, ...at(node) });
        break;
      case 'image':
        facts.images.push({ url: node.url, alt: node.alt ?? '', ...at(node) });
        break;
      case 'html':
        for (const match of node.value.matchAll(RAW_IMG)) {
          const src = attribute(match[0], 'src');
          if (src !== undefined) facts.images.push({ url: src, alt: attribute(match[0], 'alt') ?? '', ...at(node) });
        }
        break;
      default:
        break;
    }
  });
  return facts;
}
