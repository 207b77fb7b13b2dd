import type { PostSummary } from '@/lib/api';
import { postPath } from '@/lib/urls';
import { PostDate } from './post-date';

/** Other posts on the same subjects. */
export function RelatedPosts({ posts }: { posts: PostSummary[] }) {
  if (posts.length === 0) return null;
  return (
    <section aria-labelledby="related-posts" className="mx-auto mt-12 max-w-prose">
      <h2 id="related-posts" className="mb-4 text-2xl font-bold tracking-tight">
        Related posts
      </h2>
      <ul className="space-y-3">
        {posts.map((post) => (
          <li key={post.slug}>
            <a href={postPath(post.slug)} className="font-semibold text-accent dark:text-accent-bright hover:underline">
              {post.title}
            </a>
            <span className="text-neutral-700 dark:text-neutral-300">
              {' '}
              · <PostDate date={post.date} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
