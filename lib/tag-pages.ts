/** What the tag routes share: their static paths and the page a URL names. */
import { getAllPosts, type PostSummary } from './api';
import { pageCount, paginate, parsePageNumber, type Page } from './pagination';
import { site } from './site';
import { allTags, findTag, postsTagged, type TagSummary } from './tags';

/** Every tag with its number of pages. */
export async function tagPageCounts(): Promise<{ tag: TagSummary; pages: number }[]> {
  return allTags(await getAllPosts()).map((tag) => ({ tag, pages: pageCount(tag.count, site.postsPerPage) }));
}

/** Page `pageSegment` (default 1) of the posts of the tag that `tagSegment` names, or `undefined`. */
export async function tagPage(
  tagSegment: string,
  pageSegment = '1',
): Promise<{ tag: TagSummary; list: Page<PostSummary> } | undefined> {
  const posts = await getAllPosts();
  const tag = findTag(posts, tagSegment);
  if (!tag) return undefined;
  const tagged = postsTagged(posts, tag.slug);
  const page = parsePageNumber(pageSegment, pageCount(tagged.length, site.postsPerPage));
  if (page === undefined) return undefined;
  return { tag, list: paginate(tagged, page, site.postsPerPage) };
}
