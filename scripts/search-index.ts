/**
 * Writes the full-text search index (lib/search-records.ts) from the posts after a build:
 * - after `npm run build` (`postbuild`): to `out/pagefind/`, beside the export;
 * - after `npm run build:server` (`postbuild:server`): as the first version of the index a server
 *   keeps (`.next/search-index/build/`, lib/live-search-index.ts), which the server serves at
 *   `/pagefind/` and rebuilds when the posts change.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { getPublishedVersion } from '../lib/api';
import { writePointer } from '../lib/live-search-index';
import { stopRenderWorkers } from '../lib/render-pool';
import { searchIndexRoot } from '../lib/search-index-server';
import { writeSearchIndex } from '../lib/search-records';
import { readPostsAsBuilt } from './lib/as-built';

readPostsAsBuilt();
const started = performance.now();
const server = process.env.BLOG_OUTPUT === 'server';
const root = searchIndexRoot();
const outputPath = server ? path.join(root, 'build') : path.resolve('out', 'pagefind');
try {
  if (server) {
    // Older server builds wrote it to public/, where it would shadow the index the server keeps.
    await rm(path.resolve('public', 'pagefind'), { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  }
  const { posts } = await writeSearchIndex(outputPath);
  if (server) await writePointer(root, { dir: 'build', version: await getPublishedVersion() });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `Search index: ${posts} post${posts === 1 ? '' : 's'} indexed in ${seconds} s, written to ${path.relative(process.cwd(), outputPath)}/`,
  );
} finally {
  // Bodies are rendered in worker threads; the process ends once they stop.
  await stopRenderWorkers();
}
