import type { PostSummary } from '@/lib/api';
import { Avatar } from './avatar';
import { CoverImage } from './cover-image';
import { TagList } from './tag-list';
import { PostLink } from './post-link';
import { PostMeta } from './post-meta';

type HeroPostProps = Pick<
  PostSummary,
  'slug' | 'title' | 'date' | 'excerpt' | 'pictures' | 'author' | 'status' | 'tags' | 'readingMinutes'
>;

/** The newest post, large, at the top of the home page. */
export function HeroPost({
  slug,
  title,
  date,
  excerpt,
  pictures,
  author,
  status,
  tags,
  readingMinutes,
}: HeroPostProps) {
  return (
    <article className="relative mb-16 md:mb-24">
      {pictures.cover ? (
        <div className="mb-6 md:mb-10">
          <CoverImage picture={pictures.cover} title={title} priority />
        </div>
      ) : null}
      <div className="md:grid md:grid-cols-2 md:gap-x-12">
        <div>
          <h2 className="mb-3 text-3xl leading-tight font-bold tracking-tight md:text-5xl">
            <PostLink slug={slug}>{title}</PostLink>
          </h2>
          <PostMeta
            date={date}
            readingMinutes={readingMinutes}
            status={status}
            className="mb-4 text-neutral-700 dark:text-neutral-300"
          />
        </div>
        <div>
          <p className="mb-4 text-lg leading-relaxed">{excerpt}</p>
          <div className="mb-4">
            <TagList tags={tags} />
          </div>
          <Avatar author={author} picture={pictures.avatar} />
        </div>
      </div>
    </article>
  );
}
