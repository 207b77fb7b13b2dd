import type { PostSummary } from '@/lib/api';
import { PostPreview } from './post-preview';

/** Posts as previews in a grid, directly under the page's h1 (so their titles are h2s). */
export function PostGrid({ posts }: { posts: PostSummary[] }) {
  return (
    <div className="grid grid-cols-1 gap-y-16 md:grid-cols-2 md:gap-x-12 lg:gap-x-16">
      {posts.map((post, index) => (
        // The first row is on screen at once: load those covers first.
        <PostPreview key={post.slug} {...post} headingLevel={2} priority={index < 2} />
      ))}
    </div>
  );
}
