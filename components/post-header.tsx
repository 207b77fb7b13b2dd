import type { Post } from '@/lib/api';
import { Avatar } from './avatar';
import { CoverImage } from './cover-image';
import { PostDate } from './post-date';
import { StatusBadge } from './status-badge';
import { ReadingTime } from './reading-time';
import { TagList } from './tag-list';

type PostHeaderProps = Pick<
  Post,
  'title' | 'date' | 'updated' | 'pictures' | 'authors' | 'status' | 'tags' | 'readingMinutes'
>;

/** The top of a post page: title (the page's only h1), authors (linked to their pages), date (and "Updated …"), and cover. */
export function PostHeader({
  title,
  date,
  updated,
  pictures,
  authors,
  status,
  tags,
  readingMinutes,
}: PostHeaderProps) {
  return (
    <header className="mb-8 md:mb-12">
      <div className="mx-auto max-w-prose">
        <h1 className="mb-6 text-4xl leading-tight font-bold tracking-tight md:text-5xl">{title}</h1>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3 text-neutral-700 dark:text-neutral-300">
          {authors.map((author, index) => (
            <Avatar key={index} author={author} picture={pictures.avatars?.[index]} linked />
          ))}
          <p>
            <PostDate date={date} />
            {updated && updated.time > date.time ? (
              <>
                <span aria-hidden="true"> · </span>
                <span>
                  Updated <PostDate date={updated} />
                </span>
              </>
            ) : null}
            <ReadingTime minutes={readingMinutes} />
          </p>
          <StatusBadge status={status} />
        </div>
        {tags.length > 0 ? (
          <div className="mt-4">
            <TagList tags={tags} />
          </div>
        ) : null}
      </div>
      {pictures.cover ? (
        <div className="mt-8">
          <CoverImage picture={pictures.cover} title={title} priority />
        </div>
      ) : null}
    </header>
  );
}
