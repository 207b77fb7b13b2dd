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
function withBasePath(path: string): string {
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

/** The site's feeds, by format, and the file each is at. */
const FEED_FILES = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' } as const;
export type FeedFormat = keyof typeof FEED_FILES;
const FEED_BY_FILE = new Map<string, FeedFormat>([
  [FEED_FILES.rss, 'rss'],
  [FEED_FILES.atom, 'atom'],
  [FEED_FILES.json, 'json'],
]);

/**
 * The route table: every page and file the site serves, by what it shows. {@link routePath}
 * builds each one's address and {@link recognizeRoute} reads an address back, so components,
 * feeds, the sitemap, the search index and `npm run check` agree on every URL shape.
 */
export type Route =
  | { kind: 'home' }
  /** Page 2 and later of the post list (page 1 is the home page). */
  | { kind: 'archive'; page: number }
  | { kind: 'post'; slug: string }
  | { kind: 'tags' }
  | { kind: 'tag'; slug: string; page: number }
  | { kind: 'tag-feed'; slug: string }
  | { kind: 'feed'; format: FeedFormat }
  | { kind: 'series-index' }
  | { kind: 'series'; slug: string }
  | { kind: 'author'; id: string }
  | { kind: 'author-feed'; id: string }
  | { kind: 'search' }
  | { kind: 'sitemap' }
  | { kind: 'robots' }
  /** A generated Open Graph card; `name` without `.png` (`_site` for the site's own). */
  | { kind: 'og'; name: string };

const segment = (value: string) => encodeURIComponent(value);

/** A route's address from the site root, without the base path (`/tags/next-js/page/2/`). */
export function routePath(route: Route): string {
  switch (route.kind) {
    case 'home':
      return '/';
    case 'archive':
      return route.page <= 1 ? '/' : `/page/${route.page}/`;
    case 'post':
      return `/posts/${segment(route.slug)}/`;
    case 'tags':
      return '/tags/';
    case 'tag':
      return route.page <= 1 ? `/tags/${segment(route.slug)}/` : `/tags/${segment(route.slug)}/page/${route.page}/`;
    case 'tag-feed':
      return `/tags/${segment(route.slug)}/feed.xml`;
    case 'feed':
      return `/${FEED_FILES[route.format]}`;
    case 'series-index':
      return '/series/';
    case 'series':
      return `/series/${segment(route.slug)}/`;
    case 'author':
      return `/authors/${segment(route.id)}/`;
    case 'author-feed':
      return `/authors/${segment(route.id)}/feed.xml`;
    case 'search':
      return '/search/';
    case 'sitemap':
      return '/sitemap.xml';
    case 'robots':
      return '/robots.txt';
    case 'og':
      return `/og/${segment(route.name)}.png`;
  }
}

/** A route's href, with the base path: what links, metadata and feeds write. */
export function routeHref(route: Route): string {
  return withBasePath(routePath(route));
}

const PAGE_NUMBER = /^[1-9]\d*$/;

function pageNumber(value: string | undefined): number | undefined {
  return value !== undefined && PAGE_NUMBER.test(value) && value !== '1' ? Number(value) : undefined;
}

/**
 * The route an address names (from the site root, without the base path; segments encoded or
 * not, query and fragment ignored), or `undefined` when it is none of the site's own. Whether
 * the post, tag or page exists is the catalog's business.
 */
export function recognizeRoute(address: string): Route | undefined {
  const pathPart = address.split(/[?#]/)[0] ?? '';
  if (!pathPart.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const part of pathPart.split('/').filter(Boolean)) {
    try {
      parts.push(decodeURIComponent(part));
    } catch {
      return undefined;
    }
  }
  const [first, second, third, fourth, ...rest] = parts;
  if (rest.length > 0) return undefined;
  if (first === undefined) return { kind: 'home' };
  if (first === 'page' && third === undefined) {
    const page = pageNumber(second);
    return page === undefined ? undefined : { kind: 'archive', page };
  }
  if (first === 'posts')
    return second !== undefined && third === undefined ? { kind: 'post', slug: second } : undefined;
  if (first === 'tags') {
    if (second === undefined) return { kind: 'tags' };
    if (third === undefined) return { kind: 'tag', slug: second, page: 1 };
    if (third === 'feed.xml' && fourth === undefined) return { kind: 'tag-feed', slug: second };
    const page = third === 'page' ? pageNumber(fourth) : undefined;
    return page === undefined ? undefined : { kind: 'tag', slug: second, page };
  }
  if (first === 'series' && third === undefined)
    return second === undefined ? { kind: 'series-index' } : { kind: 'series', slug: second };
  if (first === 'authors' && second !== undefined && fourth === undefined) {
    if (third === undefined) return { kind: 'author', id: second };
    return third === 'feed.xml' ? { kind: 'author-feed', id: second } : undefined;
  }
  if (second !== undefined) {
    if (first === 'og' && third === undefined && second.endsWith('.png'))
      return { kind: 'og', name: second.slice(0, -4) };
    return undefined;
  }
  const format = FEED_BY_FILE.get(first);
  if (format) return { kind: 'feed', format };
  if (first === 'search') return { kind: 'search' };
  if (first === 'sitemap.xml') return { kind: 'sitemap' };
  if (first === 'robots.txt') return { kind: 'robots' };
  return undefined;
}

/** The home page. */
export function homePath(): string {
  return routeHref({ kind: 'home' });
}

/** Path of a post's page (with the trailing slash the export uses). */
export function postPath(slug: string): string {
  return routeHref({ kind: 'post', slug });
}

/** Path of a page of the post list: page 1 is the home page, later pages are `/page/<n>/`. */
export function archivePath(page: number): string {
  return routeHref({ kind: 'archive', page });
}

/** Path of the list of all tags. */
export function tagsPath(): string {
  return routeHref({ kind: 'tags' });
}

/** Path of a page of a tag's posts: `/tags/<slug>/`, then `/tags/<slug>/page/2/` … */
export function tagPath(slug: string, page = 1): string {
  return routeHref({ kind: 'tag', slug, page });
}

/** Path of a tag's RSS feed. */
export function tagFeedPath(slug: string): string {
  return routeHref({ kind: 'tag-feed', slug });
}

/** Path of a generated Open Graph card (`_site` for the site's own). */
export function ogImagePath(name: string): string {
  return routeHref({ kind: 'og', name });
}

/** Path of the list of every series. */
export function seriesIndexPath(): string {
  return routeHref({ kind: 'series-index' });
}

/** Path of a series' page, with its parts in order. */
export function seriesPath(slug: string): string {
  return routeHref({ kind: 'series', slug });
}

/** Path of an author's page (an id of `site.authors`). */
export function authorPath(id: string): string {
  return routeHref({ kind: 'author', id });
}

/** Path of an author's RSS feed. */
export function authorFeedPath(id: string): string {
  return routeHref({ kind: 'author-feed', id });
}

/** The search page. */
export function searchPath(): string {
  return routeHref({ kind: 'search' });
}

/**
 * First segments of the site's own routes (the table above) and of the files the build writes
 * beside them: an alias there would collide with a page, a feed or an asset (compared without
 * case: many hosts and disks ignore it).
 */
const OWNED_FIRST_SEGMENTS = new Map<string, string>([
  ['posts', 'the post pages'],
  ['page', 'the archive pages'],
  ['tags', 'the tag pages'],
  ['series', 'the series pages'],
  ['authors', 'the author pages'],
  ['search', 'the search page'],
  ['og', 'the Open Graph cards'],
  [FEED_FILES.rss, 'the RSS feed'],
  [FEED_FILES.atom, 'the Atom feed'],
  [FEED_FILES.json, 'the JSON feed'],
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
  ['_img', 'the pictures the build makes'],
  ['api', "the server's endpoints"],
  ['healthz', 'the health check'],
  ['live-preview', 'the live preview of npm run dev'],
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
