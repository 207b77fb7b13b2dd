/**
 * The text a reader reads in a post body, from the markdown tree the page is rendered from
 * (lib/markdown.ts): the opening paragraph, which is the default excerpt, and the number of words,
 * which gives the reading time. Plain data, so that it crosses threads and is cached with the HTML.
 */
import type { Root as MdastRoot } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/** Plain text of the first paragraph that has text (headings and image-only paragraphs skipped), or `''`. */
export function firstParagraphOf(tree: MdastRoot): string {
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = toString(node, { includeHtml: false, includeImageAlt: false }).replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return '';
}

const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * Words of a text: runs of letters or digits, with Chinese and Japanese characters, which have no
 * spaces between words, counted at two to a word (so the count may end in .5).
 */
function wordsIn(text: string): number {
  const ideographs = text.match(IDEOGRAPH)?.length ?? 0;
  const words = text.replace(IDEOGRAPH, ' ').match(WORD)?.length ?? 0;
  return words + ideographs / 2;
}

/**
 * Words a reader reads in a body: its text and its code, without link targets, image addresses or
 * raw HTML markup. Each text node is counted on its own, so paragraphs never run together.
 */
export function wordsOf(tree: MdastRoot): number {
  let words = 0;
  visit(tree, (node) => {
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') words += wordsIn(node.value);
  });
  return words;
}
