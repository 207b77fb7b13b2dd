import type { PostStatus } from '@/lib/api';

const labels: Record<Exclude<PostStatus, 'published'>, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
};

/** Marks a post readers cannot see yet. Only `next dev` shows such posts, so builds never render it. */
export function StatusBadge({ status }: { status: PostStatus }) {
  if (status === 'published') return null;
  return (
    <span className="ml-3 rounded-full bg-amber-100 dark:bg-amber-900 px-2.5 py-0.5 align-middle text-sm font-semibold text-amber-900 dark:text-amber-100">
      {labels[status]}
    </span>
  );
}
