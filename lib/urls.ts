/** Paths of the site's pages, built in one place so links and metadata agree. */

/** Path of a post's page (with the trailing slash the export uses). */
export function postPath(slug: string): string {
  return `/posts/${encodeURIComponent(slug)}/`;
}
