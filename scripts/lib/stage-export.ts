/**
 * The last step of `npm run check -- --build` (the `prebuild` of a static export): what used to
 * run after `next build` in a process of its own, done here where the posts are already read and
 * rendered, and left in `.build/` for `postbuild` (scripts/postbuild.mjs, plain Node, no
 * TypeScript loader) to move into `out/`:
 * - the search index (lib/search-records.ts), made from the posts, not from the pages;
 * - the placeholder pages to remove (lib/placeholders.ts): those of routes that have nothing to
 *   show (no posts, tags, aliases, series or authors yet).
 * This saves a Node start, a TypeScript loader and a second read of every post per build.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getAliases, getAllPosts } from '../../lib/api';
import { authorsWithPosts } from '../../lib/authors';
import { collectGarbage } from '../../lib/build-heap';
import { placeholderFolders } from '../../lib/placeholders';
import { freezePostsFolder } from '../../lib/posts/source';
import { writeSearchIndex } from '../../lib/search-records';
import { allSeries } from '../../lib/series';
import { allTags } from '../../lib/tags';

/** Where the staged work waits for `postbuild`. */
export const STAGE_DIR = '.build';

/** What `postbuild` reads: `.build/postbuild.json`. */
export type StagedWork = {
  /** Folders of `out/` that hold placeholder pages, to remove. */
  remove: string[];
  /** The search index's folder inside `.build/`, which becomes `out/pagefind/`. */
  searchIndex: string;
  /** Published posts in the index, for the summary line. */
  indexedPosts: number;
};

/** Stages the post-build work of a static export in `.build/`; returns what it staged. */
export async function stageExport(root = process.cwd()): Promise<StagedWork> {
  freezePostsFolder();
  const stage = path.join(root, STAGE_DIR);
  await rm(stage, { recursive: true, force: true });
  await mkdir(stage, { recursive: true });
  const posts = await getAllPosts();
  const empty = {
    post: posts.length === 0,
    tag: allTags(posts).length === 0,
    alias: (await getAliases()).length === 0,
    series: allSeries(posts).length === 0,
    author: authorsWithPosts(posts).length === 0,
  };
  const remove = (['post', 'tag', 'alias', 'series', 'author'] as const)
    .filter((route) => empty[route])
    .map((route) => placeholderFolders[route]);
  // Pagefind holds its whole index in memory (0.9 GB at 10,000 posts): the garbage of rendering
  // every body goes first, so that the two do not add up.
  collectGarbage();
  const { posts: indexedPosts } = await writeSearchIndex(path.join(stage, 'pagefind'));
  const work: StagedWork = { remove, searchIndex: 'pagefind', indexedPosts };
  await writeFile(path.join(stage, 'postbuild.json'), `${JSON.stringify(work, null, 2)}\n`);
  return work;
}
