/**
 * Authors defined once in lib/site.ts (`site.authors`) and named by id from posts: each has a
 * page at `/authors/<id>/` with their posts, newest first, and an RSS feed. Authors written inline
 * (`author: Jane Doe`, `author: { name, picture }`) have no page.
 */
import type { PostSummary } from './api';
import { site, type AuthorProfile } from './site';

export type AuthorPage = { id: string; profile: AuthorProfile; posts: PostSummary[] };

/** The posts that name author `id` among their authors. */
function postsBy(posts: PostSummary[], id: string): PostSummary[] {
  return posts.filter((post) => post.authors.some((author) => author.id === id));
}

/** Every author of lib/site.ts who has a post in `posts`, in the order lib/site.ts lists them. */
export function authorsWithPosts(posts: PostSummary[]): AuthorPage[] {
  return Object.entries(site.authors).flatMap(([id, profile]) => {
    const own = postsBy(posts, id);
    return own.length > 0 ? [{ id, profile, posts: own }] : [];
  });
}

/** The author a URL segment names, with their posts, when they have any. */
export function findAuthor(posts: PostSummary[], segment: string): AuthorPage | undefined {
  const profile = Object.hasOwn(site.authors, segment) ? site.authors[segment] : undefined;
  if (!profile) return undefined;
  const own = postsBy(posts, segment);
  return own.length > 0 ? { id: segment, profile, posts: own } : undefined;
}
