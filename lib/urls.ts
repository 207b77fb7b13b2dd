/** Paths of the site's pages, built in one place so links and metadata agree. */
import { site } from './site';

/** An absolute URL on the site (`SITE_URL`), for feeds, sitemaps and structured data. */
export function absoluteUrl(path: string): string {
  return new URL(path, site.url.endsWith('/') ? site.url : `${site.url}/`).href;
}

/** Path of a post's page (with the trailing slash the export uses). */
export function postPath(slug: string): string {
  return `/posts/${encodeURIComponent(slug)}/`;
}

/** Path of a page of the post list: page 1 is the home page, later pages are `/page/<n>/`. */
export function archivePath(page: number): string {
  return page <= 1 ? '/' : `/page/${page}/`;
}

/** Path of the list of all tags. */
export function tagsPath(): string {
  return '/tags/';
}

/** Path of a page of a tag's posts: `/tags/<slug>/`, then `/tags/<slug>/page/2/` … */
export function tagPath(slug: string, page = 1): string {
  const base = `/tags/${encodeURIComponent(slug)}/`;
  return page <= 1 ? base : `${base}page/${page}/`;
}

/** Path of a tag's RSS feed. */
export function tagFeedPath(slug: string): string {
  return `${tagPath(slug)}feed.xml`;
}

/** Path of a generated Open Graph card (`_site` for the site's own). */
export function ogImagePath(name: string): string {
  return `/og/${encodeURIComponent(name)}.png`;
}
