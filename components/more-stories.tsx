import type { PostSummary } from '@/lib/api';
import { PostPreview } from './post-preview';

type MoreStoriesProps = {
  posts: PostSummary[];
  /** Load the first cover at once: the hero has none, so this one is likely the largest thing on screen. */
  eagerFirstCover?: boolean;
};

/** The posts after the newest one, as previews. */
export function MoreStories({ posts, eagerFirstCover = false }: MoreStoriesProps) {
  const firstCover = eagerFirstCover ? posts.find((post) => post.pictures.cover)?.slug : undefined;
  return (
    <section aria-labelledby="more-stories">
      <h2 id="more-stories" className="mb-8 text-3xl font-bold tracking-tight md:text-4xl">
        More stories
      </h2>
      <div className="grid grid-cols-1 gap-y-16 md:grid-cols-2 md:gap-x-12 lg:gap-x-16">
        {posts.map((post) => (
          <PostPreview key={post.slug} {...post} priority={post.slug === firstCover} />
        ))}
      </div>
    </section>
  );
}
