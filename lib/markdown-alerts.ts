/**
 * GitHub's alerts: a blockquote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!WARNING]` or `[!CAUTION]` becomes a labelled callout, with the markup GitHub gives it
 * (`markdown-alert markdown-alert-note`, a title with its octicon) so that its look carries over.
 * Runs after sanitizing, on the pipeline's own tree: nothing a post writes can produce these
 * classes or the inline SVG, so the sanitizing rules need no exception.
 */
import type { Element, ElementContent, Root } from 'hast';

/** Each kind's title and the path of its 16×16 icon (Primer Octicons, MIT: info, light-bulb, report, alert, stop). */
const KINDS = {
  note: {
    title: 'Note',
    icon: 'M0 8a8 8 0 1 1 16 0A8 8 0 0 1 0 8Zm8-6.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM6.5 7.75A.75.75 0 0 1 7.25 7h1a.75.75 0 0 1 .75.75v2.75h.25a.75.75 0 0 1 0 1.5h-2a.75.75 0 0 1 0-1.5h.25v-2h-.25a.75.75 0 0 1-.75-.75ZM8 6a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z',
  },
  tip: {
    title: 'Tip',
    icon: 'M8 1.5c-2.363 0-4 1.69-4 3.75 0 .984.424 1.625.984 2.304l.214.253c.223.264.47.556.673.848.284.411.537.896.621 1.49a.75.75 0 0 1-1.484.211c-.04-.282-.163-.547-.37-.847a8.456 8.456 0 0 0-.542-.68c-.084-.1-.173-.205-.268-.32C3.201 7.75 2.5 6.766 2.5 5.25 2.5 2.31 4.863 0 8 0s5.5 2.31 5.5 5.25c0 1.516-.701 2.5-1.328 3.259-.095.115-.184.22-.268.319-.207.245-.383.453-.541.681-.208.3-.33.565-.37.847a.751.751 0 0 1-1.485-.212c.084-.593.337-1.078.621-1.489.203-.292.45-.584.673-.848.075-.088.147-.173.213-.253.561-.679.985-1.32.985-2.304 0-2.06-1.637-3.75-4-3.75ZM5.75 12h4.5a.75.75 0 0 1 0 1.5h-4.5a.75.75 0 0 1 0-1.5ZM6 15.25a.75.75 0 0 1 .75-.75h2.5a.75.75 0 0 1 0 1.5h-2.5a.75.75 0 0 1-.75-.75Z',
  },
  important: {
    title: 'Important',
    icon: 'M0 1.75C0 .784.784 0 1.75 0h12.5C15.216 0 16 .784 16 1.75v9.5A1.75 1.75 0 0 1 14.25 13H8.06l-2.573 2.573A1.458 1.458 0 0 1 3 14.543V13H1.75A1.75 1.75 0 0 1 0 11.25Zm1.75-.25a.25.25 0 0 0-.25.25v9.5c0 .138.112.25.25.25h2a.75.75 0 0 1 .75.75v2.19l2.72-2.72a.749.749 0 0 1 .53-.22h6.5a.25.25 0 0 0 .25-.25v-9.5a.25.25 0 0 0-.25-.25Zm7 2.25v2.5a.75.75 0 0 1-1.5 0v-2.5a.75.75 0 0 1 1.5 0ZM9 9a1 1 0 1 1-2 0 1 1 0 0 1 2 0Z',
  },
  warning: {
    title: 'Warning',
    icon: 'M6.457 1.047c.659-1.234 2.427-1.234 3.086 0l6.082 11.378A1.75 1.75 0 0 1 14.082 15H1.918a1.75 1.75 0 0 1-1.543-2.575Zm1.763.707a.25.25 0 0 0-.44 0L1.698 13.132a.25.25 0 0 0 .22.368h12.164a.25.25 0 0 0 .22-.368Zm.53 3.996v2.5a.75.75 0 0 1-1.5 0v-2.5a.75.75 0 0 1 1.5 0ZM9 11a1 1 0 1 1-2 0 1 1 0 0 1 2 0Z',
  },
  caution: {
    title: 'Caution',
    icon: 'M4.47.22A.749.749 0 0 1 5 0h6c.199 0 .389.079.53.22l4.25 4.25c.141.14.22.331.22.53v6a.749.749 0 0 1-.22.53l-4.25 4.25A.749.749 0 0 1 11 16H5a.749.749 0 0 1-.53-.22L.22 11.53A.749.749 0 0 1 0 11V5c0-.199.079-.389.22-.53Zm.84 1.28L1.5 5.31v5.38l3.81 3.81h5.38l3.81-3.81V5.31L10.69 1.5ZM8 4a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 8 4Zm0 8a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z',
  },
} as const;

type Kind = keyof typeof KINDS;

function isKind(value: string): value is Kind {
  return Object.hasOwn(KINDS, value);
}

/** `[!NOTE]` alone on the first line of the quote (any case, trailing spaces allowed), as GitHub reads it. */
const MARKER = /^\[!([a-z]+)\][ \t]*(?:\r?\n|$)/i;

function isWhitespace(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/** The kind a blockquote announces, and its first paragraph with the marker taken off; `undefined` for a plain quote. */
function alertOf(quote: Element): { kind: Kind; rest: Element[] | undefined } | undefined {
  const blocks = quote.children.filter((child): child is Element => child.type === 'element');
  const first = blocks[0];
  if (quote.children.some((child) => child.type !== 'element' && !isWhitespace(child))) return undefined;
  if (first?.tagName !== 'p') return undefined;
  const text = first.children[0];
  if (text?.type !== 'text') return undefined;
  const match = MARKER.exec(text.value);
  const kind = match?.[1]?.toLowerCase();
  if (!match || !kind || !isKind(kind)) return undefined;
  const remaining = text.value.slice(match[0].length);
  const children = [...(remaining ? [{ ...text, value: remaining }] : []), ...first.children.slice(1)];
  // A quote that holds nothing but the marker stays a quote, as on GitHub.
  const paragraph = children.some((child) => !isWhitespace(child)) ? [{ ...first, children }] : [];
  if (paragraph.length === 0 && blocks.length === 1) return undefined;
  return { kind, rest: [...paragraph, ...blocks.slice(1)] };
}

function title(kind: Kind): Element {
  const { title: text, icon } = KINDS[kind];
  return {
    type: 'element',
    tagName: 'p',
    properties: { className: ['markdown-alert-title'] },
    children: [
      {
        type: 'element',
        tagName: 'svg',
        properties: { viewBox: '0 0 16 16', width: 16, height: 16, ariaHidden: 'true', focusable: 'false' },
        children: [{ type: 'element', tagName: 'path', properties: { d: icon }, children: [] }],
      },
      { type: 'text', value: text },
    ],
  };
}

/** Top-level `> [!KIND]` quotes become `<div class="markdown-alert markdown-alert-kind">` with a title. */
export function rehypeAlerts() {
  return (tree: Root) => {
    tree.children = tree.children.map((node) => {
      if (node.type !== 'element' || node.tagName !== 'blockquote') return node;
      const alert = alertOf(node);
      if (!alert) return node;
      const body: ElementContent[] = (alert.rest ?? []).flatMap((block) => [{ type: 'text', value: '\n' }, block]);
      return {
        type: 'element',
        tagName: 'div',
        properties: { className: ['markdown-alert', `markdown-alert-${alert.kind}`] },
        children: [{ type: 'text', value: '\n' }, title(alert.kind), ...body, { type: 'text', value: '\n' }],
        ...(node.position ? { position: node.position } : {}),
      };
    });
  };
}
