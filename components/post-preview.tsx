import type { PostSummary } from '@/lib/api';
import { Avatar } from './avatar';
import { CoverImage } from './cover-image';
import { TagList } from './tag-list';
import { PostLink } from './post-link';
import { PostMeta } from './post-meta';

type PostPreviewProps = Pick<
  PostSummary,
  'slug' | 'title' | 'date' | 'excerpt' | 'pictures' | 'author' | 'status' | 'tags' | 'readingMinutes'
> & {
  /** The title's heading level: 3 under a "More stories" heading, 2 directly under the page's h1. */
  headingLevel?: 2 | 3;
  /** Load the cover at once (the first on the page) rather than lazily. */
  priority?: boolean;
};

/** A post in a list: cover, title, date, excerpt and author, never the body. */
export function PostPreview({
  slug,
  title,
  date,
  excerpt,
  pictures,
  author,
  headingLevel = 3,
  priority = false,
  status,
  tags,
  readingMinutes,
}: PostPreviewProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="relative">
      {pictures.cover ? (
        <div className="mb-4">
          <CoverImage picture={pictures.cover} title={title} priority={priority} place="preview" />
        </div>
      ) : null}
      <Heading className="mb-2 text-2xl leading-snug font-bold tracking-tight">
        <PostLink slug={slug}>{title}</PostLink>
      </Heading>
      <PostMeta
        date={date}
        readingMinutes={readingMinutes}
        status={status}
        className="mb-3 text-neutral-700 dark:text-neutral-300"
      />
      <p className="mb-4 leading-relaxed">{excerpt}</p>
      <div className="mb-4">
        <TagList tags={tags} />
      </div>
      <Avatar author={author} picture={pictures.avatar} />
    </article>
  );
}
