/**
 * Markdown to HTML, once per post: GFM (tables, task lists, strikethrough, autolinks, footnotes),
 * raw HTML parsed and then sanitized, heading ids for `#anchors`, and, from the same parse, what
 * else anyone needs of the body: the table of contents, the facts `npm run check` verifies
 * (lib/body-facts.ts), the default excerpt and the word count (lib/body-text.ts).
 * Posts are untrusted: lib/render-pool.ts runs this in a worker with a time and memory budget.
 */
import type { Element, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { raw } from 'hast-util-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { CLOBBER_PREFIX, fragmentIds, linksAndImages, type BodyFacts } from './body-facts';
import { firstParagraphOf, wordsOf } from './body-text';
import { eachElement, hasRaw, someElement } from './hast-walk';
import { rehypeHighlight } from './highlight';
import { rehypeAlerts } from './markdown-alerts';
import { rehypeEmbeds } from './markdown-embeds';
import { invalidMath, rehypeMath, remarkMathPrices } from './markdown-math';
import { scriptsFor, type PostScript } from './post-scripts';
import { assetUrl, basePath } from './urls';

/**
 * GitHub's sanitizing rules (no `<script>`, `<iframe>`, `on*` handlers or `javascript:` URLs) plus
 * what the pipeline itself emits: image `loading`/`decoding` hints are added after sanitizing.
 */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: CLOBBER_PREFIX,
  // Drop these elements with their content: a stylesheet's text is not prose.
  strip: [...(defaultSchema.strip ?? []), 'style'],
};

/**
 * In-page links written as `#name` point at ids that sanitizing prefixed (footnotes, raw-HTML
 * anchors): point them at the prefixed id, as GitHub does in the browser.
 */
function rehypeFragmentLinks() {
  return (tree: HastRoot) => {
    const ids = new Set<string>();
    eachElement(tree, (node) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    eachElement(tree, (node) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      let target = href.slice(1);
      try {
        target = decodeURIComponent(target);
      } catch {
        return;
      }
      if (!ids.has(target) && ids.has(CLOBBER_PREFIX + target)) node.properties.href = `#${CLOBBER_PREFIX}${target}`;
    });
  };
}

/**
 * The post title is the page's only `<h1>`: when a body uses `# Heading`, every heading moves
 * one level down (h6 stays h6), keeping the outline's shape.
 */
function rehypeDemoteHeadings() {
  return (tree: HastRoot) => {
    if (!someElement(tree, (node) => node.tagName === 'h1')) return;
    eachElement(tree, (node) => {
      const level = /^h([1-6])$/.exec(node.tagName)?.[1];
      if (level) node.tagName = `h${Math.min(Number(level) + 1, 6)}`;
    });
  };
}

/**
 * Under a base path (`BASE_PATH=/blog`), links and images written from the site root
 * (`/assets/x.png`, `/posts/other/`) get the prefix, as every other link on the page does.
 */
function rehypeBasePath() {
  return (tree: HastRoot) => {
    if (!basePath) return;
    eachElement(tree, (node) => {
      for (const attribute of ['href', 'src'] as const) {
        const value = node.properties[attribute];
        if (typeof value === 'string') node.properties[attribute] = assetUrl(value);
      }
    });
  };
}

/** Images in a post load lazily and decode off the main thread: they are rarely above the fold. */
function rehypeLazyImages() {
  return (tree: HastRoot) => {
    eachElement(tree, (node) => {
      if (node.tagName !== 'img') return;
      node.properties.loading = 'lazy';
      node.properties.decoding = 'async';
    });
  };
}

