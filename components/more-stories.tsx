import type { PostSummary } from '@/lib/api';
import { PostPreview } from './post-preview';

/** The posts after the newest one, as previews. */
export function MoreStories({ posts }: { posts: PostSummary[] }) {
  return (
    <section aria-labelledby="more-stories">
      <h2 id="more-stories" className="mb-8 text-3xl font-bold tracking-tight md:text-4xl">
        More stories
      </h2>
      <div className="grid grid-cols-1 gap-y-16 md:grid-cols-2 md:gap-x-12 lg:gap-x-16">
        {posts.map((post) => (
          <PostPreview
            key={post.slug}
            slug={post.slug}
            title={post.title}
            date={post.date}
            excerpt={post.excerpt}
            coverImage={post.coverImage}
            author={post.author}
          />
        ))}
      </div>
    </section>
  );
}
