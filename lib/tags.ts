/** Tags across posts: which exist, how many posts each has, and the posts of one. */
import type { PostSummary } from './api';

export type TagSummary = {
  slug: string;
  /** The spelling of the newest post that uses it. */
  name: string;
  count: number;
};

/** Per list of posts, built once: a build asks for every tag page with the same list. */
const tagLists = new WeakMap<PostSummary[], TagSummary[]>();

/** Every tag of `posts` (newest first), by number of posts, then name. */
export function allTags(posts: PostSummary[]): TagSummary[] {
  let tags = tagLists.get(posts);
  if (!tags) {
    tags = countTags(posts);
    tagLists.set(posts, tags);
  }
  return tags;
}

function countTags(posts: PostSummary[]): TagSummary[] {
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

const taggedLists = new WeakMap<PostSummary[], Map<string, PostSummary[]>>();

/** The posts with tag `slug`, newest first. */
export function postsTagged(posts: PostSummary[], slug: string): PostSummary[] {
  let byTag = taggedLists.get(posts);
  if (!byTag) {
    byTag = new Map();
    for (const post of posts) {
      for (const tag of post.tags) {
        const list = byTag.get(tag.slug) ?? [];
        list.push(post);
        byTag.set(tag.slug, list);
      }
    }
    taggedLists.set(posts, byTag);
  }
  return byTag.get(slug) ?? [];
}
