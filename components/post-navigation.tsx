import type { PostSummary } from '@/lib/api';
import { postPath } from '@/lib/urls';

type PostNavigationProps = { newer?: PostSummary; older?: PostSummary };

/** Links to the next newer and the next older post. */
export function PostNavigation({ newer, older }: PostNavigationProps) {
  if (!newer && !older) return null;
  return (
    <nav
      aria-label="More posts"
      className="mx-auto mt-16 grid max-w-prose gap-6 border-t border-neutral-200 dark:border-neutral-800 pt-8 sm:grid-cols-2"
    >
      <p>
        {older ? (
          <a href={postPath(older.slug)} rel="prev" className="group block">
            <span className="block text-sm text-neutral-700 dark:text-neutral-300">← Older</span>
            <span className="font-semibold text-accent dark:text-accent-bright group-hover:underline">
              {older.title}
            </span>
          </a>
        ) : null}
      </p>
      <p className="sm:text-right">
        {newer ? (
          <a href={postPath(newer.slug)} rel="next" className="group block">
            <span className="block text-sm text-neutral-700 dark:text-neutral-300">Newer →</span>
            <span className="font-semibold text-accent dark:text-accent-bright group-hover:underline">
              {newer.title}
            </span>
          </a>
        ) : null}
      </p>
    </nav>
  );
}
