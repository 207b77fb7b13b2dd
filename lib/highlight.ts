/**
 * Code highlighting at build time: every fenced block with a language is coloured by Shiki, in a
 * light and a dark theme at once (CSS picks one), and labelled with its language or the title its
 * fence gives; the fence's meta string (lib/code-blocks.ts) adds highlighted lines, diff lines and
 * line numbers. No JavaScript reaches the browser for any of it (the copy button is a separate
 * enhancement, lib/post-scripts.ts). A language Shiki does not know is shown as plain text, never an error.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { bundledLanguages, bundledLanguagesInfo } from 'shiki/langs';
import { codeTransformers, parseCodeMeta } from './code-blocks';
import { eachElement } from './hast-walk';

// The high-contrast light theme: plain github-light has tokens under 4.5:1 on white (WCAG AA).
const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark' } as const;

let highlighter: Promise<HighlighterCore> | undefined;

/**
 * One highlighter per process, created on first use, with Oniguruma (WebAssembly, inlined in the
 * module: nothing to fetch): it tokenized the bench's code blocks in 0.79 ms against 1.43 ms for
 * Shiki's JavaScript regex engine (docs/performance.md), and it is the engine the grammars are
 * written for.
 */
function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import('shiki/themes/github-light-high-contrast.mjs'), import('shiki/themes/github-dark.mjs')],
    langs: [],
    engine: createOnigurumaEngine(import('shiki/wasm')),
  });
  return highlighter;
}

/** Language names as readers know them ("TypeScript" for `ts`), by id and alias. */
const displayNames = new Map<string, string>(
  bundledLanguagesInfo.flatMap((info) =>
    [info.id, ...(info.aliases ?? [])].map((key): [string, string] => [key, info.name]),
  ),
);

function isKnown(language: string): language is keyof typeof bundledLanguages {
  return Object.hasOwn(bundledLanguages, language);
}

/** The language a `<code class="language-x">` names, as written. */
function languageOf(code: Element): string | undefined {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return undefined;
  for (const name of classes) {
    if (typeof name === 'string' && name.startsWith('language-')) return name.slice('language-'.length).toLowerCase();
  }
  return undefined;
}

type Block = { parent: Root | Element; index: number; code: Element; language: string };

export function rehypeHighlight() {
  return async (tree: Root) => {
    const blocks: Block[] = [];
    eachElement(tree, (node, parent, index) => {
      if (node.tagName !== 'pre') return;
      const code = node.children[0];
      if (node.children.length !== 1 || code?.type !== 'element' || code.tagName !== 'code') return;
      const language = languageOf(code);
      if (language) blocks.push({ parent, index, code, language });
    });
    if (blocks.length === 0) return;

    const shiki = await getHighlighter();
    for (const language of new Set(blocks.map((block) => block.language))) {
      if (isKnown(language) && !shiki.getLoadedLanguages().includes(language))
        await shiki.loadLanguage(bundledLanguages[language]);
    }
    for (const { parent, index, code, language } of blocks) {
      const source = hastToString(code).replace(/\n$/, '');
      const meta = parseCodeMeta(code.data?.meta, source.split('\n').length);
      const highlighted = shiki.codeToHast(source, {
        lang: isKnown(language) ? language : 'text',
        themes: THEMES,
        defaultColor: 'light',
        // Shiki stops a line after 500 ms by default, so a busy machine got other colours: the
        // output must not depend on the machine. The render budget (lib/render-pool.ts) bounds
        // the time instead, and very long lines (minified code) stay plain.
        tokenizeTimeLimit: 0,
        tokenizeMaxLineLength: 5000,
        transformers: codeTransformers(meta),
      });
      const pre = highlighted.children[0];
      if (pre?.type !== 'element') continue;
      const label: ElementContent = {
        type: 'element',
        tagName: 'div',
        properties: { className: meta.title ? ['code-language', 'code-title'] : ['code-language'] },
        children: [{ type: 'text', value: meta.title ?? displayNames.get(language) ?? language }],
      };
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['code-block'], dataLanguage: language },
        children: [label, pre],
      };
    }
  };
}
