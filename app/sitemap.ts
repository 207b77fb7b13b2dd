import type { MetadataRoute } from 'next';
import { getAllPosts } from '@/lib/api';
import { pageCount } from '@/lib/pagination';
import { site } from '@/lib/site';
import { allTags, postsTagged } from '@/lib/tags';
import { absoluteUrl, archivePath, postPath, tagPath, tagsPath } from '@/lib/urls';

export const dynamic = 'force-static';
export const revalidate = 60;

/** Every published page a reader can land on: home, archive pages, posts, tags. Nothing else. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const posts = (await getAllPosts()).filter((post) => post.status === 'published');
  const newest = (list: typeof posts) => (list[0] ? new Date(list[0].date.time) : undefined);
  const entry = (path: string, lastModified: Date | undefined) => ({
    url: absoluteUrl(path),
    ...(lastModified ? { lastModified } : {}),
  });
  const archive = Array.from({ length: pageCount(posts.length, site.postsPerPage) }, (_, index) =>
    entry(archivePath(index + 1), newest(posts.slice(index * site.postsPerPage))),
  );
  const tags = allTags(posts).flatMap((tag) => {
    const tagged = postsTagged(posts, tag.slug);
    return Array.from({ length: pageCount(tagged.length, site.postsPerPage) }, (_, index) =>
      entry(tagPath(tag.slug, index + 1), newest(tagged.slice(index * site.postsPerPage))),
    );
  });
  return [
    ...archive,
    ...posts.map((post) => entry(postPath(post.slug), new Date(post.date.time))),
    ...(tags.length > 0 ? [entry(tagsPath(), newest(posts)), ...tags] : []),
  ];
}