/** Text of an element, without nested lists (a task's own words, not its sub-tasks'). */
function ownText(node: Element): string {
  return node.children
    .map((child): string => {
      if (child.type === 'text') return child.value;
      if (child.type === 'element' && child.tagName !== 'ul' && child.tagName !== 'ol') return ownText(child);
      return '';
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A task list's checkboxes are named by their task's text, so that screen readers (and axe)
 * find a label for each: GFM emits bare `<input type="checkbox" disabled>`.
 */
function rehypeTaskLabels() {
  return (tree: HastRoot) => {
    eachElement(tree, (node) => {
      if (node.tagName !== 'li') return;
      const checkbox = node.children.find(
        (child): child is Element =>
          child.type === 'element' && child.tagName === 'input' && child.properties.type === 'checkbox',
      );
      const paragraph = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'p',
      );
      const box =
        checkbox ??
        paragraph?.children.find(
          (child): child is Element =>
            child.type === 'element' && child.tagName === 'input' && child.properties.type === 'checkbox',
        );
      if (box) box.properties.ariaLabel = ownText(node) || 'Task';
    });
  };
}

/** The footnotes' own heading is for screen readers only (`sr-only`): not a section readers link to. */
function isHidden(node: Element): boolean {
  const className = node.properties.className;
  return Array.isArray(className) && className.includes('sr-only');
}

/**
 * Headings link to themselves, so that a reader can copy a section's address: the heading's text
 * becomes a link to its own `#id` (a `#` shows on hover and focus). Headings that already hold a
 * link are left alone, as links cannot nest.
 */
function rehypeHeadingAnchors() {
  return (tree: HastRoot) => {
    eachElement(tree, (node) => {
      if (!/^h[2-6]$/.test(node.tagName) || typeof node.properties.id !== 'string' || isHidden(node)) return;
      if (someElement(node, (child) => child.tagName === 'a')) return;
      node.children = [
        {
          type: 'element',
          tagName: 'a',
          properties: { href: `#${node.properties.id}`, className: ['heading-anchor'] },
          children: node.children,
        },
      ];
    });
  };
}

/** One h2 or h3 heading of a body, for the page's table of contents. */
export type Heading = { depth: 2 | 3; id: string; text: string };

function headingsOf(tree: HastRoot): Heading[] {
  const headings: Heading[] = [];
  eachElement(tree, (node) => {
    const depth = node.tagName === 'h2' ? 2 : node.tagName === 'h3' ? 3 : undefined;
    if (depth && typeof node.properties.id === 'string' && !isHidden(node)) {
      headings.push({ depth, id: node.properties.id, text: hastToString(node).replace(/\s+/g, ' ').trim() });
    }
  });
  return headings;
}

/**
 * Raw HTML in a post is parsed into elements (so that sanitizing can judge it), which means
 * re-parsing the whole document: a third of the pipeline's time. Posts without raw HTML skip it.
 */
function rehypeRawWhenPresent() {
  return (tree: HastRoot): HastRoot => {
    if (!hasRaw(tree)) return tree;
    const parsed = raw(tree);
    return parsed.type === 'root' ? parsed : { type: 'root', children: [parsed] };
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkMathPrices)
  // Footnote ids are prefixed once, by sanitizing, and links are mended after: no doubled prefix.
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
  .use(rehypeRawWhenPresent)
  .use(rehypeSanitize, sanitizeSchema)
  // From here on only the pipeline's own markup is added.
  .use(rehypeAlerts)
  .use(rehypeMath)
  .use(rehypeEmbeds)
  .use(rehypeDemoteHeadings)
  .use(rehypeSlug)
  .use(rehypeFragmentLinks)
  .use(rehypeHeadingAnchors)
  .use(rehypeBasePath)
  .use(rehypeLazyImages)
  .use(rehypeTaskLabels)
  .use(rehypeHighlight)
  .use(rehypeStringify);

export type RenderedMarkdown = {
  html: string;
  /** The h2 and h3 headings, in order, for a table of contents. */
  headings: Heading[];
  /** Ids, links and images, for `npm run check`. */
  facts: BodyFacts;
  /** Plain text of the first paragraph that has text: the default excerpt, before it is cut. */
  firstParagraph: string;
  /** Words a reader reads (Chinese and Japanese characters at two to a word), for the reading time. */
  words: number;
  /** The small scripts the page needs for this body (copy buttons, video players; lib/post-scripts.ts). */
  scripts: PostScript[];
};

/**
 * Renders a post body whose first line is file line `bodyLine`. The markdown is parsed once; the
 * same tree gives the HTML, the headings, the facts, the excerpt's paragraph and the word count.
 */
export async function renderMarkdown(markdown: string, bodyLine = 1): Promise<RenderedMarkdown> {
  const mdast = processor.parse(markdown);
  // Read before the tree goes on to become HTML.
  const asked = linksAndImages(mdast, bodyLine);
  const firstParagraph = firstParagraphOf(mdast);
  const words = wordsOf(mdast);
  const hast = await processor.run(mdast);
  return {
    html: processor.stringify(hast),
    headings: headingsOf(hast),
    facts: { ids: fragmentIds(hast), ...asked, invalid: invalidMath(hast, bodyLine) },
    firstParagraph,
    words,
    scripts: scriptsFor(hast),
  };
}
