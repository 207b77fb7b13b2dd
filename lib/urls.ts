/**
 * Addresses of the site's pages, built in one place so links and metadata agree. Every function
 * here returns an href ready for the page: it includes the base path when the site is served
 * under one (`BASE_PATH=/blog`, inlined by next.config.ts as `BLOG_BASE_PATH`).
 */
import { LIMITS, utf8Bytes } from './limits';
import { site } from './site';

/** `/blog` when the site lives under a sub-path, else the empty string. */
export const basePath = process.env.BLOG_BASE_PATH ?? '';

/** A site path (`/assets/x.png`, as authors write them) as an href: with the base path in front. */
export function withBasePath(path: string): string {
  return `${basePath}${path}`;
}

/** An image or link from front matter or markdown: site paths get the base path, URLs stay. */
export function assetUrl(reference: string): string {
  return reference.startsWith('/') && !reference.startsWith('//') ? withBasePath(reference) : reference;
}

/** An absolute URL (`SITE_URL`) for an href from this module, for feeds, sitemaps and structured data. */
export function absoluteUrl(href: string): string {
  return new URL(href, new URL(site.url).origin).href;
}

/** The home page. */
export function homePath(): string {
  return withBasePath('/');
}

/** Path of a post's page (with the trailing slash the export uses). */
export function postPath(slug: string): string {
  return withBasePath(`/posts/${encodeURIComponent(slug)}/`);
}

/** Path of a page of the post list: page 1 is the home page, later pages are `/page/<n>/`. */
export function archivePath(page: number): string {
  return withBasePath(page <= 1 ? '/' : `/page/${page}/`);
}

/** Path of the list of all tags. */
export function tagsPath(): string {
  return withBasePath('/tags/');
}

/** Path of a page of a tag's posts: `/tags/<slug>/`, then `/tags/<slug>/page/2/` … */
export function tagPath(slug: string, page = 1): string {
  const base = withBasePath(`/tags/${encodeURIComponent(slug)}/`);
  return page <= 1 ? base : `${base}page/${page}/`;
}

/** Path of a tag's RSS feed. */
export function tagFeedPath(slug: string): string {
  return `${tagPath(slug)}feed.xml`;
}

/** Path of a generated Open Graph card (`_site` for the site's own). */
export function ogImagePath(name: string): string {
  return withBasePath(`/og/${encodeURIComponent(name)}.png`);
}

/** The search page. */
export function searchPath(): string {
  return withBasePath('/search/');
}

/**
 * First segments of the site's own routes and files: an alias there would collide with a page,
 * a feed or an asset of the build (compared without case: many hosts and disks ignore it).
 */
const OWNED_FIRST_SEGMENTS = new Map<string, string>([
  ['posts', 'the post pages'],
  ['page', 'the archive pages'],
  ['tags', 'the tag pages'],
  ['search', 'the search page'],
  ['og', 'the Open Graph cards'],
  ['feed.xml', 'the RSS feed'],
  ['atom.xml', 'the Atom feed'],
  ['feed.json', 'the JSON feed'],
  ['sitemap.xml', 'the sitemap'],
  ['robots.txt', 'robots.txt'],
  ['icon.svg', 'the site icon'],
  ['favicon.ico', 'the site icon'],
  ['404', 'the not-found page'],
  ['404.html', 'the not-found page'],
  ['_not-found', 'the not-found page'],
  ['index.html', 'the home page'],
  ['index.txt', 'the home page'],
  ['_next', "Next.js's assets"],
  ['pagefind', 'the search index'],
  ['_headers', "the host's header rules"],
]);

/** Letters, marks and digits of any script, and `-`, `_`, `.`, `~`: what a segment from a file name may hold. */
const SAFE_SEGMENT = /^[\p{L}\p{M}\p{N}_.~-]+$/u;
/** Aliases copy old addresses, which may also hold `'`, `(`, `)`, `+`, `,` and `!`. */
const SAFE_ALIAS_SEGMENT = /^[\p{L}\p{M}\p{N}_.~'()+,!-]+$/u;

/**
 * Why a URL segment (a post's file name, a part of an alias) cannot be published at a working
 * address, as the end of a sentence, or `undefined` when it can.
 */
export function segmentProblem(segment: string, allowed = SAFE_SEGMENT): string | undefined {
  if (segment === '') return 'has an empty part (//)';
  if (segment === '.' || segment === '..') return `has a "${segment}" part`;
  if (segment.startsWith('.')) return 'has a part that starts with "." (hidden on most hosts)';
  const bad = Array.from(segment).find((character) => !allowed.test(character));
  if (bad !== undefined) {
    return `holds ${JSON.stringify(bad)}, which an address cannot carry safely (use letters, digits, "-", "_" and ".")`;
  }
  const bytes = utf8Bytes(segment);
  if (bytes > LIMITS.urlSegmentBytes) {
    return `has a part of ${bytes} bytes, over the limit of ${LIMITS.urlSegmentBytes} (the build writes each part as a file name)`;
  }
  if (segment.toLowerCase().startsWith('__next')) return 'has a part named like the files Next.js writes';
  return undefined;
}

/**
 * Why an alias (an old address such as `/2020/03/old-name/`) cannot be published, or `undefined`
 * when it can: it must be a path of safe parts that no route or file of the site already owns.
 */
export function aliasProblem(alias: string): string | undefined {
  if (!alias.startsWith('/') || alias.startsWith('//')) return 'must start with a single "/"';
  const parts = alias.slice(1).replace(/\/$/, '').split('/');
  if (parts.length === 1 && parts[0] === '') return 'is the home page';
  const decoded: string[] = [];
  for (const part of parts) {
    let segment = part;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return `has a broken %-escape in ${JSON.stringify(part)}`;
    }
    const problem = segmentProblem(segment, SAFE_ALIAS_SEGMENT);
    if (problem) return problem;
    decoded.push(segment);
  }
  const owner = OWNED_FIRST_SEGMENTS.get((decoded[0] ?? '').toLowerCase());
  if (owner) return `is inside ${owner}, which the site already serves`;
  return undefined;
}
