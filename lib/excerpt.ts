/**
 * Excerpts: the plain text of a post's opening paragraph, from the markdown syntax tree alone.
 * Lists need this for every post, so it stays apart from the HTML pipeline (lib/markdown.ts) and
 * loads and runs at a fraction of its cost.
 */
import type { Root as MdastRoot } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** Markdown (GFM) to its syntax tree, as the HTML pipeline reads it. */
export const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();

/** Plain text of the first paragraph that has text, or an empty string. */
export function firstParagraphOf(tree: MdastRoot): string {
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = toString(node, { includeHtml: false, includeImageAlt: false }).replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return '';
}

/** How many leading blocks the excerpt's fast path looks at before parsing the whole body. */
const EXCERPT_BLOCKS = 4;

/**
 * Characters that send the excerpt to the full parse: `[` (links, images or footnotes that may
 * refer to definitions further down), `|` (GFM tables) and `~` (GFM strikethrough), the only
 * syntax whose reading by plain CommonMark would change the text.
 */
const NEEDS_FULL_PARSE = /[[|~]/;

/**
 * The plain text of the first paragraph that has text, without rendering HTML: what lists need
 * for a default excerpt. Most posts open with a plain paragraph, so the fast path parses only the
 * body up to a blank line after it, as plain CommonMark (GFM's extensions triple the cost of a
 * short parse). A blank line ends a paragraph whatever follows, so the result is the same as a
 * full parse; a prefix with syntax that GFM reads differently takes the full parse instead.
 */
export function firstParagraphText(markdown: string): string {
  const source = boundedSource(markdown);
  const blankLine = /\n[ \t]*\n/g;
  for (let block = 0; block < EXCERPT_BLOCKS; block++) {
    const match = blankLine.exec(source);
    if (!match) break;
    const prefix = source.slice(0, match.index);
    if (NEEDS_FULL_PARSE.test(prefix)) break;
    const text = firstParagraphOf(fromMarkdown(prefix));
    if (text) return text;
  }
  return firstParagraphOf(markdownParser.parse(source));
}

/** How much of a body the excerpt reads: lists ask for excerpts in the server's own thread. */
const EXCERPT_SOURCE_CHARACTERS = 4096;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[^\n]*$/gm;

/**
 * The opening of a long body, cut at a line end, with the link reference definitions found
 * further down (they can change the opening's text): enough for a 160-character excerpt, and
 * bounded, so that no body makes a list slow to build.
 */
function boundedSource(markdown: string): string {
  if (markdown.length <= EXCERPT_SOURCE_CHARACTERS) return markdown;
  const head = markdown.slice(0, EXCERPT_SOURCE_CHARACTERS);
  const cut = head.lastIndexOf('\n');
  const opening = cut > 0 ? head.slice(0, cut) : head;
  const definitions = markdown.slice(opening.length).match(DEFINITION) ?? [];
  return `${opening}\n\n${definitions.slice(0, 100).join('\n')}`;
}

/** Cuts text at a word boundary near `max` characters, with an ellipsis when anything was cut. */
export function truncateAtWord(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : text.slice(0, max);
  return `${base.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
