/** Reading on: the posts next to one in time, and the ones that share its tags. */
import type { PostSummary } from './api';

/** The newer and the older post around `slug` in a newest-first list. */
export function neighbours(posts: PostSummary[], slug: string): { newer?: PostSummary; older?: PostSummary } {
  const index = posts.findIndex((post) => post.slug === slug);
  if (index === -1) return {};
  const newer = posts[index - 1];
  const older = posts[index + 1];
  return { ...(newer ? { newer } : {}), ...(older ? { older } : {}) };
}

/** Up to `limit` other posts sharing the most tags with `post`, newest first among equals. */
export function relatedPosts(posts: PostSummary[], post: PostSummary, limit = 3): PostSummary[] {
  const own = new Set(post.tags.map((tag) => tag.slug));
  if (own.size === 0) return [];
  return posts
    .filter((other) => other.slug !== post.slug)
    .map((other, order) => ({ other, order, shared: other.tags.filter((tag) => own.has(tag.slug)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || a.order - b.order)
    .slice(0, limit)
    .map(({ other }) => other);
}
