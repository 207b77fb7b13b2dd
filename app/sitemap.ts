import type { MetadataRoute } from 'next';
import { getAllPosts, lastModified } from '@/lib/api';
import { authorsWithPosts } from '@/lib/authors';
import { pageCount } from '@/lib/pagination';
import { site } from '@/lib/site';
import { allSeries } from '@/lib/series';
import { allTags, postsTagged } from '@/lib/tags';
import {
  absoluteUrl,
  archivePath,
  authorPath,
  postPath,
  seriesIndexPath,
  seriesPath,
  tagPath,
  tagsPath,
} from '@/lib/urls';

export const dynamic = 'force-static';
export const revalidate = 60;

/** Every published page a reader can land on: home, archive pages, posts, tags, series, authors. Nothing else. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const posts = (await getAllPosts()).filter((post) => post.status === 'published');
  const modified = (post: (typeof posts)[number]) => lastModified(post).time;
  // A list page changes when any post on it does: its newest publication or update.
  const newest = (list: typeof posts) =>
    list.length > 0 ? new Date(Math.max(...list.slice(0, site.postsPerPage).map(modified))) : undefined;
  const entry = (path: string, changed: Date | undefined) => ({
    url: absoluteUrl(path),
    ...(changed ? { lastModified: changed } : {}),
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
  const latest = (list: typeof posts) => new Date(Math.max(...list.map(modified)));
  const series = allSeries(posts);
  return [
    ...archive,
    ...posts.map((post) => entry(postPath(post.slug), new Date(modified(post)))),
    ...(tags.length > 0 ? [entry(tagsPath(), latest(posts)), ...tags] : []),
    ...(series.length > 0
      ? [
          entry(seriesIndexPath(), latest(series.flatMap((one) => one.posts))),
          ...series.map((one) => entry(seriesPath(one.slug), latest(one.posts))),
        ]
      : []),
    ...authorsWithPosts(posts).map((author) => entry(authorPath(author.id), latest(author.posts))),
  ];
}
