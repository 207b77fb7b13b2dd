/**
 * After an export (`postbuild`): removes from `out/` the placeholder pages of routes that had
 * nothing to show (see lib/placeholders.ts). Only those: a post, a tag or an alias that happens to
 * share a placeholder's name is real, and stays.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { getAliases, getAllPosts } from '../lib/api';
import { placeholderFolders } from '../lib/placeholders';
import { authorsWithPosts } from '../lib/authors';
import { allSeries } from '../lib/series';
import { allTags } from '../lib/tags';
import { readPostsAsBuilt } from './lib/as-built';

if (process.env.BLOG_OUTPUT !== 'server') {
  readPostsAsBuilt();
  const posts = await getAllPosts();
  const empty = {
    post: posts.length === 0,
    tag: allTags(posts).length === 0,
    alias: (await getAliases()).length === 0,
    series: allSeries(posts).length === 0,
    author: authorsWithPosts(posts).length === 0,
  };
  for (const route of ['post', 'tag', 'alias', 'series', 'author'] as const) {
    if (empty[route]) await rm(path.join('out', placeholderFolders[route]), { recursive: true, force: true });
  }
}
