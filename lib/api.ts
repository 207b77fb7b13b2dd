/**
 * The one door to `_posts/`: pages, feeds, the sitemap and the search index ask here, and get
 * finished values (validated, dated, rendered); they never see a file or gray-matter's `data`.
 * A thin face over the content layer in lib/posts/: the files (source.ts), the types and their
 * reshape step (post.ts), the whole set with its addresses and visibility (catalog.ts), and the
 * runtime mode that decides what a bad post does (mode.ts).
 *
 * Publishing: a post is published when it is not a draft and its date has come. Builds and
 * `next start` show published posts only (a scheduled post appears on the first regeneration after
 * its time); `next dev` shows everything, marked.
 */
import { asShown, catalogVersion, findEntry, postsCatalog, renderProblem, renderedBody, shownPosts } from './posts/catalog';
import type { Post, PostSummary } from './posts/post';
import { reportProblems } from './posts/problems';
import { relieveBuildHeap } from './build-heap';
import { readManifest } from './images/manifest';
import { withPictures } from './images/markup';
import { bodyPictureLookup } from './images/post-pictures';
import { postLocation } from './images/reference';
import { fileSlugOf } from './posts/folder';
import { postsDirectory } from './posts/source';

export type { Author, Post, PostStatus, PostSummary, Tag } from './posts/post';
export { lastModified } from './posts/post';
export { InvalidPostsError } from './posts/problems';

/**
 * Every post's summary (no body), newest first (ties by slug): the published ones, or all of them
 * in `next dev`. Throws an `InvalidPostsError` listing every invalid file where invalid posts are
 * fatal (lib/posts/mode.ts).
 */
export async function getAllPosts(): Promise<PostSummary[]> {
  relieveBuildHeap();
  const catalog = await postsCatalog();
  reportProblems(catalog.problems);
  return shownPosts(catalog);
}

/** Slugs of every post that has a page, newest first. Validates every post, like {@link getAllPosts}. */
export async function getPostSlugs(): Promise<string[]> {
  return (await getAllPosts()).map((post) => post.slug);
}

/**
 * The post a URL segment names, or `null` when no shown post has that slug. The segment is only
 * ever compared with the posts' slugs, so no slug reaches a file outside the posts folder.
 */
export async function getPostBySlug(slug: string): Promise<Post | null> {
  relieveBuildHeap();
  const catalog = await postsCatalog();
  // A page stops only for its own file's problems; the others are the lists' business.
  reportProblems(
    catalog.problems,
    catalog.problems.filter((problem) => fileSlugOf(problem.file) === slug),
  );
  const entry = findEntry(catalog, slug);
  const shown = entry && asShown(entry.summary, Date.now());
  if (!entry || !shown) return null;
  try {
    const { html, headings, scripts } = await renderedBody(entry.source);
    const pictures = bodyPictureLookup(postLocation(postsDirectory(), entry.source.path), readManifest());
    return { ...shown, html: withPictures(html, pictures), headings, scripts };
  } catch (error) {
    // Rendered once for the catalog, but no longer kept and failing now: still this post's problem.
    reportProblems([renderProblem(entry.source, error)]);
    return null;
  }
}

/** Old paths of shown posts, each with the post it now lives at. */
export async function getAliases(): Promise<{ alias: string; slug: string }[]> {
  return (await getAllPosts()).flatMap((post) => post.aliases.map((alias) => ({ alias, slug: post.slug })));
}

/**
 * A fingerprint of the published posts (slugs, fields, bodies): equal as long as what readers see
 * is the same. A running server compares it to rebuild its search index when the posts change.
 */
export async function getPublishedVersion(): Promise<string> {
  return catalogVersion(await postsCatalog());
}
