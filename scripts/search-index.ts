/**
 * Writes the full-text search index (lib/search-records.ts) from the posts after a build:
 * - after `npm run build` (`postbuild`): to `out/pagefind/`, beside the export;
 * - after `npm run build:server` (`postbuild:server`): to `public/pagefind/`, served by
 *   `next start` and copied into the standalone server. Posts added after the build are found once
 *   the server is built again.
 */
import path from 'node:path';
import { stopRenderWorkers } from '../lib/render-pool';
import { writeSearchIndex } from '../lib/search-records';
import { readPostsAsBuilt } from './lib/as-built';

readPostsAsBuilt();
const started = performance.now();
const outputPath = path.join(process.env.BLOG_OUTPUT === 'server' ? 'public' : 'out', 'pagefind');
try {
  const { posts } = await writeSearchIndex(path.resolve(outputPath));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `Search index: ${posts} post${posts === 1 ? '' : 's'} indexed in ${seconds} s, written to ${outputPath}/`,
  );
} finally {
  // Bodies are rendered in worker threads; the process ends once they stop.
  await stopRenderWorkers();
}
