import type { PostSummary } from '@/lib/api';
import { PostDate } from './post-date';
import { ReadingTime } from './reading-time';
import { StatusBadge } from './status-badge';

type PostMetaProps = Pick<PostSummary, 'date' | 'readingMinutes' | 'status'> & { className: string };

/** The line under a post's title in a list: "March 16, 2020 · 5 min read", and a badge in `next dev`. */
export function PostMeta({ date, readingMinutes, status, className }: PostMetaProps) {
  return (
    <p className={className}>
      <PostDate date={date} />
      <ReadingTime minutes={readingMinutes} />
      <StatusBadge status={status} />
    </p>
  );
}
