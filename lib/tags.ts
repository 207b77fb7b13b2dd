/** Tags across posts: which exist, how many posts each has, and the posts of one. */
import type { PostSummary } from './api';

export type TagSummary = {
  slug: string;
  /** The spelling of the newest post that uses it. */
  name: string;
  count: number;
};

/** Every tag of `posts` (newest first), by number of posts, then name. */
export function allTags(posts: PostSummary[]): TagSummary[] {
  const tags = new Map<string, TagSummary>();
  for (const post of posts) {
    for (const tag of post.tags) {
      const known = tags.get(tag.slug);
      if (known) known.count += 1;
      else tags.set(tag.slug, { slug: tag.slug, name: tag.name, count: 1 });
    }
  }
  return [...tags.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/**
 * The tag a URL segment names, if any post has it. The segment may arrive percent-encoded
 * (`%E6%97%A5…`) or decoded, depending on the server.
 */
export function findTag(posts: PostSummary[], segment: string): TagSummary | undefined {
  const tags = allTags(posts);
  const exact = tags.find((tag) => tag.slug === segment);
  if (exact || !segment.includes('%')) return exact;
  try {
    const decoded = decodeURIComponent(segment);
    return tags.find((tag) => tag.slug === decoded);
  } catch {
    return undefined;
  }
}

/** The posts with tag `slug`, newest first. */
export function postsTagged(posts: PostSummary[], slug: string): PostSummary[] {
  return posts.filter((post) => post.tags.some((tag) => tag.slug === slug));
}
