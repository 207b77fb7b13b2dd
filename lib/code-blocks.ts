/**
 * What a fence's meta string asks of a code block (```` ```ts title="lib/api.ts" {1,3-5} showLineNumbers ````)
 * and the Shiki transformers that do it at build time: a title, highlighted lines, diff lines
 * (`// [!code ++]`, `// [!code --]`, or a `diff` fence), and line numbers. lib/highlight.ts applies
 * them; readers get classes and CSS (app/globals.css), no JavaScript.
 */
import type { Element } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import type { ShikiTransformer } from 'shiki/core';
import { transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';

export type CodeMeta = {
  /** A title or file name shown above the block instead of the language's name. */
  title?: string;
  /** Line numbers (1-based) to highlight, from `{1,3-5}`. */
  highlighted: Set<number>;
  /** `showLineNumbers`: number the lines (with CSS, so copied code has no numbers). */
  lineNumbers: boolean;
};

const TITLE = /\btitle=(?:"([^"]*)"|'([^']*)')/;
const LINES = /\{([\d,\s-]+)\}/;

/**
 * Reads a fence's meta string. Line ranges are kept within the block (`lineCount`), so that
 * `{1-999999999}` costs no more than the block's own lines.
 */
export function parseCodeMeta(meta: string | null | undefined, lineCount: number): CodeMeta {
  const raw = meta ?? '';
  const titleMatch = TITLE.exec(raw);
  const title = (titleMatch?.[1] ?? titleMatch?.[2] ?? '').trim();
  const rest = titleMatch ? raw.replace(titleMatch[0], ' ') : raw;
  const highlighted = new Set<number>();
  for (const part of LINES.exec(rest)?.[1]?.split(',') ?? []) {
    const [from, to = from] = part.split('-').map((value) => Number.parseInt(value.trim(), 10));
    if (from === undefined || to === undefined || !Number.isInteger(from) || !Number.isInteger(to)) continue;
    for (let line = Math.max(1, from); line <= Math.min(to, lineCount); line++) highlighted.add(line);
  }
  return {
    ...(title ? { title } : {}),
    highlighted,
    lineNumbers: /(?:^|\s)showLineNumbers(?:\s|$)/.test(rest),
  };
}

/** Lines of a `diff` fence that start with `+` or `-` (not the `+++`/`---` file headers) are marked as added or removed. */
const diffFence: ShikiTransformer = {
  name: 'blog:diff-fence',
  code(code: Element) {
    if (this.options.lang !== 'diff') return;
    let marked = false;
    for (const line of code.children) {
      if (line.type !== 'element') continue;
      const text = hastToString(line);
      if (/^\+(?!\+\+)/.test(text)) this.addClassToHast(line, 'diff add');
      else if (/^-(?!--)/.test(text)) this.addClassToHast(line, 'diff remove');
      else continue;
      marked = true;
    }
    if (marked) this.addClassToHast(this.pre, 'has-diff');
  },
};

/** The transformers for one block: notation comments, the meta's highlighted lines and line numbers. */
export function codeTransformers(meta: CodeMeta): ShikiTransformer[] {
  return [
    transformerNotationDiff(),
    transformerNotationHighlight(),
    diffFence,
    {
      name: 'blog:meta',
      line(line, number) {
        if (meta.highlighted.has(number)) this.addClassToHast(line, 'highlighted');
      },
      pre(pre) {
        if (meta.highlighted.size > 0) this.addClassToHast(pre, 'has-highlighted');
        if (meta.lineNumbers) this.addClassToHast(pre, 'line-numbers');
      },
    },
  ];
}
