/**
 * Addresses of the site's pages, built in one place so links and metadata agree. Every function
 * here returns an href ready for the page: it includes the base path when the site is served
 * under one (`BASE_PATH=/blog`, inlined by next.config.ts as `BLOG_BASE_PATH`).
 */
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
