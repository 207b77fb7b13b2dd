import { archivePath } from '@/lib/urls';
import { TextLink } from './text-link';

type PaginationProps = {
  page: number;
  totalPages: number;
  /** The address of page `n` of this list (default: the home page and `/page/<n>/`). */
  pathOf?: (page: number) => string;
};

/** Newer / older links between pages of the post list, with where the reader is. */
export function Pagination({ page, totalPages, pathOf = archivePath }: PaginationProps) {
  if (totalPages <= 1) return null;
  return (
    <nav
      aria-label="Pagination"
      className="mt-16 flex items-center justify-between gap-4 border-t border-neutral-200 dark:border-neutral-800 pt-8"
    >
      <p className="min-w-28">
        {page > 1 ? (
          <TextLink href={pathOf(page - 1)} rel="prev">
            ← Newer posts
          </TextLink>
        ) : null}
      </p>
      <p className="text-neutral-700 dark:text-neutral-300">
        Page {page} of {totalPages}
      </p>
      <p className="min-w-28 text-right">
        {page < totalPages ? (
          <TextLink href={pathOf(page + 1)} rel="next">
            Older posts →
          </TextLink>
        ) : null}
      </p>
    </nav>
  );
}
