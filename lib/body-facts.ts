/**
 * What a post body offers to links (heading ids) and what it asks for (links, images), with file
 * positions: the part of `npm run check` that parses markdown, kept light so that it can run in a
 * worker thread beside the rest.
 */
import GithubSlugger from 'github-slugger';
import type { Root as MdastRoot, Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { toString } from 'mdast-util-to-string';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { visit } from 'unist-util-visit';

export type Located = { line: number; column: number };

/** What one post body offers and asks for. Plain data, so that it can cross threads. */
export type BodyFacts = {
  /** Ids a `#fragment` can land on: headings (as rehype-slug makes them) and raw-HTML ids. */
  ids: string[];
  links: (Located & { url: string })[];
  images: (Located & { url: string; alt: string })[];
};

const RAW_ID = /\b(?:id|name)\s*=\s*["']([^"']+)["']/gi;
const RAW_IMG = /<img\b[^>]*>/gi;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
}

/**
 * The syntax tree a check needs: CommonMark plus GFM footnotes (whose definitions hold links).
 * Tables, strikethrough and bare-URL autolinks change no link, image or heading id that a check
 * looks at, and leaving them out halves the parsing time.
 */
function parseForCheck(markdown: string): MdastRoot {
  return fromMarkdown(markdown, { extensions: [gfmFootnote()], mdastExtensions: [gfmFootnoteFromMarkdown()] });
}

/** The facts of a body that starts on file line `bodyLine`. */
export function bodyFacts(content: string, bodyLine: number): BodyFacts {
  const facts: BodyFacts = { ids: [], links: [], images: [] };
  const slugger = new GithubSlugger();
  const at = (node: Nodes): Located => ({
    line: (node.position?.start.line ?? 1) + bodyLine - 1,
    column: node.position?.start.column ?? 1,
  });
  visit(parseForCheck(content), (node) => {
    switch (node.type) {
      case 'heading':
        facts.ids.push(slugger.slug(toString(node, { includeHtml: false })));
        break;
      case 'link':
      case 'definition':
        facts.links.push({ url: node.url, ...at(node) });
        break;
      case 'image':
        facts.images.push({ url: node.url, alt: node.alt ?? '', ...at(node) });
        break;
      case 'html':
        for (const match of node.value.matchAll(RAW_ID)) if (match[1]) facts.ids.push(match[1]);
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
