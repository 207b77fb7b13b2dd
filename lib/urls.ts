/** Paths of the site's pages, built in one place so links and metadata agree. */

/** Path of a post's page (with the trailing slash the export uses). */
export function postPath(slug: string): string {
  return `/posts/${encodeURIComponent(slug)}/`;
}

/** Path of a page of the post list: page 1 is the home page, later pages are `/page/<n>/`. */
export function archivePath(page: number): string {
  return page <= 1 ? '/' : `/page/${page}/`;
}
