/**
 * Math: `$…$` inline and `$$…$$` (or a ```` ```math ```` fence) on its own lines, parsed by
 * remark-math and rendered at build time to MathML by Temml. Browsers draw MathML themselves, so a
 * page with math carries no stylesheet, font or script, and a page without math nothing at all.
 *
 * TeX that does not parse stays on the page as code, as written, and is reported with its
 * position (`invalidMath`), which `npm run check` turns into an error.
 */
import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toString as hastToString } from 'hast-util-to-string';
import type { Root as MdastRoot } from 'mdast';
import type { InlineMath } from 'mdast-util-math';
import temml, { type Options as TemmlOptions } from 'temml';
import { visit } from 'unist-util-visit';
import type { Located } from './body-facts';
import { eachElement } from './hast-walk';

/**
 * `$5 and $10` is prices, not math: inline math that starts or ends with a space goes back to text,
 * as Pandoc reads it.
 */
export function remarkMathPrices() {
  return (tree: MdastRoot) => {
    visit(tree, 'inlineMath', (node: InlineMath, index, parent) => {
      if (index === undefined || !parent || node.value === node.value.trim()) return;
      parent.children[index] = {
        type: 'text',
        value: `$${node.value}$`,
        ...(node.position ? { position: node.position } : {}),
      };
    });
  };
}

/** The MathML Temml writes, and nothing else: defence in depth over its own escaping. */
const MATHML_SCHEMA: Schema = {
  tagNames: [
    'math',
    'semantics',
    'annotation',
    'mrow',
    'mi',
    'mn',
    'mo',
    'ms',
    'mtext',
    'mspace',
    'msup',
    'msub',
    'msubsup',
    'mfrac',
    'msqrt',
    'mroot',
    'munder',
    'mover',
    'munderover',
    'mmultiscripts',
    'mprescripts',
    'none',
    'mtable',
    'mtr',
    'mtd',
    'mpadded',
    'mphantom',
    'menclose',
    'mstyle',
    'merror',
    'mlabeledtr',
  ],
  attributes: {
    '*': [
      'className',
      'style',
      'display',
      'mathvariant',
      'mathcolor',
      'mathbackground',
      'mathsize',
      'stretchy',
      'fence',
      'separator',
      'form',
      'lspace',
      'rspace',
      'movablelimits',
      'largeop',
      'symmetric',
      'minsize',
      'maxsize',
      'accent',
      'accentunder',
      'width',
      'height',
      'depth',
      'voffset',
      'linethickness',
      'scriptlevel',
      'displaystyle',
      'notation',
      'columnalign',
      'rowalign',
      'columnspacing',
      'rowspacing',
      'columnlines',
      'rowlines',
      'frame',
      'framespacing',
      'equalrows',
      'equalcolumns',
      'side',
      'encoding',
    ],
  },
  // No ids (equation labels) to clash with the page's headings, no links.
  clobber: [],
  protocols: {},
};

/** Options that keep a hostile formula cheap: no `\href`, sizes within a screen, few macro expansions. */
const TEMML_OPTIONS: TemmlOptions = { throwOnError: true, trust: false, maxSize: [40, 40], maxExpand: 500 };

/** One formula as MathML (`<math>`), or why its TeX does not parse. */
function renderTex(tex: string, display: boolean): { math: Element } | { error: string } {
  let html: string;
  try {
    html = temml.renderToString(tex, { ...TEMML_OPTIONS, displayMode: display });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Temml appends the formula with the fault underlined by combining characters: keep the words.
    const position = error instanceof Error && 'position' in error ? error.position : undefined;
    const where = typeof position === 'number' ? ` (character ${position + 1} of the formula)` : '';
    return {
      error: `${message
        .replace(/ at position \d+:[\s\S]*$/, '')
        .replace(/\s+/g, ' ')
        .trim()}${where}`,
    };
  }
  const tree = sanitize(fromHtml(html, { fragment: true }), MATHML_SCHEMA);
  const math = tree.type === 'root' ? tree.children.find((child) => child.type === 'element') : undefined;
  if (math?.type !== 'element' || math.tagName !== 'math') return { error: 'the formula gave no MathML' };
  // `display="block"` already makes it a block in every browser; the style Temml adds for old ones goes.
  if (display) delete math.properties.style;
  return { math };
}

/** The formulas of a tree that did not render, with their positions in the body, for {@link invalidMath}. */
const mathErrors = new WeakMap<HastRoot, (Located & { message: string })[]>();

function isMathCode(node: Element): boolean {
  const className = node.properties.className;
  return node.tagName === 'code' && Array.isArray(className) && className.includes('language-math');
}

/**
 * `<code class="language-math">` (inline) and `<pre><code class="language-math">` (display), as
 * remark-rehype writes math, become MathML. Runs after sanitizing, before highlighting.
 */
export function rehypeMath() {
  return (tree: HastRoot) => {
    const errors: (Located & { message: string })[] = [];
    mathErrors.set(tree, errors);
    eachElement(tree, (node, parent, index) => {
      const code = node.tagName === 'pre' && node.children.length === 1 ? node.children[0] : node;
      if (code?.type !== 'element' || !isMathCode(code)) return;
      const display = code !== node;
      const rendered = renderTex(hastToString(code).replace(/\n$/, ''), display);
      if ('error' in rendered) {
        const start = node.position?.start;
        errors.push({ line: start?.line ?? 1, column: start?.column ?? 1, message: `math: ${rendered.error}` });
        return 'skip';
      }
      parent.children[index] = display
        ? // Focusable, so that a keyboard can scroll a formula wider than the page.
          {
            type: 'element',
            tagName: 'div',
            properties: { className: ['math-display'], tabIndex: 0 },
            children: [rendered.math],
          }
        : rendered.math;
      return 'skip';
    });
  };
}

/** The formulas that did not render, at their file positions (the body starts on file line `bodyLine`). */
export function invalidMath(tree: HastRoot, bodyLine: number): (Located & { message: string })[] {
  return (mathErrors.get(tree) ?? []).map((error) => ({ ...error, line: error.line + bodyLine - 1 }));
}
