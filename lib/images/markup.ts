/**
 * How a picture is marked up, in one place for the components (components/picture.tsx) and for
 * post bodies (HTML strings): `<picture>` with an AVIF and a WebP `<source>` whose `sizes` match the
 * CSS box it is shown in, then an `<img>` with the real width and height (so that the page never
 * moves while it loads), lazy and decoded off the main thread unless it is the page's first cover.
 */
import { htmlEscape } from '../xml-text';
import type { Picture } from './manifest';

/**
 * The width each place shows a picture at, as a `sizes` value. It mirrors the CSS: the page
 * column is `max-w-5xl` (64rem) with `px-5` (`sm:px-8`) padding (components/container.tsx); post
 * bodies are `max-w-prose` (42rem, components/post-body.tsx); previews are two columns from `md`
 * with a 3rem (`lg`: 4rem) gap (components/post-grid.tsx); avatars are `size-12` (3rem).
 */
export const PICTURE_SIZES = {
  /** A cover across the page column: the post's header, the home page's newest post. */
  wide: '(min-width: 64rem) 60rem, (min-width: 40rem) calc(100vw - 4rem), calc(100vw - 2.5rem)',
  /** A cover in a two-column list of previews. */
  preview:
    '(min-width: 64rem) 28rem, (min-width: 48rem) calc(50vw - 3.5rem), (min-width: 40rem) calc(100vw - 4rem), calc(100vw - 2.5rem)',
  /** A picture in a post's body (never wider than the body column). */
  body: '(min-width: 46rem) 42rem, (min-width: 40rem) calc(100vw - 4rem), calc(100vw - 2.5rem)',
  /** An author's picture. */
  avatar: '3rem',
} as const;

export type PictureOptions = {
  alt: string;
  sizes: string;
  /** The page's first cover: fetched at once, with high priority. */
  priority?: boolean;
  className?: string;
  /** A display width the author asked for (`<img width="300">`): the height follows the picture's shape. */
  width?: number;
};

export type PictureMarkup = {
  /** `<source>` elements, in order; empty for a plain `<img>`. */
  sources: { type: string; srcSet: string; sizes: string }[];
  img: {
    src: string;
    alt: string;
    width?: number;
    height?: number;
    loading: 'eager' | 'lazy';
    decoding: 'async';
    fetchPriority?: 'high';
    className?: string;
  };
};

/** The elements and attributes a picture is shown with. */
export function pictureMarkup(picture: Picture, options: PictureOptions): PictureMarkup {
  let { width, height } = picture;
  if (options.width !== undefined && width && height) {
    height = Math.round((options.width * height) / width);
    width = options.width;
  }
  return {
    sources: picture.sources.map((source) => ({ type: source.type, srcSet: source.srcset, sizes: options.sizes })),
    img: {
      src: picture.src,
      alt: options.alt,
      ...(width && height ? { width, height } : {}),
      loading: options.priority ? 'eager' : 'lazy',
      decoding: 'async',
      ...(options.priority ? { fetchPriority: 'high' as const } : {}),
      ...(options.className ? { className: options.className } : {}),
    },
  };
}

/** The same markup as an HTML string, for a post body. */
export function pictureHtml(picture: Picture, options: PictureOptions): string {
  const { sources, img } = pictureMarkup(picture, options);
  const attribute = (name: string, value: string | number | undefined) =>
    value === undefined ? '' : ` ${name}="${htmlEscape(String(value))}"`;
  const tag =
    `<img${attribute('src', img.src)}${attribute('alt', img.alt)}${attribute('width', img.width)}` +
    `${attribute('height', img.height)}${attribute('loading', img.loading)}${attribute('decoding', img.decoding)}` +
    `${attribute('fetchpriority', img.fetchPriority)}${attribute('class', img.className)}>`;
  if (sources.length === 0) return tag;
  const sourceTags = sources
    .map(
      (source) =>
        `<source${attribute('type', source.type)}${attribute('srcset', source.srcSet)}${attribute('sizes', source.sizes)}>`,
    )
    .join('');
  return `<picture>${sourceTags}${tag}</picture>`;
}

/**
 * `<picture>`, `</picture>` and `<img …>` as rehype-stringify writes them: every attribute value in
 * double quotes, `"` escaped inside.
 */
const TAGS = /<(\/?)picture\b[^>]*>|<img((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([\w:-]+)(?:="([^"]*)")?/g;

/** Decodes the character references rehype-stringify writes in attribute values. */
function unescapeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A rendered body with each `<img>` that `lookup` knows (by its `src` as written in the HTML)
 * replaced by its `<picture>`, sized for the body column. Images inside a `<picture>` an author
 * wrote in raw HTML are left as written.
 */
export function withPictures(html: string, lookup: (src: string) => Picture | undefined): string {
  let insidePicture = 0;
  let last = 0;
  let out = '';
  for (const match of html.matchAll(TAGS)) {
    if (!match[0].startsWith('<img')) {
      insidePicture = Math.max(0, insidePicture + (match[1] === '/' ? -1 : 1));
      continue;
    }
    if (insidePicture > 0) continue;
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) {
      attributes.set((attribute[1] ?? '').toLowerCase(), unescapeAttribute(attribute[2] ?? ''));
    }
    const src = attributes.get('src');
    const picture = src === undefined ? undefined : lookup(src);
    if (!picture) continue;
    const asked = Number(attributes.get('width'));
    out += html.slice(last, match.index);
    out += pictureHtml(picture, {
      alt: attributes.get('alt') ?? '',
      sizes: PICTURE_SIZES.body,
      ...(Number.isInteger(asked) && asked > 0 ? { width: asked } : {}),
    });
    last = match.index + match[0].length;
  }
  return out + html.slice(last);
}
