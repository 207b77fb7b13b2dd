import type { Post } from '@/lib/api';
import { Avatar } from './avatar';
import { CoverImage } from './cover-image';
import { PostDate } from './post-date';
import { PostLink } from './post-link';

type PostPreviewProps = Pick<Post, 'slug' | 'title' | 'date' | 'excerpt' | 'coverImage' | 'author'>;

/** A post in a list: cover, title, date, excerpt and author, never the body. */
export function PostPreview({ slug, title, date, excerpt, coverImage, author }: PostPreviewProps) {
  return (
    <article className="relative">
      {coverImage ? (
        <div className="mb-4">
          <CoverImage src={coverImage} title={title} />
        </div>
      ) : null}
      <h3 className="mb-2 text-2xl leading-snug font-bold tracking-tight">
        <PostLink slug={slug}>{title}</PostLink>
      </h3>
      <p className="mb-3 text-neutral-700">
        <PostDate date={date} />
      </p>
      <p className="mb-4 leading-relaxed">{excerpt}</p>
      <Avatar author={author} />
    </article>
  );
}
