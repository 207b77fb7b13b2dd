/** Splitting the post list into pages: the home page is page 1, the archive holds the rest. */

export type Page<T> = {
  items: T[];
  /** 1-based. */
  page: number;
  totalPages: number;
};

/** How many pages `count` items fill; an empty list still has one (empty) page. */
export function pageCount(count: number, perPage: number): number {
  return Math.max(1, Math.ceil(count / perPage));
}

/**
 * Reads a page number from a URL segment: only a canonical positive integer (`2`, not `02`,
 * `2.0` or `-1`) within range names a page; anything else is `undefined` (a 404).
 */
export function parsePageNumber(segment: string, totalPages: number): number | undefined {
  if (!/^[1-9]\d*$/.test(segment)) return undefined;
  const page = Number(segment);
  return page <= totalPages ? page : undefined;
}

/** Page `page` of `items`, `perPage` at a time. */
export function paginate<T>(items: T[], page: number, perPage: number): Page<T> {
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    page,
    totalPages: pageCount(items.length, perPage),
  };
}
