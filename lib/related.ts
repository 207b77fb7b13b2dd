/** Reading on: the posts next to one in time, and the ones that share its tags. */
import type { PostSummary } from './api';
import { site } from './site';

type Index = { position: Map<string, number>; byTag: Map<string, number[]> };

/** Per list of posts, built once: a build asks for every page with the same list. */
const indexes = new WeakMap<PostSummary[], Index>();

function indexOf(posts: PostSummary[]): Index {
  let index = indexes.get(posts);
  if (!index) {
    index = { position: new Map(), byTag: new Map() };
    for (const [position, post] of posts.entries()) {
      index.position.set(post.slug, position);
      for (const tag of post.tags) {
        const list = index.byTag.get(tag.slug) ?? [];
        list.push(position);
        index.byTag.set(tag.slug, list);
      }
    }
    indexes.set(posts, index);
  }
  return index;
}

/** The newer and the older post around `slug` in a newest-first list. */
export function neighbours(posts: PostSummary[], slug: string): { newer?: PostSummary; older?: PostSummary } {
  const position = indexOf(posts).position.get(slug);
  if (position === undefined) return {};
  const newer = posts[position - 1];
  const older = posts[position + 1];
  return { ...(newer ? { newer } : {}), ...(older ? { older } : {}) };
}

/**
 * Up to `limit` (`site.relatedPosts`) other posts sharing the most tags with `post`, newest first among equals. Only the
 * posts of its own tags are counted, and the best are kept while counting: no sort of the whole list.
 */
export function relatedPosts(posts: PostSummary[], post: PostSummary, limit = site.relatedPosts): PostSummary[] {
  const { position, byTag } = indexOf(posts);
  const self = position.get(post.slug);
  const shared = new Map<number, number>();
  for (const tag of post.tags) {
    for (const other of byTag.get(tag.slug) ?? []) {
      if (other !== self) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
  }
  // Better = more shared tags, then newer (a smaller position in the newest-first list).
  const best: { position: number; count: number }[] = [];
  for (const [other, count] of shared) {
    const at = best.findIndex((entry) => count > entry.count || (count === entry.count && other < entry.position));
    if (at !== -1) best.splice(at, 0, { position: other, count });
    else if (best.length < limit) best.push({ position: other, count });
    if (best.length > limit) best.pop();
  }
  return best.flatMap((entry) => posts[entry.position] ?? []);
}
