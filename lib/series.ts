/**
 * Series: posts that name the same `series` (compared by slug, so `Building a Blog` and
 * `building a blog` are one), in reading order: `seriesOrder` first, then the rest by date, oldest
 * first. A post in a series shows "Part 2 of 4" and the list of parts; `/series/` lists every
 * series and `/series/<slug>/` its parts.
 */
import type { PostSummary } from './api';
import { slugify } from './slug';

export type Series = {
  slug: string;
  /** The spelling of its first part. */
  name: string;
  /** The parts, in reading order. */
  posts: PostSummary[];
};

/** Reading order: numbered parts by number, then the others by date (oldest first), then by slug. */
function readingOrder(a: PostSummary, b: PostSummary): number {
  const order = (post: PostSummary) => post.seriesOrder ?? Number.POSITIVE_INFINITY;
  return order(a) - order(b) || a.date.time - b.date.time || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Per list of posts, built once: a build asks for every post's series with the same list. */
const seriesLists = new WeakMap<PostSummary[], Map<string, Series>>();

function seriesBySlug(posts: PostSummary[]): Map<string, Series> {
  let bySlug = seriesLists.get(posts);
  if (bySlug) return bySlug;
  const parts = new Map<string, PostSummary[]>();
  for (const post of posts) {
    if (!post.series) continue;
    const slug = slugify(post.series);
    const list = parts.get(slug);
    if (list) list.push(post);
    else parts.set(slug, [post]);
  }
  bySlug = new Map();
  for (const [slug, list] of parts) {
    const sorted = [...list].sort(readingOrder);
    bySlug.set(slug, { slug, name: sorted[0]?.series ?? slug, posts: sorted });
  }
  seriesLists.set(posts, bySlug);
  return bySlug;
}

/** Every series of `posts`, by name. */
export function allSeries(posts: PostSummary[]): Series[] {
  return [...seriesBySlug(posts).values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The series a URL segment names (encoded or not), if any post is in it. */
export function findSeries(posts: PostSummary[], segment: string): Series | undefined {
  const bySlug = seriesBySlug(posts);
  const exact = bySlug.get(segment);
  if (exact || !segment.includes('%')) return exact;
  try {
    return bySlug.get(decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/** The series of a post, with its place in it (1-based), or `undefined` when it is in none. */
export function seriesOfPost(
  posts: PostSummary[],
  post: Pick<PostSummary, 'slug' | 'series'>,
): { series: Series; part: number } | undefined {
  if (!post.series) return undefined;
  const series = seriesBySlug(posts).get(slugify(post.series));
  const index = series?.posts.findIndex((part) => part.slug === post.slug) ?? -1;
  return series && index !== -1 ? { series, part: index + 1 } : undefined;
}
